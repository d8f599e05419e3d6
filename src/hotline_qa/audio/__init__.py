"""Call recordings: decoding, speech timelines (VAD), and voice measures (level, noise, pitch, rate).

Optional layer: needs the ``[audio]`` extra (soundfile, numpy, onnxruntime, silero-vad,
webrtcvad-wheels, praat-parselmouth). Imports only ``hotline_qa.core`` and
``hotline_qa.text`` from the project.
"""

from hotline_qa.audio.analysis import (
    AnalysisSettings,
    AudioAnalysis,
    SpeakerVoice,
    analyze,
    analyze_recording,
)
from hotline_qa.audio.io import Recording, load_recording
from hotline_qa.audio.timeline import SpeechTimeline, TimelineSettings, build_timeline, hold_spans
from hotline_qa.audio.vad import SileroVad, SpeechDetector, VadSettings, WebRtcVad, make_detector

__all__ = [
    "AnalysisSettings", "AudioAnalysis", "Recording", "SileroVad", "SpeakerVoice", "SpeechDetector",
    "SpeechTimeline", "TimelineSettings", "VadSettings", "WebRtcVad", "analyze", "analyze_recording",
    "build_timeline", "hold_spans", "load_recording", "make_detector",
]
