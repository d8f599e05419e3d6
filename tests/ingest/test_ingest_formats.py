"""Subtitles, tables, Alibaba, FunASR and Amazon Transcribe importers."""

from __future__ import annotations

import io
import json
from datetime import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes

DATA = Path(__file__).parent / "data"


def _roles(calls: Any) -> list[Role]:
    return [u.role for u in calls.utterances]


# --- subtitles -------------------------------------------------------------------------

def test_srt_with_colon_and_bracket_speakers() -> None:
    (call,) = load_calls(DATA / "call.srt")
    assert call.source_format == "srt"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert (call.utterances[1].start, call.utterances[1].end) == (4.1, 7.0)
    assert call.utterances[1].text == "我想查一下我的那个社保卡办好了没有"


def test_vtt_voice_tags_settings_and_notes() -> None:
    (call,) = load_calls(DATA / "call.vtt")
    assert call.source_format == "webvtt"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert call.utterances[0].start == 0.5 and call.utterances[0].end == 3.8
    assert call.utterances[1].text == "我家燃气表好像坏了一直在跳字"  # traditional -> simplified
    assert call.utterances[2].original == "请您先关闭总阀门"  # </v> removed


def test_subtitle_without_speakers_warns() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n[音乐] 您好\n\n2\n00:00:02,500 --> 00:00:03,000\n嗯\n"
    (call,) = load_calls_from_bytes(srt.encode(), name="x.srt")
    assert _roles(call) == [Role.UNKNOWN, Role.UNKNOWN]
    assert call.utterances[0].original == "[音乐] 您好"  # a sound note is not a speaker
    assert any("unknown" in w for w in call.warnings)


def test_subtitle_bad_time_line_names_the_line() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n坐席：您好\n\n2\n00:00:0x --> 00:00:03,000\n客户：嗯\n"
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(srt.encode(), name="x.srt")
    assert info.value.line == 6


def test_subtitle_unknown_voice_uses_roles() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v 小王>您好\n\n00:02.500 --> 00:03.000\n<v 老李>嗯\n"
    with pytest.raises(InputError, match="--roles"):
        load_calls_from_bytes(vtt.encode(), name="x.vtt")
    (call,) = load_calls_from_bytes(vtt.encode(), name="x.vtt", roles={"小王": "agent", "老李": "customer"})
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]


def test_subtitle_cues_written_label_space_text() -> None:
    srt = ("1\n00:00:01,000 --> 00:00:03,000\n坐席 您好，工号12\n\n2\n00:00:03,500 --> 00:00:05,000\n客户 我家停水了\n"
           "\n3\n00:00:05,500 --> 00:00:06,000\n坐席 好的\n")
    (call,) = load_calls_from_bytes(srt.encode(), name="x.srt")
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert call.utterances[1].original == "我家停水了" and not call.warnings
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n小王 您好\n\n00:02.500 --> 00:03.000\n老李 嗯\n"
    (named,) = load_calls_from_bytes(vtt.encode(), name="x.vtt", roles={"小王": "agent", "老李": "customer"})
    assert _roles(named) == [Role.AGENT, Role.CUSTOMER]


def test_subtitle_single_cue_starting_with_a_role_word_stays_speech() -> None:
    srt = ("1\n00:00:01,000 --> 00:00:02,000\n坐席：您好\n\n2\n00:00:02,500 --> 00:00:03,000\n客户：喂\n\n"
           "3\n00:00:03,500 --> 00:00:05,000\n客服 电话一直打不通\n")
    (call,) = load_calls_from_bytes(srt.encode(), name="x.srt")
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.UNKNOWN]
    assert call.utterances[2].original == "客服 电话一直打不通"


# --- tables ----------------------------------------------------------------------------

def test_csv_with_call_id_splits_calls_and_reads_clock_times() -> None:
    calls = load_calls(DATA / "call_rows.csv")
    assert [c.call_id for c in calls] == ["A001", "A002"]
    assert [c.source_format for c in calls] == ["csv", "csv"]
    assert _roles(calls[0]) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert calls[0].utterances[2].start == 9.0 and calls[0].utterances[2].end == 13.0
    assert calls[1].utterances[1].end == 6.0


