"""Customer emotion on round 36's field calls (505, 512, 514): each case fails without its fix."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text, level", [
    ("你个臭打电话的", Emotion.ABUSIVE),        # a contemptuous name for the agent (505)
    ("理解个屁", Emotion.ANGRY),                # a crude refusal of the agent's words
    ("送水上门送个屁", Emotion.ANGRY),
    ("在这装什么好人", Emotion.ANGRY),
    ("我就骂你怎么了", Emotion.ANGRY),          # defiance after the warning
    ("你们就这么打发我是吧", Emotion.DISSATISFIED),  # fobbed off, said back (514)
    ("你们就是不想给我修", Emotion.DISSATISFIED),    # a refusal on purpose (508)
    ("你们这就是找借口", Emotion.DISSATISFIED),      # excuses
])
def test_round36_outbursts_are_read(text: str, level: Emotion) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= level.level


@pytest.mark.parametrize("text", [
    "上礼拜热得受不了我这个血压高医生说不能热着",   # the weather, not the service (512)
    "我这腰疼得受不了想问问医保能报多少",
    "您别打发我去找物业了他们不管",                 # not fobbed off: "打发我去…"
    "我就是不想给你们添麻烦问一下能不能自己修",       # no accusation
])
def test_round36_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues
    assert not a.complaint.is_complaint


def test_unbearable_service_still_counts() -> None:
    assert _analyze(["你们这服务我真是受不了了"]).emotions[0].emotion is not Emotion.CALM
