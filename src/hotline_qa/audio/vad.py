"""Voice activity detection: where on a channel someone is speaking.

Two detectors share one interface (``SpeechDetector``):

- ``SileroVad`` — the Silero VAD network (the ONNX file packaged in the ``silero-vad``
  wheel, run with onnxruntime; no torch). Accurate on noisy lines. It takes 8 kHz audio in
  256-sample windows or 16 kHz audio in 512-sample windows, each preceded by the last 32/64
  samples of the previous window, and carries a recurrent state (2 × batch × 128) from
  window to window. For speed a channel is cut into chunks that run side by side as one
  batch; each chunk starts from a fresh state a short warm-up before its first window, so
  the result matches a straight run to within a frame or two.
- ``WebRtcVad`` — the WebRTC detector (``webrtcvad-wheels``): 10/20/30 ms frames with an
  aggressiveness of 0–3. Very fast, less robust to noise.

Both give per-frame speech scores that ``smooth`` turns into speech segments: frames above
the threshold start speech, frames below the lower threshold end it (hysteresis), pauses
shorter than ``min_silence`` are bridged and bursts shorter than ``min_speech`` dropped.
"""

from __future__ import annotations

import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from hotline_qa.audio.io import FloatArray, vad_signal
from hotline_qa.core.errors import HotlineQAError

Span = tuple[float, float]
VadName = Literal["silero", "webrtc"]


class AudioDependencyError(HotlineQAError):
    """An optional audio package (onnxruntime, silero-vad, webrtcvad) is not installed."""


@dataclass(frozen=True, slots=True)
class VadSettings:
    """Tunable thresholds of the speech detectors (seconds unless said otherwise)."""

    #: Silero: probability that starts speech; speech ends below ``threshold - 0.15``.
    threshold: float = 0.5
    #: Bursts of speech shorter than this are dropped (clicks, coughs, line noise).
    min_speech: float = 0.15
    #: Pauses shorter than this inside speech are bridged (one segment, not two).
    min_silence: float = 0.3
    #: Seconds added to both ends of each segment (the detectors react a little late).
    pad: float = 0.03
    #: Frames quieter than this (dBFS RMS) are never speech: Silero calls even ±1-step A-law
    #: dither "speech" for a second or two, being nearly level-blind.
    energy_floor_dbfs: float = -55.0
    #: WebRTC: 0 (keeps most) … 3 (drops most non-speech).
    aggressiveness: int = 3
    #: WebRTC frame length: 10, 20 or 30 ms.
    frame_ms: int = 30

    def __post_init__(self) -> None:
        if self.frame_ms not in (10, 20, 30):
            raise ValueError("frame_ms must be 10, 20 or 30")
        if not 0 <= self.aggressiveness <= 3:
            raise ValueError("aggressiveness must be 0..3")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError("threshold must be between 0 and 1")


@dataclass(frozen=True, slots=True)
class FrameScores:
    """Speech score per frame (0..1) and the frame hop in seconds."""

    scores: npt.NDArray[np.float32]
    hop: float


class SpeechDetector(ABC):
    """A voice activity detector: per-frame scores, then smoothed speech segments."""

    name: str = ""

    def __init__(self, settings: VadSettings | None = None) -> None:
        self.settings = settings or VadSettings()

    @abstractmethod
    def frame_scores(self, signals: Sequence[FloatArray], sample_rate: int) -> list[FrameScores]:
        """Per-frame speech scores for each signal (all at ``sample_rate``)."""

    @property
    def thresholds(self) -> tuple[float, float]:
        """(start, end) thresholds of the hysteresis."""
        t = self.settings.threshold
        return t, max(0.01, t - 0.15)

    def detect(self, signals: Sequence[FloatArray], sample_rate: int) -> list[tuple[Span, ...]]:
        """Speech segments ``(start, end)`` in seconds for each signal."""
        if not signals:
            return []
        converted = [vad_signal(remove_dc(x, sample_rate), sample_rate) for x in signals]
        rate = converted[0][1]
        out: list[tuple[Span, ...]] = []
        on, off = self.thresholds
        for fs, (x, _) in zip(self.frame_scores([c[0] for c in converted], rate), converted, strict=True):
            gated = gate_quiet(fs, x, rate, self.settings.energy_floor_dbfs)
            out.append(smooth(gated, on=on, off=off, settings=self.settings, duration=x.size / rate))
        return out


