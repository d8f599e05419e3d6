"""Word lists from ``hotline_qa/text/lexicons/*.txt`` and a fast matcher over them.

A lexicon file holds one entry a line; ``#`` starts a comment. Entries are matched as
substrings of the normalised text (lower-cased, so "SB" and "sb" are one entry) with an
Aho–Corasick automaton built once per list and cached for the process.

The customer-turn analyzers (emotion, complaint, customer type) read many lexicons over
the same turn: :func:`scan` runs one automaton over the union of :data:`SCANNED` once and
gives each lexicon's matches, exactly as :meth:`Matcher.find` would have found them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from hotline_qa.text import automaton

# Words that cancel a cue when they come right before it: "不生气", "没有不满意".
NEGATIONS: tuple[str, ...] = (
    "并没有", "从来没", "没有", "并不", "不是", "不要", "不用", "毫不", "从不", "不想", "不会", "不打算",
    "不", "没", "别", "未",
)


class LexMatch(NamedTuple):
    """One entry found at characters ``start``..``end`` (a named tuple: cheap to make)."""

    start: int
    end: int
    word: str


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """The entries of ``text/lexicons/<name>.txt`` in file order, lower-cased, without comments."""
    path = resources.files("hotline_qa.text").joinpath("lexicons", f"{name}.txt")
    entries: list[str] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word and word not in seen:
            seen.add(word)
            entries.append(word)
    return tuple(entries)


class Matcher:
    """Finds the entries of one or more lexicons in a text, longest match first."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self._automaton = automaton.build((word, word) for word in words)

    def find(self, text: str) -> list[LexMatch]:
        """Matches in ``text`` (already lower-cased), dropping those inside a longer match."""
        if self._automaton is None or not text:
            return []
        found = [LexMatch(end - len(w) + 1, end + 1, w) for end, w in self._automaton.iter(text)
                 if not (w.isascii() and inside_ascii_word(text, end - len(w) + 1, end + 1))]
        return _outermost(found) if len(found) > 1 else found


