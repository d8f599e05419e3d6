"""Shapes found in a blind new-user trial of the importers (fixtures in ``data/``): a label
with its time in brackets, Taiwan wording in Big5 headings, Alibaba mono results without
speaker separation (flagged), our JSON written in milliseconds, WebVTT voices naming a person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes, load_calls_from_text

DATA = Path(__file__).parent / "data"
A, C = Role.AGENT, Role.CUSTOMER


def _turns(call: Call) -> list[tuple[Role, float | None, float | None]]:
    return [(u.role, u.start, u.end) for u in call.utterances]


# --- a label, then its time in brackets --------------------------------------------------

def test_label_then_bracketed_time_gives_role_and_times() -> None:
    (call,) = load_calls(DATA / "dialogue_label_bracket_time.txt")
    roles_times = _turns(call)
    assert roles_times[:3] == [(A, 1.0, 5.0), (C, 6.0, 14.0), (A, 14.0, 20.0)]
    assert roles_times[3][:2] == (C, 20.0)
    # the time went into the turn, not into its text; a time inside the text stays text
    assert call.utterances[0].original.startswith("您好")
    assert "（10:00）" in call.utterances[1].original
    assert "地址：幸福路18号" in call.utterances[1].original  # the indented line continues the turn


@pytest.mark.parametrize("line", ["坐席(00:01:02)：您好", "坐席[00:01:02]: 您好", "坐席 【00:01:02】 您好",
                                  "坐席（00:01:02-00:01:04）您好"])
def test_label_then_bracketed_time_forms(line: str) -> None:
    (call,) = load_calls_from_text(line + "\n客户(00:01:05)：喂\n")
    first = call.utterances[0]
    assert (first.role, first.start, first.original) == (A, 62.0, "您好")


def test_speaker_ids_with_bracketed_times() -> None:
    (call,) = load_calls_from_text("说话人1 (00:01): 您好，12345热线，很高兴为您服务\n说话人2 (00:06): 喂，你好\n")
    assert [(u.role, u.start, u.original) for u in call.utterances][:1] == [(A, 1.0, "您好，12345热线，很高兴为您服务")]
    assert (call.utterances[1].role, call.utterances[1].start) == (C, 6.0)


def test_bracketed_name_after_label_is_still_a_name() -> None:
    (call,) = load_calls_from_text("坐席(张三)：您好\n客户(138****0000)：喂\n")
    assert [(u.role, u.start, u.original) for u in call.utterances] == [(A, None, "您好"), (C, None, "喂")]


def test_unknown_label_with_bracketed_time_names_the_line() -> None:
    with pytest.raises(InputError) as err:
        load_calls_from_text("坐席(00:00:01)：您好\n王师傅(00:00:05)：我来修\n")
    assert err.value.line == 2
    assert "王师傅" in str(err.value) and "--roles" in str(err.value)


def test_heading_with_bracketed_time_of_day_big5() -> None:
    (call,) = load_calls(DATA / "dialogue_heading_bracket_time_big5.txt")
    assert call.source_format == "dialogue_text/big5"
    assert [(u.role, u.start) for u in call.utterances] == [(A, 0.0), (C, 6.0), (A, 12.0), (C, 15.0)]
    assert call.utterances[1].original.startswith("你好")  # the heading's time is not in the text
    assert any("一天中的时刻" in w for w in call.warnings)


@pytest.mark.parametrize("label", ["民众", "民眾", "来电市民", "来电群众", "来电客户", "诉求人", "求助人"])
def test_more_customer_words(label: str) -> None:
    (call,) = load_calls_from_text(f"话务员：您好\n{label}：你好\n座席人员：请讲\n")
    assert [u.role for u in call.utterances] == [A, C, A]


def test_an_unlisted_word_is_still_an_unknown_label() -> None:
    with pytest.raises(InputError, match="来访者"):
        load_calls_from_text("话务员：您好\n来访者：你好\n")


# --- Alibaba mono without speaker separation ---------------------------------------------

def test_alibaba_mono_without_speaker_separation_is_flagged() -> None:
    (call,) = load_calls(DATA / "alibaba_mono_no_split.json")
    (warning,) = [w for w in call.warnings if "声道 0" in w]
    assert "ChannelId" in warning and "auto_split" in warning and "--roles 0=agent" in warning
    (confirmed,) = load_calls(DATA / "alibaba_mono_no_split.json", roles={"0": "agent"})
    assert not any("声道 0" in w for w in confirmed.warnings)


def test_alibaba_mono_with_speaker_ids_is_read() -> None:
    doc = json.loads((DATA / "alibaba_mono_no_split.json").read_text(encoding="utf-8"))
    for i, sentence in enumerate(doc["Result"]["Sentences"]):
        sentence["SpeakerId"] = str(i % 2 + 1)
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="mono_spk.json")
    assert [u.role for u in call.utterances] == [A, C, A, C, A]


def test_alibaba_flash_mono_is_flagged_with_its_key_names() -> None:
    sentences = [{"text": t, "begin_time": i * 5000, "end_time": i * 5000 + 4000, "channel_id": 0}
                 for i, t in enumerate(["您好，很高兴为您服务", "喂", "请讲", "我想问一下", "好的"])]
    doc = {"task_id": "t", "status": 20000000, "message": "SUCCESS", "flash_result": {"sentences": sentences}}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="flash.json")
    assert any("channel_id" in w and "声道 0" in w for w in call.warnings)


def test_alibaba_two_channels_are_not_flagged() -> None:
    doc = json.loads((DATA / "alibaba_mono_no_split.json").read_text(encoding="utf-8"))
    for i, sentence in enumerate(doc["Result"]["Sentences"]):
        sentence["ChannelId"] = i % 2
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="stereo.json")
    assert [u.role for u in call.utterances] == [A, C, A, C, A]
    assert not any("声道 0" in w for w in call.warnings)


def test_alibaba_short_one_channel_result_is_kept() -> None:
    doc = {"Result": {"Sentences": [{"BeginTime": 0, "EndTime": 3000, "Text": "您好，请讲", "ChannelId": 0},
                                    {"BeginTime": 3000, "EndTime": 6000, "Text": "好的", "ChannelId": 0}]}}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="short.json")
    assert [u.role for u in call.utterances] == [A, A]
    assert not any("声道 0" in w for w in call.warnings)  # up to three sentences may well be one-sided


# --- our JSON in milliseconds -------------------------------------------------------------

def test_native_json_in_milliseconds_is_refused() -> None:
    with pytest.raises(InputError) as err:
        load_calls(DATA / "native_times_in_ms.json")
    assert err.value.field == "$.utterances[0].start"
    assert "1000" in (err.value.hint or "")


def test_native_json_in_seconds_with_a_long_turn_is_read() -> None:
    doc = {"format": "hotline-qa/call@1", "utterances": [
        {"role": "agent", "text": "您好", "start": 0, "end": 4},
        {"role": "customer", "text": "我说一下情况" * 40, "start": 5, "end": 320},
        {"role": "agent", "text": "好的", "start": 321, "end": 323}]}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="long.json")
    assert _turns(call)[1] == (C, 5.0, 320.0)


# --- WebVTT voices naming a person ----------------------------------------------------------

def test_webvtt_voice_with_role_word_and_name() -> None:
    (call,) = load_calls(DATA / "call_voice_names.vtt")
    assert _turns(call) == [(A, 0.2, 4.2), (C, 5.2, 9.2), (A, 10.2, 14.2)]


def test_webvtt_voice_of_two_names_is_an_error() -> None:
    vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v 张三 李四>您好\n"
    with pytest.raises(InputError) as err:
        load_calls_from_text(vtt, source="x.vtt")
    assert err.value.line == 4
