"""The shared timing functions (``core.timing``) on hand-made segments and hold events."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hotline_qa.core.audio_facts import SpeechSpan
from hotline_qa.core.call import Event, EventKind, Role
from hotline_qa.core.timing import covering_span, cut_ins, gaps, hold_pairs, quiet_stretches

A, C = Role.AGENT, Role.CUSTOMER
START, END = EventKind.HOLD_START, EventKind.HOLD_END


def test_gaps_start_at_the_latest_end_so_far() -> None:
    segs = [SpeechSpan(0.0, 20.0, C), SpeechSpan(5.0, 8.0, A), SpeechSpan(21.0, 22.0, A), SpeechSpan(40.0, 41.0, C)]
    assert [(b.end, a.start, b.role, a.role) for b, a in gaps(segs, min_gap=0.5)] == [
        (20.0, 21.0, C, A), (22.0, 40.0, A, C)]
    assert [(b.end, a.start) for b, a in gaps(segs, min_gap=10.0)] == [(22.0, 40.0)]


def test_cut_ins_name_who_cut_in_over_whom_and_filter_by_role() -> None:
    segs = [SpeechSpan(0.0, 10.0, C), SpeechSpan(9.0, 12.0, A), SpeechSpan(11.5, 15.0, C)]
    assert [(a.role, b.role, round(s, 2)) for a, b, s in cut_ins(segs, min_overlap=0.2)] == [
        (A, C, 1.0), (C, A, 0.5)]
    assert [(a.start, b.start) for a, b, _ in cut_ins(segs, min_overlap=0.2, by=A, over=C)] == [(9.0, 0.0)]
    assert cut_ins(segs, min_overlap=1.0) == []  # more than the limit, not equal to it


def test_cut_ins_look_back_over_overlapping_turns_of_one_party() -> None:
    # The long customer turn began before a short one that has already ended.
    segs = [SpeechSpan(0.0, 30.0, C), SpeechSpan(2.0, 3.0, C), SpeechSpan(10.0, 12.0, A)]
    assert cut_ins(segs, min_overlap=0.5, by=A) == []
    [(a, b, s)] = cut_ins(segs, min_overlap=0.5, by=A, lookback=3)
    assert (a.start, b.start, b.end, s) == (10.0, 0.0, 30.0, 2.0)


def test_quiet_stretches_bridge_short_pauses_and_are_cut_by_any_other_sound() -> None:
    own = [SpeechSpan(0.0, 20.0, C), SpeechSpan(22.0, 40.0, C)]
    assert quiet_stretches(own, [], min_seconds=30.0, max_pause=5.0) == [(0.0, 40.0)]
    assert quiet_stretches(own, [], min_seconds=30.0, max_pause=1.0) == []
    others = [SpeechSpan(5.0, 5.5, A)]
    assert quiet_stretches(own, others, min_seconds=30.0, max_pause=5.0) == [(5.5, 40.0)]
    assert quiet_stretches(own, [SpeechSpan(25.0, 25.5, A)], min_seconds=30.0, max_pause=5.0) == []


def test_covering_span_needs_half_the_interval() -> None:
    assert covering_span(10.0, 20.0, [(0.0, 12.0), (14.0, 30.0)]) == (14.0, 30.0)
    assert covering_span(10.0, 20.0, [(0.0, 14.0)]) is None


def test_hold_pairs_repeat_policies() -> None:
    events = [Event(START, at=10.0), Event(START, at=15.0), Event(END, at=20.0), Event(EventKind.TRANSFER, at=25.0),
              Event(START, at=30.0), Event(END)]
    assert hold_pairs(events, repeat="ignore") == [(10.0, 20.0), (30.0, None)]
    assert hold_pairs(events, repeat="restart") == [(15.0, 20.0), (30.0, None)]
    assert hold_pairs(events, repeat="split") == [(10.0, None), (15.0, 20.0), (30.0, None)]
    assert hold_pairs(reversed(events), repeat="ignore") == [(10.0, 20.0), (30.0, None)]  # time order, not list order


def _quiet_by_brute_force(own: list[SpeechSpan], others: list[SpeechSpan], min_seconds: float,
                          max_pause: float, step: float = 0.01) -> list[tuple[float, float]]:
    """The same stretches found by sampling the time line every ``step`` seconds."""
    def sounding(spans: list[SpeechSpan], t: float) -> bool:
        return any(s.start <= t < s.end for s in spans)

    bridged = []
    for s in own:
        if bridged and s.start - bridged[-1][1] <= max_pause:
            bridged[-1][1] = max(bridged[-1][1], s.end)
        else:
            bridged.append([s.start, s.end])
    out = []
    for a, b in bridged:
        t, run_start = a, None
        while t < b:
            quiet = not sounding(others, t + step / 2)
            if quiet and run_start is None:
                run_start = t
            if not quiet and run_start is not None:
                out.append((run_start, t))
                run_start = None
            t = round(t + step, 6)
        if run_start is not None:
            out.append((run_start, b))
    return [(p, q) for p, q in out if q - p > min_seconds + step]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=8),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=8))
def test_quiet_stretches_match_a_brute_force_sweep(own_raw, other_raw) -> None:
    # Others in any order and of any length (a long one starting well before a stretch too).
    own = sorted((SpeechSpan(float(s), float(s + d), Role.CUSTOMER) for s, d in own_raw), key=lambda x: x.start)
    others = [SpeechSpan(float(s), float(s + d), Role.AGENT) for s, d in other_raw][::-1]
    found = quiet_stretches(own, others, min_seconds=2.0, max_pause=1.0)
    expected = _quiet_by_brute_force(own, others, 2.0, 1.0)
    # Integer boundaries: the sweep finds the same stretches (those longer than 2 s + a step).
    assert [(p, q) for p, q in found if q - p > 2.0 + 0.01] == expected
