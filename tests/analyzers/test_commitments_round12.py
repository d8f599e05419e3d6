"""Round 12 (field call 135): an improvement pledge said in its own clause after passing the case
on ("我们也会把这个情况反馈给转运中心，加强管理，避免再发生") owes the customer no answer.

The look-alikes (a case passed on with an answer to come) stay promises.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 6, 20, 19, 40, tzinfo=CST)
CAL = WorkCalendar()


def _actions(call_from, text: str) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return [(c.action, c.has_time_frame)
            for c in find_commitments(call_from([("a", text)]), now=NOW, calendar=CAL)]


@pytest.mark.parametrize("text", [
    "再次向您表示歉意，我们也会把这个情况反馈给转运中心，加强管理，避免再发生这样的事。",
    "我们会把您反映的问题反馈给网点，督促他们整改。",
    "这个情况我会上报给公司，进一步完善我们的服务流程。",
    "我们会反馈给相关部门，避免类似的问题再次发生。",
])
def test_an_improvement_pledge_in_the_next_clause_promises_nothing(call_from, text) -> None:  # type: ignore[no-untyped-def]
    assert _actions(call_from, text) == []


@pytest.mark.parametrize("text, expected", [
    # the case is passed on and an answer will come: still a promise, and it wants a time frame
    ("我们会把这个情况反馈给转运中心，有结果了再告诉您。", [("反馈", False), ("反馈", False)]),
    ("我们会把情况反馈给网点，明天上午给您回电。", [("反馈", False), ("回电", True)]),
    ("我们会把您的问题反馈给相关部门，尽快给您答复。", [("反馈", False), ("反馈", False)]),
])
def test_a_case_passed_on_with_an_answer_to_come_stays_a_promise(call_from, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert _actions(call_from, text) == expected


# Field call 157: the supervisor's authority, told before a transfer, is no promise of a later act;
# what the agent undertakes in the same breath still is.
@pytest.mark.parametrize("text", [
    "好的为了更好地解决您的问题我将为您转接值班主管他有权限处理超出保价的赔付请您稍等不要挂机",
    "我帮您转到主管那里 主管有权审批这种特殊的退款",
    "这个要组长才有权限去处理 我现在给您转过去",
])
def test_who_has_the_authority_to_act_promises_nothing(call_from, text) -> None:  # type: ignore[no-untyped-def]
    assert _actions(call_from, text) == []


@pytest.mark.parametrize("text, expected", [
    # (raw speech holding two promises is cut between them: the 反馈 and the dated 回电)
    ("主管有权限处理 我会把情况反馈给主管 明天上午给您回电", [("反馈", False), ("回电", True)]),
    # (the case passed on is a promise of its own, field call 546)
    ("我把您的情况反馈给有权限的同事 他会尽快给您处理", [("反馈", False), ("处理", False)]),
])
def test_a_promise_beside_the_authority_stays(call_from, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert _actions(call_from, text) == expected
