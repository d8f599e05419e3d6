"""Raw ASR speech without punctuation: a clause holding several promises is cut between them, as
punctuation would cut it, so each promise keeps its own action and time frame.

"我先帮您核实一下两个小时内给您回电退款的话三个工作日内退回到您的账户" is two promises (a callback in
two hours, a refund in three working days); read as one clause it gave only the callback. Verbs of
one act, a step the next act waits for, a condition and a question stay together.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=CST)  # a Wednesday
CAL = WorkCalendar()


def _promises(text: str) -> list[tuple[str, str | None]]:
    call = parse_dialogue("坐席：" + text, source="raw")
    return [(c.action, c.deadline_text) for c in find_commitments(call, now=NOW, calendar=CAL)]


WRITTEN = [
    "我帮您反馈给相关部门，有结果了会通知您，我们的师傅明天上午会上门。",
    "我先帮您核实一下，两个小时内给您回电，退款的话三个工作日内退回到您的账户。",
    "我给您提交一个加急工单，今天下班前会有专人联系您，同时短信告知您工单号。",
    "您的发票我们明天寄出，快递单号稍后发短信给您，三天左右能到。",
    "我现在帮您申请补偿，审核通过后五个工作日内到账，到时候我再给您打个电话确认。",
    "我马上帮您催一下配送站，半小时内给您回电，如果还没送到就给您全额退款。",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_raw_speech_gives_the_promises_of_the_written_turn(written: str) -> None:
    raw = re.sub(r"[，。]", " ", written)
    assert _promises(raw) == _promises(written)
    assert _promises(raw)  # the sentences do promise something


def test_two_promises_in_one_breath_keep_their_own_time_frames() -> None:
    assert _promises("我先帮您核实一下两个小时内给您回电退款的话三个工作日内退回到您的账户") == [
        ("回电", "两个小时内"), ("退款", "三个工作日内")]
    assert _promises("我帮您反馈给相关部门有结果了会通知您我们的师傅明天上午会上门") == [
        ("反馈", None), ("反馈", None), ("上门", "明天上午")]


@pytest.mark.parametrize(("text", "expected"), [
    # verbs of one act
    ("我们会安排师傅上门给您维修", [("上门", None)]),
    # the time frame leads the act it times
    ("医务科会调查核实两个工作日之内由专人给您回电", [("回电", "两个工作日之内")]),
    # a step the next act waits for
    ("师傅上门前半个小时会给您打电话", [("回电", "半个小时")]),
    ("退费处理好以后我们会短信通知您", [("反馈", None)]),
    # a condition stays with what it conditions
    ("您留个电话审核有问题的话我们会打给您", [("回电", None)]),
    # a verb that names a thing ("联系电话", "处理结果") is no place to cut
    ("您留一个联系电话审核有问题的话我们会打给您", [("回电", None)]),
    # done now: a reminder sent on the call, then the promise
    ("我尽量帮您催一下啊今天下班前给您回个电话", [("回电", "今天下班前")]),
])
def test_what_stays_one_promise(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _promises(text) == expected


def test_sol002_reports_one_finding_for_a_promise_said_in_two_parts() -> None:
    # "反馈给技术部门 | 我们会尽快给您回电": cut in two, reported once (on the callback)
    call = parse_dialogue("客户：我的宽带还是上不了网\n坐席：好的我帮您反馈给技术部门我们会尽快给您回电的", source="raw")
    result = Engine(only={"SOL002"}).evaluate(call).result("SOL002")
    assert [f.details["action"] for f in result.findings] == ["回电"]
