"""Transcripts as call centers, ASR consoles and copy-paste really produce them.

Labels followed by a space or an arrow, labels alone on their line, times before labels,
role words the defaults did not know, ASR placeholders, title rows above table headers —
and the traps: a line of speech that starts with a role word is never silently made a turn.
"""

from __future__ import annotations

from typing import Any

import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls_from_bytes, load_calls_from_text
from hotline_qa.ingest.dialogue_text import parse_dialogue

from .test_ingest_formats import xlsx_bytes

A, C, S, U = Role.AGENT, Role.CUSTOMER, Role.SYSTEM, Role.UNKNOWN


def _roles_texts(call: Call) -> list[tuple[Role, str]]:
    return [(u.role, u.original) for u in call.utterances]


def _one(text: str, **kwargs: Any) -> Call:
    (call,) = load_calls_from_text(text, source="call.txt", **kwargs)
    return call


# --- label shapes ----------------------------------------------------------------------

def test_the_plain_export_that_was_rejected() -> None:
    call = _one("坐席 喂您好燃气热线三零二一号为您服务\n客户 喂那个我家那个燃气表嗯好像没有气了\n")
    assert _roles_texts(call) == [(A, "喂您好燃气热线三零二一号为您服务"), (C, "喂那个我家那个燃气表嗯好像没有气了")]


@pytest.mark.parametrize(("agent", "customer"), [
    ("坐席\t", "客户\t"),
    ("坐席  ", "客户   "),
    ("坐席\u3000", "客户\u3000"),
    ("<坐席>", "<客户>"),
    ("坐席>", "客户>"),
    ("坐席＞", "客户＞"),
    ("坐席-", "客户-"),
    ("坐席 - ", "客户 - "),
    ("坐席->", "客户->"),
    ("坐席 -> ", "客户 -> "),
    ("坐席→", "客户→"),
    ("Agent ", "Customer "),
    ("张三(客服) ", "来电人 "),
])
def test_label_separators_other_than_a_colon(agent: str, customer: str) -> None:
    call = _one(f"{agent}您好请讲\n{customer}我家停水了\n")
    assert _roles_texts(call) == [(A, "您好请讲"), (C, "我家停水了")]


def test_arrow_labels_count_among_colon_labels() -> None:
    # An arrow is no text: "坐席->" in a file written with colons is a label, not an ambiguity.
    call = _one("坐席：您好\n客户->我家停水了\n坐席：好的\n")
    assert [u.role for u in call.utterances] == [A, C, A]


def test_space_labels_with_a_few_colon_labels_mixed_in() -> None:
    call = _one("坐席 您好\n客户 我家没气了\n坐席：好的 我登记一下\n客户 谢谢\n")
    assert [u.role for u in call.utterances] == [A, C, A, C]


def test_label_alone_on_its_line_wechat_copy_style() -> None:
    call = _one("客服\n您好，请问有什么可以帮您\n客户\n我家停电了\n整栋楼都没电\n\n张三(客服)\n好的\n")
    assert _roles_texts(call) == [(A, "您好，请问有什么可以帮您"), (C, "我家停电了 整栋楼都没电"), (A, "好的")]


def test_text_lines_below_lone_labels_are_not_taken_for_speakers() -> None:
    # "您好 …" starts two text lines: below lone labels that is text, not a third speaker.
    call = _one("客服\n您好 请问有什么可以帮您\n客户\n喂 你好\n客服\n您好 您稍等\n")
    assert [u.role for u in call.utterances] == [A, C, A]


