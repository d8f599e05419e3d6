"""Evaluations built by hand, shaped like what the engine produces, for the report tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hotline_qa.core.evaluation import DimensionScore, Evaluation
from hotline_qa.core.findings import Basis, Evidence, Finding, RuleResult, Severity, Span, Status

# A messy real call: no punctuation in ASR turns, traditional characters in the original,
# full-width digits, the phone number read out in Chinese numerals, a pasted <script>.
UTTERANCES: list[dict[str, Any]] = [
    {"index": 0, "role": "agent", "text": "喂 你好", "original": "喂 你好",
     "start": 1.2, "end": 2.0, "confidence": 0.93},
    {"index": 1, "role": "customer", "text": "我已经排了二十分钟的队了你们究竟在做什么",
     "original": "我已經排了二十分鐘的隊了你們究竟在做什麼", "start": 2.4, "end": 6.8, "confidence": 0.88},
    {"index": 2, "role": "agent", "text": "那个 这个 你要办什么 爱找谁找谁", "original": "那个 这个 你要办什么 爱找谁找谁",
     "start": 7.0, "end": 10.5, "confidence": 0.9},
    {"index": 3, "role": "customer", "text": "我的电话是幺三八一二三四五六七八你们给我回电",
     "original": "我的電話是幺三八 一二三四 五六七八你們給我回電", "start": 11.0, "end": 16.0,
     "confidence": 0.8},
    {"index": 4, "role": "customer", "text": "还有这个<script>alert(1)</script>是什么 13812345678",
     "original": "还有这个<script>alert(1)</script>是什么 １３８１２３４５６７８", "start": 16.5, "end": 19.0,
     "confidence": 0.7},
    {"index": 5, "role": "agent", "text": "好的我保证明天给您回电 地址是北京市朝阳区建国路88号院3号楼对吧",
     "original": "好的我保证明天给您回电 地址是北京市朝阳区建国路88号院3号楼对吧", "start": 75.0, "end": 81.0,
     "confidence": 0.92},
]

PHONE = "13812345678"
SPOKEN_PHONE = "幺三八一二三四五六七八"


def _result(code: str, name_zh: str, dimension: str, status: Status, severity: Severity,
            findings: tuple[Finding, ...] = (), deduction: float = 0.0, reason: str = "",
            basis: Basis | None = Basis.TEXT) -> RuleResult:
    return RuleResult(code=code, slug=f"{dimension}.{code.lower()}", name_zh=name_zh,
                      name_en=f"{code} rule", dimension=dimension, status=status, severity=severity,
                      deduction=deduction, findings=findings, reason=reason, basis=basis)


def _span(u: int, word: str) -> Span:
    text = UTTERANCES[u]["text"]
    start = text.index(word)
    return Span(utterance=u, start=start, end=start + len(word), text=word)


def build_results() -> tuple[RuleResult, ...]:
    tab003 = Finding(
        message="坐席顶撞客户：“爱找谁找谁”",
        evidence=Evidence(utterances=(2,), time_start=7.0, time_end=10.5, spans=(_span(2, "爱找谁找谁"),)),
        suggestion="非常抱歉让您久等了，我马上为您查询处理。",
        explanation="TAB003 词表命中：爱找谁找谁",
    )
    opn002 = Finding(
        message="开场使用了“喂”，没有规范问候",
        evidence=Evidence(utterances=(0,), time_start=1.2, time_end=2.0, spans=(_span(0, "喂"),)),
        suggestion="您好，这里是XX热线，我是工号1024的小王，请问有什么可以帮您？",
        explanation="首个坐席话轮以“喂”开头",
    )
    fil001 = Finding(
        message="口头语 2 次（上限 1 次）：那个、这个",
        evidence=Evidence(utterances=(2,), time_start=7.0, time_end=10.5,
                          spans=(_span(2, "那个"), _span(2, "这个"))),
        suggestion="去掉“那个/这个”，直接说明。",
        explanation="独立使用、位于句首的犹豫词",
        severity=Severity.MINOR,
    )
    cnf001 = Finding(
        message=f"客户提供的电话 {PHONE} 未被复述确认",
        evidence=Evidence(utterances=(3,), time_start=11.0, time_end=16.0,
                          spans=(_span(3, SPOKEN_PHONE),)),
        suggestion=f"跟您确认一下，您的电话是{PHONE}，对吗？",
        explanation="key_info phone 没有 read_back",
        details={"digits": PHONE},
    )
    tab005 = Finding(
        message="承诺使用了绝对化用语“保证”",
        evidence=Evidence(utterances=(5,), time_start=75.0, time_end=81.0, spans=(_span(5, "保证"),)),
        suggestion="我们会尽快在明天下午6点前给您回电。",
    )
    cls004 = Finding(
        message="坐席先挂机 (hangup_by = agent)",
        suggestion="等客户先挂机后再结束通话。",
        explanation="metadata hangup_by=agent",
        severity=Severity.MAJOR,
    )
    return (
        _result("OPN002", "规范问候", "opening", Status.FINDING, Severity.MINOR, (opn002,), 2.0),
        _result("TAB003", "顶撞客户", "courtesy", Status.FINDING, Severity.FATAL, (tab003,), 10.0),
        _result("FIL001", "口头语过多", "courtesy", Status.FINDING, Severity.MINOR, (fil001,), 1.0),
        _result("CNF001", "关键信息复述", "listening", Status.FINDING, Severity.MAJOR, (cnf001,), 5.0),
        _result("TAB005", "绝对化承诺", "courtesy", Status.FINDING, Severity.MINOR, (tab005,), 1.0),
        _result("CLS004", "客户先挂机", "closing", Status.FINDING, Severity.FATAL, (cls004,), 5.0,
                basis=Basis.METADATA),
        _result("ANS001", "三声内接听", "opening", Status.PASSED, Severity.MINOR, basis=Basis.METADATA),
        _result("VOC003", "音量适中", "voice", Status.NOT_APPLICABLE, Severity.MINOR,
                reason="需要立体声录音 (needs stereo audio)", basis=None),
        _result("LIS001", "不打断客户", "listening", Status.ERROR, Severity.MAJOR,
                reason="规则运行出错: ZeroDivisionError", basis=Basis.TIMESTAMPS),
    )


ANALYSIS: dict[str, Any] = {
    "key_info": [
        {"kind": "phone", "value": PHONE, "utterance": 3, "text": SPOKEN_PHONE, "read_back": False,
         "read_back_utterance": None},
        {"kind": "address", "value": "北京市朝阳区建国路88号院3号楼", "utterance": 5,
         "text": "北京市朝阳区建国路88号院3号楼", "read_back": True, "read_back_utterance": 5},
    ],
    "commitments": [
        {"utterance": 5, "text": "我保证明天给您回电", "action": "回电", "deadline_text": "明天",
         "due": "2024-05-02T18:00:00+08:00", "has_time_frame": True, "absolute_words": ["保证"]},
    ],
    "emotions": [
        {"utterance": 1, "emotion": "angry", "score": 0.8, "cues": ["究竟", "排了二十分钟"]},
        {"utterance": 3, "emotion": "dissatisfied", "score": 0.5, "cues": ["给我回电"]},
        {"utterance": 4, "emotion": "calm", "score": 0.1, "cues": []},
    ],
    "emotion_trend": {"start": "angry", "end": "calm", "peak": "angry", "de_escalated": True},
    "complaint": {"is_complaint": True, "start_utterance": 1, "cues": ["究竟"], "threats": [],
                  "repeat_call": False, "risk": "medium"},
    "customer_type": {"type_id": "3", "name_zh": "情绪激动型", "name_en": "Agitated",
                      "strategy_zh": "让其发泄，不争辩，安抚情绪，柔中带刚", "cues": ["究竟"], "confidence": 0.7},
    "warnings": [],
}


@pytest.fixture
def make_evaluation() -> Callable[..., Evaluation]:
    """Factory: ``make_evaluation(call_id=..., with_call=True, results=..., **overrides)``."""

    def make(call_id: str = "HL-20240501-0001", *, with_call: bool = True, with_analysis: bool = True,
             results: tuple[RuleResult, ...] | None = None, passed: bool = False,
             total_score: float = 61.0, utterances: list[dict[str, Any]] | None = None) -> Evaluation:
        call: dict[str, Any] = {}
        if with_call:
            call = {
                "metadata": {"call_id": call_id, "started_at": "2024-05-01T09:30:00+08:00",
                             "agent_name": "王小明", "staff_no": "1024", "team": "投诉二组",
                             "hangup_by": "agent", "caller_number": PHONE},
                "format": "plain",
                "warnings": ["第 3 行没有时间戳 (line 3 has no timestamp)"],
                "utterances": utterances if utterances is not None else [dict(u) for u in UTTERANCES],
                "events": [{"kind": "hold_start", "at": 20.0, "by": "agent", "note": ""},
                           {"kind": "hold_end", "at": 70.0, "by": "agent", "note": ""},
                           {"kind": "hangup", "at": 82.0, "by": "agent", "note": ""}],
            }
        res = results if results is not None else build_results()
        dims = (
            DimensionScore("opening", "接听与开场", 15, 13.0, 2.0, ("OPN002",)),
            DimensionScore("courtesy", "礼貌与规范用语", 25, 13.0, 12.0, ("TAB003", "FIL001", "TAB005")),
            DimensionScore("listening", "倾听与确认", 15, 10.0, 5.0, ("CNF001",)),
            DimensionScore("solution", "解答与投诉处理", 25, 25.0, 0.0, ()),
            DimensionScore("closing", "结束语", 10, 5.0, 5.0, ("CLS004",)),
            DimensionScore("voice", "语音表达", 10, 10.0, 0.0, ()),
        )
        red = tuple(r.code for r in res if r.is_red_line)
        return Evaluation(
            source=f"calls/{call_id}.txt", call_id=call_id, passed=passed, total_score=total_score,
            pass_score=80.0, dimensions=dims, red_lines=red, results=res,
            rulebook_version="2024.1", rulebook_hash="sha256:abc123",
            analysis=dict(ANALYSIS) if with_analysis else {}, call=call,
        )

    return make
