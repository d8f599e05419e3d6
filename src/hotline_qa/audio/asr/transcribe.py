"""A call recording in, a timed transcript (``Call``) out: ``transcribe_recording``.

decode (``io``) -> speech segments per channel (``vad``) -> long segments cut at their
quietest moment -> each segment recognised at 16 kHz -> segments of one channel a short
pause apart (and not interrupted by the other party) joined into one turn -> ``Call``.

The speaker of each utterance is the channel's role (stereo: one party per channel); the
times are the detector's; the text is normalised (``normalize_text``) with the model's text
kept as ``original``; the confidence is the mean token probability when the engine gives
one. A mono recording cannot tell the parties apart: its utterances get the role
``unknown`` and the call a warning.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from hotline_qa.audio.asr.base import AsrConfig, AsrEngine, AsrNotConfigured, AsrSegment, check_model_dir
from hotline_qa.audio.io import FloatArray, Recording, load_recording
from hotline_qa.audio.vad import SpeechDetector, VadName, VadSettings, make_detector
from hotline_qa.core.call import Call, CallMetadata, Role, Utterance
from hotline_qa.core.system_prompts import mark_system_prompts
from hotline_qa.text.normalize import normalize_text

Span = tuple[float, float]


@dataclass(frozen=True, slots=True)
class TranscribeSettings:
    """How speech is cut into pieces for the recogniser and joined back into turns."""

    vad: VadSettings = field(default_factory=VadSettings)
    #: Speech longer than this (seconds) is cut at its quietest 20 ms near the limit:
    #: offline models are trained on sentences, not minutes.
    max_segment: float = 25.0
    #: Two segments of one channel closer than this (seconds) are one turn, unless the
    #: other party speaks in between.
    join_gap: float = 0.5


@dataclass(frozen=True, slots=True)
class _Piece:
    channel: int
    start: float
    end: float
    text: str
    confidence: float | None
    weight: int


def make_engine(config: AsrConfig) -> AsrEngine:
    """Load the recogniser ``config`` names. Checks the model folder first
    (``AsrModelError``), then imports the engine's package (``AsrDependencyError``)."""
    files = check_model_dir(config.engine, config.model_dir)
    if config.engine == "funasr-paraformer":
        from hotline_qa.audio.asr.funasr import FunAsrParaformerEngine
        return FunAsrParaformerEngine(config, files)
    from hotline_qa.audio.asr.sherpa import SherpaOnnxEngine
    return SherpaOnnxEngine(config, files)


@lru_cache(maxsize=2)
def load_engine(config: AsrConfig) -> AsrEngine:
    """``make_engine``, cached per configuration: a model is loaded once per process."""
    return make_engine(config)


def transcribe_recording(path: str | os.PathLike[str], config: AsrConfig | None = None, *,
                         channel_roles: Sequence[Role | str] = ("agent", "customer"),
                         engine: AsrEngine | None = None, vad: VadName | SpeechDetector | None = None,
                         settings: TranscribeSettings | None = None) -> Call:
    """Transcribe a call recording with a speech recogniser into a timed ``Call``.

    ``config`` names the engine and model folder; when it is None the environment is read
    (``HOTLINE_QA_ASR_MODEL``, ``HOTLINE_QA_ASR_ENGINE``) and ``AsrNotConfigured`` explains
    how to configure one when nothing is set. ``engine`` is an already loaded recogniser
    (used instead of loading ``config``'s model). ``channel_roles`` names who speaks on
    channel 0 and 1; ``vad`` overrides ``config.vad`` (default ``silero``).

    Raises ``InputError`` for an unreadable recording, ``AsrNotConfigured``,
    ``AsrModelError`` (missing model files) and ``AsrDependencyError`` (package missing).
    """
    if engine is None:
        config = config or AsrConfig.from_env()
        engine = load_engine(config)
    detector = vad if vad is not None else (config.vad if config is not None else "silero")
    rec = load_recording(path, channel_roles=channel_roles)
    return transcribe(rec, engine, vad=detector, settings=settings)


