"""The project's own JSON: single object, list, JSONL, errors, and agreement with the schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hotline_qa.core.call import EventKind, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.detect import load_calls, load_calls_from_bytes
from hotline_qa.ingest.native_json import call_to_native, parse_native_json

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "call.schema.json").read_text("utf-8"))
SAMPLE: dict[str, Any] = json.loads((DATA / "call_native.json").read_text("utf-8"))


def _valid(doc: Any) -> bool:
    try:
        jsonschema.validate(doc, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def _imports(doc: Any) -> bool:
    try:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="doc.json")
    except InputError:
        return False
    return True


def test_sample_file() -> None:
    (call,) = load_calls(DATA / "call_native.json")
    assert call.source_format == "native_json"
    assert call.metadata.call_id == "HX-20240501-0007"
    assert call.metadata.queue_seconds == 75.5
    assert call.metadata.hangup_by is Role.CUSTOMER
    assert [u.role for u in call.utterances] == [Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert call.utterances[0].confidence == 0.93 and call.utterances[1].channel == 1
    assert call.utterances[1].text == "我家停水两天了一直没人管"
    assert call.events[0].kind is EventKind.HANGUP and call.events[0].at == 13.0


def test_list_and_jsonl_give_several_calls_with_numbered_ids() -> None:
    second = copy.deepcopy(SAMPLE)
    second["metadata"] = {}
    third = copy.deepcopy(second)
    as_list = json.dumps([SAMPLE, second], ensure_ascii=False).encode()
    calls = load_calls_from_bytes(as_list, name="batch.json")
    assert [c.call_id for c in calls] == ["HX-20240501-0007", "batch#2"]
    jsonl = "\n".join(json.dumps(d, ensure_ascii=False) for d in (SAMPLE, second, third)).encode()
    calls = load_calls_from_bytes(jsonl, name="batch.jsonl")
    assert [c.call_id for c in calls] == ["HX-20240501-0007", "batch#2", "batch#3"]


def test_round_trip_through_call_to_native() -> None:
    (call,) = parse_native_json(json.dumps(SAMPLE, ensure_ascii=False), source="a.json")
    exported = call_to_native(call)
    assert _valid(exported)
    (again,) = parse_native_json(json.dumps(exported, ensure_ascii=False), source="b.json")
    assert again.utterances == call.utterances
    assert again.events == call.events


def test_jsonl_error_names_the_line() -> None:
    good = json.dumps(SAMPLE, ensure_ascii=False)
    bad = copy.deepcopy(SAMPLE)
    bad["utterances"][1]["start"] = "很早"
    data = "\n".join([good, good, json.dumps(bad, ensure_ascii=False)]).encode()
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(data, name="calls.jsonl")
    assert info.value.line == 3
    assert info.value.field == "$.utterances[1].start"


def test_the_sample_and_variants_are_schema_valid_and_import() -> None:
    minimal = {"utterances": [{"text": "喂"}]}
    as_list = [SAMPLE, minimal]
    nulls = {"format": "hotline-qa/call@1", "utterances": [
        {"role": "unknown", "text": "嗯", "start": None, "end": None, "confidence": None, "channel": None}],
        "events": [{"kind": "transfer", "at": None, "by": None}]}
    for doc in (SAMPLE, minimal, as_list, nulls):
        assert _valid(doc)
        assert _imports(doc)


def _mutated(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(SAMPLE)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


_DELETE = object()
INVALID = [
    (["format"], "hotline-qa/call@2"),
    (["utterances"], _DELETE),
    (["utterances"], "坐席：您好"),
    (["utterances", 0, "text"], _DELETE),
    (["utterances", 0, "start"], -1),
    (["utterances", 0, "confidence"], 1.7),
    (["utterances", 0, "role"], "boss"),
    (["events", 0, "kind"], "mute"),
    (["events", 0, "at"], "later"),
    (["metadata", "ring_seconds"], "eight"),
    (["metadata", "hangup_by"], "nobody"),
    (["metadata"], ["not", "an", "object"]),
]


@pytest.mark.parametrize(("path", "value"), INVALID)
def test_schema_and_importer_reject_the_same_documents(path: list[Any], value: Any) -> None:
    doc = _mutated(path, value)
    assert not _valid(doc)
    assert not _imports(doc)


def test_unknown_metadata_keys_are_valid_and_kept() -> None:
    doc = _mutated(["metadata", "queue_name"], "投诉专席")
    assert _valid(doc)
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="q.json")
    assert call.metadata.extra["queue_name"] == "投诉专席"
    assert any("queue_name" in w for w in call.warnings)


def test_a_transfer_destination_goes_in_to_and_a_destination_in_by_is_refused_with_a_hint() -> None:
    doc = copy.deepcopy(SAMPLE)
    doc["events"] = [{"kind": "transfer", "at": 12.0, "by": "agent", "to": "城东网点"}]
    assert _valid(doc)
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="doc.json")
    (event,) = call.events
    assert event.kind is EventKind.TRANSFER and event.by is Role.AGENT and event.note == "转至 城东网点"
    doc["events"] = [{"kind": "transfer", "at": 12.0, "by": "城东网点"}]
    with pytest.raises(InputError) as err:
        load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="doc.json")
    message = str(err.value)
    assert "doc.json" in message and "events[0].by" in message and '"to"' in message
