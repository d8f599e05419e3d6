"""Round 15 field calls (tests/field/calls/149-154): the customer's displeasure in rhetorical
"can't you…" questions and in "nothing you say is of use" (这也…那也…).

- 152: "你们这个服务 我爸刚走 我问点事 你这也不清楚那也不清楚的 就不能说清楚点吗" was read as calm.
- 153: "你们就不能快点吗 我这还在保修期呢" was read as calm.
"""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import Emotion, customer_emotions

from .conftest import make_call


def _read(text: str) -> tuple[Emotion, bool]:
    call = make_call([("a", "您好 请问有什么可以帮您"), ("c", text)])
    emotions = customer_emotions(call)
    return emotions[0].emotion, detect_complaint(call, emotions).is_complaint


@pytest.mark.parametrize("text", [
    "你们就不能快点吗",
    "就不能说清楚点吗",
    "你难道就不能上点心嘛",
    "你怎么就不能早点通知我们呢 我们白跑一趟",
    "你这也不清楚那也不清楚的",
    "这也不行那也不行 到底怎么弄",
    "这个也没有那个也没有",
])
def test_rhetorical_demands_and_this_nor_that_are_displeasure(text: str) -> None:
    assert _read(text)[0] is Emotion.DISSATISFIED


def test_both_in_one_turn_make_a_complaint() -> None:
    # field call 152: two cues in one turn are a complaint on their own
    emotion, complaint = _read("你们这个服务 我爸刚走 我问点事 你这也不清楚那也不清楚的 就不能说清楚点吗")
    assert emotion is Emotion.DISSATISFIED and complaint


@pytest.mark.parametrize("text", [
    "那我就不能退了吗",                 # the customer's own loss asked about, not a demand
    "那你们就不能退了是吧 我知道了",      # what is no longer possible, checked
    "这个不能用那个能用吗",              # a question about two products
    "也不是不能等 就是想问问大概多久",
])
def test_lookalikes_stay_calm(text: str) -> None:
    assert _read(text) == (Emotion.CALM, False)
