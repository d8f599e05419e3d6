"""The Silero runner: chunked, batched and quiet-skipping runs agree with one straight run."""

from __future__ import annotations

import numpy as np
import pytest

from hotline_qa.audio.io import load_recording
from hotline_qa.audio.vad import SileroVad, WebRtcVad, gate_quiet, make_detector, remove_dc


class _Straight(SileroVad):
    """One sequence per channel from a zero state, nothing skipped: the reference way of running Silero."""

    chunk_windows = 10**9
    warmup_windows = 0


@pytest.mark.parametrize("key", ["noisy_alaw", "base"])
def test_chunked_silero_matches_a_straight_run(audio, key):
    rec = load_recording(audio.files[key])
    x = [remove_dc(c, rec.sample_rate) for c in rec.channels]
    fast = SileroVad().frame_scores(x, rec.sample_rate)
    ref = _Straight().frame_scores(x, rec.sample_rate)
    for f, r, sig in zip(fast, ref, x, strict=True):
        assert f.scores.shape == r.scores.shape
        # frames the energy gate keeps: the same decision almost everywhere (a recurrent
        # state restarted before a chunk moves a few frames that hover around 0.5)
        fg, rg = (gate_quiet(s, sig, rec.sample_rate, -55.0).scores for s in (f, r))
        assert np.mean((fg >= 0.5) == (rg >= 0.5)) > 0.98
    # and the same speech segments after smoothing
    for got, want in zip(SileroVad().detect(rec.channels, rec.sample_rate),
                         _Straight().detect(rec.channels, rec.sample_rate), strict=True):
        assert len(got) == len(want)
        assert max(abs(a - b) for g, w in zip(got, want, strict=True) for a, b in zip(g, w, strict=True)) < 0.15
    # the chunked run really is chunked: several sequences per channel
    assert rec.duration > 3 * SileroVad.chunk_windows * 256 / 8000 or rec.sample_rate == 16000


def test_silero_hears_speech_and_not_silence(audio):
    rec = load_recording(audio.files["pcm8k"])
    agent = rec.channel("agent")
    [scores] = SileroVad().frame_scores([agent], 8000)
    hop = scores.hop
    t = audio.truth
    inside = scores.scores[int((t["silence_start"] + 1) / hop):int((t["silence_end"] - 1) / hop)]
    assert inside.max() < 0.2
    a0, a1 = audio.agent_clips[0]
    assert np.mean(scores.scores[int(a0 / hop):int(a1 / hop)] > 0.5) > 0.6


def test_detector_choice():
    assert isinstance(make_detector("webrtc"), WebRtcVad)
    assert isinstance(make_detector("silero"), SileroVad)
    with pytest.raises(ValueError, match="webrtc"):
        make_detector("whisper")  # type: ignore[arg-type]
