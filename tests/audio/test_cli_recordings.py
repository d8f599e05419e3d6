"""`hotline-qa score` with call recordings among its paths."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hotline_qa.batch.runner import expand_paths
from hotline_qa.cli.app import app
from hotline_qa.cli.demo import samples_dir

from .conftest import CallAudio
from .test_rules_on_audio import main_transcript

runner = CliRunner()


@pytest.fixture()
def folder(audio: CallAudio, tmp_path: Path) -> Path:
    """A folder as a call center exports it: recordings, transcripts beside some, sidecars."""
    shutil.copy(audio.files["base"], tmp_path / "call.wav")
    (tmp_path / "call.txt").write_text(main_transcript(audio), encoding="utf-8")
    (tmp_path / "call.meta.json").write_text('{"call_id": "REC-9"}', encoding="utf-8")
    shutil.copy(audio.files["flac"], tmp_path / "lonely.flac")
    shutil.copy(samples_dir() / "01_good_broadband.txt", tmp_path / "paper.txt")
    return tmp_path


def test_a_recording_and_its_transcript_are_paired_into_one_call(folder: Path) -> None:
    names = sorted(p.name for p in expand_paths([folder]))
    assert names == ["call.wav", "lonely.flac", "paper.txt"]
    # Given explicitly, the transcript beside a recording is not scored twice either.
    assert sorted(p.name for p in expand_paths([folder / "call.wav", folder / "call.txt"])) == ["call.wav"]


def test_score_a_folder_with_recordings(folder: Path) -> None:
    res = runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--vad", "webrtc", "--jobs", "1"])
    assert res.exit_code == 1, res.output
    records = {r["call_id"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert set(records) == {"REC-9", "lonely", "paper"}
    rec = records["REC-9"]
    assert rec["source"].endswith("call.wav") and rec["audio"]["vad"] == "webrtc"
    assert len(rec["call"]["utterances"]) == 12
    basis = {r["code"]: r["basis"] for r in rec["results"]}
    assert basis["LIS003"] == "audio" and basis["VOC003"] == "audio"
    assert records["lonely"]["call"]["utterances"] == [] and "audio" in records["lonely"]
    assert "audio" not in records["paper"]


def test_channels_option_maps_a_swapped_recording(audio: CallAudio, tmp_path: Path) -> None:
    wav = tmp_path / "swapped.wav"
    shutil.copy(audio.files["swapped"], wav)
    res = runner.invoke(app, ["score", str(wav), "--format", "json", "--channels", "客户,坐席", "--vad", "webrtc"])
    rec = json.loads(res.stdout)
    assert rec["audio"]["recording"]["roles"] == ["customer", "agent"]
    lis001 = next(r for r in rec["results"] if r["code"] == "LIS001")
    assert lis001["status"] == "finding"
    start = lis001["findings"][0]["evidence"]["time_start"]
    assert start == pytest.approx(audio.truth["interrupt_at"], abs=0.3)


def test_bad_channels_option_is_a_usage_error(folder: Path) -> None:
    res = runner.invoke(app, ["score", str(folder / "call.wav"), "--channels", "agent,agent"])
    assert res.exit_code == 2 and "--channels" in res.output


def test_missing_audio_extra_says_what_to_install(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hotline_qa.audio", None)  # import fails as if not installed
    res = runner.invoke(app, ["score", str(folder / "call.wav")])
    assert res.exit_code == 2
    assert "pip install 'hotline-qa[audio]'" in res.output
