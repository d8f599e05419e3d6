"""Level, clipping, noise floor, pitch range and speech rate measured on real synthesised audio."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from hotline_qa.audio import analyze_recording
from hotline_qa.core.call import Role, Utterance
from hotline_qa.text.normalize import hanzi_count

from .conftest import CUSTOMER_TEXTS


@pytest.fixture(scope="module")
def measured(audio):
    keys = ["base", "quiet", "noisy", "clipped", "alaw", "noisy_alaw"]
    return {k: analyze_recording(audio.files[k], vad="silero") for k in keys}


def test_quieter_agent_measures_the_applied_gain(measured):
    base, quiet = measured["base"], measured["quiet"]
    drop = base.speaker("agent").level.speech_dbfs - quiet.speaker("agent").level.speech_dbfs
    assert drop == pytest.approx(10.0, abs=2.0)
    # the customer's channel was not touched
    assert quiet.speaker("customer").level.speech_dbfs == pytest.approx(
        base.speaker("customer").level.speech_dbfs, abs=0.5)


def test_level_is_measured_on_speech_only(measured, audio):
    # The agent speaks less than half of the call; an RMS over the whole channel would be
    # several dB lower than the speech level.
    lvl = measured["base"].speaker("agent").level
    share = audio.truth["agent_talk"] / audio.truth["total"]
    assert share < 0.5
    assert -30 < lvl.speech_dbfs < -12
    assert lvl.speech_seconds == pytest.approx(audio.truth["agent_talk"], rel=0.1)


def test_clipping(measured):
    assert measured["base"].speaker("agent").level.clipping_ratio == 0.0
    loud = measured["clipped"].speaker("agent").level
    assert loud.clipping_ratio > 0.001
    assert loud.peak_dbfs > -0.2
    assert measured["clipped"].speaker("customer").level.clipping_ratio == 0.0


def test_noise_floor_rises_with_noise_on_the_agent_channel(audio, measured):
    clean = measured["base"].speaker("agent").noise
    noisy = measured["noisy"].speaker("agent").noise
    # the level of the noise that was mixed in, from the tracks before and after
    added = sf.read(audio.folder / "agent_noisy.wav")[0] - sf.read(audio.folder / "agent.wav")[0]
    expected = 10 * np.log10(np.mean(added**2))
    assert -55 < expected < -40
    assert noisy.floor_dbfs == pytest.approx(expected, abs=1.5)
    assert noisy.rms_dbfs == pytest.approx(expected, abs=1.5)
    assert noisy.floor_dbfs > clean.floor_dbfs + 30
    assert noisy.seconds > 10  # the 12 s silence and the other pauses
    # the customer's channel stays clean
    assert measured["noisy"].speaker("customer").noise.floor_dbfs < -90
    # A-law keeps the difference (its "silence" is one quantisation step, about -72 dBFS);
    # going to 8 kHz keeps half of the white noise's band: 3 dB less.
    assert measured["alaw"].speaker("agent").noise.floor_dbfs < -65
    assert measured["noisy_alaw"].speaker("agent").noise.floor_dbfs == pytest.approx(expected - 3.0, abs=1.5)


def test_pitch_range_separates_monotone_from_gliding_and_speech(audio, measured):
    mono = analyze_recording(audio.files["monotone"], vad="webrtc").speakers[0].pitch
    glide = analyze_recording(audio.files["glide"], vad="webrtc").speakers[0].pitch
    speech = measured["base"].speaker("agent").pitch
    assert mono.median_hz == pytest.approx(150, abs=3)
    assert mono.range_semitones < 1.0 and mono.std_semitones < 0.5
    # 110 -> 220 Hz is one octave: the 5–95 % spread covers ~90 % of 12 semitones
    assert glide.range_semitones == pytest.approx(12 * 0.9, abs=1.5)
    assert speech.range_semitones > mono.range_semitones + 2  # Mandarin tones move the pitch


def test_syllable_rate_from_audio_tracks_characters(audio):
    text = CUSTOMER_TEXTS["m2"] + CUSTOMER_TEXTS["m3"]
    chars = hanzi_count(text)
    rates = {}
    for key in ("slow", "fast"):
        sp = analyze_recording(audio.files[key], vad="silero").speakers[0]
        true_rate = chars / sp.syllables.seconds * 60
        assert sp.syllables.per_minute == pytest.approx(true_rate, rel=0.2), key
        rates[key] = sp.syllables.per_minute
    assert rates["fast"] > rates["slow"] * 1.4


def test_transcript_rate_uses_the_time_actually_spoken(audio):
    # The transcript's times are loose (a second early and late), as ASR timestamps often are;
    # the rate over the VAD's speech inside the turn is still the true one.
    t = audio.truth
    start = t["mono_start"]
    texts = [CUSTOMER_TEXTS[k] for k in ("m1", "m2", "m3", "m4", "m5")]
    utts = [Utterance(0, Role.CUSTOMER, "".join(texts), "".join(texts), start - 1.0, t["mono_end"] + 1.0)]
    a = analyze_recording(audio.files["base"], vad="silero", transcript=utts)
    cust = a.speaker("customer")
    chars = hanzi_count("".join(texts))
    spoken = sum(b - s for s, b in audio.customer_clips[1:6])
    assert cust.transcript_rate == pytest.approx(chars / spoken * 60, rel=0.08)
    naive = chars / (utts[0].end - utts[0].start) * 60
    assert cust.transcript_rate > naive * 1.1
    assert [r.index for r in cust.turn_rates] == [0]
    assert a.speaker("agent").turn_rates == ()


def test_to_dict_is_json(measured):
    d = measured["base"].to_dict()
    text = json.dumps(d, ensure_ascii=False)
    back = json.loads(text)
    assert back["vad"] == "silero"
    assert back["recording"]["channels"] == 2
    assert {"agent", "customer"} == set(back["speakers"])
    assert back["timeline"]["overlaps"][0]["by"] == "agent"
    assert back["speakers"]["agent"]["level"]["speech_dbfs"] == measured["base"].speaker("agent").level.speech_dbfs
    assert back["timeline"]["last_speaker"] == "customer"
