"""The LIS timing functions work on plain (start, end, role) segments, as an audio timeline will give."""

from __future__ import annotations

from hotline_qa.core.call import Role
from hotline_qa.rules.catalogue.listening import (
    Segment,
    clock,
    find_gaps,
    find_monologues,
    find_overlaps,
    is_backchannel,
)

A, C = Role.AGENT, Role.CUSTOMER
BC = ("嗯", "嗯嗯", "对", "好的", "是的", "明白", "好")


def test_overlap_measured_from_agent_start_to_first_end() -> None:
    segs = [Segment(5.0, 15.0, C, 0), Segment(13.2, 20.0, A, 1, "您这个是套餐外的费用")]
    (ov,) = find_overlaps(segs, min_overlap=0.5)
    assert ov.seconds == 1.8
    assert ov.agent.index == 1 and ov.customer.index == 0


def test_backchannel_overlap_is_ignored_but_substantive_is_not() -> None:
    def ignore(s: Segment) -> bool:
        return is_backchannel(s.text, BC, 6)

    segs = [Segment(0.0, 10.0, C, 0), Segment(3.0, 4.0, A, 1, "嗯嗯，对"), Segment(6.0, 8.0, A, 2, "对但是")]
    found = find_overlaps(segs, min_overlap=0.5, ignore=ignore)
    assert [o.agent.index for o in found] == [2]


def test_customer_starting_over_the_agent_is_not_an_agent_interruption() -> None:
    segs = [Segment(0.0, 10.0, A, 0, "您这个业务需要本人办理"), Segment(8.0, 12.0, C, 1)]
    assert find_overlaps(segs, min_overlap=0.5) == []


def test_customer_run_spans_short_pauses_and_backchannels() -> None:
    def ignore(s: Segment) -> bool:
        return is_backchannel(s.text, BC, 6)

    segs = [Segment(0.0, 50.0, C, 0), Segment(20.0, 20.5, A, 1, "嗯"), Segment(51.0, 100.0, C, 2),
            Segment(101.0, 140.0, C, 3), Segment(130.0, 135.0, A, 4, "先生我们先看一下您的问题")]
    (ov,) = find_overlaps(segs, min_overlap=0.5, ignore=ignore, max_pause=3.0)
    assert ov.customer_run == 130.0


def test_is_backchannel() -> None:
    assert is_backchannel("嗯嗯，好的。", BC, 6)
    assert is_backchannel("", BC, 6)
    assert not is_backchannel("对对对但是您这个", BC, 6)
    assert not is_backchannel("好的我帮您查", BC, 6)


def test_gaps_use_the_latest_end_so_far() -> None:
    # The long customer turn covers the agent's short one: no gap between 8 and 12.
    segs = [Segment(0.0, 20.0, C, 0), Segment(5.0, 8.0, A, 1), Segment(21.0, 22.0, A, 2),
            Segment(40.0, 41.0, C, 3)]
    gaps = find_gaps(segs, min_gap=10.0)
    assert [(g.start, g.end) for g in gaps] == [(22.0, 40.0)]


def test_monologue_is_cut_by_any_agent_sound() -> None:
    segs = [Segment(0.0, 50.0, C, 0), Segment(28.0, 28.5, A, 1, "嗯")]
    assert find_monologues(segs, min_seconds=30.0, max_pause=5.0) == []
    segs = [Segment(0.0, 50.0, C, 0), Segment(5.0, 5.5, A, 1, "嗯")]
    (m,) = find_monologues(segs, min_seconds=30.0, max_pause=5.0)
    assert (m.start, m.end, m.indexes) == (5.5, 50.0, (0,))


def test_monologue_joins_turns_across_short_pauses_only() -> None:
    segs = [Segment(0.0, 20.0, C, 0), Segment(22.0, 40.0, C, 1)]
    assert len(find_monologues(segs, min_seconds=30.0, max_pause=5.0)) == 1
    segs = [Segment(0.0, 20.0, C, 0), Segment(28.0, 45.0, C, 1)]
    assert find_monologues(segs, min_seconds=30.0, max_pause=5.0) == []


def test_clock() -> None:
    assert clock(72.44) == "01:12.4"
    assert clock(5) == "00:05.0"
