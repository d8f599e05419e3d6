"""Matchers shared by the rules: phrase sets (Aho-Corasick), regexes with exclusions, fuzzy.

All matching happens on the normalised text (simplified, half width). Phrases are
normalised the same way when a set is built, so a rulebook may be written in either script.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from hotline_qa.rules.joined_scan import serial_of
from hotline_qa.text import automaton
from hotline_qa.text.normalize import normalize_text

# Quotation marks that enclose someone else's words.
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "《": "》"}
_QUOTE_OPEN = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")
# Reported speech: what follows quotes the customer, it is not the agent's own wording.
# Not "跟您说/给您讲" (the agent speaking: "我跟您说一下") nor "您说什么" (a question).
_REPORTED = re.compile(r"(?<![跟和对给向同])(您|你)(刚才|刚刚|之前|是不是)?(是说|说|讲|问|提到|反映|的意思是)(?!什么|啥)"
                       r"(的)?(是)?[:,]?")
# Without punctuation a reported clause has no end: cap it (ASR text).
_REPORTED_MAX = 24
_CLAUSE_END = re.compile(r"[,.!?;:。，！？；：、…~]")
# ... nor past the agent's own voice taking over, where no mark ends the quote: "你说你办了我这边看不到
# 我也没办法" (field call 120 once its pause comma is read past).
_OWN_VOICE = re.compile(r"我(?:们)?(?:这边|这里)|我也|我们也")


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
    search = _QUOTE_OPEN.search
    while (m := search(text, i)) is not None:  # the next opening mark, not every character
        i = m.start()
        j = text.find(_QUOTE_PAIRS[text[i]], i + 1)
        if j > i:
            ranges.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    for m in _REPORTED.finditer(text):
        if text.startswith("得", m.end()):  # "您说得对" agrees, it quotes nothing
            continue
        tail = _CLAUSE_END.search(text, m.end() + 1)
        end = tail.start() if tail else len(text)
        own = _OWN_VOICE.search(text, m.end() + 1, end)
        if own is not None:
            end = own.start()
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
        # its words, also as a member of the word bank (one pass over a call for all matchers, ``joined_scan``)
        self.bank_words = self.phrases + self.exclude
        self.serial = serial_of(self.bank_words)
        self._automaton = _build_automaton(self.bank_words)
        self._excluded = frozenset(self.exclude)
        self._phrase_set = frozenset(self.phrases)

    def __len__(self) -> int:
        return len(self.phrases)

    def iter_ends(self, text: str) -> Iterable[tuple[int, str]]:
        """(index of the last character, phrase) of every occurrence, overlapping ones included."""
        if self._automaton is None or not text:
            return ()
        return self._automaton.iter(text)

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

    def raw_spans(self, text: str) -> list[tuple[int, int, str]]:
        """``raw_hits`` as ``(start, end, phrase)`` tuples (see ``resolve_spans``)."""
        if self._automaton is None or not text:
            return []
        return [(end + 1 - len(p), end + 1, p) for end, p in self._automaton.iter(text)]

    def resolve_spans(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``resolve`` on ``(start, end, phrase)`` tuples, for the whole-call scan of
        ``CallContext``: the same hits kept, without building a ``Hit`` for each."""
        kept = spans
        excluded = self._excluded
        if excluded:
            excl = [h for h in spans if h[2] in excluded]
            if excl:
                phrases = self._phrase_set
                kept = [h for h in spans if h[2] not in excluded or h[2] in phrases]
                kept = [
                    h for h in kept
                    if not any(e[0] <= h[0] and h[1] <= e[1] and e[2] != h[2] for e in excl)
                ]
        if self.skip_quoted and kept:
            quoted = quoted_ranges(text)
            if quoted:
                kept = [h for h in kept if not in_ranges(h[0], h[1], quoted)]
        if len(kept) < 2:
            return kept
        chosen: list[tuple[int, int, str]] = []
        last_end = -1
        for h in sorted(kept, key=_earliest_longest):  # as ``leftmost_longest``
            if h[0] >= last_end:
                chosen.append(h)
                last_end = h[1]
        return chosen

    def find(self, text: str) -> list[Hit]:
        return self.resolve(text, self.raw_hits(text))

    def contains(self, text: str) -> bool:
        return bool(self.find(text))


def _earliest_longest(span: tuple[int, int, str]) -> tuple[int, int]:
    return span[0], span[0] - span[1]