def transcribe(rec: Recording, engine: AsrEngine, *, vad: VadName | SpeechDetector = "silero",
               settings: TranscribeSettings | None = None) -> Call:
    """``transcribe_recording`` on an already decoded ``Recording``."""
    if not isinstance(engine, AsrEngine):
        raise AsrNotConfigured(f"不是语音识别引擎: {type(engine).__name__} (not an AsrEngine)")
    cfg = settings or TranscribeSettings()
    detector = make_detector(vad, cfg.vad)
    spans_per_channel = detector.detect(rec.channels, rec.sample_rate)
    pieces: list[_Piece] = []
    warnings = list(rec.warnings)
    for ch, (signal, spans) in enumerate(zip(rec.channels, spans_per_channel, strict=True)):
        cut = split_long(list(spans), signal, rec.sample_rate, cfg.max_segment)
        found = [_piece(ch, seg) for seg in engine.transcribe(signal, rec.sample_rate, cut)]
        pieces += [p for p in found if p.text]
        role = rec.roles[ch]
        if spans and not any(p.text for p in found):
            warnings.append(f"{_role_zh(role)}声道有语音但没有识别出文字 "
                            f"(speech on the {role.value} channel, but no text recognised)")
    turns = join_turns(pieces, cfg.join_gap)
    utterances = tuple(
        Utterance(index=i, role=rec.roles[t.channel], text=t.text, original=t.text_original,
                  start=round(t.start, 3), end=round(t.end, 3), confidence=t.confidence, channel=t.channel)
        for i, t in enumerate(turns))
    model = engine.model_dir if engine.model_dir is not None else "?"
    warnings.append(f"转写由语音识别生成（引擎 {engine.name}，模型 {model}），可能含识别错误 "
                    f"(transcript from ASR: engine {engine.name}, model {model})")
    if rec.mono:
        warnings.append("单声道录音：识别结果无法区分坐席与客户，发言角色为 unknown "
                        "(mono: speakers cannot be told apart, roles are unknown)")
    return mark_system_prompts(Call(source=rec.path, utterances=utterances,
                                    metadata=CallMetadata(call_id=Path(rec.path).stem),
                                    warnings=tuple(dict.fromkeys(warnings)), source_format=f"asr/{engine.name}"))


def split_long(spans: Sequence[Span], x: FloatArray, sample_rate: int, max_seconds: float) -> list[Span]:
    """``spans`` with every span longer than ``max_seconds`` cut at its quietest 20 ms frame in
    the last 40 % before the limit, repeatedly."""
    out: list[Span] = []
    hop = max(1, sample_rate // 50)
    for start, end in spans:
        while end - start > max_seconds:
            lo = int((start + 0.6 * max_seconds) * sample_rate)
            hi = min(x.size, int((start + max_seconds) * sample_rate))
            k = (hi - lo) // hop
            if k < 1:
                break
            frames = x[lo:lo + k * hop].astype(np.float64).reshape(k, hop)
            quietest = int(np.argmin(np.einsum("ij,ij->i", frames, frames)))
            cut = round((lo + quietest * hop + hop // 2) / sample_rate, 3)
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


@dataclass(frozen=True, slots=True)
class Turn:
    """Recognised pieces of one channel joined into one turn."""

    channel: int
    start: float
    end: float
    text_original: str
    text: str
    confidence: float | None


def join_turns(pieces: Sequence[_Piece], join_gap: float) -> list[Turn]:
    """Pieces joined per channel when less than ``join_gap`` apart with no speech from another
    channel in between; sorted by start. The confidence is the mean of the pieces'
    confidences weighted by their spoken characters."""
    ordered = sorted(pieces, key=lambda p: (p.start, p.channel))
    groups: list[list[_Piece]] = []
    last_of_channel: dict[int, int] = {}
    for p in ordered:
        g = last_of_channel.get(p.channel)
        if g is not None:
            prev = groups[g][-1]
            others_between = any(q.channel != p.channel and q.start < p.start and q.end > prev.end
                                 for q in ordered)
            if p.start - prev.end < join_gap and not others_between:
                groups[g].append(p)
                continue
        last_of_channel[p.channel] = len(groups)
        groups.append([p])
    turns: list[Turn] = []
    for grp in groups:
        original = grp[0].text
        for p in grp[1:]:
            sep = " " if (original[-1:].isascii() or p.text[:1].isascii()) else ""
            original += sep + p.text
        scored = [(p.confidence, p.weight) for p in grp if p.confidence is not None]
        total = sum(w for _, w in scored)
        conf = (sum(c * w for c, w in scored) / total if total else
                (sum(c for c, _ in scored) / len(scored) if scored else None))
        turns.append(Turn(channel=grp[0].channel, start=grp[0].start, end=grp[-1].end,
                          text_original=original, text=normalize_text(original),
                          confidence=None if conf is None else round(conf, 4)))
    turns.sort(key=lambda t: (t.start, t.channel))
    return turns


def _piece(channel: int, seg: AsrSegment) -> _Piece:
    text = seg.text.strip()
    weight = sum(1 for ch in normalize_text(text) if ch.isalnum())
    return _Piece(channel, seg.start, seg.end, text, seg.confidence, weight)


def _role_zh(role: Role) -> str:
    return {Role.AGENT: "坐席", Role.CUSTOMER: "客户"}.get(role, "单")
