"""Difficult-customer types of seed 000 and the analytical customer of 001 (CUS002)."""

from __future__ import annotations

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.customer_type import TYPES, classify_customer
from hotline_qa.analyzers.emotion import customer_emotions


def _classify(call):
    emotions = customer_emotions(call)
    return classify_customer(call, emotions, detect_complaint(call, emotions))


def test_ordinary(call_from) -> None:
    t = _classify(call_from([("c", "我想查一下话费"), ("c", "好的谢谢")]))
    assert t.type_id == 0 and t.cues == () and t.name_en == "ordinary customer"


def test_abusive_is_type_3_with_the_seed_strategy(call_from) -> None:
    t = _classify(call_from([("c", "你们这帮混蛋少废话")]))
    assert t.type_id == 3 and "混蛋" in t.cues
    assert "柔中带刚" in t.strategy_zh and "发泄" in t.strategy_zh


def test_angry_and_refusing_to_listen_is_type_3(call_from) -> None:
    t = _classify(call_from([("c", "你别说了你听我说凭什么扣我钱太过分了!")]))
    assert t.type_id == 3


def test_unreasonable_demands_are_type_4(call_from) -> None:
    t = _classify(call_from([("c", "我不管你们必须赔偿我的全部损失不然我就天天打")]))
    assert t.type_id == 4 and "得寸进尺" in t.strategy_zh


def test_lecturing_is_type_1(call_from) -> None:
    t = _classify(call_from([
        ("c", "我觉得你们作为一个大企业应该讲诚信"),
        ("c", "按道理说消费者权益是要尊重的这个服务不合理"),
    ]))
    assert t.type_id == 1 and len(t.cues) >= 2
    assert "不卑不亢" in t.strategy_zh


def test_polite_but_persistent_is_type_2(call_from) -> None:
    t = _classify(call_from([
        ("c", "麻烦您再确认一下这个费用"),
        ("c", "不好意思我还是不明白那为什么会多扣"),
        ("c", "请问具体是哪一天扣的我就想知道"),
    ]))
    assert t.type_id == 2 and "耐心" in t.strategy_zh


def test_analytical_is_type_5(call_from) -> None:
    t = _classify(call_from([("c", "请把账单明细发我我要核对一下每一项是怎么计算的依据是什么")]))
    assert t.type_id == 5 and t.name_zh == "分析型"


def test_every_type_has_names_and_a_strategy() -> None:
    assert sorted(TYPES) == [0, 1, 2, 3, 4, 5]
    assert all(zh and en and strategy for zh, en, strategy in TYPES.values())


def test_customer_who_checks_the_figures_is_analytical(call_from) -> None:
    # field call 24: no request for "明细/依据" words, but the customer reads and recomputes
    t = _classify(call_from([
        ("c", "我把账单拿出来对过了上个月表底三千二百一十五这个月三千六百零三差了三百八十八度"),
        ("c", "你等一下我算一下一百二十乘零点六六是七十九块二加起来二百一十七块六八还是对不上啊"),
    ]))
    assert t.type_id == 5 and {"对过了", "对不上"} <= set(t.cues)
