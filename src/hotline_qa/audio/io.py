"""Reading call recordings: WAV (PCM, A-law, µ-law), FLAC and MP3 through libsndfile.

A recording becomes a ``Recording``: the sample rate, one float32 array per channel in
[-1, 1], the channel → speaker role mapping, and what the file said about itself. Every
problem with the file (missing, empty, truncated, corrupt, silent, too many channels)
raises ``InputError`` naming the file; nothing from libsndfile leaks out.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile as sf

from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError

FloatArray = npt.NDArray[np.float32]

#: A channel whose peak stays below this level (dBFS) carries no sound at all.
SILENT_PEAK_DBFS = -60.0
#: Sample rates the VAD models take directly; anything else is resampled to 16 kHz for them.
VAD_RATES = (8000, 16000)
_HINT_FORMATS = "支持 WAV (PCM / A-law / µ-law)、FLAC、MP3，单声道或双声道 (mono or stereo)"


@dataclass(frozen=True, slots=True, eq=False)
class Recording:
    """A decoded call recording.

    ``channels[i]`` is the float32 signal of channel ``i``; ``roles[i]`` says who speaks on
    it. A mono file has one channel with role ``UNKNOWN`` (``mono`` is True): the two
    parties cannot be told apart, so per-speaker measures are not available for it.
    """

    path: str
    sample_rate: int
    channels: tuple[FloatArray, ...]
    roles: tuple[Role, ...]
    frames: int
    format: str
    subtype: str
    mono: bool
    warnings: tuple[str, ...] = field(default=())

    @property
    def duration(self) -> float:
        """Length of the recording in seconds."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    def channel(self, role: Role | str) -> FloatArray:
        """The signal of the channel that carries ``role``."""
        r = Role(role)
        try:
            return self.channels[self.roles.index(r)]
        except ValueError:
            raise KeyError(f"录音中没有 {r.value} 声道 (no {r.value} channel)") from None

    def describe(self) -> dict[str, object]:
        """JSON-ready description (no samples)."""
        return {
            "path": self.path, "sample_rate": self.sample_rate, "duration": round(self.duration, 3),
            "frames": self.frames, "channels": len(self.channels), "format": self.format,
            "subtype": self.subtype, "mono": self.mono, "roles": [r.value for r in self.roles],
            "warnings": list(self.warnings),
        }


def parse_roles(channel_roles: Sequence[Role | str], path: str) -> tuple[Role, ...]:
    """Validate the channel → role mapping: two distinct roles among agent and customer."""
    try:
        roles = tuple(Role(r) for r in channel_roles)
    except ValueError as exc:
        raise InputError(f"声道角色无效: {list(channel_roles)} (invalid channel roles)", path=path,
                         field="channel_roles", hint="每个声道写 agent 或 customer，例如 agent,customer") from exc
    if len(roles) != 2 or set(roles) != {Role.AGENT, Role.CUSTOMER}:
        raise InputError(f"声道角色需要恰好一个 agent 和一个 customer，收到 {[r.value for r in roles]}",
                         path=path, field="channel_roles", hint="例如 agent,customer 或 customer,agent")
    return roles


def load_recording(path: str | os.PathLike[str], *,
                   channel_roles: Sequence[Role | str] = ("agent", "customer")) -> Recording:
    """Decode a call recording into float32 channels with speaker roles.

    ``channel_roles`` names the speaker of channel 0 and channel 1 of a stereo file. A mono
    file is accepted and flagged (``Recording.mono``). Raises ``InputError`` (naming the
    file) when the file is missing, empty, truncated, corrupt, silent, or has more than two
    channels.
    """
    name = str(path)
    roles = parse_roles(channel_roles, name)
    p = Path(name)
    if not p.is_file():
        raise InputError("找不到录音文件 (recording not found)", path=name)
    size = p.stat().st_size
    if size == 0:
        raise InputError("录音文件为空 (0 字节, empty file)", path=name, hint="请重新导出录音")
    _check_riff(p, size)
    try:
        info = sf.info(name)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise InputError(f"无法识别的录音格式或文件已损坏 (cannot decode: {_short(exc)})", path=name,
                         hint=_HINT_FORMATS) from exc
    if info.channels > 2:
        raise InputError(f"录音有 {info.channels} 个声道，只支持单声道或双声道 "
                         f"({info.channels} channels; mono or stereo only)", path=name,
                         hint="请导出坐席/客户分轨的双声道录音")
    try:
        data, rate = sf.read(name, dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError, MemoryError) as exc:
        raise InputError(f"录音解码失败，文件可能已损坏或不完整 (decode failed: {_short(exc)})",
                         path=name, hint=_HINT_FORMATS) from exc
    frames = int(data.shape[0])
    if frames == 0 or rate <= 0:
        raise InputError("录音没有任何音频数据 (no audio frames)", path=name, hint="请重新导出录音")
    if info.format in ("WAV", "FLAC", "WAVEX") and 0 < frames < info.frames:
        raise InputError(f"录音不完整：文件头声明 {info.frames / rate:.1f} 秒，只读到 {frames / rate:.1f} 秒 "
                         "(truncated)", path=name, hint="文件可能在复制或上传时被截断，请重新获取录音")
    if not np.isfinite(data).all():
        raise InputError("录音含无效样本 (NaN/Inf samples)", path=name, hint="请重新导出为 16 位 PCM")
    chans = tuple(np.ascontiguousarray(data[:, i]) for i in range(data.shape[1]))
    peaks = [float(np.max(np.abs(c))) if c.size else 0.0 for c in chans]
    silent = [pk <= 10 ** (SILENT_PEAK_DBFS / 20) for pk in peaks]
    if all(silent):
        raise InputError("录音全程无声 (the recording is silent)", path=name,
                         hint="请检查录音设备或导出设置")
    mono = len(chans) == 1
    warnings: list[str] = []
    if mono:
        warnings.append("单声道录音：无法区分坐席与客户，插话、独白、音量等按声道的指标不可用 "
                        "(mono: per-speaker measures unavailable)")
        out_roles: tuple[Role, ...] = (Role.UNKNOWN,)
    else:
        out_roles = roles
        for r, quiet in zip(roles, silent, strict=True):
            if quiet:
                warnings.append(f"{_role_zh(r)}声道全程无声，请确认声道设置 ({r.value} channel is silent)")
    return Recording(path=name, sample_rate=int(rate), channels=chans, roles=out_roles, frames=frames,
                     format=str(info.format), subtype=str(info.subtype), mono=mono, warnings=tuple(warnings))


