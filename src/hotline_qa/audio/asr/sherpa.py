"""sherpa-onnx offline recognisers: Paraformer and SenseVoice model folders.

``sherpa_onnx`` is imported only when an engine is built (``pip install 'hotline-qa[asr]'``).
A model folder holds ``model.onnx`` or ``model.int8.onnx`` and ``tokens.txt`` (the layout of
the folders sherpa-onnx publishes, e.g. ``sherpa-onnx-paraformer-zh-2023-09-14`` and
``sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17``).

Confidence: the result's ``ys_log_probs`` (per-token log probabilities) when the recogniser
fills them; sherpa-onnx's Paraformer and SenseVoice recognisers (greedy search) leave them
empty in the versions checked, so their utterances carry no confidence and VOC006 is then
not applicable.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hotline_qa.audio.asr.base import (
    ASR_RATE,
    AsrConfig,
    AsrEngine,
    AsrModelError,
    ModelFiles,
    Recognition,
    check_model_dir,
    import_engine_package,
    mean_probability,
)
from hotline_qa.audio.io import FloatArray

INSTALL_HINT = "pip install 'hotline-qa[asr]'（或 pip install sherpa-onnx）"


def import_sherpa() -> Any:
    """The ``sherpa_onnx`` module, or ``AsrDependencyError`` saying how to install it."""
    return import_engine_package(
        "sherpa_onnx", f"需要 sherpa-onnx 才能使用语音识别 (sherpa-onnx is not installed): {INSTALL_HINT}")


class SherpaOnnxEngine(AsrEngine):
    """sherpa-onnx ``OfflineRecognizer`` on a Paraformer or SenseVoice model folder."""

    def __init__(self, config: AsrConfig, files: ModelFiles | None = None) -> None:
        if config.engine not in ("sherpa-paraformer", "sherpa-sensevoice"):
            raise ValueError(f"SherpaOnnxEngine cannot run {config.engine}")
        files = files or check_model_dir(config.engine, config.model_dir)
        if not config.prefer_quantized and (files.folder / "model.onnx").is_file():
            files = ModelFiles(files.folder, files.folder / "model.onnx", files.tokens, files.extra)
        super().__init__(files.folder)
        self.name = config.engine  # type: ignore[misc]
        self.files = files
        so = import_sherpa()
        common: dict[str, Any] = {"tokens": str(files.tokens), "num_threads": config.num_threads,
                                  "sample_rate": ASR_RATE, "feature_dim": 80,
                                  "decoding_method": "greedy_search", "provider": "cpu"}
        try:
            if config.engine == "sherpa-paraformer":
                self._recognizer = so.OfflineRecognizer.from_paraformer(paraformer=str(files.model), **common)
            else:
                self._recognizer = so.OfflineRecognizer.from_sense_voice(
                    model=str(files.model), language=config.language, use_itn=config.use_itn, **common)
        except (RuntimeError, ValueError, AssertionError, OSError) as exc:
            raise AsrModelError(files.folder, f"sherpa-onnx 无法加载模型 {files.model.name}: {exc} "
                                              f"(could not load the model)") from exc

    def recognize(self, samples: FloatArray) -> Recognition:
        """Recognise 16 kHz mono float32 speech."""
        stream = self._recognizer.create_stream()
        stream.accept_waveform(ASR_RATE, np.ascontiguousarray(samples, dtype=np.float32))
        self._recognizer.decode_stream(stream)
        result = stream.result
        log_probs = list(getattr(result, "ys_log_probs", None) or ())
        return Recognition(text=str(result.text).strip(), confidence=mean_probability(log_probs))
