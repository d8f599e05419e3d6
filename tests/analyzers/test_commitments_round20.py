"""Field round 20 follow-ups of round 19: the result of a check already made ("经核实…"), when
the customer did something ("您是八月十二号…办理的"), a decimal point that is no clock
("十二点一公里") and quarters of an hour ("十点一刻")."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.commitments import find_commitments, time_frame_in
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue

from .test_commitments_round17 import NOW, _promises


@pytest.mark.parametrize("text", [
    "司机实际行驶了十二点一公里经核实途中没有封路",
    "经过核查您的账户没有异常",
    "查到了您是八月十二号在城东营业厅办理的五G套餐",
    "您是上个月在网上营业厅办理的这个业务",
])
def test_what_was_found_or_done_before_is_no_promise(text: str) -> None:
    assert _promises(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("我们已经在核实了明天中午十二点之前给您回电", [("回电", "明天中午十二点之前")]),
    ("我们是会给您处理的", [("处理", None)]),
    ("神经内科那边我们会再帮您核实一下", [("核实", None)]),
])
def test_promises_beside_them_stay(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _promises(text) == expected


@pytest.mark.parametrize(("text", "frame"), [
    ("行驶了十二点一公里", None), ("按一点五倍收费", None), ("电价每度零点五六元", None), ("涨了三点五个百分点", None),
    ("下午三点前", "下午三点前"), ("明天下午三点方便吗", "明天下午三点"), ("十点一刻之前", "十点一刻之前"),
])
def test_a_decimal_point_is_no_clock_time(text: str, frame: str | None) -> None:
    assert time_frame_in(text) == frame


def test_a_quarter_of_an_hour_is_fifteen_minutes() -> None:
    call = parse_dialogue("坐席：明天上午十点三刻之前给您回电", source="r20")
    (promise,) = find_commitments(call, now=NOW, calendar=WorkCalendar())
    assert promise.due is not None and (promise.due.hour, promise.due.minute) == (10, 45)


@pytest.mark.parametrize("text", [
    "我这边再给您申请一个优惠一百二十九的套餐给您打八折每个月一百零三",  # a discount (field 149 cut otherwise)
    "我这边再跟您核对一下车牌号和以后联系您的电话",  # the number to call (field 216)
    "好的已经帮您开通了以后订购任何增值业务都会先给您发短信确认",  # a standing rule (field 41)
])
def test_nouns_and_standing_rules_are_no_promise(text: str) -> None:
    assert _promises(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("明天上午给您打电话", [("回电", "明天上午")]),
    ("审核通过后我们两个工作日内联系您的", [("回电", "两个工作日内")]),
])
def test_calls_promised_beside_them_stay(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _promises(text) == expected


def test_a_range_of_days_is_cut_off_whole_before_the_next_act() -> None:
    from hotline_qa.analyzers.commitments import Clause, _promise_units

    text = "审核通过的话三百元会退回到您卡里预计三到五个工作日内会有短信通知您结果"
    units = [u.text for u in _promise_units(Clause(0, len(text), text, False))]
    assert units == ["审核通过的话三百元会退回到您卡里", "预计三到五个工作日内会有短信通知您结果"]
