"""Promises, round 38 (field call 546): the agent who takes the case in hand to pass it on promises
to, said without "会" and cut by the ASR after the object."""

from __future__ import annotations

from .test_commitments_fragments import _promises, _timed


def test_the_case_passed_on_with_ba_is_a_promise() -> None:
    # field call 546: "我把您的情况" / "反馈给我们服务经理" / "让他跟您联系", no time frame given
    assert _promises(_timed("我把您的情况", "反馈给我们服务经理", "让他跟您联系")) == [("反馈", None)]
    assert _promises("坐席：我把情况反馈给相关部门\n") == [("反馈", None)]
    assert _promises("坐席：我这边先把您的情况反馈给服务经理\n") == [("反馈", None)]


def test_done_or_the_customers_is_no_promise() -> None:
    assert _promises("坐席：我已经把情况反馈给相关部门了\n") == []
    assert _promises("坐席：您把情况反馈给我们就行\n") == []
    # a suggestion passed on owes no answer, as before
    assert _promises("坐席：我把您的建议反馈给相关部门\n") == []
