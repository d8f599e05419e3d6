"""Complaint detection and complaint risk (CMP, CUS003)."""

from __future__ import annotations

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import customer_emotions


def _detect(call):
    return detect_complaint(call, customer_emotions(call))


def test_plain_enquiry_is_not_a_complaint(call_from) -> None:
    info = _detect(call_from([("a", "您好请问有什么可以帮您"), ("c", "我想查一下这个月的话费"), ("c", "好的谢谢")]))
    assert not info.is_complaint and info.start_utterance is None and info.risk == "low"
    assert info.threats == () and not info.repeat_call


def test_calm_how_to_complain_is_a_low_risk_complaint(call_from) -> None:
    info = _detect(call_from([("a", "您好"), ("c", "请问怎么投诉快递员")]))
    assert info.is_complaint and info.start_utterance == 1
    assert info.risk == "low" and info.threats == () and "投诉" in info.cues


def test_regulator_threat_is_high_risk(call_from) -> None:
    info = _detect(call_from([
        ("c", "我想问下话费"),
        ("a", "好的"),
        ("c", "你们是不是抢钱啊不然我就上消协告你们去"),
    ]))
    assert info.is_complaint and info.start_utterance == 2
    assert "消协" in info.threats and info.risk == "high"


def test_manager_demand_alone_is_medium(call_from) -> None:
    info = _detect(call_from([("c", "你让你们经理来跟我说")]))
    assert info.threats == ("让你们经理",) and info.risk == "medium"


def test_threat_to_complain_in_a_threatening_frame(call_from) -> None:
    info = _detect(call_from([("c", "我要投诉你们")]))
    assert "投诉" in info.threats and info.risk == "medium"


def test_repeat_call_with_anger_is_high(call_from) -> None:
    info = _detect(call_from([("c", "这已经是我第三次打电话了上次说三天修好到现在还没修好你们到底有没有信用!凭什么!")]))
    assert info.repeat_call and info.is_complaint and info.risk == "high"


def test_repeat_call_with_mild_displeasure_is_medium(call_from) -> None:
    info = _detect(call_from([("c", "我打了好几次了还没解决")]))
    assert info.repeat_call and info.is_complaint and info.risk == "medium"


def test_negated_threat_does_not_count(call_from) -> None:
    info = _detect(call_from([("c", "我不投诉就是想问问")]))
    assert info.threats == ()


def test_abuse_is_high_risk(call_from) -> None:
    info = _detect(call_from([("c", "你们这帮混蛋")]))
    assert info.is_complaint and info.risk == "high"


def test_one_mild_grumble_is_not_a_complaint_but_two_are(call_from) -> None:
    assert not _detect(call_from([("c", "这么慢啊"), ("c", "好的谢谢")])).is_complaint
    two = _detect(call_from([("c", "你好"), ("c", "这么慢啊"), ("a", "抱歉"), ("c", "什么态度")]))
    assert two.is_complaint and two.start_utterance == 1


def test_hotline_numbers_and_lookalikes_are_threats_only_when_meant(call_from) -> None:
    calm = _detect(call_from([("c", "你好请问是12345吗"), ("c", "我手机的多媒体功能和拍照曝光度有问题")]))
    assert calm.threats == () and not calm.is_complaint
    meant = _detect(call_from([("c", "再不解决我就打12345")]))
    assert meant.threats == ("12345",) and meant.risk == "high"
    # a number inside a phone number is no hotline
    assert _detect(call_from([("c", "我电话13812315678")])).threats == ()
