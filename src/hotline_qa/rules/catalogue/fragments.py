"""Phrases the ASR cut between two sentences of one speaking turn.

Sentence-level ASR (Alibaba, FunASR, Tencent, Volcengine) cuts a turn at every breath, often inside
a phrase: "非常抱歉给您带来这么" / "糟糕的体验", "情况反馈给车队" / "调度负责人", "您放心钱百分百" /
"少不了您的". Rules that search phrases sentence by sentence also search each such cut with
:func:`cross_fragment_matches` (TAB001-TAB006 phrase rules, CMP001, CMP004).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from itertools import pairwise

from hotline_qa.core.call import Utterance, talked_over
from hotline_qa.rules.catalogue.courtesy import is_own
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, RegexSet, in_ranges
from hotline_qa.text.hesitation import lead_hesitation, without_lead_hesitation

# Clause breaks (and a space): a sentence ending in one was said whole (taboo.py strips them too).
CLAUSE_BREAKS = " ,.!?;:。，、…~"


def fragment_pairs(ctx: CallContext) -> list[tuple[Utterance, Utterance]]:
    """Consecutive agent sentences of one speaking turn (``Call.turn_of``) that the ASR cut
    without a clause break between them ("您放心钱百分百" / "少不了您的有结果"): the cut may fall
    inside a phrase. The customer's interjection that the agent talked on through may come between
    them ("您先听我说这个也可能" / customer "怎么吃" / "是商家那边漏装了"). A sentence ending in
    punctuation, and an untimed line (a turn of its own), is never joined to the next."""
    def pairs() -> list[tuple[Utterance, Utterance]]:
        turn_of = ctx.call.turn_of
        utts = ctx.call.utterances
        out: list[tuple[Utterance, Utterance]] = []
        for u, v in pairwise(ctx.agent_turns):
            if (u.text and v.text
                    and turn_of.get(u.index) is not None and turn_of.get(u.index) == turn_of.get(v.index)
                    and u.text[-1] not in CLAUSE_BREAKS and v.text[0] not in CLAUSE_BREAKS
                    and all(talked_over(w, u) for w in utts[position(ctx, u) + 1:position(ctx, v)])):
                out.append((u, v))
        return out
    return ctx.memo("fragments.pairs", pairs)


def position(ctx: CallContext, u: Utterance) -> int:
    """Where ``u`` stands in the call's utterances (once per call)."""
    return ctx.memo("fragments.position", lambda: {v.index: i for i, v in enumerate(ctx.call.utterances)})[u.index]


def reply_turn(ctx: CallContext, last: Utterance) -> list[Utterance]:
    """The other party's speaking turn right after ``last`` (empty when ``last``'s speaker goes on)."""
    call = ctx.call
    turn_of = call.turn_of
    out: list[Utterance] = []
    for v in call.utterances[position(ctx, last) + 1:]:
        t = turn_of.get(v.index)
        if t is None:
            continue
        if v.role is last.role or (out and t != turn_of.get(out[0].index)):
            break
        out.append(v)
    return out


def next_fragment(ctx: CallContext) -> dict[int, Utterance]:
    """Each cut sentence's index -> the sentence that goes on with it (``fragment_pairs``)."""
    return ctx.memo("fragments.next", lambda: {u.index: v for u, v in fragment_pairs(ctx)})


def previous_fragment(ctx: CallContext) -> dict[int, Utterance]:
    """Each sentence's index -> the sentence it goes on from (``fragment_pairs``)."""
    return ctx.memo("fragments.previous", lambda: {v.index: u for u, v in fragment_pairs(ctx)})


def found_across_cut(ctx: CallContext, window: Sequence[Utterance],
                     find: Callable[[Utterance], list[Match]]) -> list[Match]:
    """What ``find`` (a finder of an utterance's matches, such as the opening's unit and agent
    finders that also look for metadata names) matches across the cut between two sentences of
    ``window`` (``fragment_pairs``): the part in the first sentence of each such match.
    ``cross_fragment_matches`` does the same for a pattern or phrase set."""
    inside = {u.index for u in window}
    out: list[Match] = []
    for u, v in fragment_pairs(ctx):
        if u.index not in inside or v.index not in inside:
            continue
        cut = len(u.text)
        out += [Match(u.index, m.start, cut, u.text[m.start:], m.pattern)
                for m in find(replace(u, text=u.text + v.text)) if m.start < cut < m.end]
    return out


def cross_fragment_matches(ctx: CallContext, rx: re.Pattern[str] | PhraseSet | RegexSet,
                           exclude: re.Pattern[str] | Sequence[re.Pattern[str]] | None = None, *,
                           within: Collection[int] | None = None,
                           ) -> list[tuple[Utterance, Utterance, Match, Match]]:
    """Matches of ``rx`` (a pattern, or a rulebook phrase or regex set with its own exclusions)
    that run across the cut between two sentences of one agent turn (``fragment_pairs``): the
    sentences, the part in the first and the part in the second. Quoted or reported words, and
    matches inside an ``exclude`` match of the joined text, are dropped; matches within one
    sentence are not returned (the per-sentence search has them). ``within``: only pairs whose
    two sentences both have one of these indexes (a rule's scope)."""
    return [(run[0], run[1], parts[0], parts[1])
            for run, parts in _across_cuts(ctx, fragment_pairs(ctx), rx, exclude, within)]


