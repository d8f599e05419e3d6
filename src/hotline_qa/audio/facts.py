"""``AudioAnalysis`` -> ``AudioFacts``: the audio measures as plain facts the rules may read.

The timeline's segments, silences, overlaps and monologues are already the rules' value
types (``core.audio_facts``); only the voice measures change shape.
"""

from __future__ import annotations

from hotline_qa.audio.analysis import AudioAnalysis, SpeakerVoice
from hotline_qa.core.audio_facts import AudioFacts, VoiceFacts


def audio_facts(analysis: AudioAnalysis) -> AudioFacts:
    """The rule-facing view of one recording's analysis (no arrays, nothing to decode)."""
    t = analysis.timeline
    return AudioFacts(
        source=analysis.source,
        duration=t.duration,
        vad=analysis.vad,
        stereo=not bool(analysis.recording.get("mono")) and len(t.roles) > 1,
        segments=t.segments,
        silences=t.silences,
        overlaps=t.overlaps,
        monologues=t.monologues,
        long_silences=t.long_silences,
        last_speaker=t.last_speaker,
        tail_seconds=t.tail_seconds,
        speakers=tuple(_voice(s) for s in analysis.speakers),
        warnings=analysis.warnings,
        record=analysis.to_dict(),
    )


def _voice(s: SpeakerVoice) -> VoiceFacts:
    return VoiceFacts(
        role=s.role,
        talk_seconds=s.talk_seconds,
        speech_dbfs=s.level.speech_dbfs if s.level else None,
        peak_dbfs=s.level.peak_dbfs if s.level else None,
        clipping_ratio=s.level.clipping_ratio if s.level else None,
        noise_floor_dbfs=s.noise.floor_dbfs if s.noise else None,
        noise_rms_dbfs=s.noise.rms_dbfs if s.noise else None,
        noise_seconds=s.noise.seconds if s.noise else None,
        pitch_median_hz=s.pitch.median_hz if s.pitch else None,
        pitch_range_semitones=s.pitch.range_semitones if s.pitch else None,
        voiced_seconds=s.pitch.voiced_seconds if s.pitch else None,
        syllable_rate=s.syllables.per_minute if s.syllables and s.syllables.seconds > 0 else None,
        syllable_seconds=s.syllables.seconds if s.syllables else None,
    )
