"""What every rule sees of one call: the call, the shared analysis, helpers to search it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from hotline_qa.core.audio_facts import AudioFacts
from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.rules import joined_scan
from hotline_qa.rules.base import to_matches
from hotline_qa.rules.matchers import LiteralPrefilter, Match, PhraseSet, RegexSet
from hotline_qa.text.hesitation import on_text, without_inner_hesitations

if TYPE_CHECKING:
    from hotline_qa.analyzers.analysis import Analysis

T = TypeVar("T")


class CallContext:
    """One call plus everything computed once and shared by all rules.

    ``settings`` holds the rulebook's general settings (company names, agent-name
    patterns, jargon, time zone). The analysis is computed on first use. ``audio`` is the
    recording's speech timeline and voice measures (``core.audio_facts.AudioFacts``), or
    None when the call was scored from a transcript alone.
    """

    def __init__(self, call: Call, *, settings: Mapping[str, Any] | None = None,
                 analysis: Analysis | None = None, audio: AudioFacts | None = None) -> None:
        self.call = call
        self.audio = audio
        self.settings: Mapping[str, Any] = settings or {}
        if analysis is not None:
            self.__dict__["analysis"] = analysis
        self._scans: dict[int, tuple[PhraseSet | RegexSet, dict[int, list[Match]]]] = {}
        # Matches in single turns, for matchers asked about a few turns only (see ``find``).
        self._few: dict[int, tuple[PhraseSet | RegexSet, dict[int, list[Match]]]] = {}
        self._candidates: dict[int, tuple[object, frozenset[int] | None]] = {}
        self._memo: dict[Hashable, Any] = {}
        # Per-rule structured results beside the findings (CMP002's steps, FIL001's count).
        self.details: dict[str, dict[str, Any]] = {}

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """A per-call value shared by several rules, computed once: ``factory()`` on first use.

        ``key`` names the value and the parameters it depends on (e.g. "listening.segments",
        ("voice.rates", 3.0, 12)); every caller of a key must build the same thing.
        """
        try:
            value: T = self._memo[key]
            return value
        except KeyError:
            value = self._memo[key] = factory()
            return value

    def report(self, code: str, details: Mapping[str, Any]) -> None:
        """Attach structured details to a rule's result (shown in reports and JSON)."""
        self.details[code] = dict(details)

    @cached_property
    def analysis(self) -> Analysis:
        from hotline_qa.analyzers.analysis import analyze
        from hotline_qa.analyzers.call_kind import settings_from
        from hotline_qa.analyzers.workdays import WorkCalendar

        return analyze(self.call, calendar=WorkCalendar(), now=self.local_start,
                       call_kinds=settings_from(self.settings.get("call_kinds")))

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(str(self.settings.get("timezone", "Asia/Shanghai")))

    @cached_property
    def local_start(self) -> datetime | None:
        """The call's start time in the center's time zone, or None."""
        started = self.call.metadata.started_at
        if started is None:
            return None
        if started.tzinfo is None:
            return started.replace(tzinfo=self.timezone)
        return started.astimezone(self.timezone)

    @property
    def agent_turns(self) -> tuple[Utterance, ...]:
        return self.call.agent_turns

    @property
    def customer_turns(self) -> tuple[Utterance, ...]:
        return self.call.customer_turns

    def turns(self, role: Role | None = None) -> tuple[Utterance, ...]:
        if role is None:
            return self.call.utterances
        return tuple(u for u in self.call.utterances if u.role is role)

    @cached_property
    def joined(self) -> tuple[str, list[int]]:
        """All utterance texts joined by newlines, and where each one starts (for one-pass scans)."""
        starts: list[int] = []
        pos = 0
        for u in self.call.utterances:
            starts.append(pos)
            pos += len(u.text) + 1
        return "\n".join(u.text for u in self.call.utterances), starts

    @cached_property
    def _bank_hits(self) -> tuple[joined_scan.WordBank, joined_scan.Hits]:
        """One pass of the word bank over the joined text (``joined_scan``): the hits of every member."""
        bank = joined_scan.current()
        return bank, bank.scan(self.joined[0])

    def _joined_ends(self, matcher: PhraseSet | LiteralPrefilter) -> Iterable[tuple[int, str]]:
        """``matcher.iter_ends`` over the joined text, from the word bank's one pass when the matcher is
        a member (a matcher asked for the first time joins it for the next calls)."""
        bank, hits = self._bank_hits
        serial = matcher.serial
        if serial in bank.members:
            return hits.get(serial, ())
        joined_scan.join(serial, matcher.bank_words)
        return matcher.iter_ends(self.joined[0])

    @cached_property
    def _fluent(self) -> dict[int, tuple[Utterance, str, tuple[int, ...]]]:
        """The sentences with a hesitation inside ("感谢您的呃耐心等待"), by utterance index: each as
        read past the hesitation, and where its characters stand in the sentence
        (``text.hesitation.without_inner_hesitations``). Matchers search these views (``_search``)."""
        out: dict[int, tuple[Utterance, str, tuple[int, ...]]] = {}
        for u in self.call.utterances:
            if (view := without_inner_hesitations(u.text)) is not None:
                out[u.index] = (u, *view)
        return out

    @staticmethod
    def _search(matcher: PhraseSet | RegexSet, u: Utterance, searched: str,
                back: tuple[int, ...] | None = None) -> list[Match]:
        """Matches of ``matcher`` in ``searched``: ``u``'s text, or (with ``back``) ``u``'s text read past
        its inner hesitations (``_fluent``), each match placed back on the text (spanning the hesitation
        it was found across: "感谢您的呃耐心等待")."""
        spans: list[tuple[int, int, str]]
        if isinstance(matcher, RegexSet):
            pre = matcher.prefilter
            if pre.usable and not pre.occurs(searched):
                return []
            spans = [(h.start, h.end, h.phrase) for h in matcher.find(searched)]
        else:
            spans = matcher.resolve_spans(searched, matcher.raw_spans(searched))
        if back is not None:
            spans = [(*on_text(back, a, b), phrase) for a, b, phrase in spans]
        text, index = u.text, u.index
        return [Match(index, a, b, text[a:b], phrase) for a, b, phrase in spans]

    def _scan(self, matcher: PhraseSet | RegexSet) -> dict[int, list[Match]]:
        """Matches of ``matcher`` in every utterance, found with one pass over the whole call.

        Most utterances match nothing: the pass over the joined text tells which ones need the
        per-utterance resolution (exclusions, quotations, overlaps). A sentence with a hesitation
        inside is searched as read past it (``_fluent``, ``_search``).
        """
        key = id(matcher)
        entry = self._scans.get(key)
        if entry is not None and entry[0] is matcher:  # the object itself: ids can be reused
            return entry[1]
        starts = self.joined[1]
        utts = self.call.utterances
        fluent = self._fluent
        out: dict[int, list[Match]] = {}
        if isinstance(matcher, PhraseSet):
            raw: dict[int, list[tuple[int, int, str]]] = {}
            for end, phrase in self._joined_ends(matcher):
                start = end + 1 - len(phrase)
                i = bisect_right(starts, start) - 1
                off = starts[i]
                if end + 1 - off > len(utts[i].text):
                    continue  # spans the separator: not inside one utterance
                hits_i = raw.get(i)
                if hits_i is None:
                    hits_i = raw[i] = []
                hits_i.append((start - off, end + 1 - off, phrase))
            for i, spans in raw.items():
                u = utts[i]
                if u.index in fluent:
                    continue  # searched below
                u_text = u.text
                kept = matcher.resolve_spans(u_text, spans)
                if kept:
                    index = u.index
                    out[index] = [Match(index, a, b, u_text[a:b], phrase) for a, b, phrase in kept]
        else:
            pre = matcher.prefilter
            # the rows that can match, each (for several patterns) with the prefilter's words found in
            # it: they tell which patterns to run there (no words: every row, routed by its own pass)
            words: dict[int, set[str]] = {}
            rows: Iterable[int] = range(len(utts))
            if pre.usable and matcher.routed:
                for pos, w in self._joined_ends(pre):
                    i = bisect_right(starts, pos) - 1
                    row = words.get(i)
                    if row is None:
                        row = words[i] = set()
                    row.add(w)
                rows = sorted(words)
            elif pre.usable:  # one pattern: the rows alone
                rows = sorted({bisect_right(starts, pos) - 1 for pos, _w in self._joined_ends(pre)})
            for i in rows:
                if not utts[i].text or utts[i].index in fluent:
                    continue
                found = to_matches(utts[i], matcher.find(utts[i].text, words.get(i)))
                if found:
                    out[utts[i].index] = found
        for index, (u, read, back) in fluent.items():
            if found := self._search(matcher, u, read, back):
                out[index] = found
        self._scans[key] = (matcher, out)
        return out

    def candidates(self, pattern: re.Pattern[str] | LiteralPrefilter) -> frozenset[int] | None:
        """Indexes of the utterances where ``pattern`` can match, or None when it cannot be told.

        One Aho-Corasick pass over the whole call with the pattern's required literal words
        (``matchers.required_literals``); cached per pattern object. A turn outside the set
        cannot match, so a rule may skip it; None means every turn must be searched.
        """
        key = id(pattern)
        entry = self._candidates.get(key)
        if entry is not None and entry[0] is pattern:
            return entry[1]
        pre = pattern if isinstance(pattern, LiteralPrefilter) else _prefilter(pattern)
        result: frozenset[int] | None = None
        if pre.usable:
            starts = self.joined[1]
            utts = self.call.utterances
            result = frozenset(utts[bisect_right(starts, pos) - 1].index for pos, _w in self._joined_ends(pre))
        self._candidates[key] = (pattern, result)
        return result

    def may_match(self, pattern: re.Pattern[str] | LiteralPrefilter, utterance: Utterance) -> bool:
        """False when ``pattern`` certainly does not match in ``utterance`` (see ``candidates``)."""
        found = self.candidates(pattern)
        return found is None or utterance.index in found

    def _find_few(self, matcher: PhraseSet | RegexSet,
                  utterances: tuple[Utterance, ...] | list[Utterance]) -> list[Match] | None:
        """Matches in a few turns, searched one by one; None once too many turns were asked.

        A rule that looks at two turns of a call (the hold announcement, the last turn) need
        not pay for a scan of the whole call. The results are the same as the scan's: the
        scan only tells which turns to search the same way.
        """
        key = id(matcher)
        entry = self._few.get(key)
        if entry is None or entry[0] is not matcher:
            entry = self._few[key] = (matcher, {})
        cache = entry[1]
        if len(cache) + len(utterances) > _FEW_TURNS:
            return None
        out: list[Match] = []
        for u in utterances:
            hits = cache.get(u.index)
            if hits is None:
                hits = cache[u.index] = self._match_one(matcher, u)
            out.extend(hits)
        return out

    def _match_one(self, matcher: PhraseSet | RegexSet, u: Utterance) -> list[Match]:
        if not u.text:
            return []
        if (view := self._fluent.get(u.index)) is not None:
            return self._search(matcher, u, view[1], view[2])
        return self._search(matcher, u, u.text)

    def find(self, matcher: PhraseSet | RegexSet, utterances: Iterable[Utterance]) -> list[Match]:
        """All matches of ``matcher`` in ``utterances`` (the whole call is scanned once per matcher,
        unless only a few turns are ever asked about)."""
        entry = self._scans.get(id(matcher))
        if entry is not None and entry[0] is matcher:
            found = entry[1]
        else:
            if type(utterances) is tuple or type(utterances) is list:
                few = self._find_few(matcher, utterances)
                if few is not None:
                    return few
            found = self._scan(matcher)
        if not found:
            return []
        out: list[Match] = []
        for u in utterances:
            hits = found.get(u.index)
            if hits:
                out.extend(hits)
        return out

    def first(self, matcher: PhraseSet | RegexSet, utterances: Iterable[Utterance]) -> Match | None:
        for u in utterances:
            found = self.find(matcher, (u,))
            if found:
                return found[0]
        return None


# Up to this many turns a matcher is searched turn by turn rather than over the whole call.
_FEW_TURNS = 6

_PREFILTERS: dict[tuple[str, int], LiteralPrefilter] = {}


def may_match_text(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``pattern`` certainly does not match in ``text``: none of its required
    literal words occurs in it (one Aho-Corasick pass over the text, much cheaper than a
    search with a long alternation). True when it may, or when that cannot be told."""
    pre = _prefilter(pattern)
    return not pre.usable or pre.occurs(text)


def _prefilter(pattern: re.Pattern[str]) -> LiteralPrefilter:
    """The (shared) literal prefilter of a compiled pattern."""
    key = (pattern.pattern, pattern.flags)
    pre = _PREFILTERS.get(key)
    if pre is None:
        pre = _PREFILTERS[key] = LiteralPrefilter([pattern])
    return pre
