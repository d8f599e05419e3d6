"""Voice measures on one channel: level, clipping, noise floor, pitch range, speech rate.

All levels are dBFS RMS (a full-scale square wave is 0 dBFS, a full-scale sine −3 dBFS).
Measures are taken on the speaker's speech only (the VAD segments), except the noise floor,
which is taken where the speaker is silent.

- Loudness (VOC003): RMS over the speech frames; clipping = share of speech samples at the
  top of the scale.
- Noise (VOC005): the channel while its speaker is silent, away from their speech by a
  margin, preferably where nobody speaks at all (so the other party's echo is not noise):
  the median frame level (steady hiss) and the RMS over those frames (bursts included:
  keyboard, colleagues' voices).
- Pitch (VOC004): Praat's autocorrelation pitch (parselmouth) over the speech, in semitones;
  the range is the 5th–95th percentile spread and the std the standard deviation.
- Syllable rate (VOC001 without transcript): in Chinese one character is one syllable; count
  syllable nuclei = intensity peaks that stand out from the dip before them and are voiced.
- Speech rate from a transcript: characters per minute over the time actually spoken (the
  turn's span intersected with the speaker's VAD segments, pauses excluded).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hotline_qa.audio.io import FloatArray
from hotline_qa.core.call import Role, Utterance
from hotline_qa.text.normalize import hanzi_count

Span = tuple[float, float]
#: Floor used for digital silence, so that every level is a finite number.
MIN_DBFS = -120.0
#: Samples at or above this magnitude count as clipped (A-law/µ-law top out at 0.98).
CLIP_LEVEL = 0.98
FRAME_SECONDS = 0.01


def dbfs(power: float) -> float:
    """Mean square → dBFS RMS (floored at ``MIN_DBFS``)."""
    return round(max(MIN_DBFS, 10 * math.log10(power)) if power > 0 else MIN_DBFS, 2)


@dataclass(frozen=True, slots=True)
class Level:
    """Speech level of one speaker."""

    speech_dbfs: float
    peak_dbfs: float
    clipping_ratio: float
    speech_seconds: float


@dataclass(frozen=True, slots=True)
class Noise:
    """The channel while its speaker is silent."""

    floor_dbfs: float
    rms_dbfs: float
    seconds: float


@dataclass(frozen=True, slots=True)
class Pitch:
    """Fundamental frequency over the voiced speech frames."""

    median_hz: float
    range_semitones: float
    std_semitones: float
    voiced_seconds: float


@dataclass(frozen=True, slots=True)
class SyllableRate:
    """Syllables (nuclei) counted in the audio, over the seconds spoken."""

    syllables: int
    seconds: float

    @property
    def per_minute(self) -> float:
        return self.syllables / self.seconds * 60.0 if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class TurnRate:
    """A transcript turn's speech rate over the time actually spoken in it."""

    index: int
    chars: int
    seconds: float

    @property
    def per_minute(self) -> float:
        return self.chars / self.seconds * 60.0 if self.seconds > 0 else 0.0


# -- frames and masks --------------------------------------------------------------------------
def frame_power(x: FloatArray, sample_rate: int, frame_seconds: float = FRAME_SECONDS) -> npt.NDArray[np.float64]:
    """Mean square per frame (non-overlapping frames; a partial last frame is dropped)."""
    n = max(1, round(sample_rate * frame_seconds))
    k = x.size // n
    if k == 0:
        return np.zeros(0)
    f = x[:k * n].astype(np.float64).reshape(k, n)
    return np.einsum("ij,ij->i", f, f) / n


def span_mask(spans: Sequence[Span], n_frames: int, frame_seconds: float = FRAME_SECONDS,
              margin: float = 0.0) -> npt.NDArray[np.bool_]:
    """Boolean frame mask, True inside the spans (widened by ``margin`` on both sides)."""
    m = np.zeros(n_frames, dtype=bool)
    for a, b in spans:
        i = max(0, math.floor((a - margin) / frame_seconds))
        j = min(n_frames, math.ceil((b + margin) / frame_seconds))
        if j > i:
            m[i:j] = True
    return m


def _sample_slices(spans: Sequence[Span], sample_rate: int, size: int) -> list[slice]:
    return [slice(max(0, int(a * sample_rate)), min(size, int(b * sample_rate))) for a, b in spans]


