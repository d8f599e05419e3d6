"""Promises in long turns of raw speech with no punctuation at all (sample and field calls with their
marks taken out and a speaker's sentences run together): the same promises as the written turn."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.commitments import split_clauses

from .test_commitments_fragments import _promises


def _agent(text: str) -> str:
    return f"坐席：{text}\n"


@pytest.mark.parametrize(("written", "spoken", "expected"), [
    # sample call 01: the date the plan takes effect stays with the plan, the next sentence is a new one
    ("好的，我这边给您办理七十九元八十G的套餐，下个月一号生效，办好以后会有短信通知，请您留意查收",
     "好的我这边给您办理七十九元八十G的套餐下个月一号生效办好以后会有短信通知请您留意查收",
     [("处理", "一号")]),
    # sample call 26: a question ends at its "吗"; the need the agent restates is the customer's
    ("好的女士，您是说升级到五百兆以后测速只有二百八十兆左右，想查一下原因对吗？麻烦您提供一下宽带账号",
     "好的女士您是说升级到五百兆以后测速只有二百八十兆左右想查一下原因对吗麻烦您提供一下宽带账号",
     []),
    # sample call 04: what is thanked for is a noun, no feedback promised
    ("这次给您添麻烦了，我们也会改进提醒的方式，谢谢您的理解和反馈",
     "这次给您添麻烦了我们也会改进提醒的方式谢谢您的理解和反馈",
     []),
    # field call 126: the customer and the other driver confirm the liability themselves
    ("对的，拍完以后您和对方司机可以用交管12123的快处快赔，在线上传照片确认责任",
     "对的拍完以后您和对方司机可以用交管12123的快处快赔在线上传照片确认责任",
     []),
    # field call 493: "我们的退费规则" names no doer; whoever applies is told the rule
    ("根据我们的退费规则，开课以后申请退费的，已上课时按原价扣除",
     "根据我们的退费规则开课以后申请退费的已上课时按原价扣除",
     []),
], ids=["takes-effect", "question-without-mark", "thanked-for", "customer-and-other-party", "possessive-we"])
def test_a_turn_without_punctuation_holds_the_promises_of_the_written_turn(
        written: str, spoken: str, expected: list[tuple[str, str | None]]) -> None:
    assert _promises(_agent(written)) == expected
    assert _promises(_agent(spoken)) == expected


def test_the_promises_around_them_stay_promises() -> None:
    # a proposal ends at its "吗" and is still a promise; the next sentence keeps its own
    assert _promises(_agent("两小时内给您回电可以吗我这边先帮您登记")) == [("回电", "两小时内")]
    # a time the act takes effect, then the agent's next promise
    assert _promises(_agent("我给您办理退款三个工作日内到账到时候会短信通知您")) == [
        ("退款", "三个工作日内"), ("反馈", "三个工作日内")]
    # "我们的师傅" is still the agent's side
    assert _promises(_agent("我们的师傅明天上午会上门")) == [("上门", "明天上午")]
    # what the agent sends, thanked for nothing
    assert _promises(_agent("感谢您的耐心等待我们会在三个工作日内反馈给您")) == [("反馈", "三个工作日内")]


def test_a_question_without_its_mark_ends_at_its_ma() -> None:
    clauses = split_clauses("想查一下原因对吗麻烦您提供一下宽带账号")
    assert [(c.text, c.question) for c in clauses] == [("想查一下原因对吗", True), ("麻烦您提供一下宽带账号", False)]
    # "干吗" asks nothing; a "吗" at the end or before a mark is cut by the mark as before
    assert [c.text for c in split_clauses("你干吗不早说")] == ["你干吗不早说"]
    assert [(c.text, c.question) for c in split_clauses("可以吗？好的")] == [("可以吗", True), ("好的", False)]


def test_a_notice_received_is_no_promise() -> None:
    # field call 608: "然后您稍后会收到" / "一条退款的短信通知" names the notice the customer gets
    from hotline_qa.analyzers.commitments import _in_turn
    from hotline_qa.analyzers.workdays import WorkCalendar
    from hotline_qa.core.call import Role, Utterance

    def said(*texts: str) -> list[str]:
        us = [Utterance(index=i, role=Role.AGENT, text=x, original=x, start=float(i), end=i + 0.9)
              for i, x in enumerate(texts)]
        return [c.text for c in _in_turn(us, None, WorkCalendar())]

    assert said("嗯然后您稍后会收到", "一条退款的短信通知") == []
    assert said("审核结果会短信通知") == ["审核结果会短信通知"]  # an act, said without its object
