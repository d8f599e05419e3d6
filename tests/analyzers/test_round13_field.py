"""Round 13 field calls (tests/field/calls/137-142).

- 137: an improvement pledge said in the turn's next ASR sentence ("我们也会把情况反馈给安装班组" /
  "加强安装后的检查") owes the customer no answer, as when it is the next clause of one sentence.
- 138: a threat to complain somewhere named between "去" and "投诉" ("再不退我就去工商投诉了"),
  or "只能投诉了", is a complaint threat; asking where to complain is not.
- 142: "你们就这个态度是吧" reproaches the agent's attitude; "他就这个态度" is about someone else.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.emotion import Emotion, customer_emotions
from hotline_qa.analyzers.workdays import WorkCalendar

from .conftest import make_call

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 10, 10, 15, tzinfo=CST)
CAL = WorkCalendar()


def _agent_sentences(*texts: str) -> list[tuple[str, bool]]:
    # consecutive agent sentences: one speaking turn cut by the ASR
    call = make_call([("a", t, 10.0 + 3 * i, 12.5 + 3 * i) for i, t in enumerate(texts)])
    return [(c.action, c.has_time_frame) for c in find_commitments(call, now=NOW, calendar=CAL)]


def test_an_improvement_pledge_in_the_next_asr_sentence_promises_nothing() -> None:
    assert _agent_sentences("我们也会把情况反馈给安装班组", "加强安装后的检查", "避免再出现这种问题") == []


def test_a_case_passed_on_with_an_answer_to_come_in_the_next_sentence_stays_a_promise() -> None:
    found = _agent_sentences("我们也会把情况反馈给安装班组", "有结果了再通知您")
    assert found and not any(has_time for _, has_time in found)


def _emotion(text: str) -> tuple[Emotion, tuple[str, ...]]:
    e = customer_emotions(make_call([("c", text)]))[0]
    return e.emotion, tuple(e.cues)


@pytest.mark.parametrize("text", ["再不退我就去工商投诉了", "那我只能投诉了", "你们就这个态度是吧"])
def test_threats_and_reproaches_are_not_calm(text: str) -> None:
    emotion, cues = _emotion(text)
    assert emotion is not Emotion.CALM and cues


@pytest.mark.parametrize("text", ["我想问一下要去哪投诉", "请问怎么去投诉", "我不是要去网上投诉", "他就这个态度 没事的"])
def test_asking_where_to_complain_or_someone_elses_attitude_is_calm(text: str) -> None:
    assert _emotion(text)[0] is Emotion.CALM


def test_a_threat_naming_the_authority_keeps_both_cues() -> None:
    # the new "去…投诉" reading must not swallow the "投诉你" of a threat the lexicon already reads
    emotion, cues = _emotion("你这个态度 我要去住建局投诉你们")
    assert emotion is Emotion.ANGRY and "投诉你" in cues