def _build_automaton(words: Sequence[str]) -> Any:
    return automaton.build((w, w) for w in words)


# --------------------------------------------------------------------------------------------
# Literal prefilters for regular expressions.
#
# Python's ``re`` tries an alternation such as "(您|你)(先)?听我(说|讲)|…" at every character
# of the text. Most patterns, though, cannot match without one of a few literal words
# ("听我说", "听我讲"…). ``required_literals`` reads those words off the parsed pattern; an
# Aho-Corasick pass over the whole call with them tells which turns can match at all, and
# only those turns are searched with the full pattern. The prefilter never drops a match:
# when no such words can be derived, every turn is a candidate.
# --------------------------------------------------------------------------------------------

_EXACT_LIMIT = 256  # largest finite set of strings tracked for one part of a pattern
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}
_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", sre_c.MAX_REPEAT)}


class _Opaque(Exception):
    """The pattern uses something the literal analysis does not follow (case folding…)."""


def _score(words: frozenset[str]) -> tuple[int, int]:
    """How selective a set of required words is: longer shortest word first, then fewer words."""
    return (min(len(w) for w in words), -len(words))


def _best(cands: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for c in cands:
        if c and "" not in c and (best is None or _score(c) > _score(best)):
            best = c
    return best


def _node(op: Any, av: Any) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, required) for one parsed item.

    ``exact``: every string the item can match, when that is a small finite set.
    ``required``: words one of which occurs in any match of the item, or None.
    """
    if op is sre_c.LITERAL:
        return frozenset({chr(av)}), frozenset({chr(av)})
    if op in _ZERO_WIDTH:
        return frozenset({""}), None
    if op is sre_c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is sre_c.LITERAL:
                chars.add(chr(iav))
            elif iop is sre_c.RANGE and iav[1] - iav[0] < 16:
                chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges: anything goes
                return None, None
        exact = frozenset(chars)
        return exact, exact
    if op is sre_c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Opaque
        return _sequence(sub)
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is sre_c.BRANCH:
        exacts: set[str] = set()
        reqs: set[str] = set()
        exact_ok = req_ok = True
        for alt in av[1]:
            e, r = _sequence(alt)
            if e is None:
                exact_ok = False
            else:
                exacts |= e
            one = _best([e, r]) if req_ok else None
            if one is None:
                req_ok = False
            else:
                reqs |= one
        exact_out = frozenset(exacts) if exact_ok and len(exacts) <= _EXACT_LIMIT else None
        return exact_out, (frozenset(reqs) if req_ok else None)
    if op in _REPEATS:
        lo, hi, item = av
        e, r = _sequence(item)
        if lo == 0 and hi == 1 and e is not None:
            return e | {""}, None
        if lo == 1 and hi == 1:
            return e, r
        return None, (_best([e, r]) if lo >= 1 else None)
    return None, None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF…: no literal follows


def _sequence(items: Any) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, required) for a sequence: runs of exact items concatenate into longer words."""
    cands: list[frozenset[str] | None] = []
    run: frozenset[str] = frozenset({""})
    whole_exact = True
    for op, av in items:
        e, r = _node(op, av)
        cands.append(r)
        if e is None:
            whole_exact = False
            cands.append(run)
            run = frozenset({""})
            continue
        if len(run) * len(e) > _EXACT_LIMIT:
            whole_exact = False
            cands.append(run)
            run = e
            continue
        run = frozenset(a + b for a in run for b in e)
    cands.append(run)
    return (run if whole_exact else None), _best(cands)


