"""Results saved the way users really save them: WhisperX and whisper.cpp JSON, Tencent's
callback body and SDK printout, Volcengine's standard-API answer and empty answers, the
ModelScope pipeline's FunASR output (fixtures in ``data/``, written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import detect_format, load_calls, load_calls_from_bytes

DATA = Path(__file__).parent / "data"
A, C, U = Role.AGENT, Role.CUSTOMER, Role.UNKNOWN
SIX = [A, C, A, C, A, C]
FIXTURES = {
    "whisperx_diarize.json": "whisper",
    "whisper_cpp_diarize.json": "whisper",
    "tencent_callback_form.txt": "tencent",
    "funasr_modelscope.json": "funasr",
    "volcengine_standard.json": "volcengine",
}


def _load(doc: Any, name: str = "result.json", **options: Any) -> Call:
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name=name, **options)
    return call


def _error(doc: Any, name: str = "result.json", **options: Any) -> InputError:
    data = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(data, name=name, **options)
    assert info.value.path == name  # every error names the file
    assert "无法识别的 JSON" not in str(info.value)
    return info.value


@pytest.mark.parametrize(("name", "fmt"), sorted(FIXTURES.items()))
def test_fixtures_are_detected_by_content_and_timed_in_seconds(name: str, fmt: str) -> None:
    data = (DATA / name).read_bytes()
    assert detect_format(data, data.decode("utf-8"), "upload.dat") == fmt
    (call,) = load_calls(DATA / name)
    assert call.source_format == fmt
    assert (call.utterances[0].start, call.utterances[0].end) == (0.42, 4.05)
    assert (call.utterances[-1].start, call.utterances[-1].end) == (22.4, 24.0)
    assert "工号2051" in call.utterances[0].text
    assert any("坐席" in w for w in call.warnings)  # the inferred agent is named


# --- Whisper family --------------------------------------------------------------------

def test_whisperx_speakers_are_anonymous_ids_and_a_missing_speaker_is_unknown() -> None:
    (call,) = load_calls(DATA / "whisperx_diarize.json")
    assert [u.role for u in call.utterances] == [A, C, A, U, A, C]
    assert call.utterances[0].original == "您好，这里是市供水服务热线，工号2051，请问有什么可以帮您？"  # no leading space
    assert any("unknown" in w for w in call.warnings)
    (given,) = load_calls(DATA / "whisperx_diarize.json", roles={"SPEAKER_00": "agent"})
    assert [u.role for u in given.utterances] == [C, A, C, U, C, A]


def test_whisper_cpp_offsets_are_milliseconds_and_an_undecided_speaker_is_not_a_speaker() -> None:
    (call,) = load_calls(DATA / "whisper_cpp_diarize.json")
    assert [u.role for u in call.utterances] == SIX
    assert not any("unknown" in w for w in call.warnings)  # the "?" segment is only [音乐]
    (given,) = load_calls(DATA / "whisper_cpp_diarize.json", roles={"1": "agent"})
    assert [u.role for u in given.utterances] == [C, A, C, A, C, A]


def test_speaker_letters_are_not_the_a_b_role_labels() -> None:
    doc = {"segments": [{"start": 0.0, "end": 2.0, "text": "喂，我要投诉。", "speaker": "A"},
                        {"start": 2.2, "end": 5.0, "text": "您好，这里是热线，工号007。", "speaker": "B"}]}
    call = _load(doc)
    assert [u.role for u in call.utterances] == [C, A]  # by the opening, not "A" = agent


@pytest.mark.parametrize(("doc", "field"), [
    ({"text": "您好", "language": "zh", "segments": [
        {"id": 0, "seek": 0, "start": 0.0, "end": 2.0, "text": "您好", "tokens": [1], "temperature": 0.0,
         "avg_logprob": -0.3, "compression_ratio": 1.1, "no_speech_prob": 0.02}]}, "segments[0].speaker"),
    ([{"id": 1, "start": 0.0, "end": 2.0, "text": "您好"}, {"id": 2, "start": 2.0, "end": 3.0, "text": "喂"}],
     "[0].speaker"),
    ({"transcription": [{"timestamps": {"from": "00:00:00,000", "to": "00:00:02,000"},
                         "offsets": {"from": 0, "to": 2000}, "text": "您好"}]}, "transcription[0].speaker"),
])
def test_whisper_without_speakers_says_how_to_get_them(doc: Any, field: str) -> None:
    error = _error(doc)
    assert error.field == field
    assert "说话人" in str(error) and "WhisperX" in (error.hint or "") and "坐席：" in (error.hint or "")


def test_whisper_with_one_speaker_only_is_refused() -> None:
    doc = {"segments": [{"start": float(i), "end": i + 0.9, "text": f"第{i}句", "speaker": "SPEAKER_00"}
                        for i in range(5)]}
    assert _error(doc).field == "segments[0].speaker"


# --- Tencent ---------------------------------------------------------------------------

def test_tencent_callback_form_body_roles_follow_the_opening_or_roles() -> None:
    (call,) = load_calls(DATA / "tencent_callback_form.txt")
    assert [u.role for u in call.utterances] == SIX
    (given,) = load_calls(DATA / "tencent_callback_form.txt", roles={"1": "agent"})
    assert [u.role for u in given.utterances] == [C, A, C, A, C, A]


def _callback(**fields: Any) -> bytes:
    return urlencode({"code": 0, "requestId": 4000048858, "appid": 1, "projectid": 0, "message": "",
                      "audioTime": 8.4, **fields}).encode()


def test_tencent_callback_without_result_detail_reads_the_text_lines() -> None:
    text = "[0:0.500,0:3.200,0]  您好，热线，工号12。\n[0:3.500,0:6.000,1]  我家停电了。\n"
    (call,) = load_calls_from_bytes(_callback(text=text, resultDetail=""), name="cb.txt")
    assert [(u.role, u.start, u.end, u.original) for u in call.utterances] == [
        (A, 0.5, 3.2, "您好，热线，工号12。"), (C, 3.5, 6.0, "我家停电了。")]


def test_tencent_callback_saved_as_json_with_lower_camel_detail_keys() -> None:
    detail = [{"finalSentence": "我家停电了。", "startMs": 3500, "endMs": 6000, "speakerId": 1},
              {"finalSentence": "您好，热线，工号12。", "startMs": 500, "endMs": 3200, "speakerId": 0}]
    call = _load({"code": 0, "requestId": 1, "text": "", "audioTime": 6.0,
                  "resultDetail": json.dumps(detail, ensure_ascii=False)})
    assert call.source_format == "tencent"
    assert [(u.role, u.start) for u in call.utterances] == [(A, 0.5), (C, 3.5)]


def test_tencent_failed_callback_names_the_code_and_its_meaning() -> None:
    error = _error(_callback(code=10002, text="", message="audio too short"), name="cb.txt")
    assert error.field == "code"
    assert "10002" in str(error) and "太短" in str(error)


def test_tencent_callback_with_broken_result_detail_names_the_field() -> None:
    assert _error(_callback(text="x", resultDetail="[{\"FinalSentence\": "), name="cb.txt").field == "resultDetail"


def test_a_query_string_that_is_not_a_callback_is_not_tencent() -> None:
    data = b"name=abc&value=1"
    assert detect_format(data, data.decode(), "x.txt") != "tencent"


def test_tencent_sdk_printout_without_response_is_read() -> None:
    data = {"TaskId": 7, "Status": 2, "StatusStr": "success", "AudioDuration": 6.0, "ErrorMsg": "",
            "Result": "[0:0.500,0:3.200,0]  您好，热线，工号12。\n[0:3.500,0:6.000,1]  我家停电了。\n",
            "ResultDetail": None}
    call = _load({"Data": data, "RequestId": "r-1"})
    assert [(u.role, u.end) for u in call.utterances] == [(A, 3.2), (C, 6.0)]
    error = _error({"Data": {**data, "Status": 1, "StatusStr": "doing", "Result": ""}, "RequestId": "r-2"})
    assert error.field == "Data.Status" and "尚未完成" in str(error)


# --- Volcengine ------------------------------------------------------------------------

def test_volcengine_standard_api_unfinished_task_names_resp_code() -> None:
    error = _error({"resp": {"id": "t-1", "code": 2001, "message": "排队中"}})
    assert error.field == "resp.code" and "尚未完成" in str(error)


@pytest.mark.parametrize("doc", [{}, []])
def test_an_empty_answer_says_the_task_may_not_be_finished(doc: Any) -> None:
    error = _error(doc)
    assert "空" in str(error) and "X-Api-Status-Code" in (error.hint or "")


def test_volcengine_big_model_answer_with_empty_text_is_unfinished_or_silent() -> None:
    error = _error({"audio_info": {}, "result": {"text": ""}})
    assert error.field == "result.utterances" and "尚未完成" in str(error)
    only_text = _error({"audio_info": {"duration": 9000}, "result": {"text": "您好，热线。我家停水了。"}})
    assert "只有全文" in str(only_text) and "show_utterances" in (only_text.hint or "")


@pytest.mark.parametrize("status", ["processing", "RUNNING", "queued"])
def test_a_saved_task_status_is_not_finished(status: str) -> None:
    error = _error({"task_id": "t-9", "status": status})
    assert error.field == "status" and status in str(error)


def test_a_finished_status_with_an_unknown_layout_stays_unrecognised() -> None:
    with pytest.raises(InputError, match="无法识别的 JSON"):
        load_calls_from_bytes(b'{"status": "done", "payload": {"x": 1}}', name="x.json")


# --- FunASR ----------------------------------------------------------------------------

def test_modelscope_sentences_are_funasr_while_alibaba_sentences_stay_alibaba() -> None:
    (call,) = load_calls(DATA / "funasr_modelscope.json")
    assert [u.role for u in call.utterances] == SIX
    (given,) = load_calls(DATA / "funasr_modelscope.json", roles={"0": "agent"})
    assert [u.role for u in given.utterances] == [C, A, C, A, C, A]
    alibaba = {"sentences": [{"begin_time": 100, "end_time": 900, "text": "您好", "channel_id": 0},
                             {"begin_time": 1000, "end_time": 1900, "text": "喂", "channel_id": 1}]}
    assert _load(alibaba).source_format == "alibaba"


def test_modelscope_sentences_with_times_only_in_ts_list() -> None:
    doc = {"text": "x", "sentences": [{"text": "您好，热线。", "ts_list": [[120, 300], [300, 1500]], "spk": 1},
                                      {"text": "喂。", "ts_list": [[1800, 2400]], "spk": 0}]}
    call = _load(doc)
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(A, 0.12, 1.5), (C, 1.8, 2.4)]


def test_funasr_runtime_message_without_stamp_sents_asks_for_speakers() -> None:
    error = _error({"mode": "2pass-offline", "wav_name": "call1", "text": "您好热线", "is_final": True})
    assert "spk_model" in (error.hint or "")


# --- robustness of the readers added here ----------------------------------------------

_KEYS = ["segments", "speaker", "start", "end", "text", "transcription", "offsets", "from", "to", "resp",
         "code", "utterances", "start_time", "end_time", "additions", "sentences", "spk", "ts_list", "Data",
         "RequestId", "TaskId", "Status", "Result", "ResultDetail", "requestId", "resultDetail", "status"]
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(_KEYS), inner, max_size=6)),
    max_leaves=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON, st.sampled_from([None, "whisper", "tencent", "volcengine", "funasr"]))
# a Tencent-like answer whose Status is a list crashed with "unhashable type" (found by this test)
@example({"segments": None, "TaskId": None, "speaker": None, "ResultDetail": None, "Status": []}, None)
def test_random_json_is_read_or_refused_with_the_file_name(value: Any, fmt: str | None) -> None:
    data = json.dumps(value, ensure_ascii=False).encode()
    try:
        calls = load_calls_from_bytes(data, name="r.json", fmt=fmt)
    except InputError as error:
        assert error.path == "r.json"
        return
    for call in calls:
        assert [u.index for u in call.utterances] == list(range(len(call.utterances)))
