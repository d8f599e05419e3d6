"""The speech timeline of a call: who spoke when, and what that says about listening.

Built from the speech segments of each channel (see ``vad``). All times are seconds from
the start of the recording. The value types are the rules' own (``core.audio_facts``) and
the measures come from ``core.timing``, which the listening rules run on transcript turns
too; ``SpeechTimeline.to_segments()`` gives the ``(start, end, role)`` triples of the
listening rules' ``Segment``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hotline_qa.core.audio_facts import LongSilenceFact, MonologueFact, OverlapFact, SilenceFact, SpeechSpan
from hotline_qa.core.call import Event, Role
from hotline_qa.core.timing import Span, covering_span, cut_ins, gaps, hold_pairs, quiet_stretches


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
class SpeechTimeline:
    """Per-speaker speech segments of one call and the measures derived from them."""

    duration: float
    segments: tuple[SpeechSpan, ...]
    roles: tuple[Role, ...]
    settings: TimelineSettings
    silences: tuple[SilenceFact, ...]
    overlaps: tuple[OverlapFact, ...]
    monologues: tuple[MonologueFact, ...]
    long_silences: tuple[LongSilenceFact, ...]

    # -- per speaker ----------------------------------------------------------------------------
    def of(self, role: Role | str) -> tuple[SpeechSpan, ...]:
        """The segments of one speaker."""
        r = Role(role)
        return tuple(s for s in self.segments if s.role is r)

    def spans(self, role: Role | str) -> tuple[Span, ...]:
        """``(start, end)`` of each segment of one speaker."""
        return tuple((s.start, s.end) for s in self.of(role))

    def talk_time(self, role: Role | str) -> float:
        """Seconds the speaker was speaking."""
        return sum(s.seconds for s in self.of(role))

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
    segs = tuple(sorted((SpeechSpan(float(a), float(b), Role(r)) for r, spans in speech.items()
                         for a, b in spans if b > a), key=lambda s: (s.start, s.end, s.role.value)))
    roles = tuple(Role(r) for r in speech)
    silences = _silences(segs, cfg.min_silence)
    long_ones = tuple(LongSilenceFact(s.start, s.end, covering_span(s.start, s.end, holds))
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
    return [(a, max(a, call_end) if b is None else b) for a, b in hold_pairs(events, repeat="ignore")]


def _silences(segs: Sequence[SpeechSpan], min_silence: float) -> tuple[SilenceFact, ...]:
    """Gaps between speech where no channel has speech, longer than ``min_silence``."""
    return tuple(SilenceFact(b.end, a.start, b.role, a.role) for b, a in gaps(segs, min_gap=min_silence))


def _overlaps(segs: Sequence[SpeechSpan], min_overlap: float) -> tuple[OverlapFact, ...]:
    """Each segment that starts while another speaker's segment runs: who cut in over whom.

    One speaker's segments never overlap each other (the VAD merged them), so the only
    segment of another speaker that can be running at ``a.start`` is the last one of that
    speaker to start before it.
    """
    return tuple(OverlapFact(a.start, min(a.end, b.end), a.role, b.role, b.start)
                 for a, b, _ in cut_ins(segs, min_overlap=min_overlap))


def _monologues(segs: Sequence[SpeechSpan], roles: Sequence[Role], min_seconds: float,
                max_pause: float) -> tuple[MonologueFact, ...]:
    """Runs of one speaker (pauses up to ``max_pause`` bridged) with no segment of anyone else inside."""
    out = [MonologueFact(p, q, role) for role in roles
           for p, q in quiet_stretches([s for s in segs if s.role is role], [s for s in segs if s.role is not role],
                                       min_seconds=min_seconds, max_pause=max_pause)]
    return tuple(sorted(out, key=lambda m: m.start))
