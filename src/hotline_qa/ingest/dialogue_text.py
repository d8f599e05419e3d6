"""Plain dialogue text: one turn per line, ``坐席：您好`` or the compact ``[00:03.2 坐席] 您好``.

Accepted on each line (full-width brackets, colons and digits are fine):

- ``坐席：您好`` / ``agent: hello`` — a role label and the text;
- ``[00:03.2] 坐席：您好``, ``[00:03.2-00:07.9] 坐席：…``, ``00:03 坐席：…`` — times first;
- ``[00:03.2 坐席] 您好`` and ``[00:03.2-00:07.9 坐席] 您好`` — the compact notation;
- ``(00:12) 客户：…``, ``[00:12][坐席] …``, ``00:01:02 坐席 您好``, ``2024-03-05 10:01:02 客服：…`` — a
  time (or a date and a time of day), then a label in any of the forms here;
- ``客服：您好 (00:00:05)``, ``<00:00:01>坐席：``, ``[1000-5200] 坐席：`` — where the file writes its times
  that way (see ``_normalise_times``);
- ``坐席->您好``, ``坐席>您好``, ``<坐席>您好`` — read like a colon, for known role words;
- ``坐席 您好``, ``坐席-您好``, or ``客服`` alone on its line with the text below — only where the
  whole file is written that way (see ``_loose_mode``); elsewhere such a line is an error;
- ``[01:10.0 #hold_start]``, ``[03:30 #hangup customer]``, ``[03:30] #hangup customer``, ``[#挂机 坐席]`` — events;
- a line with no label continues the previous turn (indent it when it contains a colon);
- blank lines, separator lines (``-----``), lines of only ASR placeholders (``[静音]``,
  ``<unk>``, ``……``) and lines starting with ``//`` are ignored.

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
    PLACEHOLDER,
    ROLES_HINT,
    RawTurn,
    RoleMap,
    build_utterances,
    event_kind,
    fill_missing_ends,
    is_speaker_id,
    is_wordless,
    label_key,
    rebase_wall_clock,
    resolve_anonymous,
    role_from_word,
    wordless_warning,
)
from hotline_qa.ingest.meta import InfoItem, merge_metadata, metadata_from_info
from hotline_qa.text.normalize import HALF_WIDTH, to_simplified

FORMAT = "dialogue_text"

# Half width, and CJK brackets as ASCII ones: one character for one character, so offsets
# in the mapped line hold in the original. (No half-width form is a CJK bracket, so one
# pass with both maps gives what the width map then the bracket map give.)
_HEAD_MAP = {**HALF_WIDTH, "【": "[", "】": "]", "〔": "[", "〕": "]",
             "∶": ":", "︰": ":", "﹕": ":"}  # the ratio sign and the vertical/small colons of CJK fonts
_HEAD_NEEDS = re.compile("[" + "".join(re.escape(ch) for ch in _HEAD_MAP) + "]")
_TIME = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d+)?"
_RANGE = rf"(?P<start>{_TIME})(?:\s*(?:-->|->|[-–—~～至→])\s*(?P<end>{_TIME}))?"
# A date before the time makes it a time of day: "2024-03-05 10:01:02", "2024/3/5 10:02".
_DATE = r"(?:(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[\sT]+)"
# "[times tail] rest": the times and the tail (a label, an event) inside the first brackets.
_BRACKET_HEAD = re.compile(rf"^\s*\[\s*{_DATE}?(?:{_RANGE})?\s*(?P<tail>[^\]]*?)\s*\]\s*(?P<rest>.*)$")
# "00:03 坐席：…", "2024-03-05 10:01:02 客服：…", "(00:12) 客户：…"
_BARE_TIME_HEAD = re.compile(rf"^\s*(?P<open>\()?\s*{_DATE}?{_RANGE}\s*(?(open)\)\s*|\s+)(?P<rest>.*)$")
# A role word then a separator other than a colon. With an arrow or ">" (坐席->您好, 坐席>您好) it is
# a label like 坐席：; with a space, a tab or a dash (坐席 您好, 坐席-您好), or alone on its line (the
# text on the next lines), only where the file is written that way (see _loose_mode). Either way
# only a known role word, an anonymous speaker or a label given with --roles counts.
_WORD_LABEL = r"(?P<label>[^\s:<>\[\]()\-—–→=,，.。!！?？;；、\"“”]{1,16}(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)"
_ARROW_LABEL = re.compile(rf"^{_WORD_LABEL}\s*(?:->|=>|>|→)\s*(?P<text>.*)$")
_ANGLE_LABEL = re.compile(r"^<\s*(?P<label>[^<>\s]{1,16})\s*>\s*(?P<text>.*)$")
# Words that start lines of speech; never taken for a speaker's name.
_FILLERS = frozenset({"嗯", "啊", "喂", "哦", "噢", "呃", "唉", "诶", "欸", "哎", "那", "那个", "这个", "就是", "然后",
                      "对", "对的", "好", "好的", "是", "是的", "您好", "你好", "我", "我们", "请问", "谢谢", "没有",
                      "不是", "可以", "还有", "所以", "但是", "因为", "如果"})
# A serial number before the label, as rows copied from a numbered list or a table: "1、坐席：", "2\t客户\t…".
_SERIAL = re.compile(r"^\s*(?:(?:\d{1,4}|\(\d{1,4}\))\s*(?:[.、)]\s*|\t+|\s+)|[-*+•·]\s+)(?=\S)")
# Markdown emphasis around a label (notes, chat and LLM tools): "**坐席**：", "- **客户：** …", "__坐席__:".
_MD_LABEL = re.compile(r"^(?P<lead>\s*(?:[-*+•]\s+)?)(?P<mark>\*\*|__)(?P<label>[^*_:：\n]{1,16}?)"
                       r"(?P<colon>\s*[:：])?(?P=mark)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# Between a leading time and the label: "00:01:02 - 坐席: …", "[00:03] | 客户：…".
_AFTER_TIME_SEP = re.compile(r"^\s*[-–—|]\s+")
# Lines above the first turn that say what the call is (a title, "日期：…"), skipped with a warning.
_PREAMBLE_KEYS = frozenset({"日期", "时间", "通话时间", "来电时间", "开始时间", "通话id", "通话编号", "录音编号", "流水号",
                            "工单号", "标题", "主题", "坐席工号", "工号", "来电号码", "主叫号码", "号码", "时长", "通话时长",
                            "业务类型", "录音文件", "文件名", "date", "time", "call id", "call_id", "title", "duration"})
_MAX_PREAMBLE = 3
# A title line: a date, or a word that names a record, and nobody speaking (no 我/你/您).
_TITLE_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
_TITLE_WORD = re.compile(r"通话记录|对话记录|聊天记录|通话详情|转写|录音|质检|工单|transcript|recording", re.IGNORECASE)
_LOOSE_LABEL = re.compile(rf"^{_WORD_LABEL}(?:\s*[-—–]\s*(?![0-9A-Za-z])|\s+|$)(?P<text>.*)$")
# The label may carry a name or number in brackets: 坐席(张三)：, 客户[138****0000]:
_COLON_LABEL = re.compile(r"^(?P<label>[^\s:\[\]()（）,，.。!！?？;；、\"“”]{1,16}(?:\s?(?:\d{1,2}|[A-Za-z]\b))?"
                          r"(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)\s*:\s*(?P<text>.*)$")
# A heading line of QA-tool and meeting exports: "客服 10:02:03", "说话人1 00:03", "坐席 2024-05-01 10:02:03";
# the text follows on the same line (after an optional colon) or on the next lines.
_HEADING = re.compile(r"^\s*(?P<label>[^\s:\[\]()]{1,16}(?:\s?\d{1,2})?(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)"
                      r"\s+(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+)?(?P<start>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)"
                      r"\s*(?::\s*)?(?P<rest>.*)$")
# A label then its time in brackets (QA-tool and transcriber exports): "坐席(00:01:02)：…", "客户[00:06-00:11]:",
# "说话人1 (00:01): …", "客服 [2024-06-12 10:03:05]" alone on its line with the text below.
_LABEL_BRACKET_TIME = re.compile(
    r"^\s*(?P<label>[^\s:\[\]()]{1,16}(?:\s?\d{1,2})?(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)"
    rf"\s*[(\[]\s*{_DATE}?{_RANGE}\s*[)\]]\s*(?P<colon>:\s*)?(?P<rest>.*)$")
_DIGITS = re.compile(r"^[\d.]+$")
# An optional recognition confidence after the label: [00:03.2-00:07.9 坐席 conf=0.55]
_CONFIDENCE = re.compile(r"\s+(?:conf|confidence|置信度)\s*[=:]\s*(?P<conf>[01](?:\.\d+)?)$")


# Other places for a turn's time (exports of QA tools and ASR front ends), each read only where the
# file writes its times that way (see _normalise_times), then rewritten as "[time] label：text":
# at the end of the line ("客服：您好 (00:00:05)", "…[00:05]"); in angle brackets before the label, after
# it or after its colon ("<00:00:01>坐席：", "坐席<00:00:01>：", "坐席：<00:00:01>您好"); and spans in
# milliseconds or with units ("[1000-5200] 坐席：", "[1.0s-5.2s]", "[1000ms]").
_TRAILING_TIME = re.compile(rf"^(?P<body>.*?\S)\s*[(\[<]\s*{_DATE}?{_RANGE}\s*[)\]>]\s*$")
_ANGLE_TIME = re.compile(rf"^(?P<before>\s*)<\s*(?P<time>{_DATE}?{_RANGE})\s*>\s*(?P<rest>.*)$")
_LABEL_ANGLE_TIME = re.compile(
    r"^\s*(?P<label>[^\s:<>\[\]()]{1,16}(?:\s?\d{1,2})?(?:\s*[(\[][^()\[\]:]{0,24}[)\]])?)"
    rf"\s*(?P<colon>:\s*)?<\s*(?P<time>{_DATE}?{_RANGE})\s*>\s*(?P<colon2>:\s*)?(?P<rest>.*)$")
_NUMBER_SPAN = re.compile(
    r"^\s*(?P<open>[\[(])\s*(?P<a>\d+(?:\.\d+)?)\s*(?P<ua>ms|s|毫秒|秒)?"
    r"(?:\s*(?:-->|->|[-–—~～至])\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<ub>ms|s|毫秒|秒)?)?"
    r"(?P<tail>\s[^\[\]()]*?)?\s*[\])]\s*(?P<rest>.*)$")
_TIME_SHAPES = ("[mm:ss]、[hh:mm:ss]、[mm:ss-mm:ss] 写在行首或角色后（坐席(00:01:02)：）；[0-5200]（毫秒）、"
                "[1.0s-5.2s]；<00:00:01>；行尾的 (00:00:05)")


@dataclass(slots=True)
class _Parsed:
    turns: list[RawTurn] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    anonymous: list[tuple[RawTurn, str]] = field(default_factory=list)  # "说话人1" turns, roles inferred
    dated: bool = False  # a heading carried a date: its times are times of day
    headings: bool = False  # turns start with heading lines: "地址：…" below one is text, not a label
    loose: bool = False  # labels may be followed by a space or stand alone on their line (坐席 您好)
    coarse: int = 0  # turns whose time is a time of day to the minute (2024/3/5 10:02)


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
    coarse: bool = False  # a date and a time to the minute: too coarse to time turns by


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
    raw_lines = _strip_markdown(text.lstrip("\ufeff").splitlines())
    lines, time_warnings = _normalise_times(raw_lines, role_map, source)
    preamble = _preamble(lines, role_map, source)
    info_meta = None
    if preamble:
        where = "第 " + "、".join(map(str, preamble)) + " 行"
        time_warnings.append(f"{where}在第一轮对话之前（标题或通话信息），已跳过 (lines above the first turn skipped)")
        info = _preamble_info(raw_lines, preamble)
        if info:
            info_meta, info_warnings = metadata_from_info(info, where="其中")
            time_warnings += info_warnings
        lines = ["" if n in preamble else line for n, line in enumerate(lines, start=1)]
    parsed = _Parsed(loose=_loose_mode(lines, role_map, source), warnings=time_warnings)
    stray = _stray_spellings(lines, role_map) if parsed.loose else {}
    for number, line in enumerate(lines, start=1):
        if number in stray and parsed.turns:
            _continue_turn(line.strip(), number, parsed, source)
            continue
        _parse_line(line, number, role_map, parsed, source)
    if stray:
        parsed.warnings.append(
            "第 " + "、".join(str(n) for n in stray) + " 行以 " + "、".join(f"“{w}”" for w in dict.fromkeys(stray.values()))
            + " 开头，但本文件的同一角色用另一种写法标注，按上一轮的续行处理；若是新的一轮，请写作 “标签：…” "
            "(a line starting with an unusual spelling of a role word was read as a continuation)")
    if not any(t.original.strip() for t in parsed.turns):
        raise InputError("未找到任何对话轮次 (no dialogue turns found)", path=source,
                         hint="每行一个轮次，例如 “坐席：您好” 或 “[00:03.2 坐席] 您好”")
    parsed.warnings.extend(resolve_anonymous(parsed.anonymous, roles, source=source))
    wordless = wordless_warning(parsed.turns)
    if wordless is not None:
        parsed.warnings.append(wordless)
    _drop_coarse_times(parsed)
    _rebase(parsed)
    _check_order(parsed)
    fill_missing_ends(parsed.turns, [e.at for e in parsed.events if e.at is not None])
    return Call(
        source=source,
        utterances=build_utterances(parsed.turns),
        events=tuple(parsed.events),
        metadata=merge_metadata(info_meta, metadata) if info_meta and metadata else (metadata or info_meta
                                                                                        or CallMetadata()),
        warnings=tuple(parsed.warnings),
        source_format=FORMAT,
    )


# "日期：2026-11-18 09:12", "通话编号: HX-0042": a key of :data:`_PREAMBLE_KEYS` and its value.
_PREAMBLE_ITEM = re.compile(r"^\s*(?P<key>[^:：]{1,16}?)\s*[:：]\s*(?P<value>\S.*?)\s*$")


def _preamble_info(lines: list[str], preamble: list[int]) -> list[InfoItem]:
    """The call information of the skipped lines above the first turn: only lines under a key that
    names call information (日期, 工号, 通话编号 — never a role word: ``坐席：王芳`` at the top is a turn)."""
    items = []
    for number in preamble:
        match = _PREAMBLE_ITEM.match(lines[number - 1]) if number <= len(lines) else None
        if match is not None and label_key(match["key"]) in _PREAMBLE_KEYS:
            items.append(InfoItem(number, match["key"], match["value"]))
    return items


def _strip_markdown(lines: list[str]) -> list[str]:
    """Markdown emphasis around labels removed (``- **坐席**：您好`` -> ``- 坐席：您好``); where the file
    writes its labels so, its headings (``# 通话记录``) are dropped too."""
    out, marked = [], 0
    for line in lines:
        match = _MD_LABEL.match(line)
        if match is None:
            out.append(line)
            continue
        marked += 1
        out.append(f"{match.group('lead')}{match.group('label')}{(match.group('colon') or '').strip()}"
                   f"{line[match.end():]}")
    if marked >= 2:
        out = ["" if _MD_HEADING.match(line) else line for line in out]
    return out


def _preamble(lines: list[str], role_map: RoleMap, source: str) -> list[int]:
    """Up to three lines above the first turn that cannot belong to one: a title (no label), or
    call information under a known key (``日期：2024-06-03``, ``通话编号：…``). Only when a turn
    follows them directly; otherwise nothing (and the first line's error stands)."""
    found: list[int] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        head = _safe_head(line, number, source, role_map)
        if head is not None and (_starts_turn(head, role_map) or head.event is not None):
            return found
        if _loose_label(line, role_map) is not None or len(found) >= _MAX_PREAMBLE:
            return []
        if head is not None and head.label is not None and _TITLE_WORD.search(to_simplified(head.label)) \
                and role_map.resolve(head.label) is None and _looks_like_title(stripped):
            found.append(number)  # "通话记录 2026-11-18 09:12" reads like a heading, but names a record
            continue
        if head is not None and head.label is not None and label_key(head.label) not in _PREAMBLE_KEYS:
            return []  # "张三：…" above the turns is a speaker to map, not a title
        if head is not None and head.start is not None:
            return []
        if head is None and not _looks_like_title(stripped):
            return []  # "喂 你好 是热线吗" above the first label is speech without a speaker: an error
        found.append(number)
    return []


def _looks_like_title(line: str) -> bool:
    if _MD_HEADING.match(line) or _TITLE_DATE.search(line):
        return True
    # (traditional characters too: "通話記錄 2025-10-03 08:40:12", field call 437)
    return _TITLE_WORD.search(to_simplified(line)) is not None and not re.search(r"[我你您]", line)


def _normalise_times(lines: list[str], role_map: RoleMap, source: str) -> tuple[list[str], list[str]]:
    """Times written elsewhere than before the label, rewritten as ``[time] label：text``.

    A shape is read where it is the file's way of writing times: on most of its timed turn
    lines. A time at the end of the line is read only on every turn line (two or more) or on
    most of them (three or more), going forward: a line of speech may end with a time
    (“我约的是 (10:00)”), and then it stays text. A minority of lines
    with a time in angle brackets or in milliseconds is an error that lists the shapes read.
    """
    candidates = {number: _time_rewrite(line) for number, line in enumerate(lines, start=1)
                  if line.strip() and not line[:1].isspace() and not line.lstrip().startswith("//")}
    if not any(candidates.values()):
        return lines, []  # the usual file: nothing to rewrite
    found: dict[int, tuple[str, str]] = {}  # line number -> (shape, rewritten line)
    turn_lines = timed_lines = 0
    for number, candidate in candidates.items():
        line = lines[number - 1]
        text = candidate[1] if candidate is not None else line
        head = _safe_head(text, number, source, role_map)
        if head is None or not _starts_turn(head, role_map):
            if candidate is not None and candidate[0] != "trailing" and head is not None and head.start is not None:
                found[number] = candidate  # "[1000-5200] 王师傅：": its label is named later
            continue
        turn_lines += 1
        timed_lines += head.start is not None
        if candidate is not None:
            found[number] = candidate
    if not found:
        return lines, []
    counts: dict[str, int] = {}
    for shape, _ in found.values():
        counts[shape] = counts.get(shape, 0) + 1
    read = {shape for shape, n in counts.items() if 2 * n > timed_lines and shape != "trailing"}
    trailing = [number for number, (shape, _) in found.items() if shape == "trailing"]
    warnings = []
    if len(trailing) == turn_lines >= 2 or (len(trailing) >= 3 and 2 * len(trailing) > turn_lines):
        if _ascending([found[n][1] for n in trailing]):
            read.add("trailing")
        else:
            warnings.append("多数轮次的行尾有括号里的时间，但时间不是递增的，作为正文保留，不用于计时 (times at the ends "
                            "of lines go backwards: kept as text)")
    out = list(lines)
    for number, (shape, rewritten) in found.items():
        if shape in read:
            out[number - 1] = rewritten
        elif shape != "trailing":
            sample = _head_form(lines[number - 1]).strip()[:24]
            raise InputError(f"这一行的时间写法（“{sample}”）与本文件多数轮次的时间写法不同，无法确定是否为时间 "
                             "(this time is written unlike the file's other times)", path=source, line=number,
                             hint=f"同一文件请用同一种时间写法。可读的写法 (time shapes read): {_TIME_SHAPES}")
    if "number" in read:
        _check_number_spans([out[n - 1] for n, (shape, _) in found.items() if shape == "number"], source,
                            next(n for n, (shape, _) in found.items() if shape == "number"))
    if "trailing" in read:
        warnings.append("行尾括号里的时间作为这一轮的开始时间 (a time at the end of each line is the turn's start)")
    return out, warnings


def _ascending(lines: list[str]) -> bool:
    """The leading times of these rewritten lines never go backwards (as turn times do not)."""
    times: list[float] = []
    for line in lines:
        match = _BRACKET_HEAD.match(line)
        if match is not None and match.group("start") and match.group("date") is None:
            value = _clock(match.group("start"))
            if value is None:
                return False
            times.append(value)
    return all(a <= b for a, b in itertools.pairwise(times))


def _safe_head(line: str, number: int, source: str, role_map: RoleMap) -> _Head | None:
    try:
        return _read_head(line, number, source, role_map)
    except InputError:
        return None


def _time_rewrite(line: str) -> tuple[str, str] | None:
    """``(shape, line rewritten with its time first)`` for a time in one of the other places."""
    half = _head_form(line)
    first = _BRACKET_HEAD.match(half)
    if first is not None and first.group("start"):
        return None  # a time first already: a time at the end is text
    number = _NUMBER_SPAN.match(half)
    if number is not None:
        span = _number_span(number)
        if span is not None:
            tail = (number.group("tail") or "").strip()
            inner = f"{span} {tail}" if tail else span
            return "number", f"[{inner}] {line[number.start('rest'):]}"
    angle = _ANGLE_TIME.match(half)
    if angle is not None:
        return "angle", f"[{angle.group('time')}] {line[angle.start('rest'):]}"
    label_angle = _LABEL_ANGLE_TIME.match(half)
    if label_angle is not None:
        colon = "：" if label_angle.group("colon") or label_angle.group("colon2") else " "
        return "angle", f"[{label_angle.group('time')}] {line[label_angle.start('label'):label_angle.end('label')]}" \
                        f"{colon}{line[label_angle.start('rest'):]}"
    if _BARE_TIME_HEAD.match(half) is not None or _LABEL_BRACKET_TIME.match(half) is not None:
        return None
    trailing = _TRAILING_TIME.match(half)
    if trailing is not None:
        time = half[trailing.start("date") if trailing.group("date") else trailing.start("start"):
                    trailing.end("end") if trailing.group("end") else trailing.end("start")]
        return "trailing", f"[{time}] {line[:trailing.end('body')]}"
    return None


def _number_span(match: re.Match[str]) -> str | None:
    """``[1000-5200]`` (milliseconds), ``[1.0s-5.2s]``, ``[1000ms]`` as ``m:ss.fff-m:ss.fff``; None if
    it is no time (a single number without a unit is a serial number: ``(3) 坐席：…``)."""
    a, b = match.group("a"), match.group("b")
    unit = match.group("ua") or match.group("ub")
    if b is None and unit is None:
        return None
    scale = 1.0 if unit in ("s", "秒") else 0.001 if unit in ("ms", "毫秒") or "." not in a + (b or "") else 1.0
    values = [float(x) * scale for x in (a, b) if x is not None]
    return "-".join(f"{int(v // 60)}:{v % 60:06.3f}" for v in values)


def _check_number_spans(lines: list[str], source: str, first: int) -> None:
    """Bare numbers read as milliseconds must look like them: turns of a second or more, not of 5 ms."""
    spans = []
    for line in lines:
        match = _BRACKET_HEAD.match(line)
        if match is not None and match.group("start") and match.group("end"):
            start, end = _clock(match.group("start")), _clock(match.group("end"))
            if start is not None and end is not None:
                spans.append(end - start)
    if spans and max(spans) < 0.2:
        raise InputError("方括号里的数字按毫秒读取，但每一轮都不到 0.2 秒：这些数字可能是秒或序号 (bare numbers are read as "
                         "milliseconds, and every turn would last under 0.2 s)", path=source, line=first,
                         hint="秒请写单位：[1.0s-5.2s] 或 [1-5秒]；毫秒可写 [1000ms-5200ms]")


def _loose_mode(lines: list[str], role_map: RoleMap, source: str) -> bool:
    """Whether labels followed by a space, a dash or nothing (坐席 您好, 客服 alone) start turns.

    Such a line is also what a line of speech looks like when it starts with a role word
    (“客服 电话一直打不通”), so the shape counts only where the file is written that way: more
    such lines than turns in the other notations, and either two different speakers among
    them or at least half of the lines. In a file written mostly as “客户：…” such a line is
    ambiguous, and an error says how to write it; never a silent guess.
    """
    candidates = {number: label for number, line in enumerate(lines, start=1)
                  if (label := _loose_label(line, role_map)) is not None}
    if not candidates:
        return False
    strict = 0
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        head = _read_head(line, number, source, role_map)
        if head is not None and _starts_turn(head, role_map):
            strict += 1
        elif number in candidates:
            found.append((number, candidates[number]))
    if not found:
        return False
    speakers = {role_map.resolve(label) or label for _, label in found}
    filled = sum(1 for line in lines if line.strip() and not is_wordless(line))
    if len(found) > strict and (len(speakers) >= 2 or 2 * len(found) >= filled):
        heads = [_loose_head(lines[n - 1], role_map) for n, _ in found]
        if all(head is not None and head.rest for head in heads):  # not "客服" alone, its text below
            _check_unknown_speakers(lines, set(candidates), source)
        return True
    if strict:
        number, label = found[0]
        loose_head = _loose_head(lines[number - 1], role_map)
        alone = loose_head is not None and not loose_head.rest
        raise InputError(
            f"这一行以角色词 “{label}” {'单独成行' if alone else '加空格或短横线开头'}，而本文件的其他轮次用冒号或括号标注角色，"
            "无法确定这是新的一轮还是上一轮的续行 (ambiguous: a role word without a colon)",
            path=source, line=number,
            hint=f"若是新的一轮，写作 “{label}：…”；若是上一轮的续行，在行首加空格缩进 "
                 "(write the label with a colon, or indent a continuation line)")
    return False


def _stray_spellings(lines: list[str], role_map: RoleMap) -> dict[int, str]:
    """In a “坐席 您好” file, lines whose role word is a one-off spelling of a role written
    another way throughout (“客服 电话一直打不通” where the agent is always “坐席”).

    Such a line is a wrapped line of speech that happens to start with a role word, not a
    new turn: exports write each role with one label. Numbered labels (坐席2 after a
    transfer), speaker ids and labels given with --roles are never stray. A one-off
    spelling of a role that is written that same way elsewhere cannot be told apart and
    stays a turn (see docs/formats.md).
    """
    found: dict[int, tuple[Role, str, str]] = {}
    for number, line in enumerate(lines, start=1):
        label = _loose_label(line, role_map)
        if label is None or is_speaker_id(label) or role_map.user_role(label) is not None or \
                any(ch.isdigit() for ch in label):
            continue
        role = role_map.resolve(label)
        head = _loose_head(line, role_map)
        if role is not None and head is not None and head.rest:  # not "客服" alone, its text below
            found[number] = (role, label_key(label), label)
    counts: dict[tuple[Role, str], int] = {}
    for role, key, _ in found.values():
        counts[(role, key)] = counts.get((role, key), 0) + 1
    return {number: label for number, (role, key, label) in found.items()
            if counts[(role, key)] == 1 and any(n >= 2 for (r, k), n in counts.items() if r == role and k != key)}


def _check_unknown_speakers(lines: list[str], labelled: set[int], source: str) -> None:
    """In a “坐席 您好” file, a word that starts two other lines the same way is a third speaker.

    Unmapped, their lines would be read as the previous turn's continuation: name the label.
    (Only where every label line has its text, so that text lines are not turns of their own.)
    """
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if number in labelled or not line.strip() or line[:1].isspace() or line.lstrip().startswith("//"):
            continue
        match = _LOOSE_LABEL.match(_head_form(line))
        if match is None or not match.group("text").strip() or not _looks_like_label(match.group("label")):
            continue
        label = match.group("label")
        if label in _FILLERS:
            continue
        if label in seen:
            raise InputError(f"无法识别的角色标签 “{label}” (unknown role label)", path=source, line=seen[label],
                             hint=ROLES_HINT + "；续行请缩进 (indent continuation lines)")
        seen[label] = number


def _loose_label(line: str, role_map: RoleMap) -> str | None:
    """The role word a line starts with when a space, a dash or nothing follows it (坐席 您好)."""
    if not line or line[:1].isspace():
        return None
    half = _head_form(line)
    serial = _SERIAL.match(half)
    match = _LOOSE_LABEL.match(half[serial.end():] if serial else half)
    if match is None:
        return None
    label = match.group("label")
    return label if _is_role_label(label, role_map) else None


def _is_role_label(label: str, role_map: RoleMap) -> bool:
    """A label with a role: a default word, one given with --roles, or an anonymous speaker (not "1")."""
    if is_speaker_id(label):
        return not label.strip().isdigit()
    return role_map.resolve(label) is not None


def _starts_turn(head: _Head, role_map: RoleMap) -> bool:
    return head.event is None and head.label is not None and (
        is_speaker_id(head.label) or role_map.resolve(head.label) is not None)


def _parse_line(line: str, number: int, role_map: RoleMap, parsed: _Parsed, source: str) -> None:
    stripped = line.strip()
    if not stripped or stripped.startswith("//"):
        return
    head = _read_head(line, number, source, role_map)
    if parsed.loose and (head is None or (head.start is None and head.event is None
                                          and not _starts_turn(head, role_map))):
        head = _loose_head(line, role_map) or head
    if head is None and is_wordless(stripped):
        return  # a separator line (-----), or only [静音] or ……
    if head is not None and head.start is not None and head.label is None and head.event is None \
            and is_wordless(head.rest):
        return  # "[00:12] [静音]": a timed silence, no one's turn
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
            parsed.coarse += head.coarse
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
        word = _LOOSE_LABEL.match(_head_form(text))
        named = word.group("label") if word is not None and not word.group("text") \
            and _looks_like_label(word.group("label")) else None  # "客服小王" alone on the first line
        raise InputError("这一行前面没有角色标签 (no role label before this line)", path=source,
                         line=number, hint="在行首写角色，例如 “坐席：…” 或 “客户：…”" + (
                             f"；若 “{named}” 是说话人，用 --roles {named}=agent（或 =customer）指定 "
                             "(map the speaker with --roles)" if named else ""))
    previous = parsed.turns[-1]
    previous.original = f"{previous.original} {text}" if previous.original.strip() else text


def split_loose_label(line: str, role_map: RoleMap) -> tuple[str, str] | None:
    """``坐席 您好`` -> ``("坐席", "您好")``: a role word (a default label, one given with
    --roles, or an anonymous speaker) followed by a space or a dash, as read in loose mode;
    None for any other line. Used by the subtitle importer for cue lines written that way."""
    head = _loose_head(line, role_map)
    return (head.label, head.rest) if head is not None and head.label is not None else None


def _loose_head(line: str, role_map: RoleMap) -> _Head | None:
    """``坐席 您好``, ``客服-您好``, or ``客服`` alone (its text on the next lines): see _loose_mode."""
    if _loose_label(line, role_map) is None:
        return None
    half = _head_form(line)
    skip = serial.end() if (serial := _SERIAL.match(half)) else 0
    match = _LOOSE_LABEL.match(half[skip:])
    assert match is not None
    return _Head(None, None, match.group("label"), None, line[skip + match.start("text"):].strip(), heading=True)


def _read_head(line: str, number: int, source: str, role_map: RoleMap) -> _Head | None:
    """Split off times, the role label or the event word; None when the line has none."""
    half = _head_form(line)
    bracket = _BRACKET_HEAD.match(half)
    if bracket is not None:
        head = _bracket_head(bracket, line, number, source, role_map)
        if head is not None:
            return head
    bare = _BARE_TIME_HEAD.match(half)
    if bare is not None:
        start, end = _times(bare, number, source)
        label_head = _label_after_time(line[bare.start("rest"):], half[bare.start("rest"):], role_map)
        if label_head is not None:
            return _Head(start, end, label_head.label, None, label_head.rest, dated=bare.group("date") is not None,
                         coarse=_coarse(bare))
        return None
    timed = _LABEL_BRACKET_TIME.match(half)
    if timed is not None and (timed.group("colon") or not timed.group("rest").strip()
                              or _is_role_label(timed.group("label"), role_map)):
        start, end = _times(timed, number, source)
        rest = line[timed.start("rest"):].strip()
        return _Head(start, end, timed.group("label"), None, rest, dated=timed.group("date") is not None,
                     heading=not rest, coarse=_coarse(timed))
    heading = _HEADING.match(half)
    if heading is not None and (_looks_like_role(heading.group("label")) or not heading.group("rest").strip()):
        start = _clock(heading.group("start").replace(",", "."), of_day=heading.group("date") is not None)
        if start is None:
            raise InputError(f"时间格式无效 “{heading.group('start')}” (bad time)", path=source, line=number,
                             hint="时间写作 mm:ss、mm:ss.s 或 hh:mm:ss")
        return _Head(start, None, heading.group("label"), None, line[heading.start("rest"):].strip(),
                     dated=heading.group("date") is not None, heading=True, coarse=_coarse(heading))
    found = _colon_head(line, half) or _arrow_head(line, half, role_map)
    if (found is None or not _starts_turn(found, role_map)) and (serial := _SERIAL.match(half)):
        numbered = _read_head(line[serial.end():], number, source, role_map)  # "1、坐席：您好"
        if numbered is not None and _starts_turn(numbered, role_map):
            return numbered
    return found


def _arrow_head(line: str, half: str, role_map: RoleMap) -> _Head | None:
    """``坐席->您好``, ``坐席>您好``, ``<坐席>您好``: a known label and a separator that is no text."""
    stripped = half.lstrip()
    offset = len(half) - len(stripped)
    for pattern in (_ARROW_LABEL, _ANGLE_LABEL):
        match = pattern.match(stripped)
        if match is not None and _is_role_label(match.group("label"), role_map):
            return _Head(None, None, match.group("label"), None, line[offset + match.start("text"):])
    return None


def _label_after_time(line: str, half: str, role_map: RoleMap) -> _Head | None:
    """The label after a time: ``坐席：…``, ``[坐席] …``, ``<坐席>…``, ``坐席->…`` or ``坐席 …``.

    A time starts a turn, so a known role word after it is a label whatever follows it; a dash or a
    bar may stand between them (``00:01:02 - 坐席: …``).
    """
    sep = _AFTER_TIME_SEP.match(half)
    if sep is not None:
        line, half = line[sep.end():], half[sep.end():]
    found = _colon_head(line, half) or _arrow_head(line, half, role_map)
    if found is not None:
        return found
    stripped = half.lstrip()
    offset = len(half) - len(stripped)
    bracket = re.match(r"^\[\s*(?P<label>[^\[\]]{1,16}?)\s*\]\s*(?P<text>.*)$", stripped)
    if bracket is not None:
        label = bracket.group("label")
        if _looks_like_label(label) and PLACEHOLDER.fullmatch(f"[{label}]") is None:
            return _Head(None, None, label, None, _strip_colon(line[offset + bracket.start("text"):],
                                                               bracket.group("text")))
    loose = _LOOSE_LABEL.match(stripped)
    if loose is not None and _is_role_label(loose.group("label"), role_map):
        return _Head(None, None, loose.group("label"), None, line[offset + loose.start("text"):].strip())
    return None


def _looks_like_role(label: str) -> bool:
    """A default role word (坐席, 客户2, 坐席(张三)) or an anonymous speaker (说话人1)."""
    return role_from_word(label) is not None or is_speaker_id(label) or (
        "(" in label and role_from_word(label.split("(", 1)[0]) is not None) or (
        "[" in label and role_from_word(label.split("[", 1)[0]) is not None)


def _bracket_head(match: re.Match[str], line: str, number: int, source: str, role_map: RoleMap) -> _Head | None:
    rest_original = line[match.start("rest"):]
    tail, rest_half = match.group("tail", "rest")
    start, end = _times(match, number, source)
    dated = start is not None and match.group("date") is not None
    coarse = _coarse(match)
    confidence = None
    conf = _CONFIDENCE.search(tail) if "=" in tail or ":" in tail else None  # it needs one
    if conf is not None and not tail.startswith("#"):
        confidence = float(conf.group("conf"))
        tail = tail[:conf.start()].strip()
    if tail.startswith("#"):
        return _Head(start, end, None, tail, rest_original.strip())
    if tail and event_kind(tail.split()[0]) is not None and role_from_word(tail) is None:
        return _Head(start, end, None, tail, rest_original.strip())  # "【00:17 保持开始】", "[转接]"
    if tail and start is None and PLACEHOLDER.fullmatch(f"[{tail}]") is not None:
        return None  # [静音] 喂: a placeholder, not a label
    if tail:  # compact notation: [00:03.2 坐席] 您好 — or [坐席] 您好
        if start is None and role_from_word(tail) is None and not _looks_like_label(tail):
            return None
        return _Head(start, end, tail, None, _strip_colon(rest_original, rest_half), confidence, dated=dated,
                     coarse=coarse)
    if start is None:
        return None
    if rest_half.lstrip().startswith("#"):  # "[04:36.8] #hangup customer": the event after its time
        return _Head(start, end, None, rest_half.strip(), "")
    after = _label_after_time(rest_original, rest_half, role_map)
    if after is None:
        return _Head(start, end, None, None, rest_original, dated=dated, coarse=coarse)
    return _Head(start, end, after.label, None, after.rest, dated=dated, coarse=coarse)


def _coarse(match: re.Match[str]) -> bool:
    """A date and a time of day without seconds (2024/3/5 10:02)."""
    start = match.group("start")
    return match.group("date") is not None and start is not None and start.count(":") == 1


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


def _clock(text: str, *, of_day: bool = False) -> float | None:
    """:func:`parse_clock` of a time matched by ``_TIME`` in the half-width line.

    Such a text is ``m:s``, ``m:s.f`` or ``h:m:s(.f)`` with no space and nothing full width,
    so its fields are the parts between colons. ``of_day`` (the time follows a date): two
    fields are ``h:m`` (``2024/3/5 10:02`` is two minutes past ten).
    """
    parts = text.split(":")
    if of_day and len(parts) == 2:
        return _clock(f"{text}:00")
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
    of_day = "date" in match.re.groupindex and match.group("date") is not None
    start = _clock(start_text, of_day=of_day) if start_text else None
    end = _clock(end_text, of_day=of_day) if end_text else None
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


def _drop_coarse_times(parsed: _Parsed) -> None:
    """Times of day to the minute (微信 “客户 2024/3/5 10:02”) order the turns but cannot time them.

    Taken as they are, two turns in the same minute would be 0 s apart and the next one a
    minute later, and the silence and speech-rate rules would judge that. When every timed
    turn has such a time, the times are dropped (time rules do not apply) with a warning.
    """
    timed = sum(1 for t in parsed.turns if t.start is not None)
    if not parsed.coarse or parsed.coarse < timed:
        return
    for turn in parsed.turns:
        turn.start = turn.end = None
    parsed.events = [Event(kind=e.kind, at=None, by=e.by, note=e.note) for e in parsed.events]
    parsed.dated = False
    parsed.warnings.append("时间只精确到分钟，不用于计时 (times to the minute only: not used for timing)")


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
