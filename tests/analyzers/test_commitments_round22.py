"""Promises found in the blind field calls of round 22 (offers declined, outbound openings)."""

from __future__ import annotations

import pytest

from .test_commitments_fragments import _promises as _actions
from .test_commitments_fragments import _timed

_OFFER = "坐席：航班延误是因为前序航班晚到属于承运人原因可以给您走EMD补偿金额是四百元\n"


@pytest.mark.parametrize("answers", [
    "客户：我不要什么抵钱的单子我要现金\n",  # turned down at once
    "客户：什么E什么D 听不懂\n坐席：EMD就是电子杂费单可以抵扣机票\n客户：我不要什么抵钱的单子\n",  # after a question
])
def test_an_offer_the_customer_declines_is_no_promise(answers: str) -> None:
    assert _actions(_OFFER + answers) == []


@pytest.mark.parametrize("answers", [
    "客户：行那就这个吧\n",  # accepted: the agent owes it, and when
    "客户：什么E什么D\n坐席：就是电子杂费单\n客户：哦\n客户：那行吧\n客户：我不要了\n",  # declined too late to tell
])
def test_an_offer_not_declined_stays_a_promise(answers: str) -> None:
    assert [a for a, _ in _actions(_OFFER + answers)] == ["退款"]


@pytest.mark.parametrize("opening", [
    _timed("您好请问是周女士吗我是滴嗒出行客服", "您今天早上在APP上反馈手机", "落在车上了我给您",
           "回个电话现在方便", "说话吗"),  # field call 262, cut by the ASR
    "坐席：您好我是供电公司的给您回个电话不知道现在方便吗\n",
])
def test_the_callback_under_way_is_no_promise(opening: str) -> None:
    assert _actions(opening) == []


def test_a_callback_promised_in_the_same_call_still_counts() -> None:
    assert _actions("坐席：我联系上司机师傅以后给您回个电话\n客户：好\n") == [("回电", None)]