def test_filler_words_starting_continuation_lines_are_not_speakers() -> None:
    call = _one("坐席 您好\n客户 我家没气了 就是\n嗯 那个 表\n坐席 好的\n嗯 您稍等\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "我家没气了 就是 嗯 那个 表"), (A, "好的 嗯 您稍等")]


@pytest.mark.parametrize("text", [
    "1、坐席：您好\n2、客户：我家停水了\n",
    "1. 坐席：您好\n2. 客户：我家停水了\n",
    "(1) 坐席：您好\n(2) 客户：我家停水了\n",
    "1\t坐席\t您好\n2\t客户\t我家停水了\n",  # rows pasted from a table without the header
])
def test_serial_numbers_before_labels(text: str) -> None:
    assert _roles_texts(_one(text)) == [(A, "您好"), (C, "我家停水了")]


def test_numbers_starting_continuation_lines_stay_text() -> None:
    call = _one("坐席：请问几号楼\n客户：我住\n2 号楼\n12、13号楼都停水\n")
    assert _roles_texts(call) == [(A, "请问几号楼"), (C, "我住 2 号楼 12、13号楼都停水")]


def test_names_alone_on_their_line_with_roles() -> None:
    call = _one("王芳\n您好 这里是热线\n李先生\n我要投诉\n", roles={"王芳": "agent", "李先生": "customer"})
    assert _roles_texts(call) == [(A, "您好 这里是热线"), (C, "我要投诉")]


def test_an_unknown_name_alone_on_the_first_line_suggests_roles() -> None:
    with pytest.raises(InputError, match="--roles 客服小王=agent") as info:
        _one("客服小王\n您好\n")
    assert info.value.line == 1 and info.value.path == "call.txt"


def test_bom_crlf_trailing_spaces_and_separator_lines() -> None:
    text = "\ufeff坐席 您好  \r\n-----------\r\n客户 我家没气了 \r\n==========\r\n"
    assert _roles_texts(parse_dialogue(text)) == [(A, "您好"), (C, "我家没气了")]
    (call,) = load_calls_from_bytes(text.encode("utf-8"), name="x.txt")
    assert [u.role for u in call.utterances] == [A, C]


# --- times before the label ------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "starts"), [
    ("00:01:02 坐席 您好", "00:01:05 客户 我要投诉", [62.0, 65.0]),
    ("00:01:02\t坐席\t您好", "00:01:05\t客户\t我要投诉", [62.0, 65.0]),
    ("(00:12) 坐席：您好", "(00:15) 客户：我要投诉", [12.0, 15.0]),
    ("（00:12）坐席：您好", "（00:15）客户：我要投诉", [12.0, 15.0]),
    ("[00:12][坐席] 您好", "[00:15][客户] 我要投诉", [12.0, 15.0]),
    ("[00:12]【坐席】您好", "[00:15]【客户】我要投诉", [12.0, 15.0]),
    ("[00:12] 坐席 您好", "[00:15] 客户 我要投诉", [12.0, 15.0]),
    ("[00:12] <坐席> 您好", "[00:15] 客户->我要投诉", [12.0, 15.0]),
    ("2024-03-05 10:01:02 客服：您好", "2024-03-05 10:01:05 客户：我要投诉", [0.0, 3.0]),
    ("[2024-03-05 10:01:02] 客服：您好", "[2024-03-05 10:01:05] 客户：我要投诉", [0.0, 3.0]),
    ("２０２４－０３－０５　１０：０１：０２　客服：您好", "２０２４－０３－０５　１０：０１：０５　客户：我要投诉",
     [0.0, 3.0]),
    ("（００：１２）坐席：您好", "（００：１５）客户：我要投诉", [12.0, 15.0]),
    ("2024/3/5 10:01:02 客服 您好", "2024/3/5 10:01:05 客户 我要投诉", [0.0, 3.0]),
])
def test_time_then_label(first: str, second: str, starts: list[float]) -> None:
    call = _one(f"{first}\n{second}\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "我要投诉")]
    assert [u.start for u in call.utterances] == starts


def test_a_date_makes_hh_mm_a_time_of_day_in_headings() -> None:
    # "10:02" after a date is two minutes past ten, not ten minutes two seconds.
    call = _one("客户 2024/3/5 10:02\n喂\n客服 2024/3/5 10:03:30\n您好\n")
    assert [(u.role, u.start) for u in call.utterances] == [(C, 0.0), (A, 90.0)]


@pytest.mark.parametrize("text", [
    "客户 2024/3/5 10:02\n喂\n客服 2024/3/5 10:02\n您好\n客户 2024/3/5 10:03\n我要投诉\n",
    "2024-03-05 10:02 客户：喂\n2024-03-05 10:02 客服：您好\n[2024-03-05 10:03] 客户：我要投诉\n",
])
def test_times_to_the_minute_only_are_not_used_for_timing(text: str) -> None:
    # WeChat copies stamp turns to the minute: a 0 s then a 60 s gap would be judged as real.
    call = _one(text)
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(C, None, None), (A, None, None),
                                                                  (C, None, None)]
    assert any("分钟" in w for w in call.warnings)


