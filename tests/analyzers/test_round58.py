"""Round 58 and after (field calls 796, 803-): customer words the emotion analyzer read as calm."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.emotion import customer_emotions


@pytest.mark.parametrize(("said", "emotion"), [
    # field call 796: a fault back for the fourth time, worry asked back, the blame turned on the customer
    ("这已经是第四次了", "dissatisfied"),
    ("已经第三次了", "dissatisfied"),
    ("我能不着急吗", "dissatisfied"),
    ("还赖我加的油", "dissatisfied"),
    ("修不好还怪我", "dissatisfied"),
    # look-alikes: relief, a first time, a plain count
    ("哎呀太好了吓死我了", "calm"),
    ("这是我第一次打你们电话", "calm"),
    ("已经是第三个月了每个月都按时交的", "calm"),
])
def test_the_customer_s_exasperation_is_dissatisfaction(call_from, said: str, emotion: str) -> None:
    call = call_from([("a", "您好请讲"), ("c", said)])
    assert [str(e.emotion) for e in customer_emotions(call)] == [emotion], said


def test_a_19_digit_card_read_back_over_three_sentences_is_read_back(call_from) -> None:
    # field call 811: the agent's "六二幺七零零零零" / "幺二三四五六七八" / "九零幺对吗" (16 digits look whole, 3 more
    # end the card); not two numbers when the tail is no card's
    from hotline_qa.analyzers.key_info import extract_key_info

    from .test_key_info import _one, _timed
    given = [("c", "卡号是六二幺七"), ("c", "零零零零幺二三四"), ("c", "五六七八九零幺")]
    call = call_from(_timed(("a", "麻烦您提供一下银行卡号"), *given, ("a", "好的跟您核对一下卡号"),
                            ("a", "六二幺七零零零零"), ("a", "幺二三四五六七八"), ("a", "九零幺对吗"), ("c", "对的")))
    item = _one(extract_key_info(call), "bank_card")
    assert item.value == "6217000012345678901" and item.read_back
    wrong = call_from(_timed(("a", "麻烦您提供一下银行卡号"), *given, ("a", "好的跟您核对一下卡号"),
                             ("a", "六二幺七零零零零"), ("a", "幺二三四五六七八"), ("a", "九零二对吗"), ("c", "不对")))
    assert not _one(extract_key_info(wrong), "bank_card").read_back


def test_a_charge_called_extortion_asked_back_is_displeasure(call_from) -> None:
    # field call 821: "这不就是讹人吗" about a scratch charge
    call = call_from([("a", "您好请讲"), ("c", "这不就是讹人吗"), ("a", "好的"), ("c", "讹人的事我没干过")])
    assert [str(e.emotion) for e in customer_emotions(call)] == ["dissatisfied", "calm"]
