"""Plain dialogue text: one turn per line, ``坐席：您好`` or the compact ``[00:03.2 坐席] 您好``.

Accepted on each line (full-width brackets, colons and digits are fine):

- ``坐席：您好`` / ``agent: hello`` — a role label and the text;
- ``[00:03.2] 坐席：您好``, ``[00:03.2-00:07.9] 坐席：…``, ``00:03 坐席：…`` — times first;
- ``[00:03.2 坐席] 您好`` and ``[00:03.2-00:07.9 坐席] 您好`` — the compact notation;
- ``[01:10.0 #hold_start]``, ``[03:30 #hangup customer]``, ``[#挂机 坐席]`` — events;
- a line with no label continues the previous turn (indent it when it contains a colon);
- blank lines and lines starting with ``//`` are ignored.

A turn with only a start time ends when the next timed turn starts or the next event
(a hold, a transfer, the hang-up) happens, whichever comes first; the last one gets
``start + characters / 3.5`` seconds (no later than a following event). Turns with no
times have ``start = end = None``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from hotline_qa.core.call import Call, CallMetadata, Event, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    ROLES_HINT,
    RawTurn,
    RoleMap,
    build_utterances,
    event_kind,
    fill_missing_ends,
    is_speaker_id,
    rebase_wall_clock,
    resolve_anonymous,
    role_from_word,
)
from hotline_qa.text.normalize import HALF_WIDTH

FORMAT = "dialogue_text"

# Half width, and CJK brackets as ASCII ones: one character for one character, so offsets
# in the mapped line hold in the original. (No half-width form is a CJK bracket, so one
# pass with both maps gives what the width map then the bracket map give.)
_HEAD_MAP = {**HALF_WIDTH, "【": "[", "】": "]", "〔": "[", "〕": "]"}
_HEAD_NEEDS = re.compile("[" + "".join(re.escape(ch) for ch in _HEAD_MAP) + "]")
_TIME = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d+)?"
_RANGE = rf"(?P<start>{_TIME})(?:\s*(?:-->|->|[-–—~～至→])\s*(?P<end>{_TIME}))?"
# "[times tail] rest": the times and the tail (a label, an event) inside the first brackets.
_BRACKET_HEAD = re.compile(rf"^\s*\[\s*(?:{_RANGE})?\s*(?P<tail>[^\]]*?)\s*\]\s*(?P<rest>.*)$")
_BARE_TIME_HEAD = re.compile(rf"^\s*{_RANGE}\s+(?P<rest>.*)$")
# The label may carry a name or number in brackets: 坐席(张三)：, 客户[138****0000]:
_COLON_LABEL = re.compile(r"^(?P<label>[^\s:\[\]()（）,，.。!！?？;；、\"“”]{1,16}(?:\s?\d{1,2})?"
                          r"(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)\s*:\s*(?P<text>.*)$")
# A heading line of QA-tool and meeting exports: "客服 10:02:03", "说话人1 00:03", "坐席 2024-05-01 10:02:03";
# the text follows on the same line (after an optional colon) or on the next lines.
_HEADING = re.compile(r"^\s*(?P<label>[^\s:\[\]()]{1,16}(?:\s?\d{1,2})?(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)"
                      r"\s+(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+)?(?P<start>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)"
                      r"\s*(?::\s*)?(?P<rest>.*)$")
_DIGITS = re.compile(r"^[\d.]+$")
# An optional recognition confidence after the label: [00:03.2-00:07.9 坐席 conf=0.55]
_CONFIDENCE = re.compile(r"\s+(?:conf|confidence|置信度)\s*[=:]\s*(?P<conf>[01](?:\.\d+)?)$")


@dataclass(slots=True)
class _Parsed:
    turns: list[RawTurn] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    anonymous: list[tuple[RawTurn, str]] = field(default_factory=list)  # "说话人1" turns, roles inferred
    dated: bool = False  # a heading carried a date: its times are times of day
    headings: bool = False  # turns start with heading lines: "地址：…" below one is text, not a label


class _Head(NamedTuple):
    """What the start of a line said: times, a label, an event word, and the rest."""

    start: float | None
    end: float | None
    label: str | None
    event: str | None
    rest: str
    confidence: float | None = None
    dated: bool = False
    heading: bool = False


def parse_dialogue(
    text: str,
    *,
    source: str = "<string>",
    roles: Mapping[str, str] | None = None,
    metadata: CallMetadata | None = None,
) -> Call:
    """Parse dialogue text (one turn per line) into a Call.

    ``roles`` maps labels to roles and wins over the defaults (``{"A": "customer"}``).
    Raises InputError naming the line for an unknown label, a bad time or no turns at all.
    """
    role_map = RoleMap(roles, source=source)
    parsed = _Parsed()
    for number, line in enumerate(text.splitlines(), start=1):
        _parse_line(line, number, role_map, parsed, source)
    if not any(t.original.strip() for t in parsed.turns):
        raise InputError("未找到任何对话轮次 (no dialogue turns found)", path=source,
                         hint="每行一个轮次，例如 “坐席：您好” 或 “[00:03.2 坐席] 您好”")
    parsed.warnings.extend(resolve_anonymous(parsed.anonymous, roles, source=source))
    _rebase(parsed)
    _check_order(parsed)
    fill_missing_ends(parsed.turns, [e.at for e in parsed.events if e.at is not None])
    return Call(
        source=source,
        utterances=build_utterances(parsed.turns),
        events=tuple(parsed.events),
        metadata=metadata or CallMetadata(),
        warnings=tuple(parsed.warnings),
        source_format=FORMAT,
    )


def _parse_line(line: str, number: int, role_map: RoleMap, parsed: _Parsed, source: str) -> None:
    stripped = line.strip()
    if not stripped or stripped.startswith("//"):
        return
    head = _read_head(line, number, source)
    if head is not None and head.event is not None:
        parsed.events.append(_make_event(head, number, source))
        return
    if head is not None and head.label is not None:
        anonymous = is_speaker_id(head.label)  # 说话人1: mapped with --roles or inferred, all together
        role = None if anonymous else role_map.resolve(head.label)
        if role is not None or anonymous:
            turn = RawTurn(role=role or Role.UNKNOWN, original=head.rest, start=head.start, end=head.end,
                           confidence=head.confidence, source_line=number)
            parsed.turns.append(turn)
            parsed.dated = parsed.dated or head.dated
            parsed.headings = parsed.headings or head.heading
            if anonymous:
                parsed.anonymous.append((turn, head.label.strip()))
            return
        unknown_label = _looks_like_label(head.label) and not line[:1].isspace() and not parsed.headings
        if head.heading and parsed.turns and not parsed.headings:
            pass  # "下午 3:00" under a "客户：…" turn is text, not a heading with a name
        elif head.start is not None or unknown_label:
            raise InputError(f"无法识别的角色标签 “{head.label}” (unknown role label)", path=source,
                             line=number, hint=ROLES_HINT + "；续行请缩进 (indent continuation lines)")
    elif head is not None and head.start is not None:
        raise InputError("这一行有时间但没有角色标签 (a time without a role label)", path=source,
                         line=number, hint="写作 “[00:03.2 坐席] 您好” 或 “[00:03.2] 坐席：您好”")
    _continue_turn(stripped, number, parsed, source)


def _continue_turn(text: str, number: int, parsed: _Parsed, source: str) -> None:
    if not parsed.turns:
        raise InputError("这一行前面没有角色标签 (no role label before this line)", path=source,
                         line=number, hint="在行首写角色，例如 “坐席：…” 或 “客户：…”")
    previous = parsed.turns[-1]
    previous.original = f"{previous.original} {text}" if previous.original.strip() else text


def _read_head(line: str, number: int, source: str) -> _Head | None:
    """Split off times, the role label or the event word; None when the line has none."""
    half = _head_form(line)
    bracket = _BRACKET_HEAD.match(half)
    if bracket is not None:
        head = _bracket_head(bracket, line, number, source)
        if head is not None:
            return head
    bare = _BARE_TIME_HEAD.match(half)
    if bare is not None:
        start, end = _times(bare, number, source)
        label_head = _colon_head(line[bare.start("rest"):], half[bare.start("rest"):])
        if label_head is not None:
            return _Head(start, end, label_head.label, None, label_head.rest)
        return None
    heading = _HEADING.match(half)
    if heading is not None and (_looks_like_role(heading.group("label")) or not heading.group("rest").strip()):
        start = _clock(heading.group("start").replace(",", "."))
        if start is None:
            raise InputError(f"时间格式无效 “{heading.group('start')}” (bad time)", path=source, line=number,
                             hint="时间写作 mm:ss、mm:ss.s 或 hh:mm:ss")
        return _Head(start, None, heading.group("label"), None, line[heading.start("rest"):].strip(),
                     dated=heading.group("date") is not None, heading=True)
    return _colon_head(line, half)


def _looks_like_role(label: str) -> bool:
    """A default role word (坐席, 客户2, 坐席(张三)) or an anonymous speaker (说话人1)."""
    return role_from_word(label) is not None or is_speaker_id(label) or (
        "(" in label and role_from_word(label.split("(", 1)[0]) is not None) or (
        "[" in label and role_from_word(label.split("[", 1)[0]) is not None)


def _bracket_head(match: re.Match[str], line: str, number: int, source: str) -> _Head | None:
    rest_original = line[match.start("rest"):]
    tail, rest_half = match.group("tail", "rest")
    start, end = _times(match, number, source)
    confidence = None
    conf = _CONFIDENCE.search(tail) if "=" in tail or ":" in tail else None  # it needs one
    if conf is not None and not tail.startswith("#"):
        confidence = float(conf.group("conf"))
        tail = tail[:conf.start()].strip()
    if tail.startswith("#"):
        return _Head(start, end, None, tail, rest_original.strip())
    if tail:  # compact notation: [00:03.2 坐席] 您好 — or [坐席] 您好
        if start is None and role_from_word(tail) is None and not _looks_like_label(tail):
            return None
        return _Head(start, end, tail, None, _strip_colon(rest_original, rest_half), confidence)
    if start is None:
        return None
    after = _colon_head(rest_original, rest_half)
    if after is None:
        return _Head(start, end, None, None, rest_original)
    return _Head(start, end, after.label, None, after.rest)


def _colon_head(line: str, half: str) -> _Head | None:
    match = _COLON_LABEL.match(half.lstrip())
    if match is None or _DIGITS.match(match.group("label")):
        return None
    offset = len(half) - len(half.lstrip()) + match.start("text")
    return _Head(None, None, match.group("label"), None, line[offset:])


def _strip_colon(original: str, half: str) -> str:
    return original[1:] if half.startswith(":") else original


def _looks_like_label(label: str) -> bool:
    return 0 < len(label) <= 12 and not any(ch.isspace() for ch in label.strip())


def _head_form(line: str) -> str:
    """``line`` half width and with ASCII brackets (see ``_HEAD_MAP``)."""
    found = _HEAD_NEEDS.findall(line)
    if not found:
        return line
    for ch in set(found):
        line = line.replace(ch, _HEAD_MAP[ch])
    return line


def _clock(text: str) -> float | None:
    """:func:`parse_clock` of a time matched by ``_TIME`` in the half-width line.

    Such a text is ``m:s``, ``m:s.f`` or ``h:m:s(.f)`` with no space and nothing full width,
    so its fields are the parts between colons.
    """
    parts = text.split(":")
    if len(parts) == 3:
        hours, minutes, seconds = int(parts[0]), int(parts[1]), float(parts[2].replace(",", "."))
        if seconds >= 60 or minutes >= 60:
            return None
        return hours * 3600 + minutes * 60 + seconds
    minutes, seconds = int(parts[0]), float(parts[1].replace(",", "."))
    if seconds >= 60:
        return None
    return minutes * 60 + seconds


def _times(match: re.Match[str], number: int, source: str) -> tuple[float | None, float | None]:
    start_text, end_text = match.group("start", "end")
    start = _clock(start_text) if start_text else None
    end = _clock(end_text) if end_text else None
    if (start_text and start is None) or (end_text and end is None):
        raise InputError(f"时间格式无效 “{start_text or ''}{'-' + end_text if end_text else ''}” "
                         "(bad time)", path=source, line=number,
                         hint="时间写作 mm:ss、mm:ss.s 或 hh:mm:ss")
    if start is not None and end is not None and end < start:
        raise InputError("结束时间早于开始时间 (end before start)", path=source, line=number)
    return start, end


def _make_event(head: _Head, number: int, source: str) -> Event:
    words = (head.event or "").split()
    kind = event_kind(words[0]) if words else None
    if kind is None:
        raise InputError(f"未知事件 “{words[0] if words else '#'}” (unknown event)", path=source, line=number,
                         hint="可用事件：#hold_start #hold_end #transfer #hangup (#保持开始 #保持结束 #转接 #挂机)")
    by: Role | None = role_from_word(words[1]) if len(words) > 1 else None
    note_words = words[2:] if by is not None else words[1:]
    note = " ".join([*note_words, head.rest]).strip()
    return Event(kind=kind, at=head.start, by=by, note=note)


def _rebase(parsed: _Parsed) -> None:
    """Times of day (客服 10:02:03) become offsets from the first turn."""
    event_times = [e.at for e in parsed.events if e.at is not None]
    shift, warning = rebase_wall_clock(parsed.turns, event_times, force=parsed.dated)
    if warning is None:
        return
    parsed.warnings.append(warning)
    parsed.events = [Event(kind=e.kind, at=round(e.at - shift, 3) if e.at is not None else None, by=e.by,
                           note=e.note) for e in parsed.events]


def _check_order(parsed: _Parsed) -> None:
    starts = [t.start for t in parsed.turns if t.original.strip()]
    timed = [s for s in starts if s is not None]
    if timed and len(timed) < len(starts):
        parsed.warnings.append(f"{len(starts) - len(timed)} 个轮次没有时间 (some turns have no time)")
    if any(b < a for a, b in itertools.pairwise(timed)):
        parsed.warnings.append("轮次时间不是递增的 (turn times go backwards)")
