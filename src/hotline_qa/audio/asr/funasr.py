"""FunASR ONNX Paraformer (the ``funasr_onnx`` package) on an exported model folder.

The folder is what FunASR's ONNX export writes (e.g.
``speech_paraformer-large_asr_nat-zh-cn-16k-common-vocab8404-onnx``): ``model_quant.onnx``
and/or ``model.onnx``, ``config.yaml``, ``am.mvn``, ``tokens.json``. The folder is checked
before ``funasr_onnx`` sees it: given a missing folder or model file, ``funasr_onnx`` itself
would try to download the model (modelscope) or export one (funasr + torch).

``funasr_onnx`` is not part of the ``[asr]`` extra: it requires librosa and
``numpy<=1.26.4``. Install it yourself where that fits (``pip install funasr-onnx``).

Confidence: the exported Paraformer returns log-softmax scores per token position; the mean
of the best token's probability over the recognised tokens is the utterance's confidence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hotline_qa.audio.asr.base import (
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

INSTALL_HINT = ("pip install funasr-onnx（它依赖 librosa 和 numpy<=1.26.4，建议单独的虚拟环境；"
                "或改用 sherpa-onnx 引擎: pip install 'hotline-qa[asr]'）")
#: Token ids funasr_onnx drops from a Paraformer hypothesis (blank and end of sentence).
_SKIP_IDS = (0, 2)


def import_funasr() -> Any:
    """The ``funasr_onnx`` module, or ``AsrDependencyError`` saying how to install it."""
    return import_engine_package(
        "funasr_onnx", f"需要 funasr-onnx 才能使用 FunASR 引擎 (funasr-onnx is not installed): {INSTALL_HINT}")


class FunAsrParaformerEngine(AsrEngine):
    """``funasr_onnx.Paraformer`` on a FunASR ONNX export folder."""

    name = "funasr-paraformer"

    def __init__(self, config: AsrConfig, files: ModelFiles | None = None) -> None:
        if config.engine != "funasr-paraformer":
            raise ValueError(f"FunAsrParaformerEngine cannot run {config.engine}")
        files = files or check_model_dir(config.engine, config.model_dir)
        quantize = files.model.name == "model_quant.onnx"
        if quantize and not config.prefer_quantized and (files.folder / "model.onnx").is_file():
            quantize = False
        super().__init__(files.folder)
        self.files = files
        fo = import_funasr()
        try:
            self._model = fo.Paraformer(str(files.folder), batch_size=1, quantize=quantize,
                                        intra_op_num_threads=config.num_threads)
        except (RuntimeError, ValueError, KeyError, OSError) as exc:
            raise AsrModelError(files.folder, f"funasr_onnx 无法加载模型: {exc} (could not load the model)") from exc

    def recognize(self, samples: FloatArray) -> Recognition:
        """Recognise 16 kHz mono float32 speech, with the mean token probability."""
        x = np.ascontiguousarray(samples, dtype=np.float32)
        try:
            return self._scored(x)
        except (AttributeError, TypeError, IndexError):  # a funasr_onnx whose internals differ
            return self._plain(x)

    def _scored(self, x: FloatArray) -> Recognition:
        model = self._model
        feats, feats_len = model.extract_feat([x])
        try:
            outputs = model.infer(feats, feats_len)
        except Exception:  # onnxruntime's own error type, raised on silence or noise
            return Recognition("")
        am_scores, token_nums = outputs[0], outputs[1]
        tokens = model.decode(am_scores, token_nums)[0]
        text = _join_tokens(list(tokens))
        scores = np.asarray(am_scores[0], dtype=np.float64)
        if scores.ndim != 2 or scores.size == 0 or float(scores.max()) > 0.0:
            return Recognition(text)  # not log-probabilities: no confidence
        best = scores.argmax(axis=-1)
        kept = [float(scores[i, t]) for i, t in enumerate(best) if int(t) not in _SKIP_IDS]
        n = max(0, int(np.asarray(token_nums).reshape(-1)[0]) - int(getattr(model, "pred_bias", 0)))
        return Recognition(text, mean_probability(kept[:n]) if text else None)

    def _plain(self, x: FloatArray) -> Recognition:
        result = self._model(x)
        if not result:
            return Recognition("")
        preds = result[0].get("preds", "") if isinstance(result[0], dict) else result[0]
        if isinstance(preds, (tuple, list)):
            preds = preds[0] if preds else ""
        return Recognition(str(preds).strip())


def _join_tokens(tokens: list[str]) -> str:
    """Tokens to text the way funasr_onnx does (BPE pieces, spaces around Latin words)."""
    try:
        from funasr_onnx.utils.postprocess_utils import sentence_postprocess
    except ImportError:
        return "".join(t for t in tokens if not t.startswith("<"))
    out = sentence_postprocess(tokens)
    return str(out[0] if isinstance(out, (tuple, list)) else out).strip()
