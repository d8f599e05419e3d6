"""VOC001 rate arithmetic and VOC006 on transcripts that carry ASR confidence."""

from __future__ import annotations

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.findings import Status
from hotline_qa.pipeline import Engine
from hotline_qa.rules.catalogue.voice import measurable_rates, pooled_rate, speech_rate
from hotline_qa.rules.rulebook import load_rulebook


def _u(i: int, role: Role, text: str, start: float, end: float, conf: float | None = None) -> Utterance:
    return Utterance(i, role, text, text, start, end, confidence=conf)


def test_speech_rate_and_pooling() -> None:
    assert speech_rate(35, 10.0) == 210.0
    assert speech_rate(10, 0.0) == 0.0
    turns = [_u(0, Role.AGENT, "您好这里是客服中心我是客服专员小周请问有什么可以帮您", 0.0, 7.5),
             _u(1, Role.AGENT, "好的", 8.0, 8.5)]
    rates = measurable_rates(turns, min_seconds=3, min_chars=12)
    assert [r.utterance.index for r in rates] == [0]
    assert round(pooled_rate(rates)) == 208


def _call(confs: list[float]) -> Call:
    utts = []
    t = 0.0
    for i, c in enumerate(confs):
        utts.append(_u(2 * i, Role.CUSTOMER, "我想问一下话费", t, t + 2))
        utts.append(_u(2 * i + 1, Role.AGENT, "您的话费余额是五十八元", t + 2.5, t + 5.5, c))
        t += 6
    return Call(source="t", utterances=tuple(utts))


def test_voc006_needs_two_low_confidence_turns() -> None:
    engine = Engine(load_rulebook(), only={"VOC006"})
    bad = engine.evaluate(_call([0.42, 0.95, 0.51])).result("VOC006")
    assert bad.status is Status.FINDING
    assert bad.findings[0].evidence.utterances == (1, 5)
    assert "0.42" in bad.findings[0].message
    good = engine.evaluate(_call([0.42, 0.95, 0.91])).result("VOC006")
    assert good.status is Status.PASSED


def test_voc006_without_confidence_is_not_applicable() -> None:
    engine = Engine(load_rulebook(), only={"VOC006"})
    utts = (_u(0, Role.AGENT, "您好请问有什么可以帮您", 0.0, 3.0),)
    res = engine.evaluate(Call(source="t", utterances=utts)).result("VOC006")
    assert res.status is Status.NOT_APPLICABLE


def test_spoken_chars_counts_exactly_what_hanzi_count_counts() -> None:
    from hotline_qa.rules.catalogue.voice import spoken_chars
    from hotline_qa.text.normalize import hanzi_count

    sample = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert spoken_chars(sample) == hanzi_count(sample)
    for text in ("您好，请问 OK 吗？１２３_abc", "嗯…那个 ４Ｇ套餐", "", "___"):
        assert spoken_chars(text) == hanzi_count(text)
