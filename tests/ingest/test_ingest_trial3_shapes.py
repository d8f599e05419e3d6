"""Shapes from a third blind trial of the importers: text copied with invisible characters, labels
joined to a name (坐席-王芳), Markdown and titled transcripts, events without ``#``, karaoke WebVTT,
merged subtitle cues, tables with a span, duration or footer row, workbooks with a call per sheet,
JSON Lines of ASR results, ``print(res)`` output, Transcribe streaming events, sidecar values."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hotline_qa.core.call import Call, EventKind, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RoleMap
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes, load_calls_from_text

A, C, S, U = Role.AGENT, Role.CUSTOMER, Role.SYSTEM, Role.UNKNOWN
OPEN = "您好，12345热线，工号1037，很高兴为您服务"


def _roles(call: Call) -> list[Role]:
    return [u.role for u in call.utterances]


def _text(text: str, name: str = "t.txt", **kwargs: object) -> list[Call]:
    return load_calls_from_bytes(text.encode("utf-8"), name=name, **kwargs)  # type: ignore[arg-type]


# --- invisible characters and odd colons ----------------------------------------------------------

def test_zero_width_and_no_break_characters_do_not_hide_labels() -> None:
    # copied from a web page / WeChat: ZWSP inside the label, NBSP after the colon, a BOM where two
    # files were joined, a word joiner, and the ratio sign and small colon of CJK fonts as colons
    text = ("\u200b坐席\u200b：\u00a0" + OPEN + "\n客户∶我家停水了\n\ufeff坐席﹕请问地址？\n客户\u2060：幸福路8号\n"
            "坐席︰好的\n")
    (call,) = _text(text)
    assert _roles(call) == [A, C, A, C, A]
    assert call.utterances[0].original == OPEN and "\u200b" not in call.utterances[2].original


def test_an_unknown_label_is_still_an_error_after_cleaning() -> None:
    with pytest.raises(InputError, match="王师傅") as info:
        _text("坐席：" + OPEN + "\n王师傅\u200b：我到了\n")
    assert info.value.line == 2


# --- labels joined to a name or an id ------------------------------------------------------------

@pytest.mark.parametrize(("label", "role"), [
    ("坐席-王芳", A), ("王芳-坐席", A), ("客服/小李", A), ("坐席·王芳", A), ("客户_138****0000", C), ("客户-李先生", C),
])
def test_role_word_joined_to_a_name_or_id(label: str, role: Role) -> None:
    assert RoleMap().resolve(label) is role
    (call,) = _text(f"坐席：{OPEN}\n{label}：我要问一下\n")
    assert call.utterances[1].role is role and call.utterances[1].original == "我要问一下"


@pytest.mark.parametrize("label", ["张三-李四", "坐席-客户", "A-3栋", "客服-电话多少钱啊", "地址-幸福路"])
def test_joined_labels_that_name_no_single_role(label: str) -> None:
    assert RoleMap().resolve(label) is None


def test_bracketed_label_with_a_dash_name() -> None:
    (call,) = _text(f"【坐席-王芳】{OPEN}\n【客户-李先生】我家停水了\n")
    assert _roles(call) == [A, C]


# --- times, Markdown, titles, events -------------------------------------------------------------

def test_a_dash_between_the_time_and_the_label() -> None:
    (call,) = _text(f"00:00:01 - 坐席: {OPEN}\n00:00:06 - 客户: 我家停水了\n00:00:09 | 坐席: 请问地址\n")
    assert [(u.role, u.start) for u in call.utterances] == [(A, 1.0), (C, 6.0), (A, 9.0)]
    assert call.utterances[1].original == "我家停水了"


def test_a_dash_before_an_unknown_name_is_still_an_unknown_label() -> None:
    with pytest.raises(InputError, match="王师傅"):
        _text(f"00:00:01 - 坐席: {OPEN}\n00:00:06 - 王师傅: 我到了\n")


def test_markdown_labels_and_heading() -> None:
    text = f"# 通话记录 HX0603001\n\n- **坐席**：{OPEN}\n- **客户：** 我家停水了\n**坐席**: 请问地址？\n"
    (call,) = _text(text)
    assert _roles(call) == [A, C, A]
    assert call.utterances[1].original == "我家停水了"


def test_emphasis_inside_speech_is_kept() -> None:
    (call,) = _text(f"坐席：{OPEN}\n客户：我说的是**这个**月的账单\n")
    assert call.utterances[1].original == "我说的是**这个**月的账单"


def test_title_and_call_information_above_the_first_turn_are_skipped() -> None:
    (call,) = _text(f"12345热线通话记录 2024-06-03\n日期：2024-06-03 10:00\n坐席：{OPEN}\n客户：我家停水了\n")
    assert _roles(call) == [A, C]
    assert any("第 1、2 行在第一轮对话之前" in w for w in call.warnings)


@pytest.mark.parametrize("text", [
    f"喂 你好 是热线吗\n坐席：{OPEN}\n",  # speech without a speaker: an error, not a title
    f"张三：你好\n坐席：{OPEN}\n",  # a speaker to map with --roles
    f"我的通话记录\n坐席：{OPEN}\n",  # a record word, but someone speaking
])
def test_speech_above_the_first_turn_is_still_an_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        _text(text)
    assert info.value.line == 1


def test_event_words_in_brackets_without_a_hash() -> None:
    text = (f"[00:00] 坐席：{OPEN}\n[00:05] 客户：我想查公积金\n[00:10] 坐席：请您稍等\n【00:12 保持开始】\n"
            "【00:40 保持结束】\n[00:41] 坐席：感谢等待\n[00:50 挂机 客户]\n")
    (call,) = _text(text)
    assert [(e.kind, e.at) for e in call.events] == [(EventKind.HOLD_START, 12.0), (EventKind.HOLD_END, 40.0),
                                                    (EventKind.HANGUP, 50.0)]
    assert call.events[2].by is C and len(call.utterances) == 4


def test_an_unknown_word_in_brackets_is_still_an_unknown_label() -> None:
    with pytest.raises(InputError, match="王师傅"):
        _text(f"[00:00] 坐席：{OPEN}\n[00:20 王师傅] 我到了\n")


# --- subtitles ---------------------------------------------------------------------------------------

def test_karaoke_webvtt_inline_times_are_markup() -> None:
    text = ("WEBVTT\nKind: captions\n\n00:00:00.400 --> 00:00:04.800\n<v 坐席>您好<00:00:01.200><c>这里是</c>"
            "<00:00:02.000><c>12345热线</c></v>\n\n00:00:05.000 --> 00:00:07.000\n<v 客户>价格<100元吗</v>\n")
    (call,) = _text(text, "k.vtt")
    assert [u.original for u in call.utterances] == ["您好这里是12345热线", "价格<100元吗"]


def test_wrapped_subtitle_lines_join_without_a_space_between_hanzi() -> None:
    text = ("1\n00:00:00,400 --> 00:00:04,800\n[坐席]\n您好，这里是12345热\n线，很高兴为您服务\n\n"
            "2\n00:00:05,000 --> 00:00:07,000\nagent: hello\nworld\n")
    (call,) = _text(text, "w.srt")
    assert [u.original for u in call.utterances] == ["您好，这里是12345热线，很高兴为您服务", "hello world"]


def test_a_cue_with_two_speakers_shares_its_time() -> None:
    text = ("1\n00:00:00,000 --> 00:00:06,000\n- 坐席：您好请问有什么可以帮您\n- 客户：停水了\n\n"
            "2\n00:00:07,000 --> 00:00:09,000\n坐席：好的\n")
    (call,) = _text(text, "d.srt")
    first, second, third = call.utterances
    assert (first.role, second.role) == (A, C)
    assert first.start == 0.0 and first.end == second.start and second.end == 6.0
    assert first.end is not None and 3.0 < first.end < 6.0  # by length: 13 characters against 3
    assert (third.start, third.end) == (7.0, 9.0)  # a cue of one speaker keeps its own time


# --- tables ------------------------------------------------------------------------------------------

def test_english_headers_of_transcription_services() -> None:
    (call,) = _text(f"Speaker Name,Start Time,End Time,Transcript\n坐席,00:00:01,00:00:05,{OPEN}\n"
                    "客户,00:00:06,00:00:08,停水了\n", "e.csv")
    assert [(u.role, u.start, u.end) for u in call.utterances] == [(A, 1.0, 5.0), (C, 6.0, 8.0)]


@pytest.mark.parametrize("header", ["起止时间", "时间段", "时间"])
def test_a_column_with_both_times(header: str) -> None:
    (call,) = _text(f"说话人,{header},转写内容\n坐席,00:00:01-00:00:05,{OPEN}\n客户,00:00:06~00:00:08.5,停水了\n",
                    "s.csv")
    assert [(u.start, u.end) for u in call.utterances] == [(1.0, 5.0), (6.0, 8.5)]


def test_a_bad_span_names_the_row_and_column() -> None:
    with pytest.raises(InputError, match="起止时间") as info:
        _text(f"说话人,起止时间,转写内容\n坐席,00:00:01-00:00:05,{OPEN}\n客户,刚才,停水了\n", "s.csv")
    assert info.value.line == 3 and info.value.field == "起止时间"


def test_a_duration_column_gives_the_end() -> None:
    (call,) = _text(f"开始时间(秒),时长(秒),角色,文本\n0.4,4.4,坐席,{OPEN}\n5.3,2,客户,停水了\n", "d.csv")
    assert [(u.start, u.end) for u in call.utterances] == [(0.4, 4.8), (5.3, 7.3)]
    assert not any(u.end_estimated for u in call.utterances)


def test_summary_rows_at_the_end_are_not_turns() -> None:
    text = f"序号,角色,内容\n1,坐席,{OPEN}\n2,客户,停水了\n,,\n合计,,共2条\n导出人：张三,,\n"
    (call,) = _text(text, "f.csv")
    assert _roles(call) == [A, C]
    assert any("第 5、6 行是合计或说明" in w for w in call.warnings)


def test_a_sum_in_the_role_column_is_a_summary_row() -> None:
    (call,) = _text(f"角色,内容\n坐席,{OPEN}\n客户,停水了\n合计,2条\n", "g.csv")
    assert _roles(call) == [A, C]


def test_rows_without_a_role_that_speak_stay_unknown() -> None:
    # in the middle (a merged cell) and at the end: speech, not a sum
    (call,) = _text(f"角色,内容\n坐席,{OPEN}\n,停水了\n客户,对\n,共同的问题\n", "m.csv")
    assert _roles(call) == [A, U, C, U]


def test_line_breaks_inside_a_cell_are_joined() -> None:
    (call,) = _text(f'角色,内容\n坐席,"{OPEN[:8]}\n{OPEN[8:]}"\n客户,停水了\n', "n.csv")
    assert "\n" not in call.utterances[0].text and "热线工号1037" in call.utterances[0].text
    assert "热线，工号1037" in call.utterances[0].original


def test_left_and_right_channel_labels_are_speakers() -> None:
    (call,) = _text(f"声道,识别文本\n右声道,{OPEN}\n左声道,停水了\n右声道,请问地址\n", "lr.csv")
    assert _roles(call) == [A, C, A]
    assert any("右声道" in w for w in call.warnings)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_header_below_a_block_of_call_information() -> None:
    info: list[list[object]] = [["通话信息"], ["通话ID", "HX1"], ["坐席", "王芳"], ["工号", "1037"], ["来电号码", "138****0000"],
                                ["开始时间", "2024-06-03 09:30:00"], ["通话时长", "00:00:38"], []]
    data = _workbook({"Sheet1": [*info, ["角色", "开始时间", "内容"], ["坐席", "00:00:01", OPEN], ["客户", "00:00:06", "停水了"]]})
    (call,) = load_calls_from_bytes(data, name="i.xlsx")
    assert _roles(call) == [A, C] and call.utterances[1].start == 6.0


def test_default_sheet_names_are_numbered_by_the_file(tmp_path: Path) -> None:
    path = tmp_path / "导出.xlsx"
    path.write_bytes(_workbook({"Sheet1": [["角色", "内容"], ["坐席", OPEN]], "Sheet2": [["角色", "内容"], ["客户", "喂"]]}))
    calls = load_calls(path)
    assert [c.metadata.call_id for c in calls] == ["导出#Sheet1", "导出#Sheet2"]


def test_a_data_error_on_a_later_sheet_names_the_sheet() -> None:
    data = _workbook({"通话1": [["角色", "内容"], ["坐席", OPEN]], "通话2": [["角色", "内容"], ["王师傅", "喂"]]})
    with pytest.raises(InputError, match="通话2") as info:
        load_calls_from_bytes(data, name="a.xlsx")
    assert info.value.line == 2


# --- JSON: batches, printouts, streaming -------------------------------------------------------------

def _alibaba(task: str) -> dict[str, object]:
    return {"TaskId": task, "StatusText": "SUCCESS", "StatusCode": 21050000, "Result": {"Sentences": [
        {"BeginTime": 400, "EndTime": 4800, "Text": OPEN, "ChannelId": 0},
        {"BeginTime": 5300, "EndTime": 7000, "Text": "停水了", "ChannelId": 1}]}}


def test_json_lines_of_alibaba_results_are_several_calls() -> None:
    text = "\n".join(json.dumps(_alibaba(t), ensure_ascii=False) for t in ("t1", "t2")) + "\n"
    calls = _text(text, "batch.jsonl")
    assert [c.metadata.call_id for c in calls] == ["batch#1", "batch#2"]
    assert all(_roles(c) == [A, C] and c.source_format == "alibaba" for c in calls)


def test_a_bad_line_in_a_batch_names_the_line() -> None:
    bad = _alibaba("t2")
    bad["Result"] = {"Sentences": [{"BeginTime": -5, "EndTime": 10, "Text": "x", "ChannelId": 0}]}
    text = json.dumps(_alibaba("t1"), ensure_ascii=False) + "\n\n" + json.dumps(bad) + "\n"
    with pytest.raises(InputError) as info:
        _text(text, "batch.jsonl")
    assert info.value.line == 3


def test_a_batch_line_of_another_kind_is_an_error() -> None:
    other = {"format": "hotline-qa/call@1", "utterances": [{"role": "agent", "text": "您好"}]}
    text = json.dumps(_alibaba("t1"), ensure_ascii=False) + "\n" + json.dumps(other) + "\n"
    with pytest.raises(InputError, match="alibaba") as info:
        _text(text, "batch.jsonl")
    assert info.value.line == 2


_PRINTED = ("[{'key': 'call_001', 'text': '您好停水了', 'sentence_info': ["
            "{'text': '" + OPEN + "', 'start': 400, 'end': 4800, 'spk': np.int64(0)}, "
            "{'text': '停水了', 'start': 5300, 'end': 7000, 'spk': np.int64(1)}]}]\n")


@pytest.mark.parametrize("name", ["res.txt", "res.json"])
def test_funasr_print_output_is_read_as_data(name: str) -> None:
    (call,) = _text(_PRINTED, name)
    assert call.source_format == "funasr" and call.metadata.call_id == "call_001"
    assert _roles(call) == [A, C] and call.utterances[1].start == 5.3
    assert any("print(res)" in w for w in call.warnings)


def test_python_text_that_is_no_literal_keeps_the_json_error() -> None:
    with pytest.raises(InputError, match="JSON"):
        _text("[{'key': os.system('x')}]\n", "res.json")


def test_transcribe_call_analytics_streaming_events() -> None:
    events = []
    for k, (role, start, end, text) in enumerate([("AGENT", 400, 4800, OPEN), ("CUSTOMER", 5300, 7000, "停水了")]):
        events.append({"UtteranceEvent": {"UtteranceId": f"u{k}", "IsPartial": True, "ParticipantRole": role,
                                          "BeginOffsetMillis": start, "EndOffsetMillis": end - 500,
                                          "Transcript": text[:2]}})
        events.append({"UtteranceEvent": {"UtteranceId": f"u{k}", "IsPartial": False, "ParticipantRole": role,
                                          "BeginOffsetMillis": start, "EndOffsetMillis": end, "Transcript": text}})
    (call,) = _text("\n".join(json.dumps(e, ensure_ascii=False) for e in events) + "\n", "s.jsonl")
    assert [(u.role, u.original, u.end) for u in call.utterances] == [(A, OPEN, 4.8), (C, "停水了", 7.0)]


def test_transcribe_streaming_channel_results() -> None:
    results = [("ch_0", 0.4, 4.8, OPEN), ("ch_1", 5.3, 7.0, "停水了")]
    events = [{"TranscriptEvent": {"Transcript": {"Results": [
        {"ResultId": f"r{k}", "IsPartial": partial, "ChannelId": ch, "StartTime": s, "EndTime": e,
         "Alternatives": [{"Transcript": t if not partial else t[:1]}]}]}}}
        for k, (ch, s, e, t) in enumerate(results) for partial in (True, False)]
    (call,) = _text(json.dumps(events, ensure_ascii=False), "s.json")
    assert [(u.role, u.original) for u in call.utterances] == [(A, OPEN), (C, "停水了")]
    assert call.source_format == "transcribe/stream"


def test_transcribe_channel_punctuation_stays_with_its_sentence() -> None:
    def items(text: str, start: float, end: float) -> list[dict[str, object]]:
        return [{"start_time": str(start), "end_time": str(end), "type": "pronunciation",
                 "alternatives": [{"confidence": "0.9", "content": text}]},
                {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "。"}]}]
    value = {"results": {"transcripts": [{"transcript": ""}], "channel_labels": {"number_of_channels": 2, "channels": [
        {"channel_label": "ch_0", "items": items(OPEN, 0.4, 4.8) + items("请问地址", 8.0, 9.0)},
        {"channel_label": "ch_1", "items": items("停水了", 5.3, 7.0)}]}}}
    (call,) = _text(json.dumps(value, ensure_ascii=False), "c.json")
    assert [u.original for u in call.utterances] == [OPEN + "。", "停水了。", "请问地址。"]


# --- our JSON, sidecars, files that are not transcripts ------------------------------------------

def test_native_json_turn_without_an_end_ends_at_the_next_start() -> None:
    value = {"format": "hotline-qa/call@1", "utterances": [
        {"role": "agent", "text": OPEN, "start": 0.4, "end": None},
        {"role": "customer", "text": "停水了", "start": 5.3, "end": 7.0}]}
    (call,) = _text(json.dumps(value, ensure_ascii=False), "n.json")
    first, second = call.utterances
    assert (first.end, first.end_estimated) == (5.3, True)
    assert (second.end, second.end_estimated) == (7.0, False)


@pytest.mark.parametrize(("value", "expected"), [("呼入", "inbound"), ("去电", "outbound"), ("Outgoing", "outbound"),
                                                 ("回访", "outbound"), ("inbound", "inbound")])
def test_sidecar_direction_words(tmp_path: Path, value: str, expected: str) -> None:
    (tmp_path / "c.txt").write_text(f"坐席：{OPEN}\n客户：停水了\n", encoding="utf-8")
    (tmp_path / "c.meta.json").write_text(json.dumps({"direction": value}, ensure_ascii=False), encoding="utf-8")
    (call,) = load_calls(tmp_path / "c.txt")
    assert call.metadata.direction == expected and not any("direction" in w for w in call.warnings)


def test_sidecar_unknown_direction_is_kept_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(f"坐席：{OPEN}\n", encoding="utf-8")
    (tmp_path / "c.meta.json").write_text(json.dumps({"direction": "内部"}, ensure_ascii=False), encoding="utf-8")
    (call,) = load_calls(tmp_path / "c.txt")
    assert call.metadata.direction == "内部" and any("direction “内部”" in w for w in call.warnings)


def test_sidecar_with_a_trailing_comma_says_where_and_what(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(f"坐席：{OPEN}\n", encoding="utf-8")
    (tmp_path / "c.meta.json").write_text('{\n  "call_id": "X",\n  "ring_seconds": 8,\n}\n', encoding="utf-8")
    with pytest.raises(InputError, match="逗号") as info:
        load_calls(tmp_path / "c.txt")
    assert info.value.line == 4 and str(info.value.path).endswith("c.meta.json")


def test_office_lock_file_is_named() -> None:
    lock = bytes([5]) + b"zhang" + b" " * 49 + bytes([5, 0]) + "zhang".encode("utf-16-le") + b"\x20\x00" * 49
    with pytest.raises(InputError, match="锁定文件") as info:
        load_calls_from_bytes(lock, name="~$通话.xlsx")
    assert "通话.xlsx" in (info.value.hint or "")


def test_damaged_workbook_is_not_called_an_archive() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputError, match="损坏或不完整"):
        load_calls_from_bytes(buffer.getvalue(), name="a.xlsx")


def test_a_plain_zip_is_still_an_archive() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("calls/a.txt", "坐席：您好")
    with pytest.raises(InputError, match="ZIP 压缩包"):
        load_calls_from_bytes(buffer.getvalue(), name="calls.zip")


def test_text_api_cleans_invisible_characters_too() -> None:
    (call,) = load_calls_from_text("坐席\u200b：" + OPEN + "\n客户：停水了\n")
    assert _roles(call) == [A, C]
