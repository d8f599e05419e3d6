"""The rules on real (synthesised) call recordings: what the audio shows, and that each result
says whether it was judged from the audio or from the transcript's timestamps.

The main call comes from ``conftest.audio`` (known clip times); its transcript is written
here from those times. Small extra calls are built with the same ``synth`` helpers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline_qa.audio import synth
from hotline_qa.core.findings import Basis, Status
from hotline_qa.ingest.detect import load_calls
from hotline_qa.pipeline import Engine, evaluate_recording, transcript_beside
from hotline_qa.rules.rulebook import load_rulebook

from .conftest import AGENT_TEXTS, CUSTOMER_TEXTS, CallAudio

AGENT_ORDER = ("greet", "explain", "reply", "bye")
CUSTOMER_ORDER = ("complain", "m1", "m2", "m3", "m4", "m5", "m4", "ok")


def _clock(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m):02d}:{s:04.1f}"


def transcript(turns: list[tuple[float, float, str, str]]) -> str:
    """Dialogue notation from (start, end, role_zh, text), in time order."""
    return "".join(f"[{_clock(a)}-{_clock(b)} {who}] {text}\n" for a, b, who, text in sorted(turns))


def main_transcript(ca: CallAudio) -> str:
    turns = [(a, b, "坐席", AGENT_TEXTS[k]) for (a, b), k in zip(ca.agent_clips, AGENT_ORDER, strict=True)]
    turns += [(a, b, "客户", CUSTOMER_TEXTS[k]) for (a, b), k in zip(ca.customer_clips, CUSTOMER_ORDER, strict=True)]
    return transcript(turns)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def paired(audio: CallAudio, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``call.wav`` with ``call.txt`` (timed transcript) and ``call.meta.json`` beside it."""
    d = tmp_path_factory.mktemp("paired")
    wav = d / "call.wav"
    wav.symlink_to(audio.files["base"])
    (d / "call.txt").write_text(main_transcript(audio), encoding="utf-8")
    (d / "call.meta.json").write_text('{"call_id": "REC-1", "agent_name": "周敏"}', encoding="utf-8")
    return wav


