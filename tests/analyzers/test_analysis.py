"""The shared analysis of a call and its JSON form."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from hotline_qa.analyzers import analyze
from hotline_qa.analyzers.workdays import WorkCalendar

CST = timezone(timedelta(hours=8))

TURNS = [
    ("a", "您好,这里是12345热线,工号1024,请问有什么可以帮您?"),
    ("c", "我已经排了二十分钟的队了!你们究竟在做什么?!上次说三天修好到现在还没修好"),
    ("a", "非常抱歉让您久等了,您先消消气,麻烦您提供一下手机号"),
    ("c", "幺三八幺二三四五六七八"),
    ("a", "好的您的手机号是138 1234 5678对吗"),
    ("c", "对"),
    ("a", "我们一定在两个工作日内给您回电"),
    ("c", "好吧谢谢"),
    ("c", "再见"),
]


def test_to_dict_has_exactly_the_published_shape(call_from) -> None:
    call = call_from(TURNS, started_at=datetime(2026, 9, 30, 15, 0, tzinfo=CST))
    d = analyze(call).to_dict()
    assert list(d) == ["key_info", "commitments", "emotions", "emotion_trend", "complaint",
                       "customer_type", "call_kind", "warnings"]
    assert set(d["key_info"][0]) == {"kind", "value", "utterance", "text", "read_back", "read_back_utterance",
                                 "partial"}
    assert set(d["commitments"][0]) == {"utterance", "text", "action", "deadline_text", "due",
                                        "has_time_frame", "absolute_words"}
    assert set(d["emotions"][0]) == {"utterance", "emotion", "score", "cues"}
    assert set(d["emotion_trend"]) == {"start", "end", "peak", "de_escalated"}
    assert set(d["complaint"]) == {"is_complaint", "start_utterance", "cues", "threats", "repeat_call", "risk"}
    assert set(d["customer_type"]) == {"type_id", "name_zh", "name_en", "strategy_zh", "cues", "confidence"}
    assert d["call_kind"] == {"kind": "normal", "reason": "", "utterances": [], "cues": [],
                              "agent_followed_up": False}
    json.dumps(d, ensure_ascii=False)  # JSON-ready


def test_values_flow_through(call_from) -> None:
    call = call_from(TURNS, started_at=datetime(2026, 9, 30, 15, 0, tzinfo=CST))
    d = analyze(call).to_dict()
    assert d["key_info"] == [{"kind": "phone", "value": "13812345678", "utterance": 3,
                              "text": "幺三八幺二三四五六七八", "read_back": True, "read_back_utterance": 4,
                              "partial": False}]
    (c,) = d["commitments"]
    # two working days after 30 Sep 2026 skip the National Day week
    assert c["due"] == "2026-10-09T23:59:59+08:00" and c["absolute_words"] == ["一定"]
    assert d["complaint"]["is_complaint"] and d["complaint"]["repeat_call"]
    assert d["complaint"]["start_utterance"] == 1
    assert d["emotion_trend"]["start"] == "angry" and d["emotion_trend"]["de_escalated"]
    assert d["warnings"] == []


def test_explicit_now_overrides_started_at(call_from) -> None:
    call = call_from([("a", "两小时内给您回电")], started_at=datetime(2026, 9, 30, 15, 0, tzinfo=CST))
    a = analyze(call, now=datetime(2026, 5, 6, 9, 0, tzinfo=CST))
    assert a.commitments[0].due == datetime(2026, 5, 6, 11, 0, tzinfo=CST)


def test_missing_start_time_is_a_warning_not_an_error(call_from) -> None:
    a = analyze(call_from([("a", "两小时内给您回电")]))
    assert a.commitments[0].due is None
    assert len(a.warnings) == 1 and "started_at" in a.warnings[0]


def test_year_without_holiday_data_is_reported(call_from) -> None:
    call = call_from([("a", "3个工作日内给您答复")], started_at=datetime(2031, 3, 3, 10, 0, tzinfo=CST))
    a = analyze(call, calendar=WorkCalendar())
    assert a.commitments[0].due is not None
    assert any("2031" in w for w in a.warnings)


def test_empty_call(call_from) -> None:
    d = analyze(call_from([])).to_dict()
    assert d["key_info"] == [] and d["emotions"] == [] and not d["complaint"]["is_complaint"]
    assert d["customer_type"]["type_id"] == 0


def test_a_five_minute_call_is_fast(call_from) -> None:
    turns = (TURNS[1:8] * 9)[:60]
    call = call_from(turns, started_at=datetime(2026, 9, 30, 15, 0, tzinfo=CST))
    cal = WorkCalendar()
    analyze(call, calendar=cal)  # warm the lexicon caches
    runs = 5
    t0 = time.perf_counter()
    for _ in range(runs):
        analyze(call, calendar=cal)
    per_turn = (time.perf_counter() - t0) / runs / len(turns)
    assert per_turn < 0.002, f"{per_turn * 1000:.3f} ms per turn"  # target 0.5 ms; slack for CI
