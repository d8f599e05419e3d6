"""Files a QA specialist throws at `hotline-qa score` that are not transcripts (or not only one):
each is named for what it is, with what to do, instead of "no role label on line 1"."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes

DIALOGUE = "坐席：您好，12345热线，工号037，很高兴为您服务\n客户：我要投诉楼下工地夜里施工\n"


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _error(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(data, name=name)
    assert info.value.path == name
    return info.value


@pytest.mark.parametrize(("data", "name", "says", "hint"), [
    (_zip({"word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>"}), "通话.docx", "Word 文档",
     "纯文本"),
    (_zip({"通话/a.txt": DIALOGUE, "通话/b.txt": DIALOGUE}), "batch.zip", "ZIP 压缩包（2 个文件：a.txt、b.txt）",
     "解压"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "WordDocument".encode("utf-16-le"), "通话.doc",
     "旧版 Word", "纯文本"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "通话.pdf", "PDF", "复制"),
    (b"{\\rtf1\\ansi\\ansicpg936 " + DIALOGUE.encode("gb18030") + b"}", "通话.rtf", "RTF", "纯文本"),
    ("<!DOCTYPE html>\n<html><body><p>坐席：您好</p></body></html>".encode(), "通话.html", "网页", "复制"),
    (gzip.compress(DIALOGUE.encode()), "通话.txt.gz", "gzip", "解压"),
    (b"#!AMR\n" + b"\x3c" * 32, "call.amr", "AMR 录音", "ffmpeg"),
    (b"\0\0\0\x20ftypM4A " + b"\0" * 32, "call.m4a", "M4A", ".wav"),
    (b"RIFF\x24\0\0\0WAVEfmt " + b"\0" * 32, "upload.bin", "WAV 录音", ".wav"),
    (b"\xff\xfb\x90\x64" + b"\0" * 64, "call.dat", "MP3 录音", ".mp3"),
])
def test_what_the_file_is_and_what_to_do(data: bytes, name: str, says: str, hint: str) -> None:
    error = _error(data, name)
    assert says in str(error) and hint in (error.hint or "")


def test_an_old_excel_file_is_still_told_apart_from_a_word_file() -> None:
    error = _error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "Workbook".encode("utf-16-le"), "表.xls")
    assert ".xls" in str(error) and ".xlsx" in (error.hint or "")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_is_not_taken_for_audio(encoding: str) -> None:
    # FF FE (a UTF-16 byte-order mark) looks like the start of an MPEG frame; it is text.
    data = DIALOGUE.replace("\n", "\r\n").encode(encoding)
    (call,) = load_calls_from_bytes(data, name="导出.txt")
    assert [u.role for u in call.utterances] == [Role.AGENT, Role.CUSTOMER]


def test_angle_bracket_labels_are_not_a_web_page() -> None:
    (call,) = load_calls_from_bytes("<坐席>您好，工号037\n<客户>我要投诉\n".encode(), name="a.txt")
    assert [u.role for u in call.utterances] == [Role.AGENT, Role.CUSTOMER]


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    for n, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if n == 0 else book.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_summary_sheet_before_the_turns_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "导出.xlsx"
    path.write_bytes(_workbook({"汇总": [["通话数", "平均时长"], [1, 63]],
                                "通话明细": [["角色", "内容"], ["坐席", "您好，工号037"], ["客户", "我要投诉"]]}))
    (call,) = load_calls(path)
    assert [u.role for u in call.utterances] == [Role.AGENT, Role.CUSTOMER]
    assert any("通话明细" in w and "汇总" in w for w in call.warnings)


def test_a_single_transcript_sheet_says_nothing_about_the_others() -> None:
    data = _workbook({"明细": [["说话人", "文本"], ["客服", "您好"], ["客户", "喂"]],
                      "备注": [["说明"], ["客户要求回电"]]})
    (call,) = load_calls_from_bytes(data, name="a.xlsx")
    assert [u.text for u in call.utterances] == ["您好", "喂"] and not call.warnings


def test_every_sheet_with_a_transcript_header_is_a_call() -> None:
    # Third trial: a workbook with one call per sheet lost every call but the first, silently.
    data = _workbook({"明细": [["说话人", "文本"], ["客服", "您好"], ["客户", "喂"]],
                      "其他": [["角色", "内容"], ["客户", "也读"]]})
    first, second = load_calls_from_bytes(data, name="a.xlsx")
    assert [u.text for u in first.utterances] == ["您好", "喂"] and [u.text for u in second.utterances] == ["也读"]
    assert (first.metadata.call_id, second.metadata.call_id) == ("明细", "其他")
    assert all("每个工作表分别读取" in c.warnings[0] for c in (first, second))


def test_no_sheet_with_a_header_names_the_sheets() -> None:
    error = _error(_workbook({"汇总": [["通话数", "平均时长"], [1, 63]], "备注": [["说明"], ["无"]]}), "a.xlsx")
    assert "汇总" in str(error) and "汇总、备注" in (error.hint or "") and error.line == 1


def test_one_sheet_without_a_header_keeps_its_own_error() -> None:
    error = _error(_workbook({"Sheet": [["通话数", "平均时长"], [1, 63]]}), "a.xlsx")
    assert "找不到角色列" in str(error) and "工作表" not in str(error)


def test_a_data_error_on_the_turn_sheet_is_not_skipped() -> None:
    error = _error(_workbook({"明细": [["角色", "内容", "开始时间"], ["坐席", "您好", "abc"]]}), "a.xlsx")
    assert error.line == 2
