"""Chinese cloud ASR results: Tencent Cloud, iFlytek, Huawei Cloud SIS and Volcengine
(fixtures written for these tests in ``data/``, shaped like each service's documented answer)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.core.findings import Status
from hotline_qa.ingest.detect import detect_format, load_calls, load_calls_from_bytes
from hotline_qa.pipeline import Engine

DATA = Path(__file__).parent / "data"
A, C, U = Role.AGENT, Role.CUSTOMER, Role.UNKNOWN
FIXTURES = {
    "tencent_task_status.json": "tencent",
    "tencent_result_text.json": "tencent",
    "iflytek_get_result.json": "iflytek",
    "huawei_transcriber_job.json": "huawei",
    "volcengine_query.json": "volcengine",
}
ROLES_OF_THE_CALL = [A, C, A, C, A, C, A, C, A]


def _load(doc: Any, name: str = "result.json", **options: Any) -> Call:
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name=name, **options)
    return call


def _error(doc: Any, name: str = "result.json") -> InputError:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name=name)
    assert info.value.path == name  # every error names the file
    return info.value


@pytest.mark.parametrize(("name", "fmt"), sorted(FIXTURES.items()))
def test_fixtures_are_detected_by_content(name: str, fmt: str) -> None:
    data = (DATA / name).read_bytes()
    assert detect_format(data, data.decode("utf-8"), "upload.dat") == fmt
    (call,) = load_calls(DATA / name)
    assert call.source_format == fmt
    assert [u.role for u in call.utterances] == ROLES_OF_THE_CALL
    assert call.utterances[0].start == 0.32 and call.utterances[0].end == 4.1  # ms -> s
    assert call.utterances[-1].start == 29.3 and call.utterances[-1].end == 32.6
    assert "工号1024" in call.utterances[0].text


@cache
def _evaluate(name: str) -> Any:
    (evaluation,) = Engine().evaluate_path(DATA / name)
    return evaluation


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_whole_call_scores_with_the_opening_recognised(name: str) -> None:
    results = {r.code: r for r in _evaluate(name).results}
    assert results["OPN003"].status is Status.PASSED, results["OPN003"].reason  # unit and staff number given
    assert not [r.code for r in results.values() if r.status is Status.ERROR]


# --- Tencent Cloud ----------------------------------------------------------------------

def _tencent(details: list[dict[str, Any]] | None = None, **data: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TaskId": 101, "Status": 2, "StatusStr": "success", "ErrorMsg": "", **data}
    if details is not None:
        body["ResultDetail"] = details
    return {"Response": {"RequestId": "r-1", "Data": body}}


def _detail(text: str, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"FinalSentence": text, "SliceSentence": "", "StartMs": start, "EndMs": end, "SpeechSpeed": 4.0,
            "EmotionType": ["neutral"], **extra}


def test_tencent_speaker_ids_are_mapped_by_the_opening_or_by_roles() -> None:
    (call,) = load_calls(DATA / "tencent_task_status.json")
    assert any("说话人 0" in w for w in call.warnings)  # inferred, and said so
    assert call.utterances[1].original == "你好，我家厨房里煤气味很大。"
    (swapped,) = load_calls(DATA / "tencent_task_status.json", roles={"0": "customer", "1": "agent"})
    assert [u.role for u in swapped.utterances] == [C if r is A else A for r in ROLES_OF_THE_CALL]
    assert not any("推断" in w for w in swapped.warnings)


def test_tencent_result_text_lines_when_there_is_no_result_detail() -> None:
    result = ("[0:0.500,0:1.400,0]  喂？\n[0:1.600,0:5.250,1]  您好，这里是燃气热线，工号2048。\n"
              "[1:02.000,1:04.500,0]  我家没气了。\n")
    call = _load({"TaskId": 5, "Status": 2, "StatusStr": "success", "Result": result})  # the bare Data object
    assert call.source_format == "tencent"
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(C, 0.5, 1.4), (A, 1.6, 5.25), (C, 62.0, 64.5)]
    assert call.utterances[1].original == "您好，这里是燃气热线，工号2048。"


def test_tencent_channel_id_follows_the_channel_convention_and_role_names_are_used() -> None:
    call = _load(_tencent([_detail("您好，工号12。", 0, 2000, ChannelId=0, SpeakerId=0),
                           _detail("我要报修。", 2100, 3000, ChannelId=1, SpeakerId=1),
                           _detail("好的。", 3100, 3600, SpeakerId=7, SpeakerRoleName="坐席")]))
    assert [u.role for u in call.utterances] == [A, C, A]
    assert [u.channel for u in call.utterances] == [0, 1, None]
    assert not call.warnings
    swapped = _load(_tencent([_detail("您好", 0, 900, ChannelId=0), _detail("喂", 1000, 1500, ChannelId=1)]),
                    roles={"0": "customer", "1": "agent"})
    assert [u.role for u in swapped.utterances] == [C, A]


def test_tencent_slice_sentence_is_joined_when_there_is_no_final_sentence() -> None:
    call = _load(_tencent([_detail("", 0, 900, SliceSentence="您好 工号 12 OK 的", SpeakerId=0),
                           _detail("喂", 1000, 1500, SpeakerId=1)]))
    assert call.utterances[0].original == "您好工号12 OK的"


@pytest.mark.parametrize(("status", "text", "expected"), [(0, "waiting", "尚未完成"), (1, "doing", "尚未完成")])
def test_tencent_unfinished_task_is_an_error(status: int, text: str, expected: str) -> None:
    error = _error(_tencent(None, Status=status, StatusStr=text, Result=""))
    assert expected in str(error) and error.field == "Response.Data.Status"
    assert "DescribeTaskStatus" in (error.hint or "")


def test_tencent_failed_task_gives_its_error_message() -> None:
    error = _error(_tencent(None, Status=3, StatusStr="failed", ErrorMsg="Failed to download audio file!"))
    assert "Failed to download audio file!" in str(error) and error.field == "Response.Data.ErrorMsg"


def test_tencent_submission_answer_and_api_error_say_what_to_save() -> None:
    error = _error({"Response": {"RequestId": "r", "Data": {"TaskId": 1234}}}, name="submit.json")
    assert "CreateRecTask" in str(error) and error.field == "Response.Data.TaskId"
    error = _error({"Response": {"RequestId": "r", "Error": {"Code": "AuthFailure", "Message": "bad"}}})
    assert "AuthFailure" in str(error) and error.field == "Response.Error"


def test_tencent_without_sentences_or_speakers_is_an_error() -> None:
    error = _error(_tencent([], Result=""))
    assert error.field == "Response.Data.Result" and "ResTextFormat" in (error.hint or "")
    one_speaker = [_detail(f"第{i}句。", i * 1000, i * 1000 + 800, SpeakerId=0) for i in range(5)]
    error = _error(_tencent(one_speaker))
    assert error.field == "Response.Data.ResultDetail[0].SpeakerId" and "SpeakerDiarization" in (error.hint or "")
    error = _error(_tencent(None, Result="0:01 您好\n"))
    assert "Result" in str(error) and error.field == "Response.Data.Result"


# --- iFlytek ------------------------------------------------------------------------------

def _st(text: str, bg: int, ed: int, rl: str, wp: str = "n") -> dict[str, Any]:
    return {"st": {"bg": str(bg), "ed": str(ed), "rl": rl,
                   "rt": [{"ws": [{"cw": [{"w": text, "wp": wp}], "wb": 0, "we": 0}]}]}}


def test_iflytek_reads_lattice_before_lattice2_and_averages_word_confidence() -> None:
    (call,) = load_calls(DATA / "iflytek_get_result.json")
    customer = call.utterances[1]
    assert customer.original == "你好，我家厨房里煤气味很大。"  # lattice: the filler of lattice2 is not there
    assert customer.confidence == pytest.approx(0.96)  # punctuation (wc 0) left out of the mean
    (swapped,) = load_calls(DATA / "iflytek_get_result.json", roles={"2": "agent"})
    assert [u.role for u in swapped.utterances] == [C if r is A else A for r in ROLES_OF_THE_CALL]


def test_iflytek_order_result_alone_with_lattice2_objects() -> None:
    doc = {"lattice2": [{"json_1best": {"st": {"bg": "100", "ed": "1500", "rl": "2", "rt": [{"ws": [
        {"cw": [{"w": "嗯", "wp": "s"}]}, {"cw": [{"w": "喂", "wp": "n"}]}, {"cw": [{"w": "？", "wp": "p"}]},
        {"cw": [{"w": "", "wp": "g"}]}]}]}}},
        {"json_1best": _st("您好，客服热线，工号3301。", 1600, 4000, "1")}]}
    call = _load(doc)
    assert call.source_format == "iflytek"
    assert [(u.role, u.original, u.start, u.end) for u in call.utterances] == [
        (C, "嗯喂？", 0.1, 1.5), (A, "您好，客服热线，工号3301。", 1.6, 4.0)]


def test_iflytek_big_model_get_result_has_the_same_shape() -> None:
    # 录音文件转写大模型 (office-api-ist-dx.iflyaisol.com /v2/getResult): the same code/content/orderInfo
    # answer, orderResult still JSON text whose lattice[].json_1best is JSON text again.
    order = {"lattice": [{"json_1best": json.dumps(_st("喂？", 0, 800, "1"), ensure_ascii=False)},
                         {"json_1best": json.dumps(_st("您好，燃气热线，工号0815，请问有什么可以帮您？", 900, 4200, "2"),
                                                   ensure_ascii=False)}]}
    doc = {"code": "000000", "descInfo": "success", "content": {
        "orderInfo": {"orderId": "DKHJQ2025", "failType": 0, "status": 4, "originalDuration": 4200,
                      "realDuration": 4200, "expireTime": 1760000000000},
        "orderResult": json.dumps(order, ensure_ascii=False), "taskEstimateTime": 0}}
    call = _load(doc)
    assert call.source_format == "iflytek"
    assert [(u.role, u.start) for u in call.utterances] == [(C, 0.0), (A, 0.9)]


def test_iflytek_v1_onebest_data() -> None:
    data = [{"bg": "0", "ed": "2400", "onebest": "您好，这里是供水热线，工号512。", "speaker": "1"},
            {"bg": "2500", "ed": "4000", "onebest": "我家停水了。", "speaker": "2"}]
    call = _load({"data": json.dumps(data, ensure_ascii=False), "err_no": 0, "failed": None, "ok": 0})
    assert call.source_format == "iflytek"
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(A, 0.0, 2.4), (C, 2.5, 4.0)]


@pytest.mark.parametrize(("doc", "field", "says"), [
    ({"code": "000000", "content": {"orderInfo": {"orderId": "o", "status": 3}, "orderResult": ""}},
     "content.orderInfo.status", "尚未完成"),
    ({"code": "000000", "content": {"orderInfo": {"orderId": "o", "status": -1, "failType": 6}, "orderResult": ""}},
     "content.orderInfo.status", "failType=6"),
    ({"code": "26600", "descInfo": "转写业务通用错误"}, "code", "26600"),
    ({"code": "000000", "descInfo": "success", "content": {"orderId": "o", "taskEstimateTime": 28000}},
     "content.orderId", "upload"),
    ({"ok": -1, "err_no": 26601, "failed": "非法应用信息", "data": None}, "ok", "26601"),
    ({"ok": 0, "err_no": 0, "failed": None, "data": None}, "data", "尚未完成"),
    ({"lattice": [{"json_1best": "{\"st\": {\"bg\": \"0\""}]}, "lattice[0].json_1best", "JSON"),
])
def test_iflytek_errors_name_the_field(doc: dict[str, Any], field: str, says: str) -> None:
    error = _error(doc)
    assert error.field == field and says in str(error)


def test_iflytek_without_role_separation_is_an_error() -> None:
    doc = {"lattice": [{"json_1best": json.dumps(_st(f"第{i}句", i * 1000, i * 1000 + 500, "0"))} for i in range(4)]}
    error = _error(doc)
    assert error.field == "st.rl" and "roleType" in (error.hint or "")


# --- Huawei Cloud SIS ----------------------------------------------------------------------

def _segment(text: str, start: int, end: int, role: str | None, **result: Any) -> dict[str, Any]:
    info = {"analysis_info": {"role": role, "emotion": "NORMAL", "speed": 4.2}} if role else {}
    return {"start_time": start, "end_time": end, "result": {"text": text, **info, **result}}


def test_huawei_roles_are_taken_from_the_result() -> None:
    # The customer speaks first and the agent gives no opening: the stated roles still hold.
    call = _load({"status": "FINISHED", "segments": [_segment("喂，是物业吗？", 0, 1500, "USER", score=0.81),
                                                      _segment("是的，您说。", 1600, 2500, "AGENT")]})
    assert call.source_format == "huawei"
    assert [(u.role, u.start, u.end, u.confidence) for u in call.utterances] == [
        (C, 0.0, 1.5, 0.81), (A, 1.6, 2.5, None)]
    assert not call.warnings
    (fixture,) = load_calls(DATA / "huawei_transcriber_job.json", roles={"AGENT": "customer", "USER": "agent"})
    assert [u.role for u in fixture.utterances] == [C if r is A else A for r in ROLES_OF_THE_CALL]


def test_huawei_mono_speakers_are_inferred() -> None:
    call = _load({"status": "FINISHED", "segments": [_segment("喂？", 0, 800, "speaker1"),
                                                      _segment("您好，很高兴为您服务。", 900, 3000, "speaker2")]})
    assert [u.role for u in call.utterances] == [C, A]
    assert any("speaker2" in w for w in call.warnings)


@pytest.mark.parametrize(("doc", "field", "says"), [
    ({"status": "WAITING", "create_time": "2026-11-23T01:20:11.105Z"}, "status", "尚未完成"),
    ({"status": "ERROR", "create_time": "t", "error_msg": "audio download failed"}, "status", "audio download failed"),
    ({"job_id": "2ae4d9b1c0"}, "job_id", "PushTranscriberJobs"),
    ({"status": "FINISHED", "segments": [_segment("您好", 0, 900, None)]}, "segments[0].result.analysis_info",
     "analysis_info"),
    ({"status": "FINISHED", "create_time": "t", "segments": []}, "segments", "没有任何句子"),
])
def test_huawei_errors_name_the_field(doc: dict[str, Any], field: str, says: str) -> None:
    error = _error(doc)
    assert error.field == field and says in str(error)


# --- Volcengine ----------------------------------------------------------------------------

def _utt(text: str, start: int, end: int, **additions: str) -> dict[str, Any]:
    return {"definite": True, "start_time": start, "end_time": end, "text": text, "words": [], "additions": additions}


def test_volcengine_channels_win_over_speakers_when_there_are_two() -> None:
    doc = {"audio_info": {"duration": 4000}, "result": {"text": "…", "utterances": [
        _utt("喂？", 0, 700, channel_id="2", speaker="1"),
        _utt("您好，这里是燃气热线，工号77。", 800, 3000, channel_id="1", speaker="1")]}}
    call = _load(doc)
    assert [(u.role, u.channel) for u in call.utterances] == [(C, 2), (A, 1)]


def test_volcengine_older_answer_with_top_level_utterances_is_not_our_json() -> None:
    doc = {"id": "t-1", "code": 1000, "message": "Success", "additions": {"duration": "3000"}, "utterances": [
        _utt("您好，很高兴为您服务。", 0, 2000, speaker="0"), _utt("我要投诉。", 2100, 3000, speaker="1")]}
    call = _load(doc)
    assert call.source_format == "volcengine"
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(A, 0.0, 2.0), (C, 2.1, 3.0)]
    ours = {"utterances": [{"role": "agent", "text": "您好", "start": 0, "end": 1}]}
    assert _load(ours).source_format == "native_json"


def test_volcengine_word_confidence_is_averaged_when_given() -> None:
    first = _utt("您好，工号5。", 0, 1000, speaker="1")
    first["words"] = [{"text": "您", "start_time": 0, "end_time": 200, "confidence": 0.9},
                      {"text": "好", "start_time": 200, "end_time": 400, "confidence": 0.7}]
    call = _load({"audio_info": {"duration": 2000}, "result": {"utterances": [first, _utt("喂", 1100, 1500,
                                                                                            speaker="2")]}})
    assert call.utterances[0].confidence == pytest.approx(0.8)
    assert call.utterances[1].confidence is None  # the fixture's 0 means "not given"


@pytest.mark.parametrize(("doc", "field", "says"), [
    ({"audio_info": {"duration": 3000}, "result": {"text": "您好我要报修"}}, "result.utterances", "show_utterances"),
    ({"audio_info": {"duration": 3000}, "result": {"utterances": [_utt("您好", 0, 900), _utt("喂", 1000, 1200)]}},
     "result.utterances[0].additions", "enable_speaker_info"),
    ({"id": "t", "code": 2000, "message": "processing", "utterances": [_utt("您好", 0, 900, speaker="1")]}, "code",
     "尚未完成"),
])
def test_volcengine_errors_name_the_field(doc: dict[str, Any], field: str, says: str) -> None:
    error = _error(doc)
    assert error.field == field and says in (str(error) + (error.hint or ""))
