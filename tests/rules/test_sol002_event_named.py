"""SOL002 names the event a promise waits for only when there is one (field call 330)."""

from __future__ import annotations

from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine


def _sol002(text: str):
    ev = Engine().evaluate(parse_dialogue(text, source="sol002"))
    return next(r for r in ev.results if r.code == "SOL002")


def test_passing_a_case_to_the_back_office_waits_for_no_event() -> None:
    # "反馈到后台": the "到后" of "到后台" is no "到…后" (after it arrives)
    r = _sol002("客户：我的携号转网一直办不了\n坐席：这样吧我帮您反馈到后台让专人核实一下\n")
    assert r.status is Status.FINDING
    assert [f.message for f in r.findings] == ["承诺“反馈”未给出处理时限"]


def test_a_promise_after_arrival_still_names_the_arrival() -> None:
    r = _sol002("客户：快递什么时候到\n坐席：快递到达以后我们会给您打电话\n")
    assert r.status is Status.FINDING
    assert "为前提" in r.findings[0].message and "到达以后" in r.findings[0].message
