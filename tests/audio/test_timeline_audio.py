"""The speech timeline measured on real synthesised calls, with both detectors and in every format."""

from __future__ import annotations

import pytest

from hotline_qa.audio import analyze_recording
from hotline_qa.audio.analysis import AnalysisSettings
from hotline_qa.audio.timeline import TimelineSettings
from hotline_qa.core.call import Event, EventKind, Role

VADS = ["silero", "webrtc"]
TOL = 0.4  # seconds: a silence or a speech boundary measured within this of the truth


def _analysis(audio, key, vad, **kw):
    return analyze_recording(audio.files[key], vad=vad, **kw)


@pytest.fixture(scope="module")
def base(audio):
    return {v: _analysis(audio, "base", v) for v in VADS}


@pytest.mark.parametrize("vad", VADS)
def test_segments_follow_the_clips(audio, base, vad):
    tl = base[vad].timeline
    for role, clips in ((Role.AGENT, audio.agent_clips), (Role.CUSTOMER, audio.customer_clips)):
        found = tl.spans(role)
        # every clip start is the start of a detected segment (pauses inside clips may split them)
        for a, _b in clips:
            assert min(abs(s - a) for s, _ in found) < TOL, (role, a, found)
        assert tl.talk_time(role) == pytest.approx(
            audio.truth["agent_talk" if role is Role.AGENT else "customer_talk"], rel=0.1)


@pytest.mark.parametrize("vad", VADS)
def test_twelve_second_silence(audio, base, vad):
    tl = base[vad].timeline
    long_ones = [s for s in tl.silences if s.seconds > 5]
    assert len(long_ones) == 1
    s = long_ones[0]
    assert s.seconds == pytest.approx(12.0, abs=TOL)
    assert s.start == pytest.approx(audio.truth["silence_start"], abs=TOL)
    assert (s.before, s.after) == (Role.AGENT, Role.CUSTOMER)
    assert [h.seconds for h in tl.long_silences] == [pytest.approx(12.0, abs=TOL)]
    assert tl.long_silences[0].hold is None


@pytest.mark.parametrize("vad", VADS)
def test_overlaps_name_the_interrupter(audio, base, vad):
    tl = base[vad].timeline
    big = [o for o in tl.overlaps if o.seconds > 0.5]
    assert [(o.by, o.over) for o in big] == [(Role.AGENT, Role.CUSTOMER), (Role.CUSTOMER, Role.AGENT)]
    agent_cut, customer_cut = big
    assert agent_cut.start == pytest.approx(audio.truth["interrupt_at"], abs=TOL)
    assert agent_cut.seconds == pytest.approx(1.5, abs=TOL)
    assert customer_cut.start == pytest.approx(audio.truth["cut_at"], abs=TOL)
    assert customer_cut.seconds == pytest.approx(1.0, abs=TOL)


@pytest.mark.parametrize("vad", VADS)
def test_customer_monologue_and_last_speaker(audio, base, vad):
    tl = base[vad].timeline
    assert len(tl.monologues) == 1
    m = tl.monologues[0]
    assert m.role is Role.CUSTOMER
    assert m.start == pytest.approx(audio.truth["mono_start"], abs=TOL)
    assert m.end == pytest.approx(audio.truth["mono_end"], abs=TOL)
    assert tl.last_speaker is Role.CUSTOMER
    assert tl.speech_end == pytest.approx(audio.truth["last_end"], abs=TOL)
    assert tl.tail_seconds == pytest.approx(3.0, abs=TOL)
    assert tl.last_speech(Role.AGENT) < tl.last_speech(Role.CUSTOMER)


def test_monologue_threshold_is_a_setting(audio):
    cfg = AnalysisSettings(timeline=TimelineSettings(monologue_seconds=60.0))
    assert _analysis(audio, "base", "webrtc", settings=cfg).timeline.monologues == ()


def test_hold_event_marks_the_silence(audio):
    t = audio.truth
    holds = [Event(EventKind.HOLD_START, at=t["silence_start"] + 0.5), Event(EventKind.HOLD_END, at=t["silence_end"])]
    tl = _analysis(audio, "base", "webrtc", holds=holds).timeline
    assert tl.long_silences[0].announced
    assert tl.long_silences[0].hold == (t["silence_start"] + 0.5, t["silence_end"])
    # a hold elsewhere in the call does not excuse this silence
    tl = _analysis(audio, "base", "webrtc", holds=[(1.0, 3.0)]).timeline
    assert not tl.long_silences[0].announced


def test_swapped_channels_swap_roles(audio):
    tl = analyze_recording(audio.files["swapped"], vad="webrtc", channel_roles=("customer", "agent")).timeline
    big = [o for o in tl.overlaps if o.seconds > 0.5]
    assert [o.by for o in big] == [Role.AGENT, Role.CUSTOMER]


@pytest.mark.parametrize("key", ["pcm8k", "alaw", "ulaw", "flac", "mp3", "noisy", "noisy_alaw"])
@pytest.mark.parametrize("vad", VADS)
def test_every_format_gives_the_same_timeline(audio, key, vad):
    if key not in audio.files:
        pytest.skip(audio.mp3_reason)
    tl = _analysis(audio, key, vad).timeline
    long_ones = [s for s in tl.silences if s.seconds > 5]
    assert [round(s.seconds) for s in long_ones] == [12], long_ones
    assert long_ones[0].seconds == pytest.approx(12.0, abs=TOL)
    big = [o for o in tl.overlaps if o.seconds > 0.5]
    assert [o.by for o in big] == [Role.AGENT, Role.CUSTOMER]
    assert big[0].seconds == pytest.approx(1.5, abs=TOL)


def test_mono_gives_silences_but_no_per_speaker_measures(audio):
    a = _analysis(audio, "mono", "silero")
    tl = a.timeline
    assert tl.roles == (Role.UNKNOWN,)
    assert [round(s.seconds) for s in tl.silences if s.seconds > 5] == [12]
    assert tl.overlaps == () and tl.monologues == ()
    assert any("单声道" in w for w in a.warnings)
