"""A finding placed at a moment after its evidence's words (a transfer event after the last sentence
before it) spans from the words to that moment, never backwards (field 238)."""

from __future__ import annotations

from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine

CALL = """[00:01.0-00:04.0 客户] 你们赶紧派人来
[00:05.0-00:09.0 坐席] 好的您别着急
[00:10.0-00:12.0 客户] 行
[00:14.5 #transfer]
"""


def test_the_transfer_finding_spans_from_the_words_to_the_transfer() -> None:
    evaluation = Engine().evaluate(parse_dialogue(CALL, source="span"))
    (finding,) = next(r for r in evaluation.results if r.code == "ABU002").findings
    assert finding.evidence.time_start is not None and finding.evidence.time_end is not None
    assert finding.evidence.time_start <= finding.evidence.time_end
    assert finding.evidence.time_end == 14.5
