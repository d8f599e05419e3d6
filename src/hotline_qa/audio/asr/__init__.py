"""Optional speech recognition: a call recording into a timed transcript, on a model folder the
user provides (sherpa-onnx Paraformer / SenseVoice, or a FunASR ONNX Paraformer export).

Nothing here downloads a model; see docs/asr.md. Needs the ``[audio]`` and ``[asr]`` extras.
The recogniser packages are imported only when an engine is loaded.

    from hotline_qa.audio.asr import AsrConfig, transcribe_recording
    call = transcribe_recording("call.wav", AsrConfig.from_env(model_dir="models/paraformer-zh"))
"""

from hotline_qa.audio.asr.base import (
    ASR_RATE,
    ENGINES,
    ENV_ENGINE,
    ENV_MODEL,
    AsrConfig,
    AsrDependencyError,
    AsrEngine,
    AsrError,
    AsrModelError,
    AsrNotConfigured,
    AsrSegment,
    EngineName,
    ModelFiles,
    Recognition,
    check_model_dir,
    guess_engine,
    required_files,
)
from hotline_qa.audio.asr.transcribe import (
    TranscribeSettings,
    load_engine,
    make_engine,
    transcribe,
    transcribe_recording,
)

__all__ = [
    "ASR_RATE", "ENGINES", "ENV_ENGINE", "ENV_MODEL", "AsrConfig", "AsrDependencyError", "AsrEngine",
    "AsrError", "AsrModelError", "AsrNotConfigured", "AsrSegment", "EngineName", "ModelFiles",
    "Recognition", "TranscribeSettings", "check_model_dir", "guess_engine", "load_engine", "make_engine",
    "required_files", "transcribe", "transcribe_recording",
]
