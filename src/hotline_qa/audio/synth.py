"""Synthetic call recordings with known timings, for tests, benchmarks and demos.

Speech comes from espeak-ng (voice ``cmn-latn-pinyin``: it reads hanzi as Mandarin with
tones; plain ``cmn`` spells many characters as English letters). sox places each clip at an
exact start time on its channel (``pad``), sets levels (``gain``), adds noise (``synth
whitenoise``) and merges the two channels (``-M``). Needs the Debian packages ``espeak-ng``
and ``sox`` (``libsox-fmt-mp3`` for MP3); ``tools_missing()`` says which are absent.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hotline_qa.core.errors import HotlineQAError

VOICE = "cmn-latn-pinyin"
RATE = 16000


class SynthError(HotlineQAError):
    """espeak-ng or sox failed or is missing."""


def tools_missing() -> list[str]:
    """The command-line tools this module needs that are not on PATH."""
    return [t for t in ("espeak-ng", "sox", "soxi") if shutil.which(t) is None]


def sox_has_mp3() -> bool:
    """Whether this sox can write MP3 (``libsox-fmt-mp3``)."""
    try:
        out = subprocess.run(["sox", "-h"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    formats = next((line for line in out.splitlines() if line.startswith("AUDIO FILE FORMATS")), "")
    return " mp3" in formats


def _run(args: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SynthError(f"无法运行 {args[0]}: {exc}") from exc
    if done.returncode != 0:
        raise SynthError(f"{' '.join(args[:3])} … 失败: {done.stderr.strip()[:300]}")
    return done.stdout


def duration(path: Path) -> float:
    """Length of an audio file in seconds (soxi)."""
    return float(_run(["soxi", "-D", str(path)]).strip())


def speak(text: str, out: Path, *, speed: int = 175, pitch: int = 50, gain_db: float = -3.0) -> Path:
    """Mandarin speech for ``text`` as 16 kHz mono 16-bit WAV, leading/trailing silence trimmed.

    ``speed`` is espeak-ng's words per minute (one syllable per "word" for Chinese),
    ``gain_db`` the peak level after normalisation.
    """
    raw = out.with_suffix(".raw.wav")
    _run(["espeak-ng", "-v", VOICE, "-s", str(speed), "-p", str(pitch), "-w", str(raw), text])
    _run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out),
          "silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse",
          "gain", "-n", str(gain_db)])
    raw.unlink()
    return out


@dataclass(frozen=True, slots=True)
class Placed:
    """A clip placed on a channel at ``start`` seconds; ``end`` is known after measuring the clip."""

    clip: Path
    start: float
    end: float


def channel_track(clips: Sequence[tuple[float, Path]], out: Path, total: float) -> list[Placed]:
    """One channel: each clip starts exactly at its time, silence elsewhere, ``total`` seconds long."""
    placed: list[Placed] = []
    parts: list[str] = []
    t = 0.0
    work = out.parent / (out.stem + "_parts")
    work.mkdir(exist_ok=True)
    for i, (start, clip) in enumerate(sorted(clips, key=lambda c: c[0])):
        if start < t - 1e-6:
            raise SynthError(f"clip {clip.name} at {start:.2f}s overlaps the previous clip on the same channel")
        d = duration(clip)
        part = work / f"{i:03d}.wav"
        _run(["sox", str(clip), str(part), "pad", f"{start - t:.4f}", "0"])
        parts.append(str(part))
        placed.append(Placed(clip, start, start + d))
        t = start + d
    if total < t:
        raise SynthError(f"channel is {t:.2f}s long, more than the call length {total:.2f}s")
    if parts:
        _run(["sox", *parts, str(out), "pad", "0", f"{total - t:.4f}"])
    else:
        _run(["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(out), "trim", "0", f"{total:.4f}"])
    shutil.rmtree(work)
    return placed


def add_noise(track: Path, out: Path, *, level: float) -> Path:
    """``track`` with white noise of amplitude ``level`` (0..1) mixed in over its whole length."""
    noise = out.with_suffix(".noise.wav")
    _run(["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(noise), "synth", f"{duration(track):.4f}",
          "whitenoise", "vol", str(level)])
    _run(["sox", "-m", "-v", "1", str(track), "-v", "1", str(noise), str(out)])
    noise.unlink()
    return out


def gain(track: Path, out: Path, db: float) -> Path:
    """``track`` made ``db`` decibels louder (negative: quieter)."""
    _run(["sox", str(track), str(out), "gain", str(db)])
    return out


def merge(left: Path, right: Path, out: Path, *extra: str) -> Path:
    """A two-channel file: ``left`` is channel 0, ``right`` channel 1; ``extra`` are sox output options."""
    _run(["sox", "-M", str(left), str(right), *extra, str(out)])
    return out


def convert(src: Path, out: Path, *options: str, effects: Sequence[str] = ()) -> Path:
    """``sox src [options] out [effects]``: e.g. ``-r 8000 -e a-law`` (A-law 8 kHz), ``-e u-law``,
    FLAC/MP3 by suffix; ``effects=("remix", "1,2")`` mixes a stereo file down to mono."""
    _run(["sox", str(src), *options, str(out), *effects])
    return out
