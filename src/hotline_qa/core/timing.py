"""Who spoke when: overlaps, silences and monologues from timed speech segments.

Pure functions on any segments that have ``start``, ``end`` (seconds) and ``role``: the
audio timeline runs them on the recording's voice activity (``audio.timeline``), the
listening rules on transcript turns or on the recording's segments aligned with the
transcript (``rules.catalogue.listening``). Where the two read the timing differently, a
parameter says how (which roles, how far back to look, which pauses to bridge).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from hotline_qa.core.call import Event, EventKind, Role

Span = tuple[float, float]


class Timed(Protocol):
    """A stretch of speech: seconds from the start of the call, and whose it was."""

    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...

    @property
    def role(self) -> Role: ...


S = TypeVar("S", bound=Timed)


@dataclass(frozen=True, slots=True)
class Interval:
    """From ``start`` to ``end``, in seconds from the start of the call."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def gaps(ordered: Sequence[S], *, min_gap: float) -> list[tuple[S, S]]:
    """Silences longer than ``min_gap`` between the segments (sorted by start), any speaker.

    Each is ``(before, after)``: the segment whose end came latest so far (the silence starts
    at ``before.end``) and the segment that breaks the silence (it ends at ``after.start``).
    """
    out: list[tuple[S, S]] = []
    last: S | None = None
    for s in ordered:
        if last is not None and s.start - last.end > min_gap:
            out.append((last, s))
        if last is None or s.end > last.end:
            last = s
    return out


def cut_ins(ordered: Sequence[S], *, min_overlap: float, by: Role | None = None, over: Role | None = None,
            lookback: int = 1) -> list[tuple[S, S, float]]:
    """Segments that start while another speaker's segment is running: ``(segment, interrupted, seconds)``.

    ``ordered`` is sorted by start. Only segments of ``by`` (None: anyone) cutting in over
    ``over`` (None: anyone else) count, with an overlap longer than ``min_overlap`` seconds
    (from the cut-in to the first of the two ends). Per speaker, the ``lookback`` segments
    that started last before the cut-in are the ones that may still be running (1 when one
    speaker's segments never overlap each other, as a voice activity detector gives them);
    the one overlapping most is the interrupted one.
    """
    by_role: dict[Role, list[S]] = {}
    for s in ordered:
        by_role.setdefault(s.role, []).append(s)
    starts = {r: [s.start for s in ss] for r, ss in by_role.items()}
    out: list[tuple[S, S, float]] = []
    for a in ordered:
        if by is not None and a.role is not by:
            continue
        best: tuple[S, float] | None = None
        for r, ss in by_role.items():
            if r is a.role or (over is not None and r is not over):
                continue
            k = bisect.bisect_left(starts[r], a.start)  # those starting strictly before ``a``
            for b in ss[max(0, k - lookback):k]:
                if b.end <= a.start:
                    continue
                seconds = min(a.end, b.end) - a.start
                if seconds > min_overlap and (best is None or seconds > best[1]):
                    best = (b, seconds)
        if best is not None:
            out.append((a, best[0], best[1]))
    return out


def quiet_stretches(own: Sequence[Timed], others: Sequence[Timed], *, min_seconds: float,
                    max_pause: float) -> list[Span]:
    """Stretches of one speaker's talk longer than ``min_seconds`` with no sound from ``others``.

    ``own`` (sorted by start) separated by pauses of at most ``max_pause`` form one stretch;
    any segment of ``others`` that touches a stretch cuts it in two. In time order.
    """
    stretches: list[list[float]] = []
    for s in own:
        if stretches and s.start - stretches[-1][1] <= max_pause:
            stretches[-1][1] = max(stretches[-1][1], s.end)
        else:
            stretches.append([s.start, s.end])
    # Only the others starting within (s0 - longest, e0) can touch the stretch s0..e0.
    ordered = sorted(others, key=lambda o: o.start)
    starts = [o.start for o in ordered]
    longest = max((o.end - o.start for o in ordered), default=0.0)
    out: list[Span] = []
    for s0, e0 in stretches:
        pieces = [(s0, e0)]
        for o in ordered[bisect.bisect_right(starts, s0 - longest - 1e-9):bisect.bisect_left(starts, e0)]:
            if o.end <= s0:
                continue
            cut: list[Span] = []
            for p, q in pieces:
                if o.start < q and o.end > p:
                    cut += [x for x in ((p, o.start), (o.end, q)) if x[1] > x[0]]
                else:
                    cut.append((p, q))
            pieces = cut
        out += [(p, q) for p, q in pieces if q - p > min_seconds]
    return out


def covering_span(start: float, end: float, spans: Sequence[Span]) -> Span | None:
    """The first of ``spans`` that holds at least half of ``start``–``end``, or None."""
    for hs, he in spans:
        if min(end, he) - max(start, hs) >= (end - start) / 2:
            return (hs, he)
    return None


def hold_pairs(events: Iterable[Event], *,
               repeat: Literal["ignore", "restart", "split"]) -> list[tuple[float, float | None]]:
    """``(start, end)`` of each hold from the timed ``hold_start``/``hold_end`` events, in time order.

    The end is None for a hold that no ``hold_end`` closes. A ``hold_start`` while a hold is
    open is passed over (``repeat="ignore"``), starts it again (``"restart"``), or leaves the
    open one unclosed and starts a new one (``"split"``).
    """
    out: list[tuple[float, float | None]] = []
    open_at: float | None = None
    for e in sorted((e for e in events if e.at is not None), key=lambda e: e.at or 0.0):
        if e.kind is EventKind.HOLD_START:
            if open_at is None or repeat == "restart":
                open_at = e.at
            elif repeat == "split":
                out.append((open_at, None))
                open_at = e.at
        elif e.kind is EventKind.HOLD_END and open_at is not None:
            out.append((open_at, e.at))
            open_at = None
    if open_at is not None:
        out.append((open_at, None))
    return out
