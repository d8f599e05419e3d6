"""Blind set, round 10: agent closing and promise fragments as raw ASR gives them (no
punctuation, fillers, slips such as 公作日/小事, Chinese numerals, traditional characters,
relative deadlines next to the National Day holiday), half of them traps (past acts, policy,
other parties' promises, questions about time, hedges, the customer's next call).

Labels were written before the engine was run on them. ``due`` is computed here from a
fixed ``NOW`` and the real working-day calendar, not copied from the engine's output.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
# Tuesday 29 September 2026, 16:30: 1–7 October is the National Day holiday, Saturday
# 10 October a make-up working day.
NOW = datetime(2026, 9, 29, 16, 30, tzinfo=CST)
CAL = WorkCalendar()


def _eod(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=CST)


def _workdays(n: int) -> datetime:
    """The end of the n-th working day after NOW, counted on the calendar itself."""
    day, left = NOW.date(), n
    while left:
        day += timedelta(days=1)
        if CAL.is_workday(day):
            left -= 1
    return _eod(day)


def _next_monday() -> date:
    return NOW.date() + timedelta(days=7 - NOW.weekday())


def _first_workday_after_holiday() -> date:
    day = NOW.date() + timedelta(days=1)
    while CAL.is_workday(day):  # to the holiday
        day += timedelta(days=1)
    while not CAL.is_workday(day):  # through it
        day += timedelta(days=1)
    return day


def _month_end() -> date:
    nxt = date(NOW.year + NOW.month // 12, NOW.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _sunday() -> date:
    return NOW.date() + timedelta(days=6 - NOW.weekday())


# (text, action, deadline as said, due, absolute words); due None = no time frame
PROMISES = [
    ("嗯那个我这边呢两个公作日之内给您回个电话", "回电", "两个公作日之内", _workdays(2), ()),
    ("好的 师傅大概两个小事之内就能到您家", "上门", "两个小事之内", NOW + timedelta(hours=2), ()),
    ("退款呢三到五天会退回到您的原支付账户", "退款", "三到五天", NOW + timedelta(days=5), ()),
    ("这个我们一周之内给您答复", "反馈", "一周之内", NOW + timedelta(weeks=1), ()),
    ("月底前肯定给您补发过去", "寄送", "月底前", _eod(_month_end()), ("肯定",)),
    ("下周一我让师傅上门给您看看", "上门", "下周一", _eod(_next_monday()), ()),
    ("您放心我保证明天上午给您回电话", "回电", "明天上午",
     datetime.combine(NOW.date() + timedelta(days=1), time(12, 0), tzinfo=CST), ("保证",)),
    ("我們會在兩個工作日內給您回覆", "反馈", "两个工作日内", _workdays(2), ()),
    ("节后第一个工作日我们安排专人联系您", "回电", "节后第一个工作日", _eod(_first_workday_after_holiday()), ()),
    ("今天下班前我一定给您一个答复", "反馈", "今天下班前", datetime.combine(NOW.date(), time(18, 0), tzinfo=CST),
     ("一定",)),
    ("那这样啊我先给您登记然后预计半个小时左右给您回过来", "回电", "半个小时左右", NOW + timedelta(minutes=30), ()),
    ("呃这个的话我们尽量在四十八小时内帮您处理好", "处理", "四十八小时内", NOW + timedelta(hours=48), ()),
    # a promise on a dated condition: due when the condition's time has passed (decision a)
    ("如果明天还没到的话我再帮您催一下", "跟进", "明天", _eod(NOW.date() + timedelta(days=1)), ()),
    ("审核通过的话三个工作日内给您退款", "退款", "三个工作日内", _workdays(3), ()),
    ("这个工单我会跟进的后天之前给您个结果", "跟进", "后天之前", _eod(NOW.date() + timedelta(days=2)), ()),
    ("十月八号之前师傅会跟您电话联系", "回电", "十月八号之前", _eod(date(2026, 10, 8)), ()),
    ("发票本周内给您寄出去", "寄送", "本周内", _eod(_sunday()), ()),
    ("嗯我们会尽快帮您反馈的", "反馈", None, None, ()),
    # a contingent promise without a time frame is still a promise (SOL002 asks for one)
    ("审核有问题的话我们会打给您", "回电", None, None, ()),
    ("我这边百分之百给您退回来 您放心", "退款", None, None, ("百分之百",)),
]

TRAPS = [
    "昨天已经给您退了 您查一下",                       # past
    "退款一般是三到五个工作日到账的",                   # how it usually goes, said of no one
    "快递公司那边会在两天内联系您",                     # another organisation's act
    "需要我们明天给您回电吗",                           # a question
    "国庆期间我们不上班 节后您再打过来我们给您处理",     # waits for the customer's next call
    "商家说会在三个工作日内给您补发",                   # a third party's promise, reported
    "保险公司那边一般会在五个公作日内联系您定损",       # another organisation, habitual
    "按规定必须本人带身份证到营业厅办理",               # a requirement
    "这个我没办法保证明天一定能到",                     # a hedge (the compliant form)
    "我刚刚已经帮您提交了加急",                         # past
    "您可以在三个工作日内自己到app上申请退款",          # the customer's act
    "上周五师傅已经上门给您看过了",                     # past
    "如果还是不行的话您再打过来我们给您安排师傅上门",   # waits for the customer's next call
    "要是审核通过了三个工作日内就能到账",               # the money's arrival, no act of the agent
    "那您是希望我们什么时候给您回电呢",                 # a question about time
    "系统会在二十四小时内自动给您发送短信通知",         # the system's act
    "我现在就帮您办理退款",                             # done now
    "您是哪天申请的退款",                               # a question
    "月底前缴费的话就不会产生滞纳金",                   # a policy with a date
    "上次说好两个工作日给您回电结果没回 真的很抱歉",     # a past promise recalled
]


@pytest.mark.parametrize(("text", "action", "deadline", "due", "absolute"), PROMISES, ids=[p[0] for p in PROMISES])
def test_round10_promises(call_from, text: str, action: str, deadline: str | None, due: datetime | None,
                          absolute: tuple[str, ...]) -> None:
    (c,) = find_commitments(call_from([("a", text)]), now=NOW, calendar=CAL)
    assert (c.action, c.deadline_text, c.due, c.has_time_frame, c.absolute_words) == (
        action, deadline, due, deadline is not None, absolute)


@pytest.mark.parametrize("text", TRAPS)
def test_round10_traps(call_from, text: str) -> None:
    assert find_commitments(call_from([("a", text)]), now=NOW, calendar=CAL) == ()


def test_round10_look_alikes_that_stay_promises(call_from) -> None:
    """Negatives of the fixes: what each fix must not swallow."""
    def actions(text: str) -> list[str]:
        return [c.action for c in find_commitments(call_from([("a", text)]), now=NOW, calendar=CAL)]

    assert actions("师傅一般两个小时之内会给您打电话") == ["回电"]        # habitual, but the agent's side named
    assert actions("我们那边的同事会在两天内联系您") == ["回电"]          # "我们那边" is ours
    assert actions("您上午打过来我们已经记录了 明天给您回电") == ["回电"]  # a past call, not a condition
    assert actions("一件小事我们会尽快处理") == ["处理"]                 # 小事 as a word, no time frame
    (c,) = find_commitments(call_from([("a", "一件小事我们会尽快处理")]), now=NOW, calendar=CAL)
    assert not c.has_time_frame
    assert actions("我已经给您处理过了") == []                           # 过 still marks the past
