"""Round 14 field calls (tests/field/calls/143-148): agent commitments on raw ASR speech.

- 143: "三个工作日内给您答复 … 同时也会给您回电": the callback goes along with the answer, in its
  time frame; "明天开始放假 … 十月十号之前给您答复" is held to the 10th, not to tomorrow;
  "记录是桩子上报的拔枪时间" is a device's report, not the agent's promise.
- 144: "这个不好说 审核通过了" / "会给你发邮件" (two ASR sentences): a later notice with no time frame.
- 146: "打电话是想提醒您…" says why the agent calls now.
- 148: "两个工作日内把新的发票发到你邮箱": the agent who says 你 promises as one who says 您;
  "我查一下 嗯 查到了 您三月八号到十号住的…" is a check done on the call (the stay's dates are no deadline).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import Commitment, find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar

from .conftest import make_call

CST = timezone(timedelta(hours=8))
# Wednesday 30 September 2026, 15:00: the National Day holiday runs 1-7 October, Saturday 10
# October is a make-up working day
NOW = datetime(2026, 9, 30, 15, 0, tzinfo=CST)
CAL = WorkCalendar()


def _found(*texts: str) -> tuple[Commitment, ...]:
    # consecutive agent sentences, timed: one speaking turn cut by the ASR
    call = make_call([("a", t, 10.0 + 3 * i, 12.5 + 3 * i) for i, t in enumerate(texts)])
    return find_commitments(call, now=NOW, calendar=CAL)


def test_a_promise_made_along_with_the_previous_one_shares_its_time_frame() -> None:
    found = _found("三个工作日内给您答复 结果出来会短信通知您 同时也会给您回电")
    callback = [c for c in found if c.action == "回电"]
    assert callback and callback[0].has_time_frame
    assert callback[0].due == datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST)  # the make-up Saturday


@pytest.mark.parametrize("texts", [
    ("同时也会给您回电",),  # no earlier promise with a time frame to go along with
    ("三个工作日内给您答复", "另外师傅会上门给您看看"),  # "另外": a new act, with its own time frame owed
])
def test_a_new_act_or_a_lone_along_promise_keeps_no_time_frame(texts: tuple[str, ...]) -> None:
    later = [c for c in _found(*texts) if c.action in ("回电", "上门")]
    assert later and not later[0].has_time_frame


def test_when_a_holiday_starts_is_not_the_deadline() -> None:
    (c,) = _found("是的 明天开始放假 按工作日算 是十月十号之前给您答复")
    assert (c.deadline_text, c.due) == ("十月十号之前", datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST))


def test_a_start_time_with_no_other_time_frame_is_still_the_promise_s() -> None:
    (c,) = _found("明天开始给您处理")
    assert c.has_time_frame and c.due is not None and c.due.date() == datetime(2026, 10, 1).date()


def test_a_device_reporting_is_not_a_promise_but_the_agent_reporting_is() -> None:
    assert _found("我理解您的心情 我这边看到的记录是桩子上报的拔枪时间是六点四十") == ()
    (c,) = _found("我这边给您上报 两小时内给您回复")
    assert c.has_time_frame


def test_a_notice_after_an_awaited_event_in_the_previous_asr_sentence_is_a_promise() -> None:
    (c,) = _found("这个不好说 审核通过了", "会给你发邮件")
    assert c.action == "反馈" and not c.has_time_frame


@pytest.mark.parametrize("text", [
    "我现在给您发短信",  # done now
    "报案号稍后会给您发短信",  # a message on its way, as "报案号稍后会短信发到您手机上"
    "我们会给您发邮件",  # no later marker, no awaited event
])
def test_a_message_sent_now_or_on_its_way_is_not_a_promise(text: str) -> None:
    assert _found(text) == ()


def test_the_agent_saying_ni_promises_the_same() -> None:
    (c,) = _found("那就更简单了 我们两个工作日内把新的发票发到你邮箱 你留一个邮箱吧")
    assert (c.action, c.deadline_text) == ("寄送", "两个工作日内")


@pytest.mark.parametrize("text", ["罗阿姨下午好 我是反诈中心的民警助理 打电话是想提醒您注意诈骗电话 耽误您两分钟可以吗",
                                  "王先生您好 今天给您打电话主要是为了确认一下上门时间"])
def test_why_the_agent_calls_now_is_no_later_call(text: str) -> None:
    assert [c for c in _found(text) if c.action == "回电"] == []


def test_a_later_call_is_still_a_promise() -> None:
    (c,) = _found("明天上午给您打电话")
    assert c.action == "回电" and c.has_time_frame


def test_a_check_done_on_the_call_takes_no_deadline_from_the_dates_it_finds() -> None:
    assert _found("好的段先生 我查一下 嗯 查到了 您三月八号到十号住的西湖店 发票是三月十号开的 对吧") == ()


@pytest.mark.parametrize("text", ["那行吧 我们查到了给你打电话", "我们查到了给您打电话"])
def test_a_call_once_found_is_a_promise(text: str) -> None:
    (c,) = _found(text)
    assert c.action == "回电" and not c.has_time_frame


def test_a_technician_calling_named_before_a_question_is_no_promise() -> None:
    assert _found("师傅给您打电话 打哪个号码呢") == ()
