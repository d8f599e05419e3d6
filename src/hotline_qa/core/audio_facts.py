"""What the rules see of a call recording: plain frozen facts, no samples, no numpy.

The audio layer builds the speech timeline from these same value types (``audio.timeline``)
and ``hotline_qa.audio.facts.audio_facts`` turns its ``AudioAnalysis`` into an
``AudioFacts``; the pipeline hands it to the rules as ``ctx.audio`` (None when the call has
no recording). Rules judge from these facts only, so the engine layers never import an
audio library. Times are seconds from the start of the recording (the moment the agent
answered, like the transcript's times).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hotline_qa.core.call import Role
from hotline_qa.core.timing import Interval, Span


@dataclass(frozen=True, slots=True)
class SpeechSpan(Interval):
    """One stretch of speech on one party's channel (from the voice activity detector)."""

    role: Role

    @property
    def seconds(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class SilenceFact(Interval):
    """Nobody spoke from ``start`` to ``end``; ``before``/``after``: who spoke around it."""

    before: Role | None = None
    after: Role | None = None


@dataclass(frozen=True, slots=True)
class OverlapFact(Interval):
    """``by`` started speaking at ``start`` while ``over`` was speaking; both spoke until ``end``."""

    by: Role
    over: Role
    #: When the interrupted speaker's segment began.
    over_started: float


@dataclass(frozen=True, slots=True)
class MonologueFact(Interval):
    """``role`` spoke from ``start`` to ``end`` (short pauses bridged) with no sound from the other party."""

    role: Role


@dataclass(frozen=True, slots=True)
class LongSilenceFact(Interval):
    """A long silence (the audio layer's threshold, 10 s by default), and the hold (from the
    call's events) it falls in, if any."""

    hold: Span | None = None

    @property
    def announced(self) -> bool:
        """True when at least half of the silence lies inside a hold event."""
        return self.hold is not None


@dataclass(frozen=True, slots=True)
class VoiceFacts:
    """One party's voice measures on their channel; None where it could not be measured."""

    role: Role
    talk_seconds: float
    speech_dbfs: float | None = None
    peak_dbfs: float | None = None
    clipping_ratio: float | None = None
    noise_floor_dbfs: float | None = None
    noise_rms_dbfs: float | None = None
    noise_seconds: float | None = None
    pitch_median_hz: float | None = None
    pitch_range_semitones: float | None = None
    voiced_seconds: float | None = None
    #: Syllables (one per Chinese character) per minute of speech, counted from the sound alone.
    syllable_rate: float | None = None
    syllable_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class AudioFacts:
    """The recording's speech timeline and voice measures, as the rules read them.

    ``stereo`` False means one channel for both parties: silences are real, but who spoke
    when, overlaps, monologues and per-party voice measures are not known.
    """

    source: str
    duration: float
    vad: str
    stereo: bool
    segments: tuple[SpeechSpan, ...]
    silences: tuple[SilenceFact, ...] = ()
    overlaps: tuple[OverlapFact, ...] = ()
    monologues: tuple[MonologueFact, ...] = ()
    long_silences: tuple[LongSilenceFact, ...] = ()
    last_speaker: Role | None = None
    tail_seconds: float | None = None
    speakers: tuple[VoiceFacts, ...] = ()
    warnings: tuple[str, ...] = ()
    #: The audio layer's full JSON record (``AudioAnalysis.to_dict()``), stored beside the evaluation.
    record: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def speaker(self, role: Role | str) -> VoiceFacts | None:
        """The voice measures of one party, or None when the recording has no channel for them."""
        r = Role(role)
        return next((s for s in self.speakers if s.role is r), None)

    def spans(self, role: Role | str) -> tuple[SpeechSpan, ...]:
        """The speech of one party, in order."""
        r = Role(role)
        return tuple(s for s in self.segments if s.role is r)

    def first_speech(self, role: Role | str) -> float | None:
        """When the party first spoke."""
        return min((s.start for s in self.spans(role)), default=None)

    def last_speech(self, role: Role | str) -> float | None:
        """When the party's last speech ended."""
        return max((s.end for s in self.spans(role)), default=None)

    def spoken_seconds(self, role: Role | str, start: float, end: float) -> float:
        """Seconds the party was speaking between ``start`` and ``end`` (pauses excluded)."""
        return sum(max(0.0, min(end, s.end) - max(start, s.start)) for s in self.spans(role))

    def speaking_at(self, role: Role | str, t: float, margin: float = 0.0) -> SpeechSpan | None:
        """The party's speech running at ``t`` (or ending less than ``margin`` before it)."""
        return next((s for s in self.spans(role) if s.start <= t <= s.end + margin), None)
