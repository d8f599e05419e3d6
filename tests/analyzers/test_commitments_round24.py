"""Promises found in the blind field calls of round 24 (the customer's own call, a time frame before the cut)."""

from __future__ import annotations

from .test_commitments_fragments import _promises as _actions
from .test_commitments_fragments import _timed


def test_the_customers_call_once_outside_is_no_callback() -> None:
    # field call 285, the gas-leak safety step, said whole and cut by the ASR
    assert _actions("坐席：您马上关掉阀门 人到了外面再打电话\n") == []
    assert _actions(_timed("通风第四人马上到", "室外去到了外面再", "打电话")) == []
    # the agent's own call after the customer is outside stays a promise
    assert [a for a, _ in _actions("坐席：您先到外面去 我们马上给您回电话\n")] == ["回电"]


def test_a_time_frame_ending_the_sentence_before_dates_the_promise_cut_after_it() -> None:
    # field call 286: "要求物业先做临时防水" / "处理三个工作日内" / "会有工作人员跟您联系"
    said = _timed("物业先做临时防水", "处理三个工作日内", "会有工作人员跟您联系")
    assert ("回电", "三个工作日内") in _actions(said)
    # a time frame in the middle of the sentence before belongs to its own clause
    apart = _timed("物业上个月说过三个工作日内处理", "结果没有处理我们这次", "会有工作人员跟您联系")
    assert ("回电", None) in _actions(apart)
