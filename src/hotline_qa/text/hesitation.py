"""A hesitation opening a sentence of raw speech: "嗯", "呃", "那个".

Sentence-level ASR cuts a speaking turn at every breath, and a hesitation often comes right
after the cut: "五个工作日" / "嗯之内会有工作人员" / "给您回电". Analyzers and rules that read
the turn's sentences as one text read past it, so the phrase goes on as it was meant.
FIL001 counts these words as fillers; everything else skips them here.
"""

from __future__ import annotations

import re

# Hesitations (with the pauses after them) before the sentence's words, taken whole: "嗯嗯，" alone
# is no hesitation before words. "那个" is read past as well; where it is a determiner ("那个师傅会
# 联系您"), the words after it carry the meaning.
_LEAD_HESITATION = re.compile(r"(?:(?:嗯|呃|那个)[\s,，、]*)++(?=[^\s,，、。.!?？！])")
_FIRST = frozenset("嗯呃那")


def lead_hesitation(text: str) -> int:
    """How many characters of a hesitation open ``text`` when words follow it (0 when none)."""
    if text[:1] not in _FIRST:
        return 0
    m = _LEAD_HESITATION.match(text)
    return m.end() if m is not None else 0


def without_lead_hesitation(text: str) -> str:
    """``text`` from its first word after a hesitation that opens it."""
    return text[lead_hesitation(text):]


# A hesitation inside a sentence, between two words: "感谢您的呃耐心等待", "我这边没办法嗯给您准确答复"
# (with the pauses around it). Phrase and pattern searches read past it (``rules.context``).
_INNER_HESITATION = re.compile(r"(?<=[\u4e00-\u9fff])[\s,，]*(?:嗯|呃)+[\s,，]*(?=[\u4e00-\u9fff])")


def without_inner_hesitations(text: str) -> tuple[str, tuple[int, ...]] | None:
    """``text`` with the hesitations inside it taken out, and where each of its characters stands in
    ``text``; None when it holds none (a hesitation opening or closing the sentence stays)."""
    if "嗯" not in text and "呃" not in text:
        return None
    cuts = [m.span() for m in _INNER_HESITATION.finditer(text)]
    if not cuts:
        return None
    kept: list[int] = []
    last = 0
    for a, b in cuts:
        kept.extend(range(last, a))
        last = b
    kept.extend(range(last, len(text)))
    return "".join(text[i] for i in kept), tuple(kept)


def on_text(back: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Where the span ``start``..``end`` of a text read past its inner hesitations stands in the text
    (``back`` from ``without_inner_hesitations``): it spans any hesitation it was found across."""
    return back[start], back[end - 1] + 1


def finditer_fluent(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, said, found)`` of each match of ``rx`` in ``text`` read past its inner
    hesitations (``without_inner_hesitations``): ``start``/``end`` placed on ``text`` (the match spans a
    hesitation it was found across), ``said`` the words there, ``found`` the match as read. Empty
    matches are left out."""
    view = without_inner_hesitations(text)
    if view is None:
        return [(m.start(), m.end(), m.group(0), m.group(0)) for m in rx.finditer(text) if m.end() > m.start()]
    fluent, back = view
    out: list[tuple[int, int, str, str]] = []
    for m in rx.finditer(fluent):
        if m.end() > m.start():
            start, end = on_text(back, m.start(), m.end())
            out.append((start, end, text[start:end], m.group(0)))
    return out
