"""Customer emotion on round 38's field calls (546, 550): a challenge to the agent's words, a refusal
without a look and how customers are treated, said back; each case fails without its frame."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text", [
    "你这话什么意思",                 # the agent's words challenged (546)
    "你查都不查就说是我的问题",        # refused without a look (546)
    "你们4S店是干什么的",              # what the service is for (546)
    "什么叫不予赔付",                  # the refusal thrown back (550)
    "你们平台就是这么对待用户的吗",    # how customers are treated (550)
    "你们不用管的是吧",                # left alone, said back (550)
])
def test_round38_grievances_are_read(text: str) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= Emotion.DISSATISFIED.level


@pytest.mark.parametrize("text", [
    "您说的那个预授权是什么意思",       # a word not understood, asked
    "这个按钮是干什么的",               # what a thing is for
    "什么叫预授权啊",                   # a term asked about
    "我先看看都不用急",                 # no refusal
    "我想问一下你们是怎么对待投诉的",   # asked how, no grievance
])
def test_round38_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues
