"""Matchers shared by the rules: phrase sets (Aho-Corasick), regexes with exclusions, fuzzy.

All matching happens on the normalised text (simplified, half width). Phrases are
normalised the same way when a set is built, so a rulebook may be written in either script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from hotline_qa.text.normalize import normalize_text

# Quotation marks that enclose someone else's words.
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "《": "》"}
# Reported speech: what follows quotes the customer, it is not the agent's own wording.
_REPORTED = re.compile(r"(您|你)(刚才|刚刚|之前|是不是)?(是说|说|讲|问|提到|反映|的意思是)(的)?(是)?[:,]?")
# Without punctuation a reported clause has no end: cap it (ASR text).
_REPORTED_MAX = 24
_CLAUSE_END = re.compile(r"[,.!?;:。，！？；：、…~]")


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in one text: characters start..end, and which phrase fired."""

    start: int
    end: int
    phrase: str


@dataclass(frozen=True, slots=True)
class Match:
    """A hit located in a call: which utterance, where, and which pattern fired."""

    utterance: int
    start: int
    end: int
    text: str
    pattern: str


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` that quote someone else: inside quotation marks or after '您说'."""
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        closer = _QUOTE_PAIRS.get(text[i])
        if closer:
            j = text.find(closer, i + 1)
            if j > i:
                ranges.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    for m in _REPORTED.finditer(text):
        if text.startswith("得", m.end()):  # "您说得对" agrees, it quotes nothing
            continue
        tail = _CLAUSE_END.search(text, m.end() + 1)
        end = tail.start() if tail else len(text)
        ranges.append((m.end(), min(end, m.end() + _REPORTED_MAX)))
    return ranges


def in_ranges(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def leftmost_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Keep non-overlapping hits, preferring the earliest and then the longest."""
    chosen: list[Hit] = []
    last_end = -1
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start >= last_end:
            chosen.append(h)
            last_end = h.end
    return chosen


class PhraseSet:
    """A named set of phrases with optional exclusions.

    An exclusion is a longer phrase that, when it covers a hit, cancels it:
    the phrase "这个" with the exclusion "这个订单" does not fire inside "这个订单".
    """

    def __init__(self, phrases: Iterable[str], *, exclude: Iterable[str] = (), name: str = "",
                 skip_quoted: bool = True) -> None:
        self.name = name
        self.phrases = tuple(dict.fromkeys(p for p in (normalize_text(x) for x in phrases) if p))
        self.exclude = tuple(dict.fromkeys(p for p in (normalize_text(x) for x in exclude) if p))
        self.skip_quoted = skip_quoted
        self._automaton = _build_automaton(self.phrases + self.exclude)
        self._excluded = frozenset(self.exclude)

    def __len__(self) -> int:
        return len(self.phrases)

    def raw_hits(self, text: str) -> list[Hit]:
        if self._automaton is None or not text:
            return []
        return [Hit(end + 1 - len(p), end + 1, p) for end, p in self._automaton.iter(text)]

    def resolve(self, text: str, hits: Sequence[Hit]) -> list[Hit]:
        """Drop hits covered by an exclusion or inside quoted words; resolve overlaps."""
        excl = [h for h in hits if h.phrase in self._excluded]
        kept = [h for h in hits if h.phrase not in self._excluded or h.phrase in self.phrases]
        kept = [
            h for h in kept
            if not any(e.start <= h.start and h.end <= e.end and e.phrase != h.phrase for e in excl)
        ]
        if self.skip_quoted and kept:
            quoted = quoted_ranges(text)
            if quoted:
                kept = [h for h in kept if not in_ranges(h.start, h.end, quoted)]
        return leftmost_longest(kept)

    def find(self, text: str) -> list[Hit]:
        return self.resolve(text, self.raw_hits(text))

    def contains(self, text: str) -> bool:
        return bool(self.find(text))


def _build_automaton(words: Sequence[str]) -> Any:
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


class RegexSet:
    """Named regular expressions with exclusion patterns (a hit inside an exclusion is dropped)."""

    def __init__(self, patterns: Iterable[str], *, exclude: Iterable[str] = (), name: str = "",
                 skip_quoted: bool = True) -> None:
        self.name = name
        self.patterns = tuple(patterns)
        self._compiled = [re.compile(p) for p in self.patterns]
        self._exclude = [re.compile(p) for p in exclude]
        self.skip_quoted = skip_quoted

    def find(self, text: str) -> list[Hit]:
        hits = [Hit(m.start(), m.end(), m.group(0)) for rx in self._compiled for m in rx.finditer(text)
                if m.end() > m.start()]
        if not hits:
            return []
        if self._exclude:
            spans = [(m.start(), m.end()) for rx in self._exclude for m in rx.finditer(text)]
            hits = [h for h in hits if not in_ranges(h.start, h.end, spans)]
        if self.skip_quoted:
            quoted = quoted_ranges(text)
            hits = [h for h in hits if not in_ranges(h.start, h.end, quoted)]
        return leftmost_longest(hits)


def fuzzy_find(text: str, phrases: Sequence[str], threshold: float = 0.85) -> Hit | None:
    """Best approximate occurrence of any phrase in ``text`` (for ASR errors), or None.

    ``threshold`` is a similarity from 0 to 1 (RapidFuzz partial ratio / 100). Exact
    occurrences are found first, without RapidFuzz.
    """
    for p in phrases:
        i = text.find(p)
        if i >= 0:
            return Hit(i, i + len(p), p)
    best: tuple[float, Hit] | None = None
    from rapidfuzz import fuzz

    for p in phrases:
        if len(p) < 4 or len(text) < len(p) - 1:
            continue  # short phrases are too easy to match by chance
        al = fuzz.partial_ratio_alignment(p, text, score_cutoff=threshold * 100)
        if al is None:
            continue
        hit = Hit(al.dest_start, al.dest_end, p)
        if best is None or al.score > best[0]:
            best = (al.score, hit)
    return best[1] if best else None


@lru_cache(maxsize=256)
def compile_phrase_set(phrases: tuple[str, ...], exclude: tuple[str, ...] = (), name: str = "",
                       skip_quoted: bool = True) -> PhraseSet:
    """Cached PhraseSet for lists written inline in rule classes."""
    return PhraseSet(phrases, exclude=exclude, name=name, skip_quoted=skip_quoted)


def clauses(text: str) -> list[tuple[int, int]]:
    """Split a text into clauses on punctuation: (start, end) ranges, empties dropped."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out
