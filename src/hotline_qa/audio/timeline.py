"""The speech timeline of a call: who spoke when, and what that says about listening.

Built from the speech segments of each channel (see ``vad``). All times are seconds from
the start of the recording. The measures mirror the transcript-based timing code of the
listening rules (``rules/catalogue/listening.py``: ``find_overlaps``, ``find_gaps``,
``find_monologues`` on ``Segment(start, end, role)``): ``SpeechTimeline.to_segments()``
gives the same ``(start, end, role)`` triples so those functions can run on audio too.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hotline_qa.core.call import Event, EventKind, Role

Span = tuple[float, float]


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """Thresholds of the timeline measures (seconds); defaults follow the rulebook."""

    #: Overlaps shorter than this are not listed (LIS001 counts > 0.5 s).
    min_overlap: float = 0.2
    #: Silences shorter than this are not listed.
    min_silence: float = 1.0
    #: A silence at least this long is a long silence / hold candidate (LIS003: 10 s).
    long_silence: float = 10.0
    #: A speaker talking this long with no sound at all from the other is a monologue (LIS002: 30 s).
    monologue_seconds: float = 30.0
    #: Pauses up to this long keep one speaker's run going (LIS002: 5 s).
    monologue_max_pause: float = 5.0


@dataclass(frozen=True, slots=True)
class SpeechSegment:
    """One stretch of speech on one channel."""

    start: float
    end: float
    role: Role

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class Silence:
    """Nobody spoke from ``start`` to ``end``; ``before``/``after`` say who spoke around it."""

    start: float
    end: float
    before: Role | None
    after: Role | None

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class TalkOver:
    """``by`` started speaking at ``start`` while ``over`` was speaking; both spoke until ``end``."""

    start: float
    end: float
    by: Role
    over: Role
    #: When the interrupted speaker's segment began.
    over_started: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Monologue:
    """``role`` spoke from ``start`` to ``end`` (pauses bridged) with no sound from the other party."""

    start: float
    end: float
    role: Role

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class LongSilence:
    """A long silence, and the hold (from the call's events) it falls in, if any."""

    start: float
    end: float
    hold: Span | None

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def announced(self) -> bool:
        """True when at least half of the silence lies inside a hold event."""
        return self.hold is not None


@dataclass(frozen=True, slots=True)
class SpeechTimeline:
    """Per-speaker speech segments of one call and the measures derived from them."""

    duration: float
    segments: tuple[SpeechSegment, ...]
    roles: tuple[Role, ...]
    settings: TimelineSettings
    silences: tuple[Silence, ...]
    overlaps: tuple[TalkOver, ...]
    monologues: tuple[Monologue, ...]
    long_silences: tuple[LongSilence, ...]

    # -- per speaker ----------------------------------------------------------------------------
    def of(self, role: Role | str) -> tuple[SpeechSegment, ...]:
        """The segments of one speaker."""
        r = Role(role)
        return tuple(s for s in self.segments if s.role is r)

    def spans(self, role: Role | str) -> tuple[Span, ...]:
        """``(start, end)`` of each segment of one speaker."""
        return tuple((s.start, s.end) for s in self.of(role))

    def talk_time(self, role: Role | str) -> float:
        """Seconds the speaker was speaking."""
        return sum(s.duration for s in self.of(role))

    def talk_ratio(self, role: Role | str) -> float:
        """The speaker's share of all talk (0..1): their talk time over everyone's talk time."""
        total = sum(self.talk_time(r) for r in self.roles)
        return self.talk_time(role) / total if total > 0 else 0.0

    # -- whole call -----------------------------------------------------------------------------
    @property
    def speech_start(self) -> float | None:
        """When the first speech began."""
        return min((s.start for s in self.segments), default=None)

    @property
    def speech_end(self) -> float | None:
        """When the last speech ended."""
        return max((s.end for s in self.segments), default=None)

    @property
    def last_speaker(self) -> Role | None:
        """Who was speaking last (the one whose speech ended latest)."""
        if not self.segments:
            return None
        return max(self.segments, key=lambda s: (s.end, s.start)).role

    @property
    def tail_seconds(self) -> float | None:
        """Seconds from the end of the last speech to the end of the recording."""
        end = self.speech_end
        return None if end is None else max(0.0, self.duration - end)

    def last_speech(self, role: Role | str) -> float | None:
        """When the speaker's last speech ended."""
        return max((s.end for s in self.of(role)), default=None)

    @property
    def silent_seconds(self) -> float:
        """Seconds between the first and the last speech during which nobody spoke."""
        return sum(s.seconds for s in _silences(self.segments, 0.0))

    def to_segments(self) -> list[tuple[float, float, Role]]:
        """``(start, end, role)`` per segment, sorted: the input of the listening timing functions."""
        return [(s.start, s.end, s.role) for s in self.segments]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "duration": round(self.duration, 3),
            "segments": [{"start": s.start, "end": s.end, "role": s.role.value} for s in self.segments],
            "talk": {r.value: {"seconds": round(self.talk_time(r), 2), "ratio": round(self.talk_ratio(r), 3)}
                     for r in self.roles},
            "silences": [{"start": s.start, "end": s.end, "seconds": round(s.seconds, 2),
                          "before": s.before.value if s.before else None,
                          "after": s.after.value if s.after else None} for s in self.silences],
            "overlaps": [{"start": o.start, "end": o.end, "seconds": round(o.seconds, 2), "by": o.by.value,
                          "over": o.over.value, "over_started": o.over_started} for o in self.overlaps],
            "monologues": [{"start": m.start, "end": m.end, "seconds": round(m.seconds, 2), "role": m.role.value}
                           for m in self.monologues],
            "long_silences": [{"start": h.start, "end": h.end, "seconds": round(h.seconds, 2),
                               "hold": list(h.hold) if h.hold else None} for h in self.long_silences],
            "speech_start": self.speech_start, "speech_end": self.speech_end,
            "last_speaker": self.last_speaker.value if self.last_speaker else None,
            "last_speech": {r.value: self.last_speech(r) for r in self.roles},
            "tail_seconds": None if self.tail_seconds is None else round(self.tail_seconds, 2),
        }