@lru_cache(maxsize=1024)
def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Words one of which occurs in every match of ``pattern``, or None when none can be told.

    Only for patterns matched case-sensitively; a word never contains a newline (the
    prefilter scans turns joined by newlines).
    """
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        _exact, req = _sequence(parsed.data)
    except (_Opaque, re.error, RecursionError):
        return None
    if req is None or any("\n" in w for w in req):
        return None
    return req


class LiteralPrefilter:
    """Which turns of a text can match some of several patterns (see ``required_literals``).

    ``None`` from ``turns`` means "cannot tell: every turn is a candidate".
    """

    def __init__(self, patterns: Iterable[str | re.Pattern[str]]) -> None:
        words: set[str] = set()
        usable = True
        for p in patterns:
            req = (required_literals(p.pattern, p.flags & ~re.UNICODE) if isinstance(p, re.Pattern)
                   else required_literals(p))
            if req is None:
                usable = False
                break
            words |= req
        self.words: frozenset[str] | None = frozenset(words) if usable else None
        # its words, also as a member of the word bank (``joined_scan``)
        self.bank_words = tuple(sorted(words)) if usable else ()
        self.serial = serial_of(self.bank_words)
        self._automaton = _build_automaton(self.bank_words)

    @property
    def usable(self) -> bool:
        return self.words is not None

    def occurs(self, text: str) -> bool:
        """Whether a required word occurs in ``text`` (``positions`` non-empty), stopping at the first."""
        if self._automaton is None or not text:
            return False
        for _hit in self._automaton.iter(text):
            return True
        return False

    def iter_ends(self, text: str) -> Iterable[tuple[int, str]]:
        """(index of the last character, word) of every occurrence of a required word."""
        if self._automaton is None or not text:
            return ()
        return self._automaton.iter(text)


class RegexSet:
    """Named regular expressions with exclusion patterns (a hit inside an exclusion is dropped)."""

    def __init__(self, patterns: Iterable[str], *, exclude: Iterable[str] = (), name: str = "",
                 skip_quoted: bool = True) -> None:
        self.name = name
        self.patterns = tuple(patterns)
        self._compiled = [re.compile(p) for p in self.patterns]
        self._exclude = [re.compile(p) for p in exclude]
        self.skip_quoted = skip_quoted
        # Required literal words: a turn without any of them cannot match (see LiteralPrefilter).
        self.prefilter = LiteralPrefilter(self.patterns)
        # With several patterns, which of them each required word belongs to: ``find`` runs a
        # pattern only on a text holding one of its words (the words the word bank found there, or
        # the router's own automaton pass).
        self._router = _PatternRouter(self.patterns) if len(self.patterns) > 1 else None

    @property
    def routed(self) -> bool:
        """Whether the set picks, per text, which of its patterns to run (it has several)."""
        return self._router is not None

    def find(self, text: str, words: Collection[str] | None = None) -> list[Hit]:
        """The hits in ``text``. ``words``, when given, are the prefilter's words that occur in ``text``
        (all of them, as the word bank found them): the patterns to run are told from them, without
        another automaton pass over ``text``."""
        hits = [Hit(m.start(), m.end(), m.group(0)) for rx in self._runnable(text, words) for m in rx.finditer(text)
                if m.end() > m.start()]
        if not hits:
            return []
        if self._exclude:
            spans = self._excluded_spans(text)
            hits = [h for h in hits if not in_ranges(h.start, h.end, spans)]
        if self.skip_quoted:
            quoted = quoted_ranges(text)
            hits = [h for h in hits if not in_ranges(h.start, h.end, quoted)]
        return leftmost_longest(hits)

    def excluded(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a match of an exclusion pattern (a hit ``find``
        drops): for a hit checked against more words than its own sentence's."""
        return bool(self._exclude) and in_ranges(start, end, self._excluded_spans(text))

    def _excluded_spans(self, text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for rx in self._exclude for m in rx.finditer(text)]

    def _runnable(self, text: str, words: Collection[str] | None = None) -> list[re.Pattern[str]]:
        """The patterns that can match in ``text``, in their order (all of them for one pattern:
        the whole-call prefilter has already been applied)."""
        if self._router is None:
            return self._compiled
        found = self._router.runnable(text) if words is None else self._router.owning(words)
        return [self._compiled[i] for i in found]


class _PatternRouter:
    """Which of several patterns can match in a text: those whose required words
    (``required_literals``) occur in it, and those without such words (always run)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._always: list[int] = []
        owners: dict[str, list[int]] = {}
        for i, p in enumerate(patterns):
            words = required_literals(p)
            if words is None:
                self._always.append(i)
                continue
            for w in words:
                owners.setdefault(w, []).append(i)
        self._owners = {w: tuple(ids) for w, ids in owners.items()}
        self._automaton: Any = automaton.build((w, w) for w in self._owners)

    def runnable(self, text: str) -> list[int]:
        """Indexes of the patterns that can match in ``text``, ascending."""
        if self._automaton is None or not text:
            return self.owning(())
        return self.owning(w for _end, w in self._automaton.iter(text))

    def owning(self, words: Iterable[str]) -> list[int]:
        """``runnable`` of a text in which exactly ``words`` of the patterns' words occur (the word
        bank's pass over a call has found them: no pass of the router's own)."""
        found = set(self._always)
        owners = self._owners
        for w in words:
            found.update(owners.get(w, ()))
        return sorted(found)


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
