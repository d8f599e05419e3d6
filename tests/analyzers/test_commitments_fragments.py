"""ASR sentences of 6-9 characters (FunASR, Huawei): a time frame cut between two sentences of one
speaking turn ("承办单位两个" / "工作日内会联系您") is still the promise's, and a restatement of the
customer's wish spread over sentences ("您是说…" / "希望尽快安排人来" / "处理对吗") is no promise.
Field round 17, calls 161 and 166."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _timed(*sentences: str, pause: float = 0.15) -> str:
    """Agent sentences of one speaking turn, 1.5 s each with ``pause`` between them."""
    lines, t = [], 0.0
    for s in sentences:
        lines.append(f"[00:{t:04.1f}-00:{t + 1.5:04.1f} 坐席] {s}")
        t += 1.5 + pause
    return "\n".join(lines) + "\n"


def _promises(text: str, now: datetime = NOW) -> list[tuple[str, str | None]]:
    """``(action, time frame)`` of every promise in the dialogue ``text``, the call made at ``now``."""
    call = parse_dialogue(text, source="fragments")
    return [(c.action, c.deadline_text) for c in find_commitments(call, now=now, calendar=WorkCalendar())]


@pytest.mark.parametrize(("sentences", "expected"), [
    (("按规定紧急类工单", "承办单位两个", "工作日内会联系您"), [("回电", "两个工作日内")]),
    (("申请提交以后三个工作日", "内会有专员给您回电"), [("回电", "三个工作日内")]),
    (("我们会在明天", "下午给您回电"), [("回电", "明天下午")]),
    # the promise first, its time frame cut into the next sentence
    (("给您回电大概两个", "小时以内"), [("回电", "两个小时以内")]),
])
def test_a_time_frame_cut_between_sentences_is_the_promises(sentences: tuple[str, ...],
                                                             expected: list[tuple[str, str | None]]) -> None:
    assert _promises(_timed(*sentences)) == expected


def test_the_cut_frame_is_shown_in_the_sentence_of_the_promise() -> None:
    call = parse_dialogue(_timed("承办单位两个", "工作日内会联系您"), source="fragments")
    (c,) = find_commitments(call, now=NOW, calendar=WorkCalendar())
    u = call.utterances[c.deadline_utterance or 0]
    assert c.deadline_span is not None
    assert u.text[c.deadline_span[0]:c.deadline_span[1]] == "工作日内"  # the part said in that sentence
    assert c.due is not None and c.due > NOW


@pytest.mark.parametrize("sentences", [
    # the sentence before ended whole: its "两个" is no part of what follows
    ("我们这边有两个。", "工作日内会联系您"),
    ("我们会联系您",),
])
def test_no_time_frame_without_a_cut_one(sentences: tuple[str, ...]) -> None:
    assert [d for _, d in _promises(_timed(*sentences))] == [None]


def test_two_speaking_turns_are_not_joined() -> None:
    # a long pause: two turns, the "两个" of the first is not the second's time frame
    assert [d for _, d in _promises(_timed("承办单位两个", "工作日内会联系您", pause=8.0))] == [None]


@pytest.mark.parametrize("sentences", [
    ("非常理解您的", "担心您是说东湖区", "今天早上还咬伤了", "一名学生希望", "尽快安排人来", "处理对吗"),
    ("您的意思是", "让我们明天派人", "上门是吧"),
])
def test_a_restatement_of_the_customers_wish_is_no_promise(sentences: tuple[str, ...]) -> None:
    assert _promises(_timed(*sentences)) == []


@pytest.mark.parametrize(("sentences", "expected"), [
    # a proposal asking for consent is a promise
    (("我们会尽快安排人来", "处理您看可以吗"), ["安排"]),
    # a restatement no question closes marks nothing
    (("您是说东湖区那边", "我们会安排人去处理"), ["处理"]),
    # the promise after the restatement's question is the agent's
    (("您是说东湖区对吗", "我们会安排人去处理"), ["处理"]),
])
def test_promises_around_a_restatement_stay(sentences: tuple[str, ...], expected: list[str]) -> None:
    assert [a for a, _ in _promises(_timed(*sentences))] == expected


def _sol002(transcript: str) -> str:
    ev = Engine().evaluate(parse_dialogue(transcript, source="sol002"))
    return next(r.status.value for r in ev.results if r.code == "SOL002")


def test_a_later_time_framed_contact_frames_an_earlier_reply() -> None:
    said = ("坐席：请留一个联系电话处理结果我们会回复您\n客户：幺三八五零七二六六九四\n"
            "坐席：好的我马上派单到城管局承办单位两个工作日内会联系您\n")
    assert _sol002(said) == "passed"
    # a later time frame for another act (a visit) does not frame the reply
    other = ("坐席：请留一个联系电话处理结果我们会回复您\n客户：幺三八五零七二六六九四\n"
             "坐席：好的我马上派单师傅两个工作日内会上门\n")
    assert _sol002(other) == "finding"
