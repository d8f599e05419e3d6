"""Field call 145: a step that follows another ("审核是五个工作日内 审核通过后两个工作日内打到您的
银行卡") is due after the step before it, when that step's time frame was said in the same or the
previous sentence; an independent promise, and a step nobody dated, count from the call.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=CST)  # a Wednesday, no holiday within two weeks
CAL = WorkCalendar()


def _day(days: int) -> datetime:
    return datetime.combine((NOW + timedelta(days=days)).date(), datetime.max.time().replace(microsecond=0),
                            tzinfo=CST)


def _promises(call_from, *sentences: str):  # type: ignore[no-untyped-def]
    turns = [("a", s, 5.0 * k, 5.0 * k + 4.5) for k, s in enumerate(sentences)]
    return find_commitments(call_from(turns), now=NOW, calendar=CAL)


@pytest.mark.parametrize(("sentences", "due", "said"), [
    # the review five working days (Wed 11th), then two more (Fri 13th)
    (("资料齐全的话 审核是五个工作日内 审核通过后 两个工作日内打到您的银行卡",), _day(9), "审核通过后两个工作日内"),
    # the step said done without its name, in the next clause
    (("审核需要五个工作日，通过后两个工作日内退款到您的账户",), _day(9), "通过后两个工作日内"),
    # the first step's time frame in the previous sentence of the turn
    (("我们三个工作日内核实清楚", "核实完以后一个工作日内给您回电"), _day(6), "核实完以后一个工作日内"),
    # hours after hours
    (("师傅两小时内到您家检测", "检测完之后一小时内给您回电"), NOW + timedelta(hours=3, seconds=5),
     "检测完之后一小时内"),
    # raw speech, one clause: the first step's own "核实完" is not part of the second's surface
    (("我们三个工作日内核实完 核实完之后两个工作日内退款给您",), _day(7), "核实完之后两个工作日内"),
])
def test_a_step_after_a_dated_step_is_due_after_it(call_from, sentences, due, said) -> None:  # type: ignore[no-untyped-def]
    last = _promises(call_from, *sentences)[-1]
    assert last.deadline_text == said
    assert last.due == due


@pytest.mark.parametrize("sentences", [
    # an independent second promise with its own time frame
    ("两小时内给您回电，三个工作日内把发票寄给您",),
    # a step nobody dated: "款项退回" is not the callback dated before it
    ("明天下午五点之前给您回电，款项退回后三个工作日内到账",),
    # "然后" / "三天后": no step of the case
    ("审核五个工作日内 然后两个工作日内给您回电",),
    # another step of the same matter: the departure is not the arrival dated before it
    ("救援车辆预计四十分钟左右到达 救援师傅出发后十分钟内会给您打电话确认位置",),
])
def test_a_time_frame_not_after_a_dated_step_counts_from_the_call(call_from, sentences) -> None:  # type: ignore[no-untyped-def]
    last = _promises(call_from, *sentences)[-1]
    assert last.due is not None and last.due <= _day(5), (last.deadline_text, last.due)


def test_a_step_for_the_customer_after_the_refund_is_no_promise(call_from) -> None:  # type: ignore[no-untyped-def]
    # "到账后请您确认": the customer's step, not ours; the refund keeps its own time frame
    found = _promises(call_from, "退款我们五个工作日内给您退回", "到账后请您确认一下")
    assert [(c.action, c.due) for c in found] == [("退款", _day(7))]