def test_a_time_then_an_unknown_name_in_brackets_asks_for_roles() -> None:
    with pytest.raises(InputError, match="王芳") as info:
        _one("[00:01][坐席] 您好\n[00:03][王芳] 喂\n")
    assert info.value.line == 2


# --- role words --------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["人工客服", "业务员", "回访员", "客服专员", "坐席员", "座席员", "Rep",
                                   "representative"])
def test_more_agent_words(label: str) -> None:
    assert [u.role for u in _one(f"{label}：您好\n客户：喂\n").utterances] == [A, C]


@pytest.mark.parametrize("label", ["客人", "乘客", "旅客", "患者", "病人", "家属", "群众", "反映人", "投诉人",
                                   "咨询人", "来电方", "呼入方", "client"])
def test_more_customer_words(label: str) -> None:
    assert [u.role for u in _one(f"坐席：您好\n{label}：喂\n").utterances] == [A, C]


@pytest.mark.parametrize(("first", "second"), [("甲", "乙"), ("主叫", "被叫"), ("主叫方", "被叫方"),
                                               ("说话人A", "说话人B"), ("角色1", "角色2"), ("Speaker A", "Speaker B")])
def test_party_labels_without_a_role_are_inferred_and_said(first: str, second: str) -> None:
    # Who is 甲, or the 主叫 (the customer inbound, the agent on a callback), is written nowhere:
    # the speaker with the opening phrases is the agent, and a warning says so.
    call = _one(f"{first}：喂，我家停水了\n{second}：您好，自来水热线，工号123，请问有什么可以帮您\n")
    assert [u.role for u in call.utterances] == [C, A]
    assert any(second in w and "--roles" in w for w in call.warnings)
    outbound = _one(f"{first}：您好，这里是12345热线回访，工号003\n{second}：喂，哪位\n")
    assert [u.role for u in outbound.utterances] == [A, C]
    given = _one(f"{first}：您好\n{second}：喂\n", roles={first: "customer", second: "agent"})
    assert [u.role for u in given.utterances] == [C, A]
    assert not given.warnings


def test_a_and_b_keep_their_default_roles() -> None:
    assert [u.role for u in _one("A 您好\nB 喂\n").utterances] == [A, C]


# --- traps: speech that starts with a role word ---------------------------------------

