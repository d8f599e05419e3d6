"""The project's own JSON (``"format": "hotline-qa/call@1"``): one object, a list of them, or JSONL.

The JSON Schema is published as ``docs/call.schema.json``. Times are seconds from the
moment the agent answered; metadata uses the flat keys of the sidecar.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call, Event, EventKind, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    RawTurn,
    RoleMap,
    build_utterances,
    event_kind,
    fill_missing_ends,
    role_from_word,
)
from hotline_qa.ingest.jsonutil import (
    JsonDocument,
    check_span,
    expect_list,
    expect_object,
    load_json_documents,
    optional_number,
    optional_text,
)
from hotline_qa.ingest.meta import metadata_from_mapping

FORMAT = "native_json"
FORMAT_TAG = "hotline-qa/call@1"
_FORMAT_PREFIX = "hotline-qa/call@"
# No speaking turn lasts minutes: when the typical one "lasts" longer, the times were written in
# milliseconds (as most ASR services write them), not the seconds of this format.
_LONGEST_TYPICAL_TURN = 200.0


def looks_native(value: Any) -> bool:
    """True for an object (or list of objects) with our format tag or an ``utterances`` list."""
    first = value[0] if isinstance(value, list) and value else value
    if not isinstance(first, Mapping):
        return False
    tag = first.get("format")
    return (isinstance(tag, str) and tag.startswith(_FORMAT_PREFIX)) or isinstance(first.get("utterances"), list)


def parse_native_json(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse our JSON / JSON list / JSONL into calls (call_id is left as the file gives it)."""
    role_map = RoleMap(roles, source=source)
    calls: list[Call] = []
    for document in load_json_documents(text, source=source):
        items = document.value if isinstance(document.value, list) else [document.value]
        for i, item in enumerate(items):
            where = f"[{i}]" if isinstance(document.value, list) else "$"
            calls.append(_parse_call(item, where, document, role_map, source))
    if not calls:
        raise InputError("文件中没有通话 (no calls in the file)", path=source)
    return calls


def _parse_call(item: Any, where: str, document: JsonDocument, role_map: RoleMap, source: str) -> Call:
    line = document.line if document.line > 1 or where == "$" else None
    obj = expect_object(item, where, source=source, line=line)
    tag = obj.get("format")
    if tag is not None and tag != FORMAT_TAG:
        raise InputError(f"不支持的格式版本 {tag!r} (unsupported format version)", path=source, line=line,
                         field=f"{where}.format", hint=f"本版本读取 {FORMAT_TAG}")
    metadata_obj = expect_object(obj.get("metadata") or {}, f"{where}.metadata", source=source, line=line)
    metadata, warnings = metadata_from_mapping(metadata_obj, source=source)
    raw_utterances = expect_list(obj.get("utterances"), f"{where}.utterances", source=source, line=line)
    turns = [_parse_utterance(u, f"{where}.utterances[{k}]", role_map, source, line)
             for k, u in enumerate(raw_utterances)]
    _check_seconds(turns, f"{where}.utterances", source, line)
    raw_events = expect_list(obj.get("events") or [], f"{where}.events", source=source, line=line)
    events = tuple(_parse_event(e, f"{where}.events[{k}]", source, line) for k, e in enumerate(raw_events))
    # A turn with a start and no end ends where the next one starts (or at the next event), as in every
    # other format; the end is flagged as estimated, so speech-rate and overlap measures leave it out.
    fill_missing_ends(turns, [e.at for e in events if e.at is not None])
    return Call(source=source, utterances=build_utterances(turns), events=events, metadata=metadata,
                warnings=tuple(warnings), source_format=FORMAT)


