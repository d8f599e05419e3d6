"""Bytes -> text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030 and Big5.

Strict UTF-8 is tried first. Otherwise the bytes are read both as GB18030 and as Big5 and
the reading made of more frequent Chinese characters (and fewer kana, bopomofo, private-use
or control characters, which is what the wrong reading produces) wins. This gets short
texts right where generic detectors guess Korean or UTF-16.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from hotline_qa.core.errors import InputError
from hotline_qa.text.normalize import is_cjk, to_simplified

ENCODINGS_TRIED = ("utf-8", "utf-16", "utf-32", "gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_SCORE_CHARS = 20_000  # enough to tell the two readings apart; keeps big files fast
# Characters that text copied from web pages, Word or chat tools carries and no one sees: zero-width
# spaces and joiners, a BOM left inside by joining two files, soft hyphens, direction marks. They
# hide inside labels ("坐席\u200b：" reads as an unknown label "坐席") and are removed; no-break
# and narrow spaces become plain spaces.
_INVISIBLE = {ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c"
              "\u202d\u202e\u2066\u2067\u2068\u2069\u180e"} | {ord(ch): " " for ch in "\u00a0\u2007\u202f"}
_INVISIBLE_RE = re.compile("[" + "".join(chr(k) for k in _INVISIBLE) + "]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text and the name of the encoding it was read with."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> Decoded:
    """Decode transcript bytes; raise InputError naming ``source`` and the encodings tried.

    Invisible characters are removed (see :func:`clean_invisible`).
    """
    decoded = _decode(data, source)
    return Decoded(clean_invisible(decoded.text), decoded.encoding)


def clean_invisible(text: str) -> str:
    """``text`` without zero-width characters, inner BOMs, soft hyphens and direction marks, and
    with no-break spaces as spaces: what copying from web pages and chat tools leaves behind."""
    return text.translate(_INVISIBLE) if _INVISIBLE_RE.search(text) else text


def _decode(data: bytes, source: str) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, codec, source)
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [c for c in (_try(data, "gb18030"), _try_big5(data)) if c is not None]
    if not candidates:
        raise _undecodable(source)
    return max(candidates, key=lambda d: (chinese_score(d.text), d.encoding == "gb18030"))


def chinese_score(text: str) -> float:
    """How much ``text`` looks like real Chinese: share of frequent characters, minus junk."""
    simplified = to_simplified(text[:_SCORE_CHARS])
    hanzi = sum(1 for ch in simplified if is_cjk(ch))
    common = sum(1 for ch in simplified if ch in _common_hanzi())
    junk = sum(1 for ch in simplified if _is_junk(ch))
    return (common - 2 * junk) / max(1, hanzi + junk)


def _decode_with_bom(data: bytes, codec: str, source: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _undecodable(source, detail=f"{codec}: {exc.reason}") from exc
    return Decoded(text, "utf-8" if codec == "utf-8-sig" else codec)


def _decode_utf16_without_bom(data: bytes, source: str) -> Decoded:
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    codec = "utf-16-le" if odd_nul >= even_nul else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _undecodable(source, detail="含有 NUL 字节，可能是二进制文件 (binary?)") from exc
    if sum(1 for ch in text if _is_junk(ch)) > len(text) // 10:
        raise _undecodable(source, detail="含有 NUL 字节，可能是二进制文件 (binary?)")
    return Decoded(text, "utf-16")


def _try(data: bytes, codec: str) -> Decoded | None:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        return None


def _try_big5(data: bytes) -> Decoded | None:
    for codec in _BIG5_CODECS:
        found = _try(data, codec)
        if found is not None:
            return Decoded(found.text, "big5")
    return None


def _is_junk(ch: str) -> bool:
    """Characters a wrong CJK decoding produces and real transcripts hardly contain."""
    code = ord(ch)
    if ch in "\t\r\n":
        return False
    if code < 0x20 or 0x7F <= code < 0xA0 or ch == "\ufffd":
        return True
    if 0xE000 <= code <= 0xF8FF or 0x3040 <= code <= 0x30FF or 0x3100 <= code <= 0x312F:
        return True  # private use, kana, bopomofo
    if 0x3400 <= code <= 0x4DBF or code > 0xFFFF:
        return True  # rare extension characters
    return unicodedata.category(ch) in ("Cn", "Co", "Cs") or 0x0370 <= code <= 0x04FF or 0x2500 <= code <= 0x257F


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    text = resources.files("hotline_qa.ingest").joinpath("common_hanzi.txt").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset(ch for ch in "".join(lines) if is_cjk(ch))


def _undecodable(source: str, *, detail: str = "") -> InputError:
    tried = ", ".join(ENCODINGS_TRIED)
    reason = "无法识别文件编码 (cannot decode the file)" + (f": {detail}" if detail else "")
    return InputError(reason, path=source, hint=f"已尝试 (tried) {tried}；请另存为 UTF-8 (save as UTF-8)")
