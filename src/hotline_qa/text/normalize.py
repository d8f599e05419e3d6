"""Normalise Chinese text once on import: traditional -> simplified, full -> half width.

The result keeps one character for one character wherever OpenCC allows it, so that
offsets found in the normalised text can usually be shown on the original too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_MULTISPACE = re.compile(r"[ \t\u3000]+")

# Full-width forms U+FF01..U+FF5E map to ASCII U+0021..U+007E; U+3000 is the ideographic space.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# Punctuation that differs between simplified and traditional typography.
_WIDTH_TABLE.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("‘"), ord("』"): ord("’")})


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # the official binding; imported lazily so that start-up stays fast

    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:
            continue
    raise RuntimeError("OpenCC t2s configuration not found; reinstall the 'opencc' package")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC (phrase-aware)."""
    if not text or text.isascii():
        return text
    return str(_converter().convert(text))


_NEEDS_WIDTH = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH_TABLE) + "]")


def to_half_width(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces -> their ASCII forms."""
    if _NEEDS_WIDTH.search(text) is None:  # most labels and times: nothing to map, skip the copy
        return text
    return text.translate(_WIDTH_TABLE)


def normalize_text(text: str) -> str:
    """The engine's text: NFC, simplified, half width, single spaces, no spaces between hanzi."""
    text = unicodedata.normalize("NFC", text)
    text = to_half_width(to_simplified(text))
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _MULTISPACE.sub(" ", text)
    return text.strip()


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def hanzi_count(text: str) -> int:
    """Characters that are spoken as one syllable each: hanzi plus digits and letters."""
    return sum(1 for ch in text if is_cjk(ch) or ch.isalnum())
