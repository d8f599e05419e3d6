"""Promises, round 37 (field calls 519 and 529): a date and an hour cut into two sentences are one
time frame, and the steps of another party, or the answer to the customer's next call, are no promise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue

from .test_commitments_fragments import _promises, _timed

CST = timezone(timedelta(hours=8))
NOW = datetime(2025, 9, 1, 10, 20, tzinfo=CST)


def _due(text: str) -> list[tuple[str, datetime | None]]:
    call = parse_dialogue(text, source="round37")
    return [(c.deadline_text or "", c.due) for c in find_commitments(call, now=NOW, calendar=WorkCalendar())]


def test_the_day_and_the_hour_of_a_callback_make_one_due_time() -> None:
    # field call 529: "九月三号" / "下午六点之前" / "给您回电" was due at six on the day of the call
    want = [("九月三号下午六点之前", datetime(2025, 9, 3, 18, 0, tzinfo=CST))]
    assert _due(_timed("退费专员会在", "九月三号", "下午六点之前", "给您回电")) == want
    assert _due("坐席：退费专员会在九月三号下午六点之前给您回电\n") == want
    assert _due("坐席：十二号上午十点半之前给您回电\n") == [
        ("十二号上午十点半之前", datetime(2025, 9, 12, 10, 30, tzinfo=CST))]
    assert _due("坐席：三号下班前给您回电\n") == [("三号下班前", datetime(2025, 9, 3, 18, 0, tzinfo=CST))]
    # a day alone is due at its end
    assert _due("坐席：九月三号之前给您回电\n") == [("九月三号之前", datetime(2025, 9, 3, 23, 59, 59, tzinfo=CST))]


def test_the_one_who_acts_named_by_the_act_is_no_act() -> None:
    # "退费专员会在九月三号" was a refund promised for that day
    assert _promises(_timed("退费专员会在九月三号", "下午六点之前给您回电"), NOW) == [("回电", "下午六点之前")]
    assert _promises("坐席：维修师傅会在明天上门\n", NOW) == [("上门", "明天")]
    # an act on such a one stays an act
    assert _promises("坐席：我帮您联系专员\n", NOW) == [("联系", None)]


def test_the_next_step_of_another_party_is_theirs() -> None:
    # field call 519: "护士先给孩子量体温" / "问一下情况" / "再告诉您去哪个诊室"
    assert _promises(_timed("护士先给孩子量体温", "问一下情况", "再告诉您去哪个诊室"), NOW) == []
    assert _promises("坐席：护士先给孩子量体温，问一下情况，再告诉您去哪个诊室\n", NOW) == []
    # the agent's own steps stay a promise
    assert _promises(_timed("我先帮您登记", "问一下情况", "再告诉您结果"), NOW) == [("反馈", None)]


def test_the_answer_to_the_customers_next_call_is_no_promise() -> None:
    # field call 529: "到时候如果" / "没有接到电话" / "您可以直接" / "拨打我们的热线" / "报订单编号" / "我们会优先处理"
    said = ("到时候如果", "没有接到电话", "您可以直接", "拨打我们的热线", "报订单编号", "我们会优先处理")
    assert _promises(_timed(*said), NOW) == []
    assert _promises(_timed("订单编号也有了", "我们会优先处理"), NOW) == [("处理", None)]
