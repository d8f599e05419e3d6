"""Turns that are the other side's words heard again on this side's channel (串音, 回声).

In a stereo recording each party has a channel, but the line echoes: the agent's voice comes
back, weaker and a fraction of a second late, on the customer's channel (and a loud caller
leaks into the agent's headset). The recogniser transcribes the echo as a turn of its own, so
the customer "says" the agent's greeting ("您好工号幺零二四请问有什么可以帮您") at the very moment
the agent says it. Left in, such a turn is read as the customer talking over the agent, its
words as the customer's (a request, an apology, a goodbye), and the agent's next words as
an interruption.

:func:`drop_channel_echo` leaves out a turn that is such a copy: it overlaps turns of the other
side in time, for most of its length, and says almost the same characters (digits compared as
digits: the echo's "幺零二四" is the agent's "1024"), starting within a second of when those
words were said (read from the other turn's times at an even rate), and not before the other
turn (a quarter of a second of rounding allowed). Of two such turns
that start together, the shorter is the echo (it is the weaker copy), and of two equal ones
the customer's. A short turn ("好的谢谢再见", "嗯对对对") said by both at once is two people, not an
echo: eight characters at least. A caller who repeats a number after the agent starts a second
or more after the agent said it, and is kept. The call keeps a warning naming the turns left
out (by side and time, not by their words: they may hold personal data).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from difflib import SequenceMatcher

from hotline_qa.core.call import Call, Role, Utterance

#: An echo has at least this many characters (letters, digits, hanzi).
MIN_CHARS = 8
#: Share of the turn's characters found, in order, in the other side's overlapping words.
MIN_SHARE = 0.8
#: Share of the turn's duration that the other side's turns overlap.
MIN_OVERLAP = 0.6
#: An echo starts this many seconds after the words it repeats were said, at most.
MAX_LAG = 1.0
#: Turns starting this close together started together (time stamps are rounded).
LEAD = 0.25

_SPEAKERS = (Role.AGENT, Role.CUSTOMER)
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_DIGITS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")


def _key(text: str) -> str:
    """The characters compared: letters, digits and hanzi, digits as Arabic digits."""
    return _NOT_WORD.sub("", text.lower()).translate(_DIGITS)


def _timed(u: Utterance) -> bool:
    return u.role in _SPEAKERS and u.start is not None and u.end is not None and not u.end_estimated \
        and u.end > u.start


def _is_echo(u: Utterance, key: str, others: list[tuple[Utterance, str]]) -> bool:
    """``u`` repeats the words of ``others`` (the other side's turns it overlaps), said at the same time."""
    assert u.start is not None and u.end is not None
    if sum(_overlap(u, v) for v, _ in others) < MIN_OVERLAP * (u.end - u.start):
        return False
    first, first_key = max(others, key=lambda o: _overlap(u, o[0]))
    assert first.start is not None
    if abs(u.start - first.start) <= LEAD:
        # started together (time stamps are rounded, segment edges move): the echo is the
        # weaker copy, the shorter; of two equal ones, the customer's (the agent's voice
        # comes back on the line)
        if (len(key), u.role is Role.AGENT) >= (len(first_key), first.role is Role.AGENT):
            return False
    elif u.start < first.start:
        return False  # said first: the original, if anything
    heard = "".join(k for _, k in others)
    present = set(heard)
    if sum(ch in present for ch in key) < MIN_SHARE * len(key):
        return False  # the quick answer for two people saying different things
    blocks = [b for b in SequenceMatcher(None, key, heard, autojunk=False).get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) < MIN_SHARE * len(key):
        return False
    # An echo is heard as the words are said: it starts when the other side said its first
    # words, not a second or more later (a caller repeating a number after the agent).
    return abs(u.start - _said_at(others, blocks[0].b)) <= MAX_LAG


def _said_at(others: list[tuple[Utterance, str]], pos: int) -> float:
    """When the character at ``pos`` of the other side's joined words was said (read from the
    turn's times, at an even rate)."""
    for v, k in others:
        assert v.start is not None and v.end is not None
        if pos < len(k):
            return v.start + (v.end - v.start) * pos / len(k)
        pos -= len(k)
    last = others[-1][0]
    assert last.end is not None
    return last.end


def _overlap(u: Utterance, v: Utterance) -> float:
    assert u.start is not None and u.end is not None and v.start is not None and v.end is not None
    return min(u.end, v.end) - max(u.start, v.start)


def find_channel_echo(call: Call) -> list[Utterance]:
    """The turns of ``call`` that echo the other side's words (see the module's text)."""
    timed = [u for u in call.utterances if _timed(u)]
    if not timed or not any(u.role is Role.CUSTOMER for u in timed) or not any(u.role is Role.AGENT for u in timed):
        return []
    by_start = sorted(timed, key=lambda u: (u.start, u.index))
    starts = [u.start or 0.0 for u in by_start]  # all timed
    longest = max(u.end - u.start for u in timed)  # type: ignore[operator]
    keys: dict[int, str] = {}  # computed only for turns that overlap the other side (most do not)

    def key_of(v: Utterance) -> str:
        k = keys.get(v.index)
        if k is None:
            k = keys[v.index] = _key(v.text)
        return k

    echoes: list[Utterance] = []
    for u in by_start:
        if len(u.text) < MIN_CHARS:
            continue
        assert u.start is not None and u.end is not None
        # the turns that may overlap u: started before it ended, and not so early that they ended before it
        lo, hi = bisect_left(starts, u.start - longest), bisect_left(starts, u.end)
        near = [v for v in by_start[lo:hi] if v.role is not u.role and u.start < v.end]  # type: ignore[operator]
        if not near or sum(_overlap(u, v) for v in near) < MIN_OVERLAP * (u.end - u.start):
            continue  # a bound on ``_is_echo``'s own test (over the turns with words), before any text work
        key = key_of(u)
        others = [(v, k) for v in near if (k := key_of(v))]
        if len(key) >= MIN_CHARS and others and _is_echo(u, key, others):
            echoes.append(u)
    return echoes


def drop_channel_echo(call: Call) -> Call:
    """``call`` without the turns that echo the other side, renumbered, with a warning; ``call`` itself
    when there are none."""
    echoes = find_channel_echo(call)
    if not echoes:
        return call
    gone = {u.index for u in echoes}
    kept = tuple(replace(u, index=i) for i, u in enumerate(u for u in call.utterances if u.index not in gone))
    where = "、".join(f"{'客户' if u.role is Role.CUSTOMER else '坐席'} {u.start:.1f} 秒" for u in echoes[:5])
    more = "…" if len(echoes) > 5 else ""
    warning = (f"{len(echoes)} 个轮次与另一方同一时刻说的话几乎相同，是双声道录音的串音（回声），已略去（{where}{more}）"
               "(turns echoing the other side's words at the same moment were left out)")
    return replace(call, utterances=kept, warnings=(*call.warnings, warning))
