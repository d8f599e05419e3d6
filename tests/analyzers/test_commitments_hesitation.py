"""Promises with a hesitation opening an ASR sentence of the turn (round 49: every field call with
"嗯", "呃" or "那个" put before a third of the agent's sentences moved 17 SOL002 verdicts)."""

from __future__ import annotations

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.ingest.dialogue_text import parse_dialogue

from .test_commitments_fragments import NOW, _promises, _timed


def test_a_time_frame_cut_with_a_hesitation_still_times_the_promise() -> None:
    # field call 206: "有禁停标志五个工作日" / "嗯之内会有工作人员" / "给您回电答复"
    assert _promises(_timed("由他们核实那个路段是否", "有禁停标志五个工作日", "嗯之内会有工作人员",
                            "给您回电答复")) == [("回电", "五个工作日")]
    # field call 161: "承办单位两个" / "那个工作日内会联系" / "您反馈情况"
    assert _promises(_timed("承办单位两个", "那个工作日内会联系", "您反馈情况")) == [("联系", "两个工作日内")]


def test_a_clause_going_on_after_a_hesitation_is_read_with_the_one_before() -> None:
    # field call 217: the pledge to improve goes on from "反馈给仓库"; 362: the merchant's refund
    assert _promises(_timed("我们也会反馈给仓库", "嗯改进质检流程")) == []
    assert _promises(_timed("商家那边会给您补发", "嗯或者退款")) == []
    # without the clause before, the hesitation leaves a promise a promise
    assert _promises(_timed("嗯我们会给您退款")) == [("退款", None)]


def test_offsets_stay_in_the_sentence_as_said() -> None:
    call = parse_dialogue(_timed("承办单位两个", "那个工作日内会联系您"), source="hesitation")
    found = find_commitments(call, now=NOW, calendar=WorkCalendar())
    assert len(found) == 1
    c = found[0]
    sentence = call.utterances[c.utterance].text
    assert c.skipped == 2 and c.opens_sentence
    assert sentence[c.start:c.end] == c.text