def test_csv_milliseconds_by_header_and_by_size() -> None:
    by_header = "role,text,start(ms),end(ms)\nagent,您好,0,2500\ncustomer,嗯,2600,3100\n"
    (call,) = load_calls_from_bytes(by_header.encode(), name="t.csv")
    assert call.utterances[0].end == 2.5
    by_size = "speaker,content,begin,end\n坐席,您好,120,2500\n客户,嗯 对,2600,4100\n"
    (call,) = load_calls_from_bytes(by_size.encode(), name="t.csv")
    assert call.utterances[1].start == 2.6
    assert any("毫秒" in w for w in call.warnings)


def test_tsv_gb18030_and_column_mapping() -> None:
    text = "身份\t识别内容\t起点\n客服\t您好 这里是热线\t1.5\n来电人\t我要投诉\t4\n"
    with pytest.raises(InputError, match="--columns"):
        load_calls_from_bytes(text.encode("gb18030"), name="t.tsv")
    (call,) = load_calls_from_bytes(text.encode("gb18030"), name="t.tsv",
                                    columns={"role": "身份", "text": "识别内容", "start": "起点"})
    assert call.source_format == "csv/gb18030"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert call.utterances[0].end == 4.0  # ends when the next turn starts
    with pytest.raises(InputError, match="speaker_name"):
        load_calls_from_bytes(text.encode(), name="t.tsv", columns={"speaker_name": "身份"})
    with pytest.raises(InputError, match="说话者"):
        load_calls_from_bytes(text.encode(), name="t.tsv", columns={"role": "说话者", "text": "识别内容"})


def test_csv_errors_name_row_and_column() -> None:
    text = "角色,内容,开始时间\n坐席,您好,00:01\n客户,我要投诉,一分钟\n"
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(text.encode(), name="t.csv")
    assert info.value.line == 3 and info.value.field == "开始时间"
    text = "角色,内容\n坐席,您好\n领导,怎么回事\n"
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(text.encode(), name="t.csv")
    assert info.value.line == 3 and info.value.field == "角色"


