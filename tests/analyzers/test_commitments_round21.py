"""Promises in sentence-level ASR (field round 20, calls 210, 216, 219, 221, 223): what the
sentence the ASR cut off before a promise says about it (done now, how things go), a time frame
that leads two sentences back or is cut in the sentence after next, a choice cut in two, an
improvement pledge whose object the cut split, and a weekday gone by ("上周五")."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue

from .test_commitments_fragments import NOW, _promises, _timed


@pytest.mark.parametrize("sentences", [
    ("添麻烦了我现在就帮您", "办理退款"),  # done now, on the call (field 221)
    ("以后卡是统一制卡", "制好了会短信通知"),  # how it goes (field 219)
    ("就是先挂失再去银行", "补补好了寄给您或者", "您自己去领"),  # one of two ways, the customer chooses
    ("打开门窗通风第三步", "人先离开房间到", "室外再打电话不要在"),  # the customer's step (field 228)
    ("也请您文明", "用语我一定尽力", "帮您处理"),  # an assurance of effort (field 229)
    ("您反映的扣费前没有提醒的问题", "我也会反馈给相关", "部门改进"),  # an improvement pledge (field 210)
])
def test_no_promise_once_the_cut_sentences_are_read_together(sentences: tuple[str, ...]) -> None:
    assert _promises(_timed(*sentences)) == []


@pytest.mark.parametrize(("sentences", "expected"), [
    # the same acts, not cut off from a "now" or a rule: promises still owed
    (("添麻烦了我这边", "会帮您办理退款"), [("退款", None)]),
    (("多收的部分会", "给您退回来或者", "抵扣下个月水费"), [("退款", None)]),
    (("我也会反馈给相关", "部门尽快给您答复"), [("反馈", None), ("反馈", None)]),
    # the time frame leads two sentences back, followed by the doer (field 223)
    (("二十四小时内由", "站点负责人给您", "回电说明处理结果"), [("回电", "二十四小时内")]),
    # ... and the rest of the time frame may come before the doer (field 235)
    (("好的我给您登记四月九号", "周四下午两点到五点", "由我们抄表班的师傅", "上门校验水表"), [("上门", "周四")]),
    # the time frame is cut between the two sentences after the promise (field 216)
    (("材料齐了以后", "我们审核打款", "一般是五到七个", "工作日到您的", "卡上"), [("退款", "五到七个工作日")]),
])
def test_promises_read_across_the_cut(sentences: tuple[str, ...],
                                      expected: list[tuple[str, str | None]]) -> None:
    assert _promises(_timed(*sentences)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("人先离开房间到室外再打电话不要在屋里打", []),  # first this, then that: the customer's steps
    ("我先核实一下再给您回电", [("回电", None)]),  # the agent's own steps: a promise
    ("师傅先到现场看一下再给您打电话", [("回电", None)]),
])
def test_steps_and_sent_messages(text: str, expected: list[tuple[str, str | None]]) -> None:
    call = parse_dialogue("坐席：" + text, source="r21")
    assert [(c.action, c.deadline_text) for c in find_commitments(call, now=NOW, calendar=WorkCalendar())] == expected


def test_the_message_sent_is_no_sending() -> None:
    # "回复我们发给您的短信": the message already sent (field 53)
    call = parse_dialogue("坐席：好的没关系您问好以后可以直接回复我们发给您的短信或者再打我们的热线报一下订单号就可以",
                          source="r21")
    assert "寄送" not in [c.action for c in find_commitments(call, now=NOW, calendar=WorkCalendar())]


def test_a_leading_time_frame_of_another_act_is_not_the_promises() -> None:
    # "明天上午送到" is the re-sent parcel's; the refund after it has no time frame of its own (field 204)
    found = _promises(_timed("今天给您加急补发", "明天上午送到第三", "这一单的药费全额", "退给您错发的那盒"))
    assert ("退款", None) in found


def test_the_leading_frame_is_shown_in_its_own_sentence() -> None:
    call = parse_dialogue(_timed("二十四小时内由", "站点负责人给您", "回电说明处理结果"), source="r21")
    (c,) = find_commitments(call, now=NOW, calendar=WorkCalendar())
    assert c.utterance == 2 and c.deadline_utterance == 0
    assert c.deadline_span is not None
    assert call.utterances[0].text[c.deadline_span[0]:c.deadline_span[1]] == "二十四小时内"


@pytest.mark.parametrize(("text", "expected"), [
    ("关于您上周五在滨江路那起事故我们下周五之前给您回电", [("回电", "下周五之前")]),
    ("您上个星期三寄的件我们周五之前给您回电", [("回电", "周五之前")]),
])
def test_a_weekday_gone_by_is_no_time_frame(text: str, expected: list[tuple[str, str | None]]) -> None:
    call = parse_dialogue("坐席：" + text, source="r21")
    found = [(c.action, c.deadline_text) for c in find_commitments(call, now=NOW, calendar=WorkCalendar())]
    assert found == expected
