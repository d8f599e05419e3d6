"""Round 11 (field calls 118 and 124): acts done on the call that look like promises, and
callbacks bound to news ("有消息了再跟您说") that were missed.

Each fix has its look-alike that must stay as it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=CST)
CAL = WorkCalendar()


def _actions(call_from, text: str) -> list[tuple[str, bool]]:
    return [(c.action, c.has_time_frame)
            for c in find_commitments(call_from([("a", text)]), now=NOW, calendar=CAL)]


@pytest.mark.parametrize("text", [
    "好的 我会在维修单上标注加急",                 # 124: a mark in the repair order, made now
    "我这边在工单上给您备注一下加急处理",          # the note's content, not a later handling
    "我会在处理单上注明您的要求",
    "我这边给您反馈上去",                          # passed up the line, on the call
    "我现在就把您的情况反馈上去",
    "我这边给您登记一下 提交到维修部门",
    "那这样吧我帮你提交一个退款申请",              # the application is filed on the call
    "维修费用不会再收您的",                        # 维修 heads a noun
    "请问您的车牌号是多少我帮您查一下维修进度",    # a check now, 维修进度 a noun
    "等楼上业主回来我们会出面协调",                # 118: stepping in with the other party
    "我跟您说一下这个流程",                        # saying now
    "好的再次跟您说声抱歉",
    "主管会跟您说明后续的流程",
])
def test_acts_on_the_call_are_no_promises(call_from, text: str) -> None:
    assert _actions(call_from, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # look-alikes of the fixes above: later acts, still promises
    ("我会尽快给您反馈结果", [("反馈", False)]),                  # 反馈 + 结果: an answer owed
    ("我会尽快给您反馈处理结果", [("反馈", False)]),
    ("我会把您的情况反馈上去", [("上报", False)]),               # 会: a later passing-on
    ("我会把您的诉求提交给相关部门", [("上报", False)]),
    ("我会帮您提交退款申请", [("上报", False)]),
    ("我们会尽快帮您协调处理", [("处理", False)]),               # 协调 without 出面
    ("我这边马上联系网点的派送员", [("联系", False)]),            # 联系 + 网点: an act
    ("我已经帮您备注了 明天上午给您回电", [("回电", True)]),
    ("不过为了安全 还是建议我们师傅上门帮您处理", [("处理", False)]),  # 为了 before its own subject
    # 118: callbacks bound to news
    ("我们会继续联系楼上业主 有消息了再跟您说", [("反馈", False)]),
    ("有结果了通知您", [("反馈", False)]),
    ("等审核完了我再跟您说", [("反馈", False)]),
    ("到时候再联系您", [("回电", False)]),
])
def test_later_acts_stay_promises(call_from, text: str, expected: list[tuple[str, bool]]) -> None:
    assert _actions(call_from, text) == expected


def test_aims_stay_aims(call_from) -> None:
    """The aim fix only lets a verb through that has its own subject after the aim."""
    assert _actions(call_from, "我们的目标是帮您把问题解决") == []
    assert _actions(call_from, "为了更好地解决您的问题 我们会安排专人跟进") == [("跟进", False)]


@pytest.mark.parametrize("text", [
    "如果车开不了，我们可以免费给您安排拖车",        # 126: an option for a case that may not come
    "如果车开不了我们可以免费给您安排拖车",
    "要是您不方便的话 我这边也可以帮您安排上门取件",
])
def test_conditional_offers_are_no_promises(call_from, text: str) -> None:
    assert _actions(call_from, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("审核有问题的话我们会打给您", [("回电", False)]),             # 会: a conditional promise stays
    ("如果明天还没到的话我再帮您催一下", [("跟进", True)]),
    ("我们可以免费给您安排拖车", [("安排", False)]),               # no condition: an offer made
])
def test_conditional_promises_stay(call_from, text: str, expected: list[tuple[str, bool]]) -> None:
    assert _actions(call_from, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("您开慢一点 下了高速以后 查勘员会告诉您附近的修理厂", [("反馈", False)]),   # 慢一点: a bit, no 1 o'clock
    ("我们会早一点给您回电", [("回电", False)]),
    ("我们会在一点之前给您回电", [("回电", True)]),                               # a clock time stays one
    ("师傅下午一点上门", [("上门", True)]),
])
def test_a_bit_is_no_clock_time(call_from, text: str, expected: list[tuple[str, bool]]) -> None:
    assert _actions(call_from, text) == expected