def gate_quiet(fs: FrameScores, x: FloatArray, sample_rate: int, floor_dbfs: float) -> FrameScores:
    """Scores with frames quieter than ``floor_dbfs`` set to 0."""
    n = round(fs.hop * sample_rate)
    k = min(fs.scores.size, x.size // n)
    if k == 0:
        return fs
    f = x[:k * n].astype(np.float64).reshape(k, n)
    power = np.einsum("ij,ij->i", f, f) / n
    scores = fs.scores.copy()
    scores[:k][power < 10 ** (floor_dbfs / 10)] = 0.0
    return FrameScores(scores, fs.hop)


def remove_dc(x: FloatArray, sample_rate: int, window: float = 0.02) -> FloatArray:
    """``x`` minus its moving average over ``window`` seconds (a cheap high-pass).

    A-law/µ-law "silence" decodes to a constant offset of one step; Silero takes the jump
    from the zero state to that offset for speech. Removing the offset makes silence zero.
    """
    n = max(1, int(sample_rate * window))
    if x.size <= n:
        return (x - x.mean()).astype(np.float32)
    c = np.cumsum(np.concatenate(([0.0], x.astype(np.float64))))
    avg = (c[n:] - c[:-n]) / n  # mean of x[i:i+n]
    half = n // 2
    full = np.empty(x.size, dtype=np.float64)
    full[half:half + avg.size] = avg
    full[:half] = avg[0]
    full[half + avg.size:] = avg[-1]
    return (x - full).astype(np.float32)


def smooth(fs: FrameScores, *, on: float, off: float, settings: VadSettings, duration: float) -> tuple[Span, ...]:
    """Turn frame scores into speech segments with hysteresis, gap bridging and a minimum length."""
    s = fs.scores
    if s.size == 0:
        return ()
    above = s >= on
    below = s < off
    # Hysteresis: speech starts at a frame >= on and lasts until a frame < off.
    raw: list[list[float]] = []
    n = s.size
    starts = np.flatnonzero(above)
    ends = np.flatnonzero(below)
    k = 0
    while k < starts.size:
        b = int(starts[k])
        j = int(np.searchsorted(ends, b))
        e = int(ends[j]) if j < ends.size else n
        raw.append([b * fs.hop, e * fs.hop])
        k = int(np.searchsorted(starts, e))
    merged: list[list[float]] = []
    for seg in raw:
        if merged and seg[0] - merged[-1][1] < settings.min_silence:
            merged[-1][1] = seg[1]
        else:
            merged.append(seg)
    out: list[Span] = []
    for b0, e0 in merged:
        if e0 - b0 < settings.min_speech:
            continue
        b1, e1 = max(0.0, b0 - settings.pad), min(duration, e0 + settings.pad)
        if out and b1 <= out[-1][1]:
            out[-1] = (out[-1][0], round(e1, 3))
        else:
            out.append((round(b1, 3), round(e1, 3)))
    return tuple(out)


# -- Silero (onnxruntime) ---------------------------------------------------------------------
def silero_model_path() -> Path:
    """The ONNX file inside the installed ``silero-vad`` package (found without importing it: its
    ``__init__`` needs torch)."""
    spec = importlib.util.find_spec("silero_vad")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for loc in locations:
        p = Path(loc) / "data" / "silero_vad.onnx"
        if p.is_file():
            return p
    raise AudioDependencyError("未找到 Silero VAD 模型文件 (silero_vad/data/silero_vad.onnx)；"
                               "请安装: pip install --no-deps silero-vad，或改用 --vad webrtc")


@lru_cache(maxsize=2)
def _silero_session(path: str) -> Any:
    try:
        import onnxruntime as ort
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise AudioDependencyError("需要 onnxruntime 才能使用 Silero VAD: pip install onnxruntime，"
                                   "或改用 --vad webrtc") from exc
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1  # one core per call; the batch runner parallelises calls
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])


