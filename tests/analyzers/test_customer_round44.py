"""Customer emotion on round 44's and 45's field calls (636, 639, 644, 654, 655): the business challenged ("你们什么意思啊"),
not even told ("连个短信都不发"), put off again and again ("一个礼拜又一个礼拜"), left without the thing
("手机都没得用"), the sarcasm beside them ("送面锦旗"), deceit alleged ("骗过去"), the agent's act dismissed
("你催有什么用"), the promise heard before ("上次也是这么说的"), the platform challenged ("你们平台管不管啊"), tries and
refusals counted, neglect alleged, "only good at fining" and a hardship asked back; each case fails without its entry
or frame."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import Emotion

from .conftest import analyze_customer_turns as _analyze


@pytest.mark.parametrize("text", [
    "怎么一下子全没了 你们什么意思啊",     # (636)
    "你们到期了 连个短信都不发",           # (636)
    "一个礼拜又一个礼拜",                  # (639)
    "我现在手机都没得用",                  # (639)
    "合着就是先把我手机骗过去再说是吧",     # (639)
    "你催有什么用啊",                      # (644)
    "联系联系上次也是这么说的",            # (644)
    "你们平台管不管啊",                    # (654)
    "我这都申请了三次了",                  # (654)
    "三次都给我拒了",                      # (654)
    "你们自己都不管",                      # (655)
    "就晓得罚款罚款",                      # (655)
    "我们老百姓停个车容易吗",              # (655)
])
def test_round44_grievances_are_read(text: str) -> None:
    assert _analyze([text]).emotions[0].emotion.level >= Emotion.DISSATISFIED.level


@pytest.mark.parametrize("text", [
    "你们这个词是什么意思",               # a word asked about
    "你们刚才说的二线是什么意思",          # the same
    "我连个电话都没打就过去了",            # the customer's own doing
    "一个礼拜两次够用了",                  # no dragging
    "要不要给你们送面锦旗",                # thanks offered, no grievance beside
    "这个操作容易吗",                      # a question about the steps
    "我只知道密码是六位的",                # knowing, no grievance
    "我申请了三次退款吗",                  # asking what was done
])
def test_round44_look_alikes_stay_calm(text: str) -> None:
    a = _analyze([text])
    assert a.emotions[0].emotion is Emotion.CALM, a.emotions[0].cues


def test_round44_sarcasm_beside_a_delay_is_read() -> None:
    a = _analyze(["一个礼拜又一个礼拜 要不要我给你们送面锦旗啊"])
    assert "送面锦旗" in a.emotions[0].cues