def speech_samples(x: FloatArray, sample_rate: int, spans: Sequence[Span]) -> FloatArray:
    """The speech of a channel, segments put end to end."""
    parts = [x[s] for s in _sample_slices(spans, sample_rate, x.size)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


# -- level, clipping, noise ----------------------------------------------------------------------
def speech_level(x: FloatArray, sample_rate: int, spans: Sequence[Span]) -> Level | None:
    """Speech level (dBFS RMS over the speech), peak and clipping ratio; None without speech."""
    s = speech_samples(x, sample_rate, spans)
    if s.size == 0:
        return None
    a = np.abs(s)
    power = float(np.dot(s.astype(np.float64), s.astype(np.float64)) / s.size)
    return Level(speech_dbfs=dbfs(power), peak_dbfs=dbfs(float(a.max()) ** 2),
                 clipping_ratio=round(float(np.count_nonzero(a >= CLIP_LEVEL)) / s.size, 6),
                 speech_seconds=round(s.size / sample_rate, 2))


def noise_floor(power: npt.NDArray[np.float64], own: Sequence[Span], others: Sequence[Span], *,
                margin: float = 0.2, min_run: float = 1.0) -> Noise | None:
    """The channel's level while its speaker is silent (see the module docstring).

    ``power`` is ``frame_power`` of the channel. Only silent stretches of at least
    ``min_run`` seconds count; stretches where nobody speaks are preferred, and if they add
    up to less than ``min_run`` the stretches where only the other party speaks are used.
    """
    n = power.size
    own_m = span_mask(own, n, margin=margin)
    any_m = own_m | span_mask(others, n, margin=margin)
    min_frames = round(min_run / FRAME_SECONDS)
    for mask in (~any_m, ~own_m):
        keep = _long_runs(mask, min_frames)
        if np.count_nonzero(keep) >= min_frames:
            p = power[keep]
            return Noise(floor_dbfs=dbfs(float(np.median(p))), rms_dbfs=dbfs(float(p.mean())),
                         seconds=round(float(np.count_nonzero(keep)) * FRAME_SECONDS, 2))
    return None


def _long_runs(mask: npt.NDArray[np.bool_], min_len: int) -> npt.NDArray[np.bool_]:
    """``mask`` with runs of True shorter than ``min_len`` removed."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    out = np.zeros_like(mask)
    for a, b in zip(starts, ends, strict=True):
        if b - a >= min_len:
            out[a:b] = True
    return out


# -- pitch and syllables -------------------------------------------------------------------------
PITCH_STEP = 0.02


def pitch_track(s: FloatArray, sample_rate: int, *, floor: float = 75.0, ceiling: float = 500.0,
                time_step: float = PITCH_STEP) -> tuple[npt.NDArray[np.float64], float]:
    """F0 in Hz per ``time_step`` (0 = unvoiced) of a signal, with the time of the first frame."""
    import parselmouth

    if s.size < int(sample_rate * 3 / floor) + 1:
        return np.zeros(0), 0.0
    snd = parselmouth.Sound(s.astype(np.float64), sampling_frequency=float(sample_rate))
    # 20 ms steps and 5 candidates: half the cost of Praat's defaults, same range and median.
    p = snd.to_pitch_ac(time_step=time_step, pitch_floor=floor, pitch_ceiling=ceiling,
                        max_number_of_candidates=5)
    return np.nan_to_num(np.asarray(p.selected_array["frequency"], dtype=np.float64)), float(p.xs()[0])


def pitch_stats(f0: npt.NDArray[np.float64], *, time_step: float = PITCH_STEP,
                min_voiced: float = 0.5) -> Pitch | None:
    """Median F0, semitone range (5th–95th percentile) and std; None with under ``min_voiced`` s voiced."""
    v = f0[f0 > 0]
    if v.size * time_step < min_voiced:
        return None
    st = 12.0 * np.log2(v / np.median(v))
    p5, p95 = np.percentile(st, [5, 95])
    return Pitch(median_hz=round(float(np.median(v)), 1), range_semitones=round(float(p95 - p5), 2),
                 std_semitones=round(float(st.std()), 2), voiced_seconds=round(v.size * time_step, 2))


def count_syllables(s: FloatArray, sample_rate: int, f0: npt.NDArray[np.float64], f0_start: float, *,
                    prominence_db: float = 2.0, floor_db: float = 25.0, min_gap: float = 0.1,
                    f0_step: float = PITCH_STEP) -> int:
    """Syllable nuclei in speech: intensity peaks, voiced, ``prominence_db`` above the dip before them.

    Peaks quieter than ``floor_db`` below the loudest 5 % of frames are ignored, and two
    nuclei are at least ``min_gap`` seconds apart (Mandarin syllables last ~0.15–0.3 s).
    """
    power = frame_power(s, sample_rate)
    if power.size < 3:
        return 0
    db = 10 * np.log10(np.maximum(power, 1e-12))
    # ~50 ms smoothing so that one syllable's ripple is one peak.
    k = np.ones(5) / 5
    db = np.convolve(db, k, mode="same")
    top = float(np.percentile(db, 95))
    is_peak = (db[1:-1] > db[:-2]) & (db[1:-1] >= db[2:]) & (db[1:-1] > top - floor_db)
    peaks = np.flatnonzero(is_peak) + 1
    count = 0
    last_peak = -10**9
    dip = float("inf")
    prev = 0
    for p in (int(q) for q in peaks):
        dip = min(dip, float(db[prev:p + 1].min()))
        prev = p
        if db[p] - dip < prominence_db or (p - last_peak) * FRAME_SECONDS < min_gap:
            continue
        if f0.size:
            j = round((p * FRAME_SECONDS - f0_start) / f0_step)
            if not (0 <= j < f0.size) or f0[max(0, j - 1):j + 2].max() <= 0:
                continue
        count += 1
        last_peak = p
        dip = float(db[p])
    return count


# -- transcript speech rate -----------------------------------------------------------------------
def spoken_seconds(start: float, end: float, spans: Sequence[Span]) -> float:
    """Seconds of ``spans`` that fall between ``start`` and ``end``."""
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in spans)


def transcript_rates(utterances: Sequence[Utterance], spans: Sequence[Span], role: Role, *,
                     min_seconds: float = 3.0, min_chars: int = 12) -> list[TurnRate]:
    """Characters per minute of each timed turn of ``role``, over the time the VAD heard speech in it.

    Turns with fewer than ``min_chars`` spoken characters or ``min_seconds`` of speech are
    skipped (too short to measure).
    """
    out: list[TurnRate] = []
    for u in utterances:
        if u.role is not role or u.start is None or u.end is None:
            continue
        chars = hanzi_count(u.text)
        secs = spoken_seconds(u.start, u.end, spans)
        if chars >= min_chars and secs >= min_seconds:
            out.append(TurnRate(u.index, chars, round(secs, 2)))
    return out


def pooled_rate(rates: Sequence[TurnRate]) -> float | None:
    """All measured characters over all measured seconds, per minute."""
    secs = sum(r.seconds for r in rates)
    return sum(r.chars for r in rates) / secs * 60.0 if secs > 0 else None