def test_csv_speaker_ids_are_inferred() -> None:
    text = "speaker,text\n1,喂 你好\n0,您好 这里是12345热线 工号018 请问有什么可以帮您\n1,我家楼道灯坏了\n"
    (call,) = load_calls_from_bytes(text.encode(), name="ids.csv")
    assert _roles(call) == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER]
    assert any("0" in w and "坐席" in w for w in call.warnings)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """An Excel workbook of ``rows`` (one sheet), as the bytes of a file."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_time_cells(tmp_path: Path) -> None:
    data = xlsx_bytes([
        ["说话人", "文本", "开始时间", "结束时间"],
        ["坐席", "您好，供水热线", time(0, 0, 1), time(0, 0, 4)],
        [None, None, None, None],
        ["客户", "我家水管爆了", "00:05", 9.5],
    ])
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    (call,) = load_calls(path)
    assert call.source_format == "xlsx"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert (call.utterances[0].start, call.utterances[0].end) == (1.0, 4.0)
    assert (call.utterances[1].start, call.utterances[1].end) == (5.0, 9.5)
    assert call.utterances[1].source_line == 4  # the Excel row number


def test_xlsx_error_names_the_excel_row() -> None:
    data = xlsx_bytes([["role", "text", "start"], ["agent", "您好", 0], ["customer", "嗯", "soon"]])
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(data, name="e.xlsx")
    assert info.value.line == 3 and info.value.field == "start"


def test_broken_xlsx_is_an_input_error() -> None:
    with pytest.raises(InputError, match="xlsx"):
        load_calls_from_bytes(b"PK\x03\x04not really a zip", name="b.xlsx")


# --- Alibaba ---------------------------------------------------------------------------

def test_alibaba_channels_default_and_overridden() -> None:
    (call,) = load_calls(DATA / "alibaba_result.json")
    assert call.source_format == "alibaba"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert (call.utterances[0].start, call.utterances[0].end) == (0.32, 3.98)
    assert call.utterances[1].channel == 1
    (swapped,) = load_calls(DATA / "alibaba_result.json", roles={"0": "customer", "1": "agent"})
    assert _roles(swapped) == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER]


@pytest.mark.parametrize("wrap", ["top", "flash_result", "Flash"])
def test_alibaba_other_layouts(wrap: str) -> None:
    sentences = [{"text": "您好燃气热线", "begin_time": 0, "end_time": 1800, "channel_id": 0},
                 {"text": "我闻到煤气味", "begin_time": 2000, "end_time": 3500, "channel_id": 1}]
    doc: dict[str, Any] = {"sentences": sentences} if wrap == "top" else {wrap: {"sentences": sentences}}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="f.json")
    assert call.source_format == "alibaba"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert call.utterances[1].end == 3.5


def test_alibaba_bad_time_names_the_sentence() -> None:
    doc = {"Result": {"Sentences": [{"Text": "您好", "BeginTime": "abc", "EndTime": 10, "ChannelId": 0}]}}
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(json.dumps(doc).encode(), name="a.json")
    assert info.value.field == "Result.Sentences[0].BeginTime"


# --- FunASR ----------------------------------------------------------------------------

def test_funasr_infers_the_agent_from_the_opening() -> None:
    (call,) = load_calls(DATA / "funasr_result.json")
    assert call.source_format == "funasr"
    assert call.call_id == "rec_0815"
    assert _roles(call) == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER]  # speaker 0 opens, not the first
    assert any("0" in w for w in call.warnings)
    assert call.utterances[0].start == 0.12


def test_funasr_roles_given() -> None:
    (call,) = load_calls(DATA / "funasr_result.json", roles={"1": "agent"})
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert not call.warnings


def test_funasr_without_opening_takes_the_first_speaker() -> None:
    doc = {"key": "k", "text": "", "sentence_info": [
        {"text": "嗯那个我想问个事", "start": 0, "end": 900, "spk": 3},
        {"text": "嗯你说", "start": 1000, "end": 1500, "spk": 5}]}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="f.json")
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert any("第一个说话人" in w for w in call.warnings)


# --- Amazon Transcribe -----------------------------------------------------------------

def test_transcribe_call_analytics() -> None:
    (call,) = load_calls(DATA / "transcribe_analytics.json")
    assert call.source_format == "transcribe/call_analytics"
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert call.utterances[1].start == 4.5


def test_transcribe_items_and_speaker_segments() -> None:
    (call,) = load_calls(DATA / "transcribe_standard.json")
    assert _roles(call) == [Role.CUSTOMER, Role.AGENT]
    assert call.utterances[0].original == "我的网络断了。"
    assert call.utterances[1].original == "您好，宽带客服，工号五五二。"
    assert call.utterances[0].confidence == pytest.approx((0.98 + 0.62) / 2)


def test_transcribe_audio_segments_and_channels() -> None:
    segments = {"results": {"transcripts": [{"transcript": "x"}], "audio_segments": [
        {"id": 0, "transcript": "您好，12345热线，很高兴为您服务。", "start_time": "0.1", "end_time": "2.9",
         "channel_label": "ch_0", "items": [0]},
        {"id": 1, "transcript": "我要投诉物业。", "start_time": "3.1", "end_time": "4.8",
         "channel_label": "ch_1", "items": [1]}]}}
    (call,) = load_calls_from_bytes(json.dumps(segments, ensure_ascii=False).encode(), name="s.json")
    assert _roles(call) == [Role.AGENT, Role.CUSTOMER]
    assert call.utterances[1].channel == 1

    def word(start: str, end: str, content: str) -> dict[str, Any]:
        return {"start_time": start, "end_time": end, "type": "pronunciation",
                "alternatives": [{"confidence": "0.9", "content": content}]}

    channels = {"results": {"transcripts": [{"transcript": "x"}], "channel_labels": {"number_of_channels": 2,
                "channels": [
                    {"channel_label": "ch_0", "items": [word("3.0", "3.5", "好的"), word("3.5", "4.0", "稍等")]},
                    {"channel_label": "ch_1", "items": [word("0.5", "1.0", "我"), word("1.0", "2.0", "停电了")]},
                ]}}}
    (call,) = load_calls_from_bytes(json.dumps(channels, ensure_ascii=False).encode(), name="c.json",
                                    roles={"ch_0": "agent"})
    assert [(u.role, u.original) for u in call.utterances] == [(Role.CUSTOMER, "我停电了"), (Role.AGENT, "好的稍等")]
