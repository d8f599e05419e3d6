"""Customer emotion and complaint on round 41's field calls (602, 604): a repair that keeps failing, the
promise thrown back, the customer's lost days, sarcasm beside them; and the agent's advice to call the
police taken, said back with the steps ("清楚了先报警…"), which threatens nobody."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text", [
    "我家洗衣机你们修了两回了",              # (604)
    "一定上次也说一定",                      # the promise thrown back (604)
    "催一下上次也说催一下",                  # (570)
    "光你们上门就来了两趟我请了两回假",      # lost days (604)
    "我这洗衣机买了不到一年",                # failing young (604)
    "今天第三回坏了你说我快乐不快乐",        # sarcasm beside a grievance (604)
])
def test_round41_grievances_are_read(text: str) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= Emotion.DISSATISFIED.level


@pytest.mark.parametrize("text", [
    "我上次也说了地址 是三号楼",             # said before, no grievance
    "元旦快乐 我想问一下",                   # a greeting
])
def test_round41_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues


@pytest.mark.parametrize("text, threat", [
    ("清楚了先报警明天带回执去网点", False),   # the agent's steps said back (602)
    ("好我现在就报警", False),                 # the advice taken (445)
    ("你们再不退钱我就先报警", True),          # a threat
])
def test_round41_police_taken_as_advice_is_no_threat(text: str, threat: bool) -> None:
    a = _analyze([text])
    assert bool(a.complaint.threats) is threat, a.complaint
