"""Files that are not transcripts, told apart by their first bytes, each with a useful error.

What a QA specialist drops on ``hotline-qa score`` besides transcripts: a Word document
(``.docx``, old ``.doc``), a PDF, an RTF or web page, a recording in a format the audio reader
does not take (``.amr``, ``.m4a``), a ZIP/7z/RAR/gzip archive of transcripts. Decoding such a
file as text gives "no role label on line 1" or "cannot decode"; these say what the file is
and what to do instead. Workbooks (``.xlsx``, a ZIP with ``xl/workbook.xml``) and old ``.xls``
files are handled by the caller.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from hotline_qa.core.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_TEXT_HINT = "请另存为纯文本（.txt，UTF-8），每行一轮，如 “坐席：您好……”；或导出为 .xlsx/.csv 表格"
_AUDIO_HINT = ("录音请用 .wav、.mp3 或 .flac 文件直接评分（其他格式先转换，例如 ffmpeg -i call.amr -ar 16000 call.wav），"
               "或先转写，再用转写文件评分 (score a .wav/.mp3/.flac recording, or its transcript)")
_ARCHIVES = ((b"\x1f\x8b", "gzip"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "RAR"))
_AUDIO = ((b"#!AMR", "AMR"), (b"OggS", "Ogg/Opus"), (b"fLaC", "FLAC"), (b"ID3", "MP3"),
          (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "WMA"), (b"\x02#!SILK", "SILK"), (b"#!SILK", "SILK"))
_MPEG_LAYER3 = frozenset(bytes([b]) for b in (0xFA, 0xFB, 0xF2, 0xF3, 0xE2, 0xE3))
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_UTF16_WORD = "WordDocument".encode("utf-16-le")
_UTF16_BOOK = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def not_a_transcript(data: bytes, name: str) -> InputError | None:
    """An error for a file that is plainly not a transcript (by its first bytes), else None."""
    head = data[:64].lstrip(b"\xef\xbb\xbf")
    suffix = PurePath(name).suffix.lower()
    if PurePath(name).name.startswith("~$") and len(data) <= 1024:
        # Excel, Word and WPS write "~$name.xlsx" beside a file they have open: who opened it, nothing more.
        return InputError("这是 Office/WPS 打开文件时生成的临时锁定文件（~$ 开头），不是转写 (an Office lock file)", path=name,
                          hint=f"原文件 “{PurePath(name).name[2:]}” 正在 Excel/WPS 中打开；关闭它后这个文件会自动删除，"
                               "也可直接忽略 (close the workbook, or ignore this file)")
    if data.startswith(ZIP_MAGIC):
        return _zip(data, name)
    if data.startswith(OLE_MAGIC):
        return _ole(data, name, suffix)
    if head.startswith(b"%PDF-"):
        return InputError("这是 PDF 文件，不能直接读取 (a PDF document)", path=name,
                          hint="从 PDF 中复制对话文字，" + _TEXT_HINT)
    if head.startswith(b"{\\rtf"):
        return InputError("这是 RTF 文档（写字板/Word 另存的格式），不是纯文本 (an RTF document)", path=name,
                          hint=_TEXT_HINT)
    if _HTML.match(head):
        return InputError("这是网页 (HTML) 文件 (a web page)", path=name,
                          hint="在浏览器中复制对话文字，" + _TEXT_HINT)
    for magic, kind in _ARCHIVES:
        if data.startswith(magic):
            return InputError(f"这是 {kind} 压缩文件 (a compressed archive)", path=name,
                              hint="请先解压，再对解压出的文件或文件夹评分 (extract it, then score the files or the folder)")
    audio = _audio_kind(data)
    if audio is not None:
        return InputError(f"这是 {audio} 录音文件，不是转写文本 (an audio recording, not a transcript)", path=name,
                          hint=_AUDIO_HINT)
    return None


def _audio_kind(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "WAV"
    if data[4:8] == b"ftyp":
        return "M4A/MP4"
    if data[:1] == b"\xff" and data[1:2] in _MPEG_LAYER3:  # an MP3 frame without an ID3 tag (never FF FE: UTF-16)
        return "MP3"
    return next((kind for magic, kind in _AUDIO if data.startswith(magic)), None)


def _zip(data: bytes, name: str) -> InputError | None:
    """None for a workbook (.xlsx/.xlsm); an error for a Word document, a slide show or an archive."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # a damaged file: the workbook reader says so
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return None
    if "word/document.xml" in names:
        return InputError("这是 Word 文档 (.docx)，不能直接读取 (a Word document)", path=name,
                          hint="在 Word/WPS 中“另存为”纯文本 (.txt，编码选 UTF-8)；对话每行一轮，如 “坐席：您好……”；"
                               "表格形式的可另存为 .xlsx")
    if any(n.startswith("ppt/") for n in names):
        return InputError("这是 PowerPoint 文件 (a slide show)", path=name, hint=_TEXT_HINT)
    if "[Content_Types].xml" in names or PurePath(name).suffix.lower() in (".xlsx", ".xlsm", ".docx"):
        return InputError("这是损坏或不完整的 Office 文件：有 Office 的外壳，却没有工作表或文档内容 (a damaged or "
                          "incomplete Office file)", path=name,
                          hint="请重新下载或重新导出；能在 Excel/WPS 中打开时另存为 .xlsx 或 .csv (download or export "
                               "it again)")
    if "content.xml" in names and "mimetype" in names:
        return InputError("这是 OpenDocument (WPS/LibreOffice) 文件 (.odt/.ods)", path=name,
                          hint="请另存为 .txt (UTF-8) 或 .xlsx")
    inside = [n for n in names if not n.endswith("/")]
    listed = "、".join(PurePath(n).name for n in inside[:3]) + ("…" if len(inside) > 3 else "")
    return InputError(f"这是 ZIP 压缩包（{len(inside)} 个文件：{listed}），不能直接评分 (a ZIP archive)", path=name,
                      hint="请先解压，再对解压出的文件夹评分，例如 hotline-qa score 解压后的文件夹/ "
                           "(extract it, then score the folder)")


def _ole(data: bytes, name: str, suffix: str) -> InputError:
    """An Office 97-2003 file: a Word .doc or an Excel .xls (told by its stream names)."""
    if _UTF16_WORD in data[:65536] or suffix in (".doc", ".wps", ".dot"):
        return InputError("这是旧版 Word 文档 (.doc)，不能直接读取 (an old Word document)", path=name,
                          hint="在 Word/WPS 中“另存为”纯文本 (.txt，编码选 UTF-8)，或另存为 .docx 后再另存为 .txt")
    if any(marker in data[:65536] for marker in _UTF16_BOOK) or suffix in (".xls", ".et", ".xlt"):
        return InputError("这是旧版 Excel (.xls) 文件 (old .xls workbook)", path=name, hint="请另存为 .xlsx")
    return InputError("这是旧版 Office 文件 (Office 97-2003)，不能直接读取 (an old Office file)", path=name,
                      hint="表格请另存为 .xlsx，文档请另存为 .txt (UTF-8)")
