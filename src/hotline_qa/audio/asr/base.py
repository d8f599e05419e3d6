"""What every speech recogniser here shares: configuration, model folders, errors, results.

No recogniser ships with this package and nothing is downloaded: the user names a model
folder they obtained themselves (``--asr-model DIR`` / ``HOTLINE_QA_ASR_MODEL``) and the
engine that reads it (``--asr-engine`` / ``HOTLINE_QA_ASR_ENGINE``). ``check_model_dir``
says which files are missing before any third-party package is imported, so a wrong
folder gives a message naming the folder and the files instead of a library crash (or,
with funasr_onnx, an attempt to download or export a model).
"""

from __future__ import annotations

import importlib
import math
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal, cast, get_args

import numpy as np

from hotline_qa.audio.io import FloatArray, resample
from hotline_qa.audio.vad import AudioDependencyError, VadName
from hotline_qa.core.errors import HotlineQAError

EngineName = Literal["sherpa-paraformer", "sherpa-sensevoice", "funasr-paraformer"]
ENGINES: tuple[str, ...] = get_args(EngineName)
ENV_ENGINE = "HOTLINE_QA_ASR_ENGINE"
ENV_MODEL = "HOTLINE_QA_ASR_MODEL"
#: Every supported model takes 16 kHz mono audio.
ASR_RATE = 16000

_HOW_TO = (
    "用 --asr-model 目录 --asr-engine 引擎 指定，或设置环境变量 "
    f"{ENV_MODEL}=模型目录 与 {ENV_ENGINE}=引擎；引擎可选 {', '.join(ENGINES)}。"
    "本软件不附带也不下载任何识别模型，请自行获取模型文件夹（见 docs/asr.md）。 "
    f"(Configure with --asr-model DIR --asr-engine ENGINE or the environment variables {ENV_MODEL} "
    f"and {ENV_ENGINE}; engines: {', '.join(ENGINES)}. No model is bundled or downloaded: "
    "download a model folder yourself, see docs/asr.md.)"
)


class AsrError(HotlineQAError):
    """Base class of the speech-recognition errors."""


class AsrNotConfigured(AsrError):
    """No model folder (or no usable engine name) was given."""

    def __init__(self, reason: str = "未配置语音识别模型 (no ASR model folder configured)") -> None:
        self.reason = reason
        super().__init__(f"{reason} —— {_HOW_TO}")


class AsrModelError(AsrError):
    """The model folder is missing or lacks the files its engine needs."""

    def __init__(self, folder: Path | str, message: str, *, missing: Sequence[str] = ()) -> None:
        self.folder = Path(folder)
        self.missing = tuple(missing)
        super().__init__(f"{folder}: {message}")


class AsrDependencyError(AsrError, AudioDependencyError):
    """The package that runs the model (sherpa-onnx, funasr-onnx) is not installed."""


def import_engine_package(name: str, missing: str) -> Any:
    """The engine's optional package ``name``, or ``AsrDependencyError`` with ``missing`` (how to install it)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise AsrDependencyError(missing) from exc


@dataclass(frozen=True, slots=True)
class AsrSegment:
    """Recognised speech: ``start``/``end`` in seconds, the text as the model wrote it, and the
    mean token probability (0..1) when the engine gives one, else ``None``."""

    start: float
    end: float
    text: str
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Recognition:
    """What an engine made of one stretch of speech."""

    text: str
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """The files of a checked model folder that an engine loads."""

    folder: Path
    model: Path
    tokens: Path
    extra: Mapping[str, Path] = field(default_factory=dict)


# engine -> (alternative model file names, in order of preference; other required files)
_REQUIRED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sherpa-paraformer": (("model.int8.onnx", "model.onnx"), ("tokens.txt",)),
    "sherpa-sensevoice": (("model.int8.onnx", "model.onnx"), ("tokens.txt",)),
    "funasr-paraformer": (("model_quant.onnx", "model.onnx"), ("config.yaml", "am.mvn", "tokens.json")),
}


def required_files(engine: EngineName) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(model file alternatives, other required files) of an engine's model folder."""
    return _REQUIRED[engine]