def _alone(src: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    if not out.exists():
        out.symlink_to(src)
    return out


def test_recording_with_its_transcript_is_one_evaluation_of_sound_and_words(audio, paired, engine) -> None:
    assert transcript_beside(paired) == paired.with_suffix(".txt")
    ev = evaluate_recording(paired, engine=engine)
    rec = ev.to_dict()
    assert rec["call_id"] == "REC-1" and rec["call"]["metadata"]["agent_name"] == "周敏"
    assert len(rec["call"]["utterances"]) == 12 and rec["audio"]["timeline"]["segments"]
    # Dead air: the 12 s silence, measured on the audio.
    lis003 = ev.result("LIS003")
    assert lis003.status is Status.FINDING and lis003.basis is Basis.AUDIO
    [gap] = lis003.findings
    assert gap.details["seconds"] == pytest.approx(12.0, abs=0.5)
    assert gap.evidence.time_start == pytest.approx(audio.truth["silence_start"], abs=0.4)
    # The agent cut in 1.5 s before the customer finished; the transcript turn is the evidence.
    lis001 = ev.result("LIS001")
    assert lis001.status is Status.FINDING and lis001.basis is Basis.AUDIO
    cut = lis001.findings[0]
    assert cut.evidence.time_start == pytest.approx(audio.truth["interrupt_at"], abs=0.3)
    assert cut.details["overlap_seconds"] == pytest.approx(1.5, abs=0.4)
    assert cut.evidence.utterances  # aligned to the transcript turns
    # The customer's monologue of over 30 s with no agent sound.
    lis002 = ev.result("LIS002")
    assert lis002.status is Status.FINDING and lis002.basis is Basis.AUDIO
    assert lis002.findings[0].details["seconds"] > 30
    # The words are judged too (text rules ran on the transcript).
    assert ev.result("OPN002").status is not Status.NOT_APPLICABLE
    assert ev.result("OPN001").basis is Basis.AUDIO
    # Voice: a normal level, no noise.
    assert ev.result("VOC003").status is Status.PASSED and ev.result("VOC003").basis is Basis.AUDIO
    assert ev.result("VOC005").status is Status.PASSED
    # Speech rate over the time actually spoken, aligned to the transcript turns.
    voc001 = ev.result("VOC001")
    assert voc001.basis is Basis.AUDIO and voc001.details["seconds_from"] == "audio"


def test_the_same_call_without_its_recording_is_judged_from_timestamps(audio, paired, engine) -> None:
    [call] = load_calls(paired.with_suffix(".txt"))
    ev = engine.evaluate(call)
    assert "audio" not in ev.to_dict()
    lis003 = ev.result("LIS003")
    assert lis003.status is Status.FINDING and lis003.basis is Basis.TIMESTAMPS
    assert lis003.findings[0].details["seconds"] == pytest.approx(12.0, abs=0.5)
    assert ev.result("LIS001").basis is Basis.TIMESTAMPS
    assert ev.result("VOC003").status is Status.NOT_APPLICABLE
    assert ev.result("VOC001").details["seconds_from"] == "timestamps"


def test_a_recording_alone_runs_the_audio_rules_and_no_text_rule(audio, tmp_path, engine) -> None:
    wav = _alone(audio.files["base"], tmp_path / "alone", "lonely.wav")
    ev = evaluate_recording(wav, engine=engine)
    assert ev.call_id == "lonely" and ev.to_dict()["call"]["utterances"] == []
    for code in ("OPN003", "POL001", "CLS001", "HLD002"):
        r = ev.result(code)
        assert r.status is Status.NOT_APPLICABLE and "没有转写" in r.reason, (code, r.reason)
    lis003 = ev.result("LIS003")
    assert lis003.status is Status.FINDING and lis003.basis is Basis.AUDIO
    assert "无法确认是否告知等待" in lis003.findings[0].explanation
    # Without words a long agent sound over the customer counts as cutting in.
    lis001 = ev.result("LIS001")
    assert lis001.status is Status.FINDING and lis001.basis is Basis.AUDIO
    # The syllables counted in the sound stand in for the characters.
    voc001 = ev.result("VOC001")
    assert voc001.basis is Basis.AUDIO and voc001.details["seconds_from"] == "audio_syllables"
    assert 150 < voc001.details["call_rate"] < 330
    # OPN001 knows only when the agent first spoke.
    opn001 = ev.result("OPN001")
    assert opn001.status is Status.NOT_APPLICABLE and opn001.details["first_agent_speech"] == pytest.approx(0.5, abs=0.3)


def test_quiet_agent_loud_agent_and_noise(audio, tmp_path, engine) -> None:
    d = audio.folder
    quiet = synth.merge(synth.gain(d / "agent.wav", tmp_path / "aq.wav", -22), d / "customer.wav", tmp_path / "q.wav")
    noisy = synth.merge(synth.add_noise(d / "agent.wav", tmp_path / "an.wav", level=0.02), d / "customer.wav",
                        tmp_path / "n.wav")
    r = evaluate_recording(quiet, engine=engine).result("VOC003")
    assert r.status is Status.FINDING and r.basis is Basis.AUDIO and "过小" in r.findings[0].message
    assert r.details["speech_dbfs"] < -35
    r = evaluate_recording(audio.files["clipped"], engine=engine).result("VOC003")
    assert r.status is Status.FINDING and any("削波" in f.message for f in r.findings)
    r = evaluate_recording(noisy, engine=engine).result("VOC005")
    assert r.status is Status.FINDING and r.basis is Basis.AUDIO
    assert r.details["noise_floor_dbfs"] > -50
    clean = evaluate_recording(audio.files["base"], engine=engine)
    assert clean.result("VOC005").status is Status.PASSED
    assert clean.result("VOC005").details["noise_floor_dbfs"] < -60


def test_a_mono_recording_gives_no_voice_verdicts(audio, engine) -> None:
    ev = evaluate_recording(audio.files["mono"], engine=engine)
    assert ev.result("VOC003").status is Status.NOT_APPLICABLE and "单声道" in ev.result("VOC003").reason
    # Silences need no channel per party.
    assert ev.result("LIS003").status is Status.FINDING and ev.result("LIS003").basis is Basis.AUDIO


@pytest.fixture(scope="module")
def small(audio: CallAudio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Short calls: a backchannel over the customer, a long hold, a monotone and a lively voice."""
    d = tmp_path_factory.mktemp("small")
    clips = audio.clips
    out: dict[str, Path] = {}
    # A backchannel: "嗯嗯，好的好的" said slowly (about 1.6 s) in the middle of the complaint.
    bc = synth.speak("嗯嗯，好的好的", d / "bc.wav", speed=100)
    comp = synth.duration(clips["complain"])
    bc_at, bc_len = 0.5 + comp / 2, synth.duration(bc)
    total = 0.5 + comp + 2.0
    synth.channel_track([(bc_at, bc)], d / "bc_agent.wav", total)
    synth.channel_track([(0.5, clips["complain"])], d / "bc_customer.wav", total)
    out["bc"] = synth.merge(d / "bc_agent.wav", d / "bc_customer.wav", d / "bc.call.wav")
    (d / "bc.call.txt").write_text(transcript([
        (0.5, 0.5 + comp, "客户", CUSTOMER_TEXTS["complain"]), (bc_at, bc_at + bc_len, "坐席", "嗯嗯，好的好的")]),
        encoding="utf-8")
    out["bc_alone"] = _alone(out["bc"], d / "alone", "bc_alone.wav")

    # A hold: "请您稍等一分钟" then 68 s of dead air. The transcript's timing pads the resume turn
    # by 6 s (62 s of hold on paper, inside the announced minute plus 5 s), the audio hears 68 s.
    ask = synth.speak("你好，我想查一下我上个月的话费。", d / "ask.wav")
    hold = synth.speak("好的，您的问题需要查询一下，请您稍等一分钟。", d / "hold.wav")
    back = synth.speak("感谢您的耐心等待，已经帮您查到了，上个月话费是五十八元。", d / "back.wav")
    ok = synth.speak("好的，谢谢。", d / "ok.wav")
    t_ask, t_hold = 0.5, 0.5 + synth.duration(ask) + 0.6
    hold_end = t_hold + synth.duration(hold)
    t_back = hold_end + 68.0
    t_ok = t_back + synth.duration(back) + 0.5
    total = t_ok + synth.duration(ok) + 2.0
    synth.channel_track([(t_hold, hold), (t_back, back)], d / "h_agent.wav", total)
    synth.channel_track([(t_ask, ask), (t_ok, ok)], d / "h_customer.wav", total)
    out["hold"] = synth.merge(d / "h_agent.wav", d / "h_customer.wav", d / "hold.call.wav")
    (d / "hold.call.txt").write_text(transcript([
        (t_ask, t_ask + synth.duration(ask), "客户", "你好，我想查一下我上个月的话费。"),
        (t_hold, hold_end, "坐席", "好的，您的问题需要查询一下，请您稍等一分钟。"),
        (t_back - 6.0, t_back + synth.duration(back), "坐席", "感谢您的耐心等待，已经帮您查到了，上个月话费是五十八元。"),
        (t_ok, t_ok + synth.duration(ok), "客户", "好的，谢谢。")]), encoding="utf-8")

    # Voices for VOC004: a buzz at one pitch, and one gliding over an octave.
    for name, spec in (("monotone", ["sawtooth", "150"]), ("lively", ["sawtooth", "110:220"])):
        clip = d / f"{name}.clip.wav"
        synth._run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(clip), "synth", "6", *spec,
                    "tremolo", "4", "80", "gain", "-6"])
        synth.channel_track([(0.5, clip)], d / f"{name}_agent.wav", 10.0)
        synth.channel_track([(7.0, clips["ok"])], d / f"{name}_customer.wav", 10.0)
        out[name] = synth.merge(d / f"{name}_agent.wav", d / f"{name}_customer.wav", d / f"{name}.wav")
    return out


def test_a_backchannel_over_the_customer_is_excused_by_its_words(small, engine) -> None:
    with_words = evaluate_recording(small["bc"], engine=engine).result("LIS001")
    assert with_words.status is Status.PASSED and with_words.basis is Basis.AUDIO
    # Without the transcript the same 1.6 s of agent sound is longer than a backchannel may be.
    alone = evaluate_recording(small["bc_alone"], engine=engine).result("LIS001")
    assert alone.status is Status.FINDING and alone.basis is Basis.AUDIO


def test_hold_length_comes_from_the_silence_the_customer_heard(small, engine) -> None:
    ev = evaluate_recording(small["hold"], engine=engine)
    r = ev.result("HLD002")
    assert r.status is Status.FINDING and r.basis is Basis.AUDIO
    assert r.findings[0].details["hold_seconds"] == pytest.approx(68.0, abs=1.0)
    # Announced with "请您稍等": no dead-air finding, judged on the audio.
    assert ev.result("LIS003").status is Status.PASSED and ev.result("LIS003").basis is Basis.AUDIO
    # From the transcript alone the padded timing hides the overrun.
    [call] = load_calls(small["hold"].with_suffix(".txt"))
    on_paper = engine.evaluate(call).result("HLD002")
    assert on_paper.status is Status.PASSED and on_paper.basis is Basis.TEXT


def test_monotone_voice(small, engine) -> None:
    flat = evaluate_recording(small["monotone"], engine=engine, vad="webrtc").result("VOC004")
    assert flat.status is Status.FINDING and flat.basis is Basis.AUDIO
    assert flat.details["pitch_range_semitones"] < 1
    lively = evaluate_recording(small["lively"], engine=engine, vad="webrtc").result("VOC004")
    assert lively.status is Status.PASSED and lively.details["pitch_range_semitones"] > 8


def test_a_call_cut_while_the_customer_speaks(audio, tmp_path, engine) -> None:
    cut_at = audio.truth["cut_at"] + 2.0  # the customer is in the middle of a sentence
    cut = synth.convert(audio.files["base"], tmp_path / "cut.wav", effects=("trim", "0", f"{cut_at:.2f}"))
    r = evaluate_recording(cut, engine=engine).result("CLS004")
    assert r.status is Status.FINDING and r.basis is Basis.AUDIO
    # Inferred from the sound alone (no hang-up party on record): major, not a red line.
    assert r.findings[0].severity is not None and r.findings[0].severity.value == "major"
    assert "CLS004" not in evaluate_recording(cut, engine=engine).red_lines
    # The full call: the customer said goodbye 3 s before the end; who hung up cannot be told.
    full = evaluate_recording(audio.files["base"], engine=engine).result("CLS004")
    assert full.status is Status.NOT_APPLICABLE and "客户" in full.reason


def test_hangup_by_agent_with_the_customer_still_speaking_on_the_recording(audio, tmp_path, engine) -> None:
    cut_at = audio.truth["cut_at"] + 2.0
    d = tmp_path / "m"
    d.mkdir()
    cut = synth.convert(audio.files["base"], d / "cut.wav", effects=("trim", "0", f"{cut_at:.2f}"))
    (d / "cut.meta.json").write_text('{"hangup_by": "agent"}', encoding="utf-8")
    r = evaluate_recording(cut, engine=engine).result("CLS004")
    assert r.status is Status.FINDING and r.basis is Basis.METADATA
    assert "录音中客户仍在说话" in r.findings[0].message
    assert r.findings[0].severity is not None and r.findings[0].severity.value == "fatal"


def test_rulebook_thresholds_drive_the_audio_rules(audio, tmp_path) -> None:
    book = load_rulebook(text="rules:\n  VOC003:\n    params:\n      min_dbfs: -15\n")
    r = evaluate_recording(audio.files["base"], engine=Engine(book, only={"VOC003"})).result("VOC003")
    assert r.status is Status.FINDING and r.details["band_dbfs"][0] == -15


def test_html_report_embeds_the_recording_but_not_in_a_redacted_page(paired, engine) -> None:
    from hotline_qa.reports.html_report import render_html

    ev = evaluate_recording(paired, engine=engine)
    page = render_html(ev)
    assert 'src="data:audio/wav;base64,' in page and "按录音的语音检测" in page
    redacted = render_html(ev, redact=True, media_base=paired.parent)
    assert "data:audio" not in redacted and 'src="call.wav"' in redacted and "遮蔽" in redacted


def test_the_record_with_audio_validates_against_the_published_schema(paired, engine) -> None:
    import json

    import jsonschema

    from hotline_qa.reports.json_report import evaluation_json

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "evaluation.schema.json")
                        .read_text(encoding="utf-8"))
    record = json.loads(evaluation_json(evaluate_recording(paired, engine=engine)))
    jsonschema.Draft202012Validator(schema).validate(record)
    assert record["audio"]["timeline"]["long_silences"] and record["audio"]["speakers"]["agent"]["level"]
    record["audio"]["timeline"]["segments"][0]["role"] = "robot"
    assert not jsonschema.Draft202012Validator(schema).is_valid(record)
