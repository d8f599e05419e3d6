"""Masking a record never changes the evaluation it came from (the record shares its trees)."""

from __future__ import annotations

import json
from pathlib import Path

from hotline_qa.pipeline import Engine
from hotline_qa.reports.json_report import evaluation_record
from hotline_qa.text.redact import redact_evaluation_dict

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "hotline_qa" / "samples" / "01_good_broadband.txt"


def test_masking_leaves_the_evaluation_and_its_record_unchanged() -> None:
    (ev,) = Engine().evaluate_path(SAMPLE)
    before = json.dumps(ev.to_dict(), ensure_ascii=False, sort_keys=True)
    masked = evaluation_record(ev, redact=True)
    assert json.dumps(masked, ensure_ascii=False, sort_keys=True) != before  # something was masked
    assert json.dumps(ev.to_dict(), ensure_ascii=False, sort_keys=True) == before
    d = ev.to_dict()
    redact_evaluation_dict(d)
    assert json.dumps(d, ensure_ascii=False, sort_keys=True) == before


def test_an_email_the_asr_cut_into_two_sentences_is_masked_in_both() -> None:
    # field call 701: "我邮箱是limin八八" / "一六三点com" — the key item's text runs over the cut
    (path,) = (Path(__file__).resolve().parents[1] / "field" / "calls").glob("701_*.iflytek.json")
    (ev,) = Engine().evaluate_path(path)
    assert "limin" in json.dumps(ev.to_dict(), ensure_ascii=False)
    assert "limin" not in json.dumps(evaluation_record(ev, redact=True), ensure_ascii=False)
