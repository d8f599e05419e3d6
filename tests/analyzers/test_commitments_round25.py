"""Promises found in the blind field calls of round 25 (a contact number asked for, a promise joined by 并)."""

from __future__ import annotations

from .test_commitments_fragments import _promises as _actions
from .test_commitments_fragments import _timed


def test_asking_for_a_contact_number_is_no_promise() -> None:
    # field call 305: "那个再留一个" / "联系电话"
    assert _actions(_timed("那个再留一个", "联系电话")) == []
    assert _actions("坐席：麻烦您留一个联系方式\n") == []
    # getting in touch stays a promise
    assert [a for a, _ in _actions("坐席：我们会尽快联系您\n")] == ["回电"]


def test_a_callback_joined_by_bing_shares_the_time_frame_before() -> None:
    # field call 313: "专人督促供热公司四十八" / "小时内上门检查处理" / "并给您回电"
    said = _timed("专人督促供热公司四十八", "小时内上门检查处理", "并给您回电")
    assert ("回电", "四十八小时内") in _actions(said)
    # a callback that is its own new act keeps no time frame of the one before
    assert ("回电", None) in _actions(_timed("专人督促供热公司四十八", "小时内上门检查处理", "另外我们给您回电"))