def build_timeline(speech: Mapping[Role, Sequence[Span]], duration: float, *,
                   settings: TimelineSettings | None = None,
                   holds: Sequence[Span] = ()) -> SpeechTimeline:
    """The timeline of a call from each speaker's speech spans.

    ``holds`` are ``(start, end)`` of hold events (see ``hold_spans``); a long silence that
    lies at least half inside one is marked as announced.
    """
    cfg = settings or TimelineSettings()
    segs = tuple(sorted((SpeechSegment(float(a), float(b), Role(r)) for r, spans in speech.items()
                         for a, b in spans if b > a), key=lambda s: (s.start, s.end, s.role.value)))
    roles = tuple(Role(r) for r in speech)
    silences = _silences(segs, cfg.min_silence)
    long_ones = tuple(LongSilence(s.start, s.end, _matching_hold(s.start, s.end, holds))
                      for s in silences if s.seconds >= cfg.long_silence)
    return SpeechTimeline(
        duration=float(duration), segments=segs, roles=roles, settings=cfg, silences=silences,
        overlaps=_overlaps(segs, cfg.min_overlap),
        # A monologue needs a second party who stayed silent: not measurable on a mono recording.
        monologues=(_monologues(segs, roles, cfg.monologue_seconds, cfg.monologue_max_pause)
                    if len(roles) >= 2 else ()),
        long_silences=long_ones,
    )


def hold_spans(events: Iterable[Event], call_end: float) -> list[Span]:
    """``(start, end)`` of each hold from ``hold_start``/``hold_end`` events; an open hold ends at ``call_end``."""
    out: list[Span] = []
    open_at: float | None = None
    for e in sorted((e for e in events if e.at is not None), key=lambda e: e.at or 0.0):
        if e.kind is EventKind.HOLD_START and open_at is None:
            open_at = e.at
        elif e.kind is EventKind.HOLD_END and open_at is not None and e.at is not None:
            out.append((open_at, e.at))
            open_at = None
    if open_at is not None:
        out.append((open_at, max(open_at, call_end)))
    return out


def _matching_hold(start: float, end: float, holds: Sequence[Span]) -> Span | None:
    for hs, he in holds:
        if min(end, he) - max(start, hs) >= (end - start) / 2:
            return (hs, he)
    return None


def _silences(segs: Sequence[SpeechSegment], min_silence: float) -> tuple[Silence, ...]:
    """Gaps between speech where no channel has speech, longer than ``min_silence``."""
    out: list[Silence] = []
    last_end: float | None = None
    last_role: Role | None = None
    for s in segs:
        if last_end is not None and s.start - last_end > min_silence:
            out.append(Silence(last_end, s.start, last_role, s.role))
        if last_end is None or s.end > last_end:
            last_end, last_role = s.end, s.role
    return tuple(out)


def _overlaps(segs: Sequence[SpeechSegment], min_overlap: float) -> tuple[TalkOver, ...]:
    """Each segment that starts while another speaker's segment runs: who cut in over whom.

    One speaker's segments never overlap each other (the VAD merged them), so the only
    segment of another speaker that can be running at ``a.start`` is the last one of that
    speaker to start before it.
    """
    by_role: dict[Role, list[SpeechSegment]] = {}
    for s in segs:
        by_role.setdefault(s.role, []).append(s)
    starts = {r: [s.start for s in ss] for r, ss in by_role.items()}
    out: list[TalkOver] = []
    for a in segs:
        best: TalkOver | None = None
        for r, ss in by_role.items():
            if r is a.role:
                continue
            k = bisect.bisect_left(starts[r], a.start) - 1
            if k < 0:
                continue
            b = ss[k]
            end = min(a.end, b.end)
            if end - a.start > min_overlap and (best is None or end - a.start > best.seconds):
                best = TalkOver(a.start, end, a.role, b.role, b.start)
        if best is not None:
            out.append(best)
    return tuple(out)


def _monologues(segs: Sequence[SpeechSegment], roles: Sequence[Role], min_seconds: float,
                max_pause: float) -> tuple[Monologue, ...]:
    """Runs of one speaker (pauses up to ``max_pause`` bridged) with no segment of anyone else inside."""
    out: list[Monologue] = []
    for role in roles:
        own = [s for s in segs if s.role is role]
        others = [s for s in segs if s.role is not role]
        runs: list[list[float]] = []
        for s in own:
            if runs and s.start - runs[-1][1] <= max_pause:
                runs[-1][1] = max(runs[-1][1], s.end)
            else:
                runs.append([s.start, s.end])
        for p0, q0 in runs:
            pieces = [(p0, q0)]
            for o in others:
                if o.start >= q0 or o.end <= p0:
                    continue
                cut: list[Span] = []
                for p, q in pieces:
                    if o.start < q and o.end > p:
                        cut += [x for x in ((p, o.start), (o.end, q)) if x[1] > x[0]]
                    else:
                        cut.append((p, q))
                pieces = cut
            out += [Monologue(p, q, role) for p, q in pieces if q - p > min_seconds]
    return tuple(sorted(out, key=lambda m: m.start))
