"""One call recording in, every audio measure out: ``analyze_recording``.

decode (``io``) -> speech segments per channel (``vad``) -> timeline (``timeline``) ->
voice measures per speaker (``prosody``) -> ``AudioAnalysis`` with ``to_dict()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hotline_qa.audio import prosody
from hotline_qa.audio.io import Recording, load_recording
from hotline_qa.audio.prosody import Level, Noise, Pitch, SyllableRate, TurnRate
from hotline_qa.audio.timeline import SpeechTimeline, TimelineSettings, build_timeline, hold_spans
from hotline_qa.audio.vad import SpeechDetector, VadName, VadSettings, make_detector
from hotline_qa.core.call import Event, Role, Utterance

Span = tuple[float, float]


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """Every threshold of the audio analysis, with defaults."""

    vad: VadSettings = field(default_factory=VadSettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    pitch_floor: float = 75.0
    pitch_ceiling: float = 500.0
    #: Noise is measured this far from the speaker's own speech, in silences of at least ``noise_min_run``.
    noise_margin: float = 0.2
    noise_min_run: float = 1.0
    #: Transcript turns shorter than this (seconds spoken / characters) get no speech rate.
    rate_min_seconds: float = 3.0
    rate_min_chars: int = 12


@dataclass(frozen=True, slots=True)
class SpeakerVoice:
    """The voice measures of one speaker (one channel)."""

    role: Role
    talk_seconds: float
    talk_ratio: float
    level: Level | None
    noise: Noise | None
    pitch: Pitch | None
    syllables: SyllableRate | None
    turn_rates: tuple[TurnRate, ...] = ()
    transcript_rate: float | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "role": self.role.value,
            "talk_seconds": round(self.talk_seconds, 2),
            "talk_ratio": round(self.talk_ratio, 3),
            "level": None if self.level is None else {
                "speech_dbfs": self.level.speech_dbfs, "peak_dbfs": self.level.peak_dbfs,
                "clipping_ratio": self.level.clipping_ratio, "speech_seconds": self.level.speech_seconds},
            "noise": None if self.noise is None else {
                "floor_dbfs": self.noise.floor_dbfs, "rms_dbfs": self.noise.rms_dbfs,
                "seconds": self.noise.seconds},
            "pitch": None if self.pitch is None else {
                "median_hz": self.pitch.median_hz, "range_semitones": self.pitch.range_semitones,
                "std_semitones": self.pitch.std_semitones, "voiced_seconds": self.pitch.voiced_seconds},
            "syllable_rate": None if self.syllables is None else {
                "syllables": self.syllables.syllables, "seconds": self.syllables.seconds,
                "per_minute": round(self.syllables.per_minute, 1)},
            "transcript_rate": None if self.transcript_rate is None else round(self.transcript_rate, 1),
            "turn_rates": [{"index": r.index, "chars": r.chars, "seconds": r.seconds,
                            "per_minute": round(r.per_minute, 1)} for r in self.turn_rates],
        }


@dataclass(frozen=True, slots=True)
class AudioAnalysis:
    """Everything measured on one call recording."""

    source: str
    recording: dict[str, object]
    vad: str
    timeline: SpeechTimeline
    speakers: tuple[SpeakerVoice, ...]
    warnings: tuple[str, ...] = ()

    def speaker(self, role: Role | str) -> SpeakerVoice:
        """The measures of one speaker; ``KeyError`` when the recording has no such channel."""
        r = Role(role)
        for s in self.speakers:
            if s.role is r:
                return s
        raise KeyError(f"录音中没有 {r.value} 声道 (no {r.value} channel)")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: recording, timeline (segments, silences, overlaps, ...) and speakers."""
        return {
            "source": self.source, "recording": self.recording, "vad": self.vad,
            "timeline": self.timeline.to_dict(),
            "speakers": {s.role.value: s.to_dict() for s in self.speakers},
            "warnings": list(self.warnings),
        }


