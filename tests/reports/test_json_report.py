"""JSON and JSONL output, validated against the published schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import pytest

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.core.findings import Severity, Status
from hotline_qa.reports.json_report import evaluation_json, evaluation_jsonl_line

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "evaluation.schema.json"
Make = Callable[..., Evaluation]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("redact", [False, True])
def test_full_record_validates(make_evaluation: Make, validator: Any, redact: bool) -> None:
    doc = json.loads(evaluation_json(make_evaluation(), redact=redact))
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, errors[0].message if errors else ""


def test_minimal_record_without_call_or_analysis_validates(make_evaluation: Make, validator: Any) -> None:
    doc = json.loads(evaluation_json(make_evaluation(with_call=False, with_analysis=False)))
    validator.validate(doc)
    assert doc["call"] == {} and doc["analysis"] == {}


def test_schema_rejects_drift(make_evaluation: Make, validator: Any) -> None:
    doc = json.loads(evaluation_json(make_evaluation()))
    bad_status = json.loads(json.dumps(doc))
    bad_status["results"][0]["status"] = "failed"
    assert not validator.is_valid(bad_status)
    bad_severity = json.loads(json.dumps(doc))
    bad_severity["results"][0]["findings"][0]["severity"] = "critical"
    assert not validator.is_valid(bad_severity)
    missing = json.loads(json.dumps(doc))
    del missing["total_score"]
    assert not validator.is_valid(missing)
    bad_role = json.loads(json.dumps(doc))
    bad_role["call"]["utterances"][0]["role"] = "坐席"
    assert not validator.is_valid(bad_role)
    bad_emotion = json.loads(json.dumps(doc))
    bad_emotion["analysis"]["emotions"][0]["emotion"] = "furious"
    assert not validator.is_valid(bad_emotion)


def test_schema_enums_match_the_code(validator: Any) -> None:
    defs = validator.schema["$defs"]
    assert set(defs["severity"]["enum"]) == {s.value for s in Severity}
    assert set(defs["result"]["properties"]["status"]["enum"]) == {s.value for s in Status}


def test_json_keeps_chinese_and_round_trips(make_evaluation: Make) -> None:
    ev = make_evaluation()
    text = evaluation_json(ev)
    assert "顶撞客户" in text and "\\u" not in text
    assert json.loads(text) == json.loads(json.dumps(ev.to_dict()))


def test_jsonl_is_one_line(make_evaluation: Make) -> None:
    line = evaluation_jsonl_line(make_evaluation())
    assert "\n" not in line
    assert json.loads(line)["call_id"] == "HL-20240501-0001"


def test_redacted_json_has_no_phone(make_evaluation: Make) -> None:
    plain = evaluation_json(make_evaluation())
    assert "13812345678" in plain
    redacted = evaluation_jsonl_line(make_evaluation(), redact=True)
    assert "13812345678" not in redacted
    assert "幺三八一二三四五六七八" not in redacted
    assert "138****5678" in redacted


def test_non_json_values_in_analysis_are_written(make_evaluation: Make) -> None:
    from dataclasses import replace
    from datetime import datetime, timedelta, timezone

    due = datetime(2024, 5, 2, 18, 0, tzinfo=timezone(timedelta(hours=8)))
    ev = replace(make_evaluation(), analysis=MappingProxyType(
        {"commitments": [{"text": "明天回电", "due": due, "absolute_words": ("保证",)}]}))
    doc = json.loads(evaluation_json(ev))
    assert doc["analysis"]["commitments"][0]["due"] == "2024-05-02T18:00:00+08:00"
    assert doc["analysis"]["commitments"][0]["absolute_words"] == ["保证"]
