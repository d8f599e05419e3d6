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