def inside_ascii_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` begins or ends with a Latin letter or digit that runs on into a longer
    ASCII word: "sb" in "usb", the jargon "SP" in "ISP" or "SPA" (not in "SP 业务" or "走SP业务"),
    "LOS灯" after another letter. Such a piece is not a match."""
    return (start > 0 and text[start].isascii() and text[start - 1].isascii() and text[start - 1].isalnum()) or (
        end < len(text) and text[end - 1].isascii() and text[end].isascii() and text[end].isalnum())


@cache
def matcher(*names: str) -> Matcher:
    """A cached matcher over the union of the named lexicons."""
    words: list[str] = []
    for name in names:
        words.extend(load_lexicon(name))
    return Matcher(tuple(dict.fromkeys(words)))


# The lexicons read in customer turns; :func:`scan` finds all of them in one pass.
SCANNED: tuple[str, ...] = (
    "emotion_neutral", "emotion_abusive", "emotion_rage", "emotion_angry", "emotion_dissatisfied", "emotion_intensifiers",
    "emotion_irony",
    "complaint_threats", "complaint_cues", "complaint_repeat_call",
    "customer_unreasonable", "customer_lecturing", "customer_persistent", "customer_analytical",
)
_SCAN_INDEX = {name: i for i, name in enumerate(SCANNED)}
_NO_MATCHES: list[LexMatch] = []


@cache
def _scan_automaton() -> Any:
    owners: dict[str, list[int]] = {}
    for i, name in enumerate(SCANNED):
        for word in load_lexicon(name):
            owners.setdefault(word, []).append(i)
    # (``scan_texts`` runs it over a call's customer turns joined: the Rust automaton for a lexicon)
    return automaton.build(((word, (word, tuple(ids), word.isascii())) for word, ids in owners.items()),
                           long_texts=True)


class LexScan:
    """The matches of every lexicon in :data:`SCANNED` in one text, found in one pass."""

    __slots__ = ("_done", "_hits")

    def __init__(self, hits: dict[int, list[LexMatch]] | None) -> None:
        self._hits = hits
        self._done = 0  # bit i set: lexicon i's matches are already filtered

    @property
    def empty(self) -> bool:
        """True when no entry of any scanned lexicon occurs in the text."""
        return self._hits is None

    def find(self, name: str) -> list[LexMatch]:
        """The matches of lexicon ``name``, as ``matcher(name).find(text)`` gives them."""
        if self._hits is None:
            return _NO_MATCHES
        i = _SCAN_INDEX[name]
        found = self._hits.get(i)
        if found is None:
            return _NO_MATCHES
        if len(found) < 2 or self._done & (1 << i):
            return found
        self._done |= 1 << i
        kept = self._hits[i] = _outermost(found)
        return kept


def _longest_first(m: LexMatch) -> tuple[int, int]:
    return (m.start, m.start - m.end)


def _outermost(found: list[LexMatch]) -> list[LexMatch]:
    """The matches not inside an earlier, longer one (sorts ``found`` in place)."""
    found.sort(key=_longest_first)
    kept: list[LexMatch] = []
    reach = -1
    for m in found:
        if m.end <= reach:
            continue  # inside the previous, longer match
        kept.append(m)
        reach = max(reach, m.end)
    return kept


def scan(text: str) -> LexScan:
    """Every scanned lexicon's matches in ``text`` (already lower-cased), in one pass."""
    hits: dict[int, list[LexMatch]] | None = None
    for end, (word, ids, ascii_word) in _scan_automaton().iter(text):
        start = end - len(word) + 1
        if ascii_word and inside_ascii_word(text, start, end + 1):
            continue
        if hits is None:
            hits = {}
        _add(hits, ids, LexMatch(start, end + 1, word))
    return LexScan(hits)


def _add(hits: dict[int, list[LexMatch]], ids: Iterable[int], m: LexMatch) -> None:
    """File ``m`` under each lexicon it belongs to."""
    for i in ids:
        group = hits.get(i)
        if group is None:
            hits[i] = [m]
        else:
            group.append(m)


_EMPTY_SCAN = LexScan(None)  # shared: a scan without hits is never changed


def scan_texts(texts: Sequence[str]) -> list[LexScan]:
    """``[scan(t) for t in texts]`` with one automaton pass over the texts joined by newlines
    (no lexicon entry holds one): most texts hold no entry and cost no call of their own."""
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    hits: dict[int, dict[int, list[LexMatch]]] = {}
    for end, (word, ids, ascii_word) in _scan_automaton().iter("\n".join(texts)):
        start = end - len(word) + 1
        k = bisect_right(starts, start) - 1
        off = starts[k]
        start -= off
        if ascii_word and inside_ascii_word(texts[k], start, start + len(word)):
            continue
        found = hits.get(k)
        if found is None:
            found = hits[k] = {}
        _add(found, ids, LexMatch(start, start + len(word), word))
    return [LexScan(hits[k]) if k in hits else _EMPTY_SCAN for k in range(len(texts))]


def is_negated(text: str, start: int, end: int | None = None) -> bool:
    """True when a negation word ends right before ``start`` ("不生气", "没有不满意", "不太满意").

    Questions that only look negated are not: "是不是抢钱", "你会不会说人话" (any A-not-A question),
    and, when the cue's ``end`` is given, the rhetorical "这不是坑人吗".
    """
    before = text[max(0, start - 6):start]
    if len(before) >= 3 and before[-2] in "不没" and before[-1] == before[-3]:
        return False
    if before.endswith(("都没有", "都没")) and "连" in text[max(0, start - 14):start]:
        return False  # "连个说法都没有 太过分了": the 连…都没有 clause ends before the cue
    # "不太生气", "没那么差": degree words may stand between the negation and the cue
    before = before.rstrip("太很那么这算真特别")
    if not before.endswith(NEGATIONS):
        return False
    return not (end is not None and before.endswith("不是") and text.startswith(_RHETORICAL, end))


_RHETORICAL = ("吗", "嘛", "么", "啊吗")