def check_model_dir(engine: EngineName, model_dir: Path | str) -> ModelFiles:
    """The files an engine needs from ``model_dir``; ``AsrModelError`` naming the folder and
    every missing file otherwise. The quantised model is preferred when both are there."""
    folder = Path(model_dir).expanduser()
    if not folder.exists():
        raise AsrModelError(folder, "模型目录不存在 (model folder not found)")
    if not folder.is_dir():
        raise AsrModelError(folder, "需要模型所在的文件夹，而不是单个文件 (give the folder that holds the model, "
                                    "not a file)")
    models, others = _REQUIRED[engine]
    model = next((folder / m for m in models if (folder / m).is_file()), None)
    missing = [f for f in others if not (folder / f).is_file()]
    if model is None:
        missing.insert(0, " 或 ".join(models))
    if missing or model is None:
        raise AsrModelError(folder, f"{engine} 模型目录缺少文件: {', '.join(missing)} "
                                    f"(missing files for {engine}: {', '.join(missing)})", missing=missing)
    others_found = {f: folder / f for f in others}
    tokens_name = "tokens.json" if engine == "funasr-paraformer" else "tokens.txt"
    return ModelFiles(folder=folder, model=model, tokens=others_found[tokens_name],
                      extra={k: v for k, v in others_found.items() if k != tokens_name})


def guess_engine(model_dir: Path | str) -> EngineName | None:
    """The engine a model folder is for, from its files: FunASR exports carry ``am.mvn`` and
    ``tokens.json``; a sherpa-onnx ``tokens.txt`` with language tags (``<|zh|>``) is
    SenseVoice, without them Paraformer. ``None`` when it cannot tell."""
    folder = Path(model_dir).expanduser()
    if (folder / "tokens.json").is_file() and (folder / "am.mvn").is_file():
        return "funasr-paraformer"
    tokens = folder / "tokens.txt"
    if not tokens.is_file():
        return None
    try:
        head = tokens.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return None
    return "sherpa-sensevoice" if "<|zh|>" in head else "sherpa-paraformer"


@dataclass(frozen=True, slots=True)
class AsrConfig:
    """Which engine reads which model folder, and how.

    ``vad`` picks the speech detector that cuts each channel into segments; ``language``
    (SenseVoice only: ``""`` = automatic, ``"zh"``, ``"yue"`` …) and ``use_itn`` (SenseVoice:
    punctuation and digits, "一二三" -> "123") tune the output; ``prefer_quantized`` loads
    ``model.int8.onnx`` / ``model_quant.onnx`` when the folder has both.
    """

    engine: EngineName
    model_dir: Path
    num_threads: int = 1
    vad: VadName = "silero"
    language: str = ""
    use_itn: bool = True
    prefer_quantized: bool = True

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise AsrNotConfigured(f"未知的语音识别引擎 {self.engine!r} (unknown ASR engine)")
        if self.vad not in ("silero", "webrtc"):
            raise AsrNotConfigured(f"未知的 VAD {self.vad!r}，可选 silero 或 webrtc (unknown VAD)")
        if self.num_threads < 1:
            raise AsrNotConfigured(f"num_threads 必须 ≥ 1，收到 {self.num_threads}")
        object.__setattr__(self, "model_dir", Path(self.model_dir).expanduser())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, engine: str | None = None,
                 model_dir: Path | str | None = None, num_threads: int = 1, vad: VadName = "silero",
                 language: str = "", use_itn: bool = True) -> AsrConfig:
        """The configuration from explicit values (CLI options) or else the environment.

        ``model_dir`` / ``HOTLINE_QA_ASR_MODEL`` is required: without it ``AsrNotConfigured``
        says how to configure one; a folder that does not exist is an ``AsrModelError``.
        ``engine`` / ``HOTLINE_QA_ASR_ENGINE`` may be left out when the folder's files tell
        (``guess_engine``).
        """
        env = os.environ if environ is None else environ
        folder = str(model_dir) if model_dir not in (None, "") else env.get(ENV_MODEL, "").strip()
        if not folder:
            raise AsrNotConfigured()
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise AsrModelError(path, "模型目录不存在或不是文件夹 (model folder not found)")
        name = (engine or env.get(ENV_ENGINE, "")).strip().lower()
        if not name:
            guessed = guess_engine(path)
            if guessed is None:
                raise AsrNotConfigured(f"无法从模型目录 {path} 的文件判断引擎，请指定引擎 "
                                       "(cannot tell the engine from the folder's files)")
            name = guessed
        if name not in ENGINES:
            raise AsrNotConfigured(f"未知的语音识别引擎 {name!r} (unknown ASR engine)")
        return cls(engine=cast(EngineName, name), model_dir=path, num_threads=num_threads,
                   vad=vad, language=language, use_itn=use_itn)


