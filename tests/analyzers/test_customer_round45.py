"""Customer emotion on round 45's field calls (654, 655): the platform challenged, tries counted, refusals
counted, neglect alleged, "only good at fining" and a hardship asked back; each fails without its entry
or frame, and the look-alikes stay calm."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text", [
    "你们平台管不管啊",          # (654)
    "我这都申请了三次了",        # (654)
    "三次都给我拒了",            # (654)
    "你们自己都不管",            # (655)
    "就晓得罚款罚款",            # (655)
    "我们老百姓停个车容易吗",    # (655)
])
def test_round45_grievances_are_read(text: str) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= Emotion.DISSATISFIED.level


@pytest.mark.parametrize("text", [
    "这个操作容易吗",            # a question about the steps
    "我只知道密码是六位的",      # knowing, no grievance
    "我申请了三次退款吗",        # asking what was done
])
def test_round45_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues
