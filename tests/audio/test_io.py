"""Decoding recordings: formats, channel roles, and clear errors for bad files."""

from __future__ import annotations

import numpy as np
import pytest

from hotline_qa.audio.io import load_recording, resample
from hotline_qa.core.call import Role
from hotline_qa.core.errors import InputError


@pytest.mark.parametrize(("key", "rate", "subtype"), [
    ("base", 16000, "PCM_16"), ("pcm8k", 8000, "PCM_16"), ("alaw", 8000, "ALAW"),
    ("ulaw", 8000, "ULAW"), ("flac", 16000, "PCM_16"),
])
def test_formats_decode_to_the_same_length(audio, key, rate, subtype):
    rec = load_recording(audio.files[key])
    assert rec.sample_rate == rate
    assert rec.subtype == subtype
    assert len(rec.channels) == 2 and not rec.mono
    assert all(c.dtype == np.float32 and c.size == rec.frames for c in rec.channels)
    assert rec.duration == pytest.approx(audio.truth["total"], abs=0.05)
    assert rec.roles == (Role.AGENT, Role.CUSTOMER)


def test_mp3_decodes(audio):
    if "mp3" not in audio.files:
        pytest.skip(audio.mp3_reason)
    rec = load_recording(audio.files["mp3"])
    assert rec.format == "MP3" and len(rec.channels) == 2
    # MP3 adds encoder delay/padding: a few tens of milliseconds at most.
    assert rec.duration == pytest.approx(audio.truth["total"], abs=0.15)


def test_channel_roles_map_channels(audio):
    rec = load_recording(audio.files["base"], channel_roles=("customer", "agent"))
    assert rec.roles == (Role.CUSTOMER, Role.AGENT)
    # channel 0 holds the greeting, which starts at 0.5 s: with the roles swapped it is the customer's
    first = np.flatnonzero(np.abs(rec.channel("customer")) > 0.01)[0] / rec.sample_rate
    assert first == pytest.approx(0.5, abs=0.05)


def test_mono_is_flagged(audio):
    rec = load_recording(audio.files["mono"])
    assert rec.mono and rec.roles == (Role.UNKNOWN,)
    assert any("单声道" in w for w in rec.warnings)


@pytest.mark.parametrize(("key", "words"), [
    ("empty", "为空"), ("truncated", "不完整"), ("header_only", "WAV"), ("garbage", "损坏"),
    ("garbage_mp3", "损坏"), ("three", "3 个声道"), ("silent", "无声"),
])
def test_bad_files_raise_input_error_naming_the_file(audio, key, words):
    path = audio.files[key]
    with pytest.raises(InputError) as err:
        load_recording(path)
    assert path.name in str(err.value)
    assert words in str(err.value)
    assert err.value.path == str(path)


def test_truncated_flac_is_refused_or_read_in_full(audio):
    # libsndfile either fails on the cut stream or returns fewer frames than the header says:
    # both must end as an InputError naming the file, never as a short "valid" call.
    with pytest.raises(InputError) as err:
        load_recording(audio.files["truncated_flac"])
    assert "truncated.flac" in str(err.value)


def test_missing_file_and_bad_roles(tmp_path):
    with pytest.raises(InputError, match="找不到"):
        load_recording(tmp_path / "nope.wav")
    with pytest.raises(InputError, match="agent"):
        load_recording(tmp_path / "nope.wav", channel_roles=("agent", "agent"))
    with pytest.raises(InputError, match="声道角色无效"):
        load_recording(tmp_path / "nope.wav", channel_roles=("boss", "customer"))


def test_resample_keeps_a_tone_and_the_length():
    rate = 22050
    t = np.arange(rate) / rate
    x = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    y = resample(x, rate, 16000)
    assert y.size == 16000
    spectrum = np.abs(np.fft.rfft(y))
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)  # 1 s long: bin = Hz
    # energy kept (within 0.5 dB)
    assert 10 * np.log10(np.mean(y**2) / np.mean(x**2)) == pytest.approx(0, abs=0.5)
    # a tone above the new Nyquist is removed, not folded back
    z = resample((0.5 * np.sin(2 * np.pi * 9500 * t)).astype(np.float32), rate, 16000)
    assert np.sqrt(np.mean(z**2)) < 0.05
