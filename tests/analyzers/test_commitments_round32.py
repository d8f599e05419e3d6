"""Promises, round 32: a check made with the customer is a question asked now, not a promise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .test_commitments_fragments import _promises

NOW = datetime(2026, 4, 20, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _actions(text: str) -> list[tuple[str, str | None]]:
    return _promises(text, NOW)


def test_checking_with_the_customer_is_done_now() -> None:
    # field call 427: "陈女士您好" / "再跟您核实一下" / "您的预留手机号码" was a promise with no time frame
    assert _actions("[00:59.3-01:00.8] 坐席：陈女士您好\n[01:00.9-01:02.8] 坐席：再跟您核实一下\n"
                    "[01:03.0-01:05.5] 坐席：您的预留手机号码\n") == []
    assert _actions("坐席：我和您确认一下上门地址\n") == []
    # a check with the customer put off to later, or a check of the agent's own, is still a promise
    assert _actions("坐席：我回头再跟您确认一下\n") == [("核实", None)]
    assert _actions("坐席：我再帮您核实一下之后给您回电\n") != []


def test_the_day_something_was_done_is_no_promise() -> None:
    # field call 436: "保修九十天" / "从维修那天开始算" was a repair promised within ninety days
    assert _actions("[01:38.0-01:39.7] 坐席：更换的配件保修九十天\n[01:39.8-01:42.2] 坐席：从维修那天开始算\n") == []
    assert _actions("坐席：师傅明天上午给您维修\n") == [("处理", "明天上午")]


def test_an_act_urged_on_another_party_across_the_cut_is_theirs() -> None:
    # field call 440: "街道会督促物业" / "尽快维修" was the agent's promise to repair, with no time frame
    assert _actions("[02:22.8-02:25.0] 坐席：街道会督促物业\n[02:25.0-02:26.1] 坐席：尽快维修\n") == []
    assert _actions("坐席：街道会督促物业尽快维修\n") == []
    # without the urging, the same cut is the agent's promise
    assert _actions("[02:22.8-02:25.0] 坐席：我这边登记好了\n[02:25.0-02:26.1] 坐席：尽快给您维修\n") == [("处理", None)]
