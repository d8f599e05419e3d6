"""Timeline logic on hand-made speech spans (no audio), and its fit with the listening rules' timing code."""

from __future__ import annotations

import numpy as np
import pytest

from hotline_qa.audio.timeline import TimelineSettings, build_timeline, hold_spans
from hotline_qa.audio.vad import FrameScores, VadSettings, smooth
from hotline_qa.core.call import Event, EventKind, Role

A, C = Role.AGENT, Role.CUSTOMER


def _tl(**kw):
    speech = {A: [(0.0, 4.0), (9.5, 12.0), (30.0, 33.0)], C: [(4.5, 10.0), (12.2, 20.0), (21.0, 28.5)]}
    return build_timeline(speech, 40.0, **kw)


def test_talk_time_ratio_and_end():
    tl = _tl()
    assert tl.talk_time(A) == pytest.approx(9.5)
    assert tl.talk_time(C) == pytest.approx(20.8)
    assert tl.talk_ratio(A) + tl.talk_ratio(C) == pytest.approx(1.0)
    assert tl.talk_ratio(C) == pytest.approx(20.8 / 30.3)
    assert tl.last_speaker is A and tl.tail_seconds == pytest.approx(7.0)


def test_overlap_direction_and_length():
    tl = _tl()
    assert [(o.by, o.over, o.start, round(o.seconds, 2)) for o in tl.overlaps] == [(A, C, 9.5, 0.5)]


def test_monologue_is_cut_by_any_agent_sound():
    tl = _tl(settings=TimelineSettings(monologue_seconds=10.0, monologue_max_pause=2.0))
    # customer 12.2–28.5 (a 1 s pause bridged) with no agent sound: 16.3 s
    assert [(m.role, m.start, m.end) for m in tl.monologues] == [(C, 12.2, 28.5)]
    tl = _tl(settings=TimelineSettings(monologue_seconds=10.0, monologue_max_pause=0.5))
    assert tl.monologues == ()


def test_silences_and_holds():
    tl = _tl(settings=TimelineSettings(min_silence=0.4, long_silence=1.0))
    assert [(s.start, s.end) for s in tl.silences] == [(4.0, 4.5), (20.0, 21.0), (28.5, 30.0)]
    events = [Event(EventKind.HOLD_START, at=28.0), Event(EventKind.HOLD_END, at=31.0)]
    tl = _tl(settings=TimelineSettings(long_silence=1.0), holds=hold_spans(events, 40.0))
    assert [(h.start, h.announced) for h in tl.long_silences] == [(28.5, True)]
    assert hold_spans([Event(EventKind.HOLD_START, at=5.0)], 40.0) == [(5.0, 40.0)]


def test_to_segments_feeds_the_listening_timing_functions():
    listening = pytest.importorskip("hotline_qa.rules.catalogue.listening")
    tl = _tl()
    segs = [listening.Segment(s, e, r) for s, e, r in tl.to_segments()]
    gaps = listening.find_gaps(segs, min_gap=1.0)
    assert [(g.start, g.end) for g in gaps] == [(s.start, s.end) for s in tl.silences]
    overlaps = listening.find_overlaps(segs, min_overlap=0.2)
    assert [(o.agent.start, o.seconds) for o in overlaps] == [(o.start, round(o.seconds, 2)) for o in tl.overlaps]
    monos = listening.find_monologues(segs, min_seconds=10.0, max_pause=2.0)
    ours = _tl(settings=TimelineSettings(monologue_seconds=10.0, monologue_max_pause=2.0)).monologues
    assert [(m.start, m.end) for m in monos] == [(m.start, m.end) for m in ours]


def test_smoothing_bridges_short_pauses_and_drops_blips():
    hop = 0.01
    s = np.zeros(300, dtype=np.float32)
    s[10:60] = 0.9     # 0.10–0.60 speech
    s[70:120] = 0.9    # 0.1 s pause: bridged
    s[200:205] = 0.9   # 50 ms blip: dropped
    s[250:280] = 0.45  # between the thresholds but never above 0.5: not speech
    out = smooth(FrameScores(s, hop), on=0.5, off=0.35,
                 settings=VadSettings(min_speech=0.1, min_silence=0.3, pad=0.0), duration=3.0)
    assert out == ((0.1, 1.2),)
    # hysteresis: once started, speech goes on while the score stays above the lower threshold
    s2 = np.zeros(100, dtype=np.float32)
    s2[10:20] = 0.8
    s2[20:50] = 0.4
    out2 = smooth(FrameScores(s2, hop), on=0.5, off=0.35,
                  settings=VadSettings(min_speech=0.05, min_silence=0.05, pad=0.0), duration=1.0)
    assert out2 == ((0.1, 0.5),)