class AsrEngine(ABC):
    """A speech recogniser on a model folder.

    Subclasses implement ``recognize`` on 16 kHz mono float32 audio; ``transcribe`` cuts a
    signal at the given speech spans, resamples and recognises each one. An engine holds a
    loaded model: build it once (``load_engine``) and reuse it for every call.
    """

    name: ClassVar[str] = ""
    #: Seconds of audio added before and after each span handed to the model.
    margin: float = 0.1

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir

    @abstractmethod
    def recognize(self, samples: FloatArray) -> Recognition:
        """Recognise one stretch of speech (16 kHz mono float32 in [-1, 1])."""

    def transcribe(self, samples: FloatArray, sample_rate: int,
                   spans: Iterable[tuple[float, float]] | None = None) -> list[AsrSegment]:
        """Recognise ``samples`` piece by piece: each span ``(start, end)`` in seconds (the whole
        signal when ``spans`` is None). Empty recognitions are dropped."""
        x = to_asr_rate(samples, sample_rate)
        duration = x.size / ASR_RATE
        out: list[AsrSegment] = []
        for start, end in ([(0.0, duration)] if spans is None else spans):
            lo = max(0, int((start - self.margin) * ASR_RATE))
            hi = min(x.size, math.ceil((end + self.margin) * ASR_RATE))
            if hi - lo < ASR_RATE // 20:  # < 50 ms: nothing to recognise
                continue
            rec = self.recognize(np.ascontiguousarray(x[lo:hi]))
            if rec.text.strip():
                out.append(AsrSegment(start=start, end=end, text=rec.text.strip(), confidence=rec.confidence))
        return out


def mean_probability(log_probs: Iterable[float]) -> float | None:
    """The mean of ``exp(log p)`` over tokens (0..1), ``None`` when there are none."""
    values = [float(v) for v in log_probs]
    if not values:
        return None
    return min(1.0, max(0.0, sum(math.exp(min(0.0, v)) for v in values) / len(values)))


def to_asr_rate(x: FloatArray, sample_rate: int) -> FloatArray:
    """``x`` at 16 kHz. Whole-number upsampling (8 kHz telephone audio) inserts zeros and
    low-passes with a windowed sinc, so no mirror images of the speech band reach the
    model; other rates go through ``hotline_qa.audio.io.resample``."""
    x = np.asarray(x, dtype=np.float32)
    if sample_rate == ASR_RATE or x.size == 0:
        return x
    if sample_rate < ASR_RATE and ASR_RATE % sample_rate == 0:
        k = ASR_RATE // sample_rate
        up = np.zeros(x.size * k, dtype=np.float32)
        up[::k] = x
        taps = 32 * k + 1
        n = np.arange(taps) - (taps - 1) / 2
        cutoff = 0.5 / k
        h = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hanning(taps)
        h *= k / h.sum()
        return np.convolve(up, h.astype(np.float32), mode="same").astype(np.float32)
    return resample(x, sample_rate, ASR_RATE)
