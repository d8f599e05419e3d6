"""Format detection (content first, extension second), call ids, errors and the format list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import (
    FORMAT_NAMES,
    SUPPORTED_FORMATS,
    detect_format,
    formats_help,
    load_calls,
    load_calls_from_bytes,
    load_calls_from_text,
)

DATA = Path(__file__).parent / "data"
EXPECTED = {
    "complaint_dialogue.txt": "dialogue_text",
    "call_native.json": "native_json",
    "call.srt": "srt",
    "call.vtt": "webvtt",
    "call_rows.csv": "csv",
    "alibaba_result.json": "alibaba",
    "funasr_result.json": "funasr",
    "transcribe_analytics.json": "transcribe",
    "transcribe_standard.json": "transcribe",
    "alibaba_paraformer.json": "alibaba",
    "funasr_no_punc.json": "funasr",
    "funasr_vad_segment.json": "funasr",
    "transcribe_contact_lens.json": "transcribe",
    "srt_speaker_ids.srt": "srt",
    "qa_export_headings.txt": "dialogue_text",
}


@pytest.mark.parametrize(("name", "fmt"), sorted(EXPECTED.items()))
def test_content_is_detected_whatever_the_extension(name: str, fmt: str) -> None:
    data = (DATA / name).read_bytes()
    assert detect_format(data, data.decode("utf-8"), "upload.dat") == fmt
    calls = load_calls_from_bytes(data, name="upload.dat")
    assert calls[0].source_format.startswith(fmt)


def test_extension_decides_when_content_is_ambiguous() -> None:
    srt_without_numbers = "00:00:01,000 --> 00:00:02,000\n坐席：您好\n"
    (call,) = load_calls_from_bytes(srt_without_numbers.encode(), name="a.srt")
    assert call.source_format == "srt"
    with pytest.raises(InputError):  # as dialogue text the arrow line has no role
        load_calls_from_bytes(srt_without_numbers.encode(), name="a.txt")


def test_dialogue_starting_with_a_bracket_is_not_json() -> None:
    (call,) = load_calls_from_text("[00:00.5 坐席] 您好\n[00:03 客户] 喂")
    assert call.source_format == "dialogue_text"


def test_source_and_call_id_defaults(tmp_path: Path) -> None:
    shutil.copy(DATA / "call.srt", tmp_path / "0601-早班-017.srt")
    (call,) = load_calls(tmp_path / "0601-早班-017.srt")
    assert call.source == str(tmp_path / "0601-早班-017.srt")
    assert call.call_id == "0601-早班-017"


def test_forced_format_and_aliases() -> None:
    text = "坐席：您好\n客户：嗯"
    (call,) = load_calls_from_text(text, fmt="txt")
    assert call.source_format == "dialogue_text"
    with pytest.raises(InputError, match="不支持的格式"):
        load_calls_from_text(text, fmt="docx")
    with pytest.raises(InputError):
        load_calls_from_text(text, fmt="alibaba")  # not JSON


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\ufeff".encode()])
def test_empty_file_lists_formats(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(data, name="empty.txt")
    assert "empty.txt" in str(info.value)
    assert "native_json" in str(info.value) and "funasr" in str(info.value)


def test_unrecognised_json_lists_formats() -> None:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(b'{"hello": [1, 2]}', name="x.json")
    assert "alibaba" in str(info.value)


def test_broken_json_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(b'{\n"utterances": [\n{"text": }\n]}', name="x.json")
    assert info.value.line == 3


def test_old_excel_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="xlsx"):
        load_calls_from_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, name="old.xls")
    with pytest.raises(InputError) as info:
        load_calls(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)


def test_every_format_is_described_for_help() -> None:
    text = formats_help()
    for fmt in SUPPORTED_FORMATS:
        assert fmt.name in text and fmt.zh and fmt.en
    assert set(EXPECTED.values()) | {"xlsx"} <= set(FORMAT_NAMES)


def test_formats_page_mentions_every_format() -> None:
    page = (Path(__file__).parents[2] / "docs" / "formats.md").read_text("utf-8")
    for name in FORMAT_NAMES:
        assert f"`{name}`" in page, name
