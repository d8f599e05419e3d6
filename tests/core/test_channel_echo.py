"""Channel echo (串音): the other side's words heard again on this side's channel are left out."""

from __future__ import annotations

import json
from typing import Any

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.channel_echo import drop_channel_echo, find_channel_echo
from hotline_qa.ingest.detect import load_calls_from_bytes
from hotline_qa.pipeline import Engine

A, C = Role.AGENT, Role.CUSTOMER


def _alibaba(sentences: list[tuple[int, float, float, str]]) -> bytes:
    """A dual-channel Alibaba result: (channel, start s, end s, text); channel 0 is the agent."""
    doc: dict[str, Any] = {"TaskId": "e1", "StatusText": "SUCCESS", "Result": {"Sentences": [
        {"ChannelId": ch, "BeginTime": int(b * 1000), "EndTime": int(e * 1000), "Text": text}
        for ch, b, e, text in sentences]}}
    return json.dumps(doc, ensure_ascii=False).encode()


GREETING = (0, 0.5, 4.5, "您好工号1024请问有什么可以帮您")
ECHO = (1, 0.7, 4.6, "工号幺零二四请问有什么可以帮")  # weaker, late, partly recognised
CALL = [GREETING, ECHO, (1, 5.2, 9.0, "喂你好我家宽带从昨天开始就上不了网了"),
        (0, 9.4, 14.0, "好的您是说家里宽带从昨天起上不了网对吗"), (1, 14.3, 15.0, "对"),
        (0, 15.5, 19.0, "麻烦您提供一下宽带账号或者装机电话"), (1, 19.5, 23.0, "幺三八幺二三四五六七八"),
        (0, 23.5, 28.0, "跟您核对一下幺三八幺二三四五六七八对吗"),
        (1, 23.9, 28.3, "核对一下幺三八幺二三四五六七八对")]  # the agent's read-back again, on the caller's line


def _load(sentences: list[tuple[int, float, float, str]]):
    (call,) = load_calls_from_bytes(_alibaba(sentences), name="echo.json")
    return call


def test_the_agents_words_heard_on_the_callers_channel_are_left_out() -> None:
    call = _load(CALL)
    texts = [(u.role, u.text) for u in call.utterances]
    assert (C, "工号幺零二四请问有什么可以帮") not in texts  # digits compared as digits
    assert not any(u.role is C and u.text.startswith("核对一下") for u in call.utterances)
    assert [u.index for u in call.utterances] == list(range(len(CALL) - 2))
    assert [u.role for u in call.utterances[:2]] == [A, C]
    (warning,) = [w for w in call.warnings if "串音" in w]
    assert "2 个轮次" in warning and "客户 0.7 秒" in warning and "客户 23.9 秒" in warning
    assert "幺三八" not in warning  # the words (a phone number here) are not repeated in the warning


def test_the_record_says_what_was_left_out_and_a_call_built_in_memory_is_checked_the_same() -> None:
    record = Engine(only={"OPN003"}).evaluate(_load(CALL)).to_dict()
    assert any("串音" in w for w in record["call"]["warnings"])
    # a door that builds the Call itself (a live socket) finds the same turns
    raw = Call(source="live", utterances=tuple(
        Utterance(index=i, role=A if ch == 0 else C, text=text, original=text, start=b, end=e)
        for i, (ch, b, e, text) in enumerate(CALL)))
    assert [(u.role, u.start) for u in find_channel_echo(raw)] == [(C, 0.7), (C, 23.9)]
    assert len(drop_channel_echo(raw).utterances) == len(CALL) - 2


def test_people_speaking_at_once_are_kept() -> None:
    call = _load([
        GREETING,
        (1, 1.0, 4.0, "喂喂你好我要报修我家停电了"),  # talks over the greeting, in words of its own
        (0, 5.0, 10.0, "好的跟您核对一下您的电话是幺三八幺二三四五六七八对吗"),
        # repeats the number after the agent, a second and more after it was said
        (1, 8.8, 11.0, "幺三八幺二三四五六七八"),
        (0, 11.5, 13.0, "好的谢谢您再见"), (1, 11.6, 13.0, "好的谢谢再见"),  # short: two people
    ])
    assert len(call.utterances) == 6
    assert not any("串音" in w for w in call.warnings)


def test_of_two_copies_said_together_the_agents_is_kept() -> None:
    call = _load([(0, 0.5, 4.5, "您好工号1024请问有什么可以帮您"), (1, 0.5, 4.5, "您好工号1024请问有什么可以帮您"),
                  (1, 5.0, 8.0, "我想问一下电费怎么交")])
    assert [(u.role, u.start) for u in call.utterances] == [(A, 0.5), (C, 5.0)]
    # the agent's turn, the longer, is kept when the caller's copy is cut short
    short = _load([(0, 0.5, 4.5, "您好工号1024请问有什么可以帮您"), (1, 0.6, 4.4, "您好工号1024请问有什么"),
                   (1, 5.0, 8.0, "我想问一下电费怎么交")])
    assert [(u.role, u.start) for u in short.utterances] == [(A, 0.5), (C, 5.0)]
