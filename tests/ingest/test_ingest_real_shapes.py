"""Shapes that real tools write: Bailian/DashScope, FunASR variants, Contact Lens, diarised
subtitles, QA-tool text exports and call-center CSV exports (fixtures in ``data/``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes, load_calls_from_text

DATA = Path(__file__).parent / "data"
A, C, S = Role.AGENT, Role.CUSTOMER, Role.SYSTEM


def _turns(call: Call) -> list[tuple[Role, float | None, float | None]]:
    return [(u.role, u.start, u.end) for u in call.utterances]


# --- Alibaba ---------------------------------------------------------------------------

def test_dashscope_paraformer_channels_are_merged_in_time_order() -> None:
    (call,) = load_calls(DATA / "alibaba_paraformer.json")
    assert call.source_format == "alibaba"
    assert _turns(call) == [(A, 0.24, 3.9), (C, 4.2, 8.3), (A, 8.7, 12.1)]
    assert [u.channel for u in call.utterances] == [0, 1, 0]
    assert call.utterances[1].original == "我家厨房里有很大的煤气味。"
    (swapped,) = load_calls(DATA / "alibaba_paraformer.json", roles={"0": "customer", "1": "agent"})
    assert [u.role for u in swapped.utterances] == [C, A, C]


def test_dashscope_mono_with_speaker_ids_infers_the_agent() -> None:
    doc = {"file_url": "x", "transcripts": [{"channel_id": 0, "text": "", "sentences": [
        {"begin_time": 100, "end_time": 1800, "text": "喂，在吗？", "sentence_id": 1, "speaker_id": 0},
        {"begin_time": 2000, "end_time": 4500, "text": "您好，很高兴为您服务。", "sentence_id": 2, "speaker_id": 1}]}]}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="p.json")
    assert [u.role for u in call.utterances] == [C, A]
    assert any("1" in w for w in call.warnings)


def test_alibaba_task_without_result_says_why() -> None:
    with pytest.raises(InputError) as info:
        load_calls(DATA / "alibaba_no_fragment.json")
    assert info.value.field == "Result.Sentences"
    assert "SUCCESS_WITH_NO_VALID_FRAGMENT" in str(info.value)
    assert info.value.path is not None and info.value.path.endswith("alibaba_no_fragment.json")


def test_dashscope_task_response_points_to_the_transcription_url() -> None:
    doc = {"request_id": "r", "output": {"task_id": "t", "task_status": "SUCCEEDED", "results": [
        {"file_url": "https://example.invalid/a.wav", "transcription_url": "https://example.invalid/t.json",
         "subtask_status": "SUCCEEDED"}]}}
    with pytest.raises(InputError, match="transcription_url") as info:
        load_calls_from_bytes(json.dumps(doc).encode(), name="task.json")
    assert info.value.field == "output.results"


# --- FunASR ----------------------------------------------------------------------------

def test_funasr_without_punctuation_model_token_lists_and_timestamp_times() -> None:
    (call,) = load_calls(DATA / "funasr_no_punc.json")
    assert call.call_id == "rec_0612_02"
    assert _turns(call) == [(C, 0.38, 2.96), (A, 3.3, 6.52)]  # the second has times only in "timestamp"
    assert call.utterances[0].original == "喂你好我想问一下水费"
    assert call.utterances[1].original == "您好这里是自来水热线工号三一二"


def test_funasr_vad_segment_sentence_key_and_sensevoice_tags() -> None:
    (call,) = load_calls(DATA / "funasr_vad_segment.json")
    assert _turns(call) == [(A, 0.15, 3.4), (C, 3.7, 6.8)]
    assert call.utterances[0].original == "您好，供热热线，很高兴为您服务。"
    assert call.utterances[1].original == "暖气又不热了，都第三回了！"


def test_funasr_runtime_without_speakers_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="spk_model") as info:
        load_calls(DATA / "funasr_runtime.json")
    assert info.value.field is not None and info.value.field.endswith("stamp_sents")


def test_funasr_result_without_sentence_info_is_recognised_and_explained() -> None:
    doc = [{"key": "rec_9", "text": "您好 热线 我 家 停水 了", "timestamp": [[100, 300], [300, 600]]}]
    with pytest.raises(InputError, match="sentence_info") as info:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="r.json")
    assert info.value.field == "[0].sentence_info"
    assert "无法识别的 JSON" not in str(info.value)


def test_funasr_onnx_result_is_recognised_and_explained() -> None:
    doc = [{"preds": "您好热线我家停水了", "timestamp": [[100, 300], [300, 600]], "raw_tokens": ["您", "好"]}]
    with pytest.raises(InputError, match="spk_model") as info:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="onnx.json")
    assert info.value.field == "[0].preds"


def test_funasr_sentences_without_any_spk_are_an_error() -> None:
    doc = {"key": "k", "text": "x", "sentence_info": [{"text": "您好", "start": 0, "end": 900},
                                                      {"text": "嗯", "start": 1000, "end": 1500}]}
    with pytest.raises(InputError, match="spk") as info:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="f.json")
    assert info.value.field == "[0].sentence_info[0].spk"


# --- Amazon ----------------------------------------------------------------------------

def test_contact_lens_participant_ids_and_order() -> None:
    (call,) = load_calls(DATA / "transcribe_contact_lens.json")
    assert call.source_format == "transcribe/call_analytics"
    assert [(u.role, u.original) for u in call.utterances] == [
        (C, "我的快递三天了还没到。"), (A, "您好，客服中心，工号八八六，请问有什么可以帮您？")]
    # the file's order is kept as written; Contact Lens writes turns in spoken order
    assert call.utterances[0].start == 4.3


def test_transcribe_word_at_a_segment_boundary_goes_to_the_next_speaker() -> None:
    def word(start: str, end: str, content: str) -> dict[str, Any]:
        return {"start_time": start, "end_time": end, "type": "pronunciation",
                "alternatives": [{"confidence": "0.9", "content": content}]}

    doc = {"results": {"transcripts": [{"transcript": "x"}],
                       "speaker_labels": {"speakers": 2, "segments": [
                           {"start_time": "0.5", "end_time": "1.5", "speaker_label": "spk_0", "items": []},
                           {"start_time": "1.5", "end_time": "3.0", "speaker_label": "spk_1", "items": []}]},
                       "items": [word("0.5", "1.5", "喂你好"), word("1.5", "3.0", "您好客服工号八八")]}}
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="t.json")
    assert [(u.role, u.original) for u in call.utterances] == [(C, "喂你好"), (A, "您好客服工号八八")]


def test_transcribe_job_description_points_to_the_transcript_file() -> None:
    doc = {"TranscriptionJob": {"TranscriptionJobName": "j", "TranscriptionJobStatus": "COMPLETED",
                                "Transcript": {"TranscriptFileUri": "https://example.invalid/j.json"}}}
    with pytest.raises(InputError, match="TranscriptFileUri") as info:
        load_calls_from_bytes(json.dumps(doc).encode(), name="job.json")
    assert info.value.field == "TranscriptionJob"


# --- subtitles -------------------------------------------------------------------------

def test_srt_with_diarisation_labels_infers_roles() -> None:
    (call,) = load_calls(DATA / "srt_speaker_ids.srt")
    assert _turns(call) == [(C, 0.4, 3.1), (A, 3.3, 7.8), (C, 8.0, 10.5)]
    assert call.utterances[1].original == "您好，这里是12345热线，工号0203，很高兴为您服务。"
    (given,) = load_calls(DATA / "srt_speaker_ids.srt", roles={"SPEAKER_00": "agent"})
    assert [u.role for u in given.utterances] == [A, C, A]


@pytest.mark.parametrize("label", ["Speaker 1: ", "说话人1：", "<v Speaker 1>", "spk0: "])
def test_subtitle_speaker_number_styles(label: str) -> None:
    other = label.replace("1", "2").replace("spk0", "spk1")
    srt = (f"1\n00:00:00,500 --> 00:00:02,000\n{label}您好，12345热线，很高兴为您服务\n\n"
           f"2\n00:00:02,300 --> 00:00:04,000\n{other}我要投诉噪音\n")
    (call,) = load_calls_from_bytes(srt.encode(), name="s.srt")
    assert [(u.role, u.original) for u in call.utterances] == [(A, "您好，12345热线，很高兴为您服务"),
                                                              (C, "我要投诉噪音")]


def test_subtitle_label_with_a_name_in_brackets() -> None:
    srt = "1\n00:00:00,500 --> 00:00:02,000\n坐席(王芳)：您好\n\n2\n00:00:02,300 --> 00:00:04,000\n客户【李先生】：喂\n"
    (call,) = load_calls_from_bytes(srt.encode(), name="s.srt")
    assert [(u.role, u.original) for u in call.utterances] == [(A, "您好"), (C, "喂")]


# --- dialogue text ---------------------------------------------------------------------

def test_qa_export_with_headings_times_of_day_bom_and_crlf() -> None:
    (call,) = load_calls(DATA / "qa_export_headings.txt")
    assert call.source_format == "dialogue_text"
    assert [u.role for u in call.utterances] == [A, C, A]
    assert [u.start for u in call.utterances] == [0.0, 6.0, 15.0]  # 09:31:05 is the call's start
    assert call.utterances[0].end == 6.0
    assert call.utterances[1].original == "我们小区又停电了 地址：幸福路18号院"  # a colon in the text is text
    assert any("一天中的时刻" in w for w in call.warnings)


def test_heading_without_date_times_of_day_and_anonymous_speakers() -> None:
    text = "说话人1 00:00\n喂，你好\n说话人2 00:03\n您好，这里是12345热线，工号003，请问有什么可以帮您\n说话人1 00:09\n我要投诉\n"
    (call,) = load_calls_from_text(text)
    assert [(u.role, u.start) for u in call.utterances] == [(C, 0.0), (A, 3.0), (C, 9.0)]  # offsets kept
    (clock,) = load_calls_from_text("客服 10:02:03\n您好，请讲\n客户 10:02:07：我要投诉\n")
    assert [(u.role, u.start, u.original) for u in clock.utterances] == [(A, 0.0, "您好，请讲"), (C, 4.0, "我要投诉")]


def test_bracket_times_of_day_become_offsets() -> None:
    (call,) = load_calls_from_text("[10:02:03] 坐席：您好\n[10:02:07] 客户：我要投诉\n[10:02:15 #hangup customer]\n")
    assert [u.start for u in call.utterances] == [0.0, 4.0]
    assert call.events[0].at == 12.0


def test_label_with_a_name_in_brackets_and_unknown_heading_name() -> None:
    (call,) = load_calls_from_text("坐席(张三)：您好\n客户（138****0000）：我要投诉\n张三(坐席)：好的\n")
    assert [u.role for u in call.utterances] == [A, C, A]
    with pytest.raises(InputError, match="--roles") as info:
        load_calls_from_text("王芳 00:01\n您好\n")
    assert info.value.line == 1
    (named,) = load_calls_from_text("王芳 00:01\n您好\n", roles={"王芳": "agent"})
    assert [(u.role, u.start) for u in named.utterances] == [(A, 1.0)]


# --- tables ----------------------------------------------------------------------------

def test_call_center_csv_gb18030_with_date_times_names_and_robot() -> None:
    (call,) = load_calls(DATA / "call_export_gb18030.csv")
    assert call.source_format == "csv/gb18030"
    assert call.call_id == "R20240612001"
    assert _turns(call) == [(S, 0.0, 4.0), (A, 5.0, 9.0), (C, 10.0, 15.0)]
    assert any("一天中的时刻" in w for w in call.warnings)


def test_csv_unquoted_comma_in_a_time_names_the_row() -> None:
    csv = "序号,角色,开始时间,结束时间,文本\n1,坐席,00:00:01,234,00:00:03,500,您好\n"
    with pytest.raises(InputError, match="引号") as info:
        load_calls_from_bytes(csv.encode("gbk"), name="export.csv")
    assert info.value.line == 2
    quoted = '序号,角色,开始时间,结束时间,文本\n1,坐席,"00:00:01,234","00:00:03,500",您好\n'
    (call,) = load_calls_from_bytes(quoted.encode("gbk"), name="export.csv")
    assert _turns(call) == [(A, 1.234, 3.5)]


def test_a_time_in_an_unindented_continuation_line_is_text() -> None:
    (call,) = load_calls_from_text("坐席：您好\n客户：我明天再打\n下午 3:00\n")
    assert [(u.role, u.original) for u in call.utterances] == [(A, "您好"), (C, "我明天再打 下午 3:00")]
    assert call.utterances[1].start is None
