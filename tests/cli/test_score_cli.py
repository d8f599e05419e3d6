"""The `hotline-qa` command as a user runs it (a real subprocess for the exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from hotline_qa.cli.app import app
from hotline_qa.cli.demo import samples_dir

runner = CliRunner()
GOOD = samples_dir() / "01_good_broadband.txt"
BAD = samples_dir() / "02_bad_opening_taboo.txt"


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "hotline_qa.cli.app", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def test_score_json_has_the_evaluation_record_and_exit_1_on_findings() -> None:
    proc = _cli("score", str(BAD), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    record = json.loads(proc.stdout)
    assert record["call_id"] == "S02-bad-opening-taboo"
    assert record["passed"] is False
    codes = {r["code"] for r in record["results"] if r["status"] == "finding"}
    assert {"OPN002", "OPN003", "POL001", "TAB001"} <= codes


def test_one_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"Result": {"Sentences": [', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = _cli("score", str(tmp_path), "--format", "jsonl", "--out", str(out), "--jobs", "2")
    assert proc.returncode == 2
    assert "broken.json" in proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"].endswith("good.txt")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _cli("score", str(tmp_path / "nothing-here.txt")).returncode == 2
    res = runner.invoke(app, ["score", str(GOOD), "--roles", "A=boss"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["score", str(GOOD), "--only", "NOPE01"])
    assert res.exit_code == 2


def test_redact_masks_phone_numbers_everywhere() -> None:
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--redact"])
    assert res.exit_code in (0, 1), res.output
    assert "13812345678" not in res.stdout and "幺三八 一二三四 五六七八" not in res.stdout
    plain = runner.invoke(app, ["score", str(GOOD), "--format", "json"])
    assert "13812345678" in plain.stdout


def test_html_reports_written_with_index(tmp_path: Path) -> None:
    res = runner.invoke(app, ["score", str(GOOD), str(BAD), "--format", "html", "--out", str(tmp_path)])
    assert res.exit_code == 1, res.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "index.html" in names and len(names) == 3


def test_meta_option_overrides_sidecar() -> None:
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--only", "ANS001",
                              "--meta", "ring_seconds=40"])
    record = json.loads(res.stdout)
    assert record["results"][0]["status"] == "finding"
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--only", "ANS001"])
    assert json.loads(res.stdout)["results"][0]["status"] == "passed"


def test_rules_explain_validate(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "OPN003" in res.output and "TAB001" in res.output
    res = runner.invoke(app, ["explain", "opn003"])
    assert res.exit_code == 0
    assert "错误示例" in res.output and "正确示例" in res.output and "→" in res.output
    assert runner.invoke(app, ["explain", "XXX000"]).exit_code == 2
    bad = tmp_path / "r.yaml"
    bad.write_text("form:\n  pass_score: -1\n", encoding="utf-8")
    res = runner.invoke(app, ["validate-rulebook", str(bad)])
    assert res.exit_code == 2 and "line 2" in res.output
    ok = tmp_path / "ok.yaml"
    ok.write_text("version: mine\nrules:\n  FIL001: {params: {max_count: 5}}\n", encoding="utf-8")
    res = runner.invoke(app, ["validate-rulebook", str(ok)])
    assert res.exit_code == 0 and "mine" in res.output


def test_demo_scores_every_bundled_sample(tmp_path: Path) -> None:
    res = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    n_samples = len([p for p in samples_dir().iterdir()
                     if p.suffix in {".txt", ".json", ".srt", ".csv"} and not p.name.endswith(".meta.json")])
    assert n_samples >= 10
    assert f"scored {n_samples} sample calls" in res.output
    assert (tmp_path / "index.html").exists()
    assert "跳过" not in res.output
