"""Shapes from a second blind trial of the importers: an Alibaba ``Result`` kept as JSON text, times
written after the text, in angle brackets or in milliseconds, Call Analytics with one side only,
and contact-center platform exports (chat records with robots, silence rows, one call per row)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes, load_calls_from_text

A, C, S, U = Role.AGENT, Role.CUSTOMER, Role.SYSTEM, Role.UNKNOWN
OPEN = "您好，12345热线，很高兴为您服务"


def _json(value: object, **kwargs: object) -> list[Call]:
    return load_calls_from_bytes(json.dumps(value, ensure_ascii=False).encode(), name="r.json", **kwargs)  # type: ignore[arg-type]


def _starts(call: Call) -> list[tuple[Role, float | None]]:
    return [(u.role, u.start) for u in call.utterances]


# --- Alibaba: Result as JSON text ------------------------------------------------------

_SENTENCES = {"Sentences": [{"BeginTime": 0, "EndTime": 5000, "Text": OPEN, "ChannelId": 0},
                            {"BeginTime": 5200, "EndTime": 9000, "Text": "我家停水了", "ChannelId": 1}]}


@pytest.mark.parametrize("wrapper", [
    {"TaskId": "t1", "StatusText": "SUCCESS", "StatusCode": 21050000},
    {"RequestId": "r1"},
])
def test_alibaba_result_as_json_text_is_decoded(wrapper: dict[str, object]) -> None:
    (call,) = _json({**wrapper, "Result": json.dumps(_SENTENCES, ensure_ascii=False)})
    assert call.source_format == "alibaba"
    assert _starts(call) == [(A, 0.0), (C, 5.2)]


def test_alibaba_result_text_that_is_not_json_names_the_field() -> None:
    with pytest.raises(InputError) as err:
        _json({"TaskId": "t1", "StatusText": "SUCCESS", "Result": "坐席：您好 客户：喂"})
    assert err.value.field == "Result"
    assert "不是 JSON" in err.value.reason and "GetTaskResult" in (err.value.hint or "")


def test_alibaba_result_text_cut_off_says_so() -> None:
    with pytest.raises(InputError) as err:
        _json({"TaskId": "t1", "StatusText": "SUCCESS", "Result": '{"Sentences": [{"BeginTi'})
    assert err.value.field == "Result" and "无效的 JSON" in err.value.reason


def test_alibaba_failed_task_with_empty_result_text_keeps_its_status() -> None:
    with pytest.raises(InputError, match="SUCCESS_WITH_NO_VALID_FRAGMENT"):
        _json({"TaskId": "t1", "StatusText": "SUCCESS_WITH_NO_VALID_FRAGMENT", "Result": ""})


# --- Amazon Transcribe Call Analytics on one side only -------------------------------------

_LINES = [OPEN, "我家停水了", "请问您的地址", "幸福路18号", "好的，已为您登记"]


@pytest.mark.parametrize(("participant", "role"), [("AGENT", A), ("CUSTOMER", C)])
def test_call_analytics_all_one_side_is_read_with_a_warning(participant: str, role: Role) -> None:
    transcript = [{"ParticipantRole": participant, "Content": text, "BeginOffsetMillis": i * 5000,
                   "EndOffsetMillis": i * 5000 + 4000} for i, text in enumerate(_LINES)]
    (call,) = _json({"JobStatus": "COMPLETED", "Transcript": transcript})
    assert [u.role for u in call.utterances] == [role] * 5
    (warning,) = [w for w in call.warnings if "ChannelDefinitions" in w]
    assert participant in warning and "ParticipantRole" in warning and f"--roles {participant}=" in warning
    # --roles naming that side says the user knows: no warning
    (confirmed,) = _json({"Transcript": transcript}, roles={participant: role.value})
    assert not any("ChannelDefinitions" in w for w in confirmed.warnings)


def test_call_analytics_both_sides_or_a_short_call_no_warning() -> None:
    both = [{"ParticipantRole": "AGENT" if i % 2 == 0 else "CUSTOMER", "Content": text,
             "BeginOffsetMillis": i * 5000, "EndOffsetMillis": i * 5000 + 4000} for i, text in enumerate(_LINES)]
    short = [dict(t, ParticipantRole="AGENT") for t in both[:3]]
    for transcript in (both, short):
        (call,) = _json({"Transcript": transcript})
        assert not any("ChannelDefinitions" in w for w in call.warnings)


# --- dialogue text: other places for the time -----------------------------------------------

@pytest.mark.parametrize("text", [
    "客服：您好请问有什么可以帮您 (00:00:05)\n客户：我家停水了 (00:00:09)\n客服：请问地址 (00:00:14)\n",
    "客服：您好请问有什么可以帮您[00:05]\n客户：我家停水了[00:09]\n客服：请问地址[00:14]\n",
    "客服：您好请问有什么可以帮您（00:05）\n客户：我家停水了【00:09】\n客服：请问地址（00:14）\n",
])
def test_time_at_the_end_of_every_line(text: str) -> None:
    (call,) = load_calls_from_text(text)
    assert _starts(call) == [(A, 5.0), (C, 9.0), (A, 14.0)]
    assert call.utterances[0].original == "您好请问有什么可以帮您"
    assert any("行尾" in w for w in call.warnings)


@pytest.mark.parametrize("text", [
    "坐席：您好\n客户：我约的是 (10:00)\n坐席：好的\n",  # one line of speech ends with a time
    "客户：我约的是（10:00）\n坐席：改到（11:00）可以吗\n客户：好\n",  # two of three lines
    "坐席：您好 (00:05)\n客户：约的（10:00）\n坐席：改到（09:00）\n客户：好 (00:20)\n",  # going backwards
])
def test_a_time_ending_a_sentence_stays_text(text: str) -> None:
    (call,) = load_calls_from_text(text)
    assert all(u.start is None for u in call.utterances)
    assert any("10:00" in u.original for u in call.utterances)


@pytest.mark.parametrize("text", [
    "<00:00:01>坐席：您好\n<00:00:05>客户：我家停水了\n<00:00:09>坐席：请问地址\n",
    "坐席<00:00:01>：您好\n客户<00:00:05>：我家停水了\n坐席<00:00:09>：请问地址\n",
    "坐席：<00:00:01>您好\n客户：<00:00:05>我家停水了\n坐席：<00:00:09>请问地址\n",
    "<00:00:01> 坐席 您好\n<00:00:05> 客户 我家停水了\n<00:00:09> 坐席 请问地址\n",
])
def test_angle_bracket_times_before_or_after_the_label(text: str) -> None:
    (call,) = load_calls_from_text(text)
    assert _starts(call) == [(A, 1.0), (C, 5.0), (A, 9.0)]
    assert call.utterances[0].original == "您好"


@pytest.mark.parametrize("text", [
    "[1000-5200] 坐席：您好\n[5800-9000] 客户：我家停水了\n",
    "[1.0s-5.2s] 坐席：您好\n[5.8s-9s] 客户：我家停水了\n",
    "[1000ms-5200ms] 坐席：您好\n[5800ms-9000ms] 客户：我家停水了\n",
    "[1000-5200 坐席] 您好\n[5800-9000 客户] 我家停水了\n",
])
def test_number_spans_in_milliseconds_or_with_units(text: str) -> None:
    (call,) = load_calls_from_text(text)
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(A, 1.0, 5.2), (C, 5.8, 9.0)]


def test_a_serial_number_in_brackets_is_no_time() -> None:
    (call,) = load_calls_from_text("(3) 坐席：您好\n(4) 客户：喂\n")
    assert _starts(call) == [(A, None), (C, None)]


@pytest.mark.parametrize(("text", "line"), [
    ("[00:01] 坐席：您好\n<00:00:05>客户：喂\n[00:09] 坐席：请问\n[00:12] 客户：嗯\n", 2),
    ("[00:01] 坐席：您好\n[5000-9000] 客户：喂\n[00:09] 坐席：请问\n", 2),
])
def test_a_time_shape_on_few_lines_is_an_error_listing_the_shapes(text: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        load_calls_from_text(text)
    assert err.value.line == line
    assert "<00:00:01>" in (err.value.hint or "") and "[1.0s-5.2s]" in (err.value.hint or "")


def test_bare_numbers_too_short_for_milliseconds_are_an_error() -> None:
    with pytest.raises(InputError, match="毫秒") as err:
        load_calls_from_text("[1-2] 坐席：您好\n[3-4] 客户：喂\n")
    assert "[1.0s-5.2s]" in (err.value.hint or "")


def test_time_words_inside_a_sentence_stay_text() -> None:
    (call,) = load_calls_from_text("坐席：您好\n客户：我三点十分到，大概3:10吧\n坐席：好的 10:30 见\n")
    assert [u.original for u in call.utterances][1:] == ["我三点十分到，大概3:10吧", "好的 10:30 见"]
    assert all(u.start is None for u in call.utterances)


# --- contact-center platform exports ---------------------------------------------------

_CHAT = ("会话ID,消息发送方,发送时间,消息内容\n"
         "S1,系统,2024-06-12 09:31:05,您已进入排队\n"
         "S1,机器人,2024-06-12 09:31:08,您好，我是智能助手，请问有什么可以帮您？\n"
         "S1,访客,2024-06-12 09:31:15,我家小区停水两天了\n"
         "S1,智能客服,2024-06-12 09:31:20,正在为您转接人工\n"
         "S1,客服,2024-06-12 09:31:30,您好，很高兴为您服务\n"
         "S1,访客,2024-06-12 09:31:40,幸福路18号\n")


def test_chat_record_export_robot_and_system_lines_are_not_the_agent() -> None:
    (call,) = load_calls_from_text(_CHAT, source="chat.csv")
    assert call.metadata.call_id == "S1"
    assert [u.role for u in call.utterances] == [S, S, C, S, A, C]
    assert [u.start for u in call.utterances][:3] == [0.0, 3.0, 10.0]


def test_chat_record_export_with_columns_named() -> None:
    renamed = _CHAT.replace("消息发送方", "身份").replace("消息内容", "正文")
    with pytest.raises(InputError, match="找不到角色列"):
        load_calls_from_text(renamed, source="chat.csv")
    (call,) = load_calls_from_text(renamed, source="chat.csv", columns={"role": "身份", "text": "正文"})
    assert [u.role for u in call.utterances] == [S, S, C, S, A, C]


def test_a_name_with_kefu_in_it_is_still_unknown() -> None:
    with pytest.raises(InputError, match="客服小王"):
        load_calls_from_text("发送方,消息内容\n客服小王,您好\n访客,你好\n", source="chat.csv")


_QA = ("通话流水号,说话人,开始时间(ms),结束时间(ms),识别文本\n"
       f"CL1,坐席,0,5200,{OPEN}\n"
       "CL1,静音,5200,8100,\n"
       "CL1,客户,8100,13000,我要反映噪音\n"
       "CL1,静音,13000,15000,[静音]\n"
       "CL1,噪音,15000,16000,嗯那个\n"
       "CL1,坐席,16000,19000,请问地址\n")


def test_qa_export_silence_rows_are_no_turns() -> None:
    (call,) = load_calls_from_text(_QA, source="qa.csv")
    assert [(u.role, u.start) for u in call.utterances] == [(A, 0.0), (C, 8.1), (U, 15.0), (A, 16.0)]
    (warning,) = [w for w in call.warnings if "占位符" in w and "说话人" in w]
    assert "3、5、6" in warning


def test_qa_export_silence_rows_do_not_break_speaker_ids() -> None:
    text = (f"说话人,文本\nspk_0,{OPEN}\n静音,\nspk_1,我要反映噪音\nspk_0,请问地址\n")
    (call,) = load_calls_from_text(text, source="qa.csv")
    assert [u.role for u in call.utterances] == [A, C, A]


_PER_ROW = ("通话ID,坐席工号,对话内容\n"
            f'C1,1024,"坐席：{OPEN}\n客户：我要投诉噪音\n坐席：请问地址？"\n'
            '"C2",1025,"客服：您好\n来电人：我家停电了\n  就在幸福路\n客服：好的"\n')


def test_one_call_per_row_with_the_dialogue_in_a_cell() -> None:
    first, second = load_calls_from_text(_PER_ROW, source="calls.csv")
    assert (first.metadata.call_id, second.metadata.call_id) == ("C1", "C2")
    assert [u.role for u in first.utterances] == [A, C, A]
    assert [u.role for u in second.utterances] == [A, C, A]
    assert second.utterances[1].original == "我家停电了 就在幸福路"
    assert [u.source_line for u in second.utterances] == [3, 3, 3]  # the row of the table
    assert any("每行一通电话" in w for w in first.warnings)


def test_one_call_per_row_in_excel(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["流水号", "通话开始时间", "通话内容"])
    sheet.append(["X9", "2024-06-12 09:31:05", f"客服：{OPEN}\n来电人：喂\n客服：请讲"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "calls.xlsx"
    path.write_bytes(buffer.getvalue())
    (call,) = load_calls(path)
    assert call.metadata.call_id == "X9" and [u.role for u in call.utterances] == [A, C, A]


def test_a_dialogue_cell_error_names_the_row_and_the_column() -> None:
    text = '通话ID,对话内容\nC1,"坐席：您好\n客户：喂"\nC2,"坐席：您好\n王师傅：我来修\n坐席：好"\n'
    with pytest.raises(InputError) as err:
        load_calls_from_text(text, source="calls.csv")
    assert (err.value.line, err.value.field) == (3, "对话内容")
    assert "单元格第 2 行" in err.value.reason and "王师傅" in err.value.reason


@pytest.mark.parametrize("cell", ['"坐席：您好。客户：我要投诉。坐席：请讲"', '"您好\n我要投诉\n请讲"'])
def test_a_dialogue_that_cannot_be_split_is_refused_with_a_hint(cell: str) -> None:
    with pytest.raises(InputError) as err:
        load_calls_from_text(f"通话ID,对话内容\nC1,{cell}\n", source="calls.csv")
    assert "另起一行" in (err.value.hint or "")


def test_a_plain_note_column_gives_the_usual_error() -> None:
    with pytest.raises(InputError) as err:
        load_calls_from_text("通话ID,备注\nC1,客户：已回访\n", source="calls.csv")
    assert "另起一行" not in (err.value.hint or "") and "--columns" in (err.value.hint or "")