def _check_seconds(turns: list[RawTurn], where: str, source: str, line: int | None) -> None:
    """Refuse times that are milliseconds: read as seconds, a call would last hours."""
    spans = [(k, t.end - t.start) for k, t in enumerate(turns) if t.start is not None and t.end is not None]
    if len(spans) < 2 or statistics.median(span for _, span in spans) <= _LONGEST_TYPICAL_TURN:
        return
    k, span = next((k, span) for k, span in spans if span > _LONGEST_TYPICAL_TURN)
    raise InputError(f"时间单位应为秒，这里像是毫秒：一句话长 {span:g} 秒 (times look like milliseconds)", path=source,
                     line=line, field=f"{where}[{k}].start",
                     hint="本项目 JSON 的 start、end、at 以秒为单位：请把毫秒数除以 1000 "
                          "(times in this format are seconds: divide milliseconds by 1000)")


def _parse_utterance(item: Any, where: str, role_map: RoleMap, source: str, line: int | None) -> RawTurn:
    obj = expect_object(item, where, source=source, line=line)
    role_text = optional_text(obj, "role", where, source=source, line=line) or "unknown"
    role = Role.UNKNOWN if role_text == "unknown" else role_map.resolve(role_text)
    if role is None:
        raise InputError(f"未知角色 {role_text!r} (unknown role)", path=source, line=line, field=f"{where}.role",
                         hint="角色为 agent/customer/system/unknown，或用 --roles 映射")
    text = optional_text(obj, "original", where, source=source, line=line) or \
        optional_text(obj, "text", where, source=source, line=line)
    if text is None:
        raise InputError("缺少 text 字段 (missing text)", path=source, line=line, field=f"{where}.text")
    start = optional_number(obj, "start", where, source=source, line=line)
    end = optional_number(obj, "end", where, source=source, line=line)
    check_span(start, end, where, source=source, line=line)
    confidence = optional_number(obj, "confidence", where, source=source, line=line)
    if confidence is not None and confidence > 1:
        raise InputError("confidence 应在 0 到 1 之间 (between 0 and 1)", path=source, line=line,
                         field=f"{where}.confidence")
    channel = optional_number(obj, "channel", where, source=source, line=line)
    return RawTurn(role=role, original=text, start=start, end=end, confidence=confidence,
                   channel=int(channel) if channel is not None else None)


def _parse_event(item: Any, where: str, source: str, line: int | None) -> Event:
    obj = expect_object(item, where, source=source, line=line)
    kind_text = optional_text(obj, "kind", where, source=source, line=line) or ""
    kind = event_kind(kind_text)
    if kind is None:
        raise InputError(f"未知事件 {kind_text!r} (unknown event kind)", path=source, line=line,
                         field=f"{where}.kind", hint="hold_start, hold_end, transfer, hangup")
    by_text = optional_text(obj, "by", where, source=source, line=line)
    by = role_from_word(by_text) if by_text else None
    if by_text and by is None:
        raise InputError(f"未知角色 {by_text!r} (unknown role)", path=source, line=line, field=f"{where}.by",
                         hint="by 是谁做的：agent、customer 或 system (who did it)"
                              + ("；转接去向写在 to 字段，如 \"to\": \"城东网点\" (put the destination in \"to\")"
                                 if kind is EventKind.TRANSFER else ""))
    at = optional_number(obj, "at", where, source=source, line=line)
    note = optional_text(obj, "note", where, source=source, line=line) or ""
    to = optional_text(obj, "to", where, source=source, line=line) or ""
    if to and not note:
        note = f"转至 {to}"  # a transfer's destination (坐席转接去向)
    return Event(kind=kind, at=at, by=by, note=note)


def call_to_native(call: Call) -> dict[str, Any]:
    """The inverse: a Call as our JSON object (used by tests and exporters)."""
    return {
        "format": FORMAT_TAG,
        "metadata": call.metadata.as_dict(),
        "utterances": [
            {"role": u.role.value, "text": u.original, "start": u.start, "end": u.end,
             "confidence": u.confidence, "channel": u.channel}
            for u in call.utterances
        ],
        "events": [
            {"kind": e.kind.value, "at": e.at, "by": e.by.value if e.by else None, "note": e.note}
            for e in call.events
        ],
    }
