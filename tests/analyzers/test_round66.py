"""Rounds 63-67 (field calls 863-922): customer words the emotion and complaint analyzers misread."""

from __future__ import annotations

import pytest

from hotline_qa.analyzers.complaint import detect_complaint
from hotline_qa.analyzers.emotion import customer_emotions


@pytest.mark.parametrize(("said", "emotion"), [
    # field call 900: the way of doing business thrown back, a term refused
    ("你们银行就是这么做生意的", "dissatisfied"),
    ("我不接受", "dissatisfied"),
    ("签合同的时候一个字都没解释", "dissatisfied"),
    # field call 910: taken for a fool
    ("你们是不是看我不懂", "dissatisfied"),
    # look-alikes: business said plainly, a plan accepted, a word not understood
    ("我是做生意的想问一下发票", "calm"),
    ("这个方案我可以接受", "calm"),
    ("这个词我看不懂", "calm"),
])
def test_displeasure_in_other_words(call_from, said: str, emotion: str) -> None:
    call = call_from([("a", "您好请讲"), ("c", said)])
    assert [str(e.emotion) for e in customer_emotions(call)] == [emotion], said


def test_the_agent_s_advice_to_report_said_back_is_no_threat(call_from) -> None:
    # field call 905: "建议您明天去派出所报个案" / "还要报警啊"
    advised = call_from([("a", "建议您明天去附近派出所报个案"), ("c", "还要报警啊"), ("a", "是的")])
    assert not detect_complaint(advised, customer_emotions(advised)).is_complaint
    threat = call_from([("a", "这个要等审核"), ("c", "你们再不退我就报警"), ("a", "您别着急")])
    assert "报警" in detect_complaint(threat, customer_emotions(threat)).threats