def breaths(ctx: CallContext) -> list[tuple[Utterance, ...]]:
    """The agent's sentences, each joined with the next when the ASR cut one breath between them
    (``fragment_pairs``): runs in call order, a sentence said whole is a run of its own."""
    def runs() -> list[tuple[Utterance, ...]]:
        follows = next_fragment(ctx)
        joined = previous_fragment(ctx)
        out: list[tuple[Utterance, ...]] = []
        for u in ctx.agent_turns:
            if u.index in joined:
                continue
            run = [u]
            while (nxt := follows.get(run[-1].index)) is not None:
                run.append(nxt)
            out.append(tuple(run))
        return out
    return ctx.memo("fragments.breaths", runs)


def fragment_triples(ctx: CallContext) -> list[tuple[Utterance, ...]]:
    """Three sentences of one agent turn the ASR cut twice without a clause break (three in a row
    of a ``breaths`` run): "那肯定" / "是楼上卫生间防水" / "没做好" (field call 271)."""
    return ctx.memo("fragments.triples",
                    lambda: [run[i:i + 3] for run in breaths(ctx) if len(run) > 2 for i in range(len(run) - 2)])


def across_cuts(ctx: CallContext, rx: re.Pattern[str] | PhraseSet | RegexSet,
                exclude: re.Pattern[str] | Sequence[re.Pattern[str]] | None = None, *,
                within: Collection[int] | None = None,
                ) -> list[tuple[tuple[Utterance, ...], tuple[Match, ...]]]:
    """Matches of ``rx`` that run across one ASR cut of an agent turn (``fragment_pairs``, as
    ``cross_fragment_matches``) and then those that run over the whole middle sentence of a
    ``fragment_triples`` run ("那肯定" / "是楼上卫生间防水" / "没做好", field call 271): each run of
    sentences and the part of the match in each."""
    return (_across_cuts(ctx, fragment_pairs(ctx), rx, exclude, within)
            + _across_cuts(ctx, fragment_triples(ctx), rx, exclude, within))


def _across_cuts(ctx: CallContext, runs: Sequence[tuple[Utterance, ...]],
                 rx: re.Pattern[str] | PhraseSet | RegexSet,
                 exclude: re.Pattern[str] | Sequence[re.Pattern[str]] | None,
                 within: Collection[int] | None,
                 ) -> list[tuple[tuple[Utterance, ...], tuple[Match, ...]]]:
    """Matches of ``rx`` in each run of cut sentences, joined, that start in the run's first
    sentence and end in its last: the run and the part of the match in each sentence."""
    out: list[tuple[tuple[Utterance, ...], tuple[Match, ...]]] = []
    if not runs:
        return out
    excludes = (exclude,) if isinstance(exclude, re.Pattern) else tuple(exclude or ())
    label = rx.pattern if isinstance(rx, re.Pattern) else ""
    for run in runs:
        if within is not None and any(u.index not in within for u in run):
            continue
        # (a hesitation opening a later sentence is read past: "非常抱歉给您带来" / "嗯不便")
        skips = [0, *(lead_hesitation(u.text) for u in run[1:])]
        joined = "".join(u.text[k:] for u, k in zip(run, skips, strict=True))
        first, last = len(run[0].text), len(joined) - (len(run[-1].text) - skips[-1])
        if isinstance(rx, re.Pattern):
            found = [(m.start(), m.end(), label) for m in rx.finditer(joined)]
        else:
            found = [(h.start, h.end, label or h.phrase) for h in rx.find(joined)]
        found = [f for f in found if f[0] < first and last < f[1] and is_own(joined, f[0], f[1])]
        if not found:
            continue
        spans = [(x.start(), x.end()) for e in excludes for x in e.finditer(joined)]
        for start, end, pattern in found:
            if in_ranges(start, end, spans):
                continue
            parts: list[Match] = []
            at = 0
            for u, k in zip(run, skips, strict=True):
                a, b = max(start - at, 0) + k, min(end - at + k, len(u.text))
                parts.append(Match(u.index, a, b, u.text[a:b], pattern))
                at += len(u.text) - k
            out.append((run, tuple(parts)))
    return out


def excluded_after_cut(ctx: CallContext, u: Utterance, matches: list[Match],
                       exclude: re.Pattern[str] | Sequence[re.Pattern[str]],
                       phrases: PhraseSet | None = None) -> list[Match]:
    """``matches`` in ``u`` without those an exclusion covers once the sentences the ASR cut off
    before and after ``u`` are put around it ("这个我不能" / "跟您打包票但是": the negation is in the
    sentence before; ``fragment_pairs``). ``exclude``: exclusion patterns; ``phrases``: a phrase
    set whose exclusion phrases count too. Exclusions within ``u`` alone are the caller's."""
    if not matches:
        return matches
    before = previous_fragment(ctx).get(u.index)
    after = next_fragment(ctx).get(u.index)
    if before is None and after is None:
        return matches
    # (a hesitation opening ``u`` after a cut, or opening the sentence after it, is read past:
    # "这个我不能" / "呃跟您打包票")
    k = lead_hesitation(u.text) if before is not None else 0
    head = before.text if before is not None else ""
    joined = head + u.text[k:] + (without_lead_hesitation(after.text) if after is not None else "")
    begin, end = len(head), len(head) + len(u.text) - k  # where ``u``'s words are in ``joined``
    shift = begin - k  # joined position - shift = position in ``u.text``
    patterns = (exclude,) if isinstance(exclude, re.Pattern) else exclude
    spans = [(x.start(), x.end()) for rx in patterns for x in rx.finditer(joined)]
    if phrases is not None and phrases.exclude:
        excluded = frozenset(phrases.exclude)
        spans += [(a, b) for a, b, p in phrases.raw_spans(joined) if p in excluded]
    spans = [(a - shift, b - shift) for a, b in spans if a < begin or b > end]  # those across a cut
    return [m for m in matches if not in_ranges(m.start, m.end, spans)] if spans else matches
