"""Promises, round 31: a date already gone this year dates what was done, not a promise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .test_commitments_fragments import _promises

NOW = datetime(2026, 10, 13, 11, 0, tzinfo=timezone(timedelta(hours=8)))


def _actions(text: str) -> list[tuple[str, str | None]]:
    return _promises(text, NOW)


def test_a_month_and_day_gone_this_year_is_when_it_was_done() -> None:
    # field call 406: "订购记录显示是 / 九月三号 / 通过短信回复订购的" was a promise due next September
    assert _actions("[04:33.6-04:35.0] 坐席：订购记录显示是\n[04:36.3-04:37.5] 坐席：九月三号\n"
                    "[04:37.9-04:40.0] 坐席：通过短信回复订购的\n") == []
    assert _actions("[00:10.0-00:12.0] 坐席：九月三号\n[00:12.5-00:14.0] 坐席：通过短信回复的\n") == []
    # a date still to come, or one that can only be next year's, stays the time frame
    assert _actions("坐席：十月二十号之前给您回复\n") == [("反馈", "十月二十号之前")]
    assert _actions("坐席：三月五号前会给您回复\n") == [("反馈", "三月五号前")]


def test_confidential_handling_is_how_the_report_is_kept() -> None:
    # field call 409: "好的给您做保密处理" (the caller's number kept from the stall) was a promise with no time
    assert _actions("坐席：好的给您做保密处理\n") == []
    assert _actions("坐席：您的信息我们会做匿名处理\n") == []
    assert _actions("坐席：我们会尽快给您处理\n") == [("处理", None)]
