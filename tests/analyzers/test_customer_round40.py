"""Customer emotion on round 40's field calls (569, 570, 573, 583, 586): how the customer was treated
reproached, a night of trouble, a business called a rip-off, not being told, sarcasm about a missed
installation, and an insult the ASR cut from its addressee; each case fails without its entry or frame."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text", [
    "你们平台怎么能这样",              # reproach (583)
    "你们怎么能这样啊 说好的房间",      # the same, with a particle
    "飞机晚点我已经折腾一晚上了",       # a night of trouble (583)
    "你们4S店是不是太黑了",            # a rip-off, asked rhetorically (586)
    "这不就是黑店吗",                  # the same, as a name
    "那她当时怎么不跟我说呢",          # not told (569)
    "我打死也不买啊",                  # (569)
    "你们联通装个宽带是不是比登天还难啊",  # (570)
    "人影都没见着",                    # (570)
    "不归你管那归谁管啊",              # (570)
    "升级升级了有什么用啊",            # (570)
    "行你们说啥就是啥",                # resigned (570)
])
def test_round40_grievances_are_read(text: str) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= Emotion.DISSATISFIED.level


@pytest.mark.parametrize("text", [
    "这个怎么能这样设置啊 我不太会",     # how to set something, asked
    "晚上太黑了看不清门牌",             # the dark, no grievance
    "这个功能有什么用啊",               # a question what it is for
    "我倒是挺佩服你们的 效率真高",      # praise: irony needs a grievance beside it
])
def test_round40_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues


def test_round40_sarcasm_beside_a_grievance_is_read() -> None:
    a = _analyze(["我倒是挺佩服你们的 两次都能放鸽子"])
    assert a.emotions[0].emotion.level >= Emotion.DISSATISFIED.level


def test_round40_an_insult_cut_from_its_addressee_is_read_on_the_run(call_from) -> None:
    # field call 573: "你们平台" / "就是一帮骗子" / "卖假货的垃圾平台" / "我告诉你这事没完", one speaking turn
    from hotline_qa.analyzers.emotion import customer_emotions, scan_customer_turns

    call = call_from([("a", "您是三月十号签收的对吧", 117.6, 120.9), ("c", "鉴定报告我都有", 131.1, 133.0),
                      ("c", "你们平台", 134.4, 135.3), ("c", "就是一帮骗子", 135.4, 136.8),
                      ("c", "卖假货的垃圾平台", 136.9, 138.8), ("c", "我告诉你这事没完", 138.9, 141.0)])
    emotions = customer_emotions(call, scan_customer_turns(call))
    assert emotions[-1].emotion is Emotion.ABUSIVE, emotions