class SileroVad(SpeechDetector):
    """Silero VAD through onnxruntime, chunks of each channel batched side by side."""

    name = "silero"
    #: Windows per chunk (8 s at 8 kHz, 4 s at 16 kHz) and warm-up windows before each chunk.
    chunk_windows = 256
    warmup_windows = 24
    max_batch = 64

    def __init__(self, settings: VadSettings | None = None, model_path: str | Path | None = None) -> None:
        super().__init__(settings)
        self._session = _silero_session(str(model_path or silero_model_path()))

    def frame_scores(self, signals: Sequence[FloatArray], sample_rate: int) -> list[FrameScores]:
        if sample_rate not in (8000, 16000):
            raise ValueError("Silero VAD takes 8 or 16 kHz")
        win = 256 if sample_rate == 8000 else 512
        ctx = win // 8
        hop = win / sample_rate
        frames_per_signal: list[npt.NDArray[np.float32]] = []
        for x in signals:
            n_win = max(1, -(-x.size // win))
            xp = np.zeros(ctx + n_win * win, dtype=np.float32)
            xp[ctx:ctx + x.size] = x
            # Row i = the 'ctx' samples before window i, then window i (what the model expects).
            rows = np.lib.stride_tricks.sliding_window_view(xp, ctx + win)[::win][:n_win]
            frames_per_signal.append(rows)
        # Lay out (signal, chunk) sequences: each runs warm-up + chunk windows from a zero state.
        # Windows too quiet to be speech (the energy gate zeroes them anyway) are not run at
        # all, except as warm-up or margin around louder stretches.
        L, W = self.chunk_windows, self.warmup_windows
        jobs: list[tuple[int, int, int]] = []  # (signal, first output window, n output windows)
        for si, rows in enumerate(frames_per_signal):
            for lo, hi in _active_runs(rows[:, ctx:], self.settings.energy_floor_dbfs, margin=W):
                for first in range(lo, hi, L):
                    jobs.append((si, first, min(L, hi - first)))
        probs = [np.zeros(r.shape[0], dtype=np.float32) for r in frames_per_signal]
        for g in range(0, len(jobs), self.max_batch):
            group = jobs[g:g + self.max_batch]
            T = W + max(n for _, _, n in group)
            batch = np.zeros((len(group), T, ctx + win), dtype=np.float32)
            for b, (si, first, n) in enumerate(group):
                lo = max(0, first - W)
                seg = frames_per_signal[si][lo:first + n]
                batch[b, W - (first - lo):W - (first - lo) + seg.shape[0]] = seg
            out = self._run(batch, sample_rate)
            for b, (si, first, n) in enumerate(group):
                probs[si][first:first + n] = out[b, W:W + n]
        return [FrameScores(p, hop) for p in probs]

    def _run(self, batch: npt.NDArray[np.float32], sample_rate: int) -> npt.NDArray[np.float32]:
        B, T, _ = batch.shape
        state = np.zeros((2, B, 128), dtype=np.float32)
        sr = np.array(sample_rate, dtype=np.int64)
        out = np.empty((B, T), dtype=np.float32)
        run = self._session.run
        for t in range(T):
            p, state = run(None, {"input": batch[:, t, :], "state": state, "sr": sr})
            out[:, t] = p[:, 0]
        return out


def _active_runs(windows: npt.NDArray[np.float32], floor_dbfs: float, margin: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` window ranges louder than ``floor_dbfs``, widened by ``margin`` windows, merged."""
    power = np.einsum("ij,ij->i", windows, windows, dtype=np.float64) / windows.shape[1]
    loud = power >= 10 ** (floor_dbfs / 10)
    if not loud.any():
        return []
    d = np.diff(np.concatenate(([0], loud.astype(np.int8), [0])))
    runs: list[tuple[int, int]] = []
    for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1), strict=True):
        lo, hi = max(0, int(a) - margin), min(loud.size, int(b) + margin)
        if runs and lo <= runs[-1][1]:
            runs[-1] = (runs[-1][0], hi)
        else:
            runs.append((lo, hi))
    return runs


# -- WebRTC ----------------------------------------------------------------------------------
class WebRtcVad(SpeechDetector):
    """The WebRTC voice activity detector: a fast, frame-by-frame yes/no."""

    name = "webrtc"

    def __init__(self, settings: VadSettings | None = None) -> None:
        super().__init__(settings)
        try:
            import webrtcvad
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise AudioDependencyError("需要 webrtcvad 才能使用 WebRTC VAD: pip install webrtcvad-wheels") from exc
        self._vad = webrtcvad.Vad(self.settings.aggressiveness)

    @property
    def thresholds(self) -> tuple[float, float]:
        return 0.5, 0.5

    def frame_scores(self, signals: Sequence[FloatArray], sample_rate: int) -> list[FrameScores]:
        n = sample_rate * self.settings.frame_ms // 1000
        out: list[FrameScores] = []
        for x in signals:
            pcm = (np.clip(x, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
            step = 2 * n
            is_speech = self._vad.is_speech
            scores = np.fromiter((is_speech(pcm[i:i + step], sample_rate)
                                  for i in range(0, len(pcm) - step + 1, step)), dtype=np.float32)
            out.append(FrameScores(scores, n / sample_rate))
        return out


def make_detector(vad: VadName | SpeechDetector = "silero", settings: VadSettings | None = None) -> SpeechDetector:
    """A detector by name (``"silero"`` or ``"webrtc"``), or the one given."""
    if isinstance(vad, SpeechDetector):
        return vad
    if vad == "silero":
        return SileroVad(settings)
    if vad == "webrtc":
        return WebRtcVad(settings)
    raise ValueError(f"未知的 VAD: {vad!r} (use 'silero' or 'webrtc')")