def analyze_recording(path: str | os.PathLike[str], *,
                      channel_roles: Sequence[Role | str] = ("agent", "customer"),
                      vad: VadName | SpeechDetector = "silero",
                      settings: AnalysisSettings | None = None,
                      holds: Iterable[Event] | Sequence[Span] = (),
                      transcript: Sequence[Utterance] = ()) -> AudioAnalysis:
    """Decode a call recording and measure its timeline and voices.

    ``channel_roles`` names who speaks on channel 0 and 1; ``vad`` picks the detector
    (``"silero"``: accurate, ``"webrtc"``: fast); ``holds`` are the call's hold events (or
    ``(start, end)`` spans) so long silences inside a hold are marked announced;
    ``transcript`` (timed utterances) adds speech rates over the time actually spoken.
    Raises ``InputError`` for an unreadable file.
    """
    rec = load_recording(path, channel_roles=channel_roles)
    return analyze(rec, vad=vad, settings=settings, holds=holds, transcript=transcript)


def analyze(rec: Recording, *, vad: VadName | SpeechDetector = "silero",
            settings: AnalysisSettings | None = None,
            holds: Iterable[Event] | Sequence[Span] = (),
            transcript: Sequence[Utterance] = ()) -> AudioAnalysis:
    """``analyze_recording`` on an already decoded ``Recording``."""
    cfg = settings or AnalysisSettings()
    detector = make_detector(vad, cfg.vad)
    spans_per_channel = detector.detect(rec.channels, rec.sample_rate)
    speech = dict(zip(rec.roles, spans_per_channel, strict=True))
    timeline = build_timeline(speech, rec.duration, settings=cfg.timeline,
                              holds=_hold_spans(holds, rec.duration))
    speakers: list[SpeakerVoice] = []
    for ch, role in zip(rec.channels, rec.roles, strict=True):
        own = timeline.spans(role)
        others = [sp for r in rec.roles if r is not role for sp in timeline.spans(r)]
        speakers.append(_speaker(ch, rec.sample_rate, role, own, others, timeline, cfg, transcript))
    warnings = list(rec.warnings)
    for s in speakers:
        if s.talk_seconds == 0 and s.role is not Role.UNKNOWN:
            warnings.append(f"{s.role.value} 声道未检测到语音 (no speech detected on the {s.role.value} channel)")
    return AudioAnalysis(source=rec.path, recording=rec.describe(), vad=detector.name, timeline=timeline,
                         speakers=tuple(speakers), warnings=tuple(warnings))


def _hold_spans(holds: Iterable[Event] | Sequence[Span], call_end: float) -> list[Span]:
    items: list[Event | Span] = list(holds)
    events = [h for h in items if isinstance(h, Event)]
    spans = [(float(h[0]), float(h[1])) for h in items if not isinstance(h, Event)]
    return sorted(hold_spans(events, call_end) + spans)


def _speaker(x: prosody.FloatArray, rate: int, role: Role, own: Sequence[Span], others: Sequence[Span],
             timeline: SpeechTimeline, cfg: AnalysisSettings, transcript: Sequence[Utterance]) -> SpeakerVoice:
    level = prosody.speech_level(x, rate, own)
    noise = prosody.noise_floor(prosody.frame_power(x, rate), own, others,
                                margin=cfg.noise_margin, min_run=cfg.noise_min_run)
    pitch: Pitch | None = None
    syllables: SyllableRate | None = None
    speech = prosody.speech_samples(x, rate, own)
    if speech.size:
        f0, f0_start = prosody.pitch_track(speech, rate, floor=cfg.pitch_floor, ceiling=cfg.pitch_ceiling)
        pitch = prosody.pitch_stats(f0)
        syllables = SyllableRate(prosody.count_syllables(speech, rate, f0, f0_start),
                                 round(speech.size / rate, 2))
    turn_rates = tuple(prosody.transcript_rates(transcript, own, role, min_seconds=cfg.rate_min_seconds,
                                                min_chars=cfg.rate_min_chars)) if transcript else ()
    return SpeakerVoice(role=role, talk_seconds=timeline.talk_time(role), talk_ratio=timeline.talk_ratio(role),
                        level=level, noise=noise, pitch=pitch, syllables=syllables, turn_rates=turn_rates,
                        transcript_rate=prosody.pooled_rate(turn_rates))