def test_role_word_glued_to_speech_is_a_continuation() -> None:
    call = _one("坐席：您好\n客户：我打了好几次\n客户说他没收到\n坐席：好的\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "我打了好几次 客户说他没收到"), (A, "好的")]


def test_role_word_and_space_in_a_colon_file_is_an_error_not_a_guess() -> None:
    with pytest.raises(InputError) as info:
        _one("坐席：您好\n客户：我打了好几次\n客服 电话打不通\n坐席：好的\n")
    assert info.value.line == 3 and info.value.path == "call.txt"
    assert "客服：" in str(info.value) and "缩进" in str(info.value)  # says what to write instead


def test_indented_role_word_line_is_a_continuation() -> None:
    call = _one("坐席：您好\n客户：我打了好几次\n  客服 电话打不通\n坐席：好的\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "我打了好几次 客服 电话打不通"), (A, "好的")]


def test_role_word_line_below_headings_is_an_error() -> None:
    with pytest.raises(InputError) as info:
        _one("客服 10:02:03\n您好\n客户 10:02:07\n客户 电话打不通\n")
    assert info.value.line == 4


def test_unlabelled_asr_text_with_one_role_word_line_is_not_made_a_call() -> None:
    # One line of speech starting with 用户 does not make the whole text that speaker's turn.
    with pytest.raises(InputError) as info:
        _one("喂 你好 是热线吗\n用户 反馈 说 没气 了\n嗯 对\n那个 燃气 表\n")
    assert info.value.line == 1


def test_dash_before_a_digit_or_letter_is_text() -> None:
    call = _one("坐席：您好\n客户：我住在\nA-3栋那边\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "我住在 A-3栋那边")]


def test_colon_text_below_space_labels_is_text() -> None:
    call = _one("坐席 您好 请讲\n客户 我家没气了\n地址：幸福路18号\n坐席 好的\n")
    assert _roles_texts(call) == [(A, "您好 请讲"), (C, "我家没气了 地址：幸福路18号"), (A, "好的")]


def test_an_unknown_third_speaker_in_a_space_file_is_named() -> None:
    text = "坐席 您好\n客户 我家没气了\n王师傅 我是物业的\n坐席 好的\n王师傅 那个表坏了\n"
    with pytest.raises(InputError, match="王师傅") as info:
        _one(text)
    assert info.value.line == 3
    call = _one(text, roles={"王师傅": "customer"})
    assert [u.role for u in call.utterances] == [A, C, C, A, C]


# --- ASR placeholders --------------------------------------------------------------------

def test_placeholder_only_turns_are_not_speech() -> None:
    call = _one("坐席：您好\n客户：[静音]\n客户：……\n坐席：(沉默)\n客户：<unk>\n客户：喂\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "喂")]
    assert any("占位符" in w and "2、3、4、5" in w for w in call.warnings)


def test_placeholders_inside_a_turn_are_left_out_of_the_text_only() -> None:
    call = _one("坐席：您好\n客户：我家那个[听不清]燃气表<unk>坏了【噪音】\n")
    second = call.utterances[1]
    assert second.text == "我家那个燃气表坏了"
    assert second.original == "我家那个[听不清]燃气表<unk>坏了【噪音】"


def test_placeholder_lines_are_skipped_not_labels_or_text() -> None:
    call = _one("[静音]\n坐席：您好\n[听不清]\n...\n客户：喂\n（笑声）\n")
    assert _roles_texts(call) == [(A, "您好"), (C, "喂")]


def test_a_timed_silence_line_is_nobodys_turn() -> None:
    call = _one("[00:01 坐席] 您好\n[00:03] [静音]\n[00:06 客户] 喂\n[00:08 客户] [听不清]\n")
    assert [(u.role, u.start) for u in call.utterances] == [(A, 1.0), (C, 6.0)]
    assert call.utterances[1].end == 8.0  # the silence after it is a gap, not a turn


# --- tables ------------------------------------------------------------------------------

def test_csv_title_row_serial_column_and_trailing_empty_rows() -> None:
    text = "12345热线通话记录导出,,,\n序号,说话人,开始时间,识别结果\n1,坐席,00:00:01,您好\n2,客户,00:00:03,喂\n,,,\n,,,\n"
    (call,) = load_calls_from_bytes(text.encode("gbk"), name="export.csv")
    assert [(u.role, u.start, u.original) for u in call.utterances] == [(A, 1.0, "您好"), (C, 3.0, "喂")]
    assert any("第 2 行" in w for w in call.warnings)  # says the header was found below a title
    (sniffed,) = load_calls_from_bytes(text.encode("utf-8"), name="export.txt")  # found by content
    assert sniffed.source_format == "csv"


def test_tsv_title_row_takes_the_delimiter_from_the_header() -> None:
    text = "通话记录 2024-03-05\n说话方\t转写文本\t起始时间\n坐席\t您好，请讲\t62.5\n客户\t喂\t65\n"
    (call,) = load_calls_from_bytes(text.encode(), name="export.tsv")
    assert [(u.role, u.start, u.original) for u in call.utterances] == [(A, 62.5, "您好，请讲"), (C, 65.0, "喂")]


def test_xlsx_title_and_blank_row_above_the_header() -> None:
    data = xlsx_bytes([["通话记录", None, None], [None, None, None], ["序号", "说话角色", "文本内容"],
                  [1, "坐席", "您好"], [2, "客户", "喂"], [None, None, None]])
    (call,) = load_calls_from_bytes(data, name="export.xlsx")
    assert _roles_texts(call) == [(A, "您好"), (C, "喂")]


@pytest.mark.parametrize(("header", "values", "starts"), [
    ("时间", ["1:02", "1:05"], [62.0, 65.0]),
    ("开始时间", ["62.5", "65"], [62.5, 65.0]),
    ("开始时间", ["62500", "65000"], [62.5, 65.0]),
    ("开始时间(ms)", ["1500", "4000"], [1.5, 4.0]),
    ("时间", ["2024/3/5 10:02:00", "2024/3/5 10:03"], [0.0, 60.0]),
    ("时间", ["2024/3/5 10:02", "2024/3/5 10:03"], [None, None]),  # to the minute: not for timing
    ("时间", ["10:02:03", "10:02:07"], [0.0, 4.0]),
])
def test_table_time_shapes(header: str, values: list[str], starts: list[float | None]) -> None:
    text = f"角色,文字,{header}\n坐席,您好,{values[0]}\n客户,喂,{values[1]}\n"
    (call,) = load_calls_from_bytes(text.encode(), name="t.csv")
    assert [u.start for u in call.utterances] == starts


def test_start_column_preferred_over_a_generic_time_column() -> None:
    text = "时间,角色,内容,开始时间\n2024-03-05 10:00:00,坐席,您好,1\n2024-03-05 10:00:00,客户,喂,4\n"
    (call,) = load_calls_from_bytes(text.encode(), name="t.csv")
    assert [u.start for u in call.utterances] == [1.0, 4.0]


def test_table_party_values_are_inferred() -> None:
    text = "主叫号码,说话方,内容\n138****0000,主叫,喂 我家停水了\n138****0000,被叫,您好 自来水热线 工号123\n"
    (call,) = load_calls_from_bytes(text.encode(), name="t.csv")
    assert [u.role for u in call.utterances] == [C, A]
    assert any("被叫" in w for w in call.warnings)


def test_rows_without_a_role_are_said_not_guessed() -> None:
    data = xlsx_bytes([["说话人", "文本"], ["坐席", "您好"], [None, "请问有什么可以帮您"], ["客户", "喂"]])
    (call,) = load_calls_from_bytes(data, name="merged.xlsx")
    assert [u.role for u in call.utterances] == [A, U, C]
    assert any("第 3 行" in w and "unknown" in w for w in call.warnings)


def test_table_placeholder_rows_are_dropped() -> None:
    text = "角色,内容\n坐席,您好\n客户,[静音]\n客户,喂\n"
    (call,) = load_calls_from_bytes(text.encode(), name="t.csv")
    assert _roles_texts(call) == [(A, "您好"), (C, "喂")]


def test_unmappable_header_lists_what_is_recognised() -> None:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes("通话记录\n谁,说了什么\n坐席,您好\n".encode(), name="t.csv")
    assert info.value.line == 2  # the header row, not the title above it
    assert "说话人" in str(info.value) and "--columns" in str(info.value)


def test_space_labelled_wrapped_line_with_a_one_off_role_spelling_continues_the_turn() -> None:
    text = "坐席 您好，这里是12345热线\n客户 我打了好多次电话\n客服 电话一直打不通\n坐席 不好意思让您久等了\n"
    call = parse_dialogue(text)
    assert _roles_texts(call) == [(A, "您好，这里是12345热线"), (C, "我打了好多次电话 客服 电话一直打不通"),
                                  (A, "不好意思让您久等了")]
    assert any("第 3 行" in w and "续行" in w for w in call.warnings)


@pytest.mark.parametrize("text", [
    # the role is written "客服" throughout: the line cannot be told from a turn, and stays one
    "客服 您好，这里是12345热线\n客户 我打了好多次电话\n客服 电话一直打不通\n客服 不好意思\n",
    # a numbered label is another person (a transfer), not a stray spelling
    "坐席 您好\n客户 我要投诉\n坐席2 您好，我是班长\n坐席 好的\n",
])
def test_consistent_or_numbered_labels_stay_turns(text: str) -> None:
    call = parse_dialogue(text)
    assert len(call.utterances) == 4
    assert not any("续行" in w for w in call.warnings)


def test_a_one_off_spelling_mapped_with_roles_is_a_turn() -> None:
    text = "坐席 您好\n客户 我要投诉\n班长 您好，我是班长\n坐席 好的\n"
    call = parse_dialogue(text, roles={"班长": "agent"})
    assert [u.role for u in call.utterances] == [A, C, A, A]