def _role_zh(role: Role) -> str:
    return {Role.AGENT: "坐席", Role.CUSTOMER: "客户"}.get(role, role.value)


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__


def _check_riff(p: Path, size: int) -> None:
    """A RIFF/WAVE file whose ``data`` chunk claims more bytes than the file holds is truncated.

    libsndfile silently reads what is there; a call cut short would then look like a call
    that ended early, so it is refused here. Streaming writers put 0 or 0xFFFFFFFF as the
    size: those are accepted.
    """
    with p.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
            if head[:4] in (b"RIFF", b"RIFX"):
                raise InputError("WAV 文件头不完整或已损坏 (broken WAV header)", path=str(p),
                                 hint="文件可能被截断，请重新获取录音")
            return
        fmt = "<I" if head[:4] == b"RIFF" else ">I"
        pos = 12
        while pos + 8 <= size:
            fh.seek(pos)
            chunk = fh.read(8)
            if len(chunk) < 8:
                break
            cid, clen = chunk[:4], struct.unpack(fmt, chunk[4:])[0]
            if cid == b"data":
                available = size - pos - 8
                if clen not in (0, 0xFFFFFFFF) and clen > available + 1:
                    raise InputError(f"录音不完整：WAV 声明 {clen} 字节音频，文件只有 {available} 字节 (truncated)",
                                     path=str(p), hint="文件可能在复制或上传时被截断，请重新获取录音")
                return
            pos += 8 + clen + (clen & 1)
        raise InputError("WAV 文件缺少音频数据块 (no data chunk)", path=str(p),
                         hint="文件可能被截断或已损坏，请重新获取录音")


# -- resampling (numpy only: a windowed-sinc low-pass, then linear interpolation) ----------------
def _lowpass(x: FloatArray, cutoff: float, taps: int = 63) -> FloatArray:
    """Low-pass ``x`` at ``cutoff`` (fraction of the sample rate, < 0.5) with a Hann-windowed sinc."""
    n = np.arange(taps) - (taps - 1) / 2
    h = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hanning(taps)
    h /= h.sum()
    return np.convolve(x, h.astype(np.float32), mode="same").astype(np.float32)


def resample(x: FloatArray, src_rate: int, dst_rate: int) -> FloatArray:
    """Resample a signal from ``src_rate`` to ``dst_rate``.

    Good enough for voice activity detection (not for listening): an anti-alias low-pass
    when going down, then linear interpolation.
    """
    if src_rate == dst_rate or x.size == 0:
        return x
    if dst_rate < src_rate:
        x = _lowpass(x, 0.45 * dst_rate / src_rate)
    n_out = round(x.size * dst_rate / src_rate)
    t = np.arange(n_out, dtype=np.float64) * (src_rate / dst_rate)
    return np.interp(t, np.arange(x.size, dtype=np.float64), x).astype(np.float32)


def vad_signal(x: FloatArray, sample_rate: int) -> tuple[FloatArray, int]:
    """The signal at a rate the VAD models accept: 8 or 16 kHz kept as is, others to 16 kHz."""
    if sample_rate in VAD_RATES:
        return x, sample_rate
    return resample(x, sample_rate, 16000), 16000
