"""HLD001's evidence is the announcement: its times run forwards (field call 180: the hold event
began after the announcing sentence ended, and the evidence ran from the hold back to the sentence)."""

from __future__ import annotations

from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.rulebook import load_rulebook


def test_the_evidence_of_a_hold_without_its_length_is_the_announcement() -> None:
    call = parse_dialogue("[03:06.9-03:11.4 坐席] 我再确认一下申诉需要的材料您稍等\n"
                          "[03:11.9 #hold_start]\n[03:51.9 #hold_end]\n"
                          "[03:52.3-03:55.0 坐席] 感谢您的耐心等待\n")
    r = Engine(load_rulebook(), only={"HLD001"}).evaluate(call).result("HLD001")
    (f,) = r.findings
    assert f.evidence.time_start is not None and f.evidence.time_end is not None
    assert (f.evidence.time_start, f.evidence.time_end) == (186.9, 191.4)
