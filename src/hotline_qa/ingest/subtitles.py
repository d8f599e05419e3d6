"""SRT and WebVTT subtitles: each cue is a turn, its times are the turn's start and end.

The speaker comes from a WebVTT voice tag ``<v 坐席>``, a ``坐席：`` prefix or a ``[客户]``
prefix. A role word followed by a space (``坐席 您好``, read as in dialogue text) counts too
where the file is written that way: its cues name at least two speakers so, or most cues do.
Cues without any speaker get the role ``unknown`` and a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from hotline_qa.core.call import Call, CallMetadata, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    ROLES_HINT,
    RawTurn,
    RoleMap,
    build_utterances,
    is_speaker_id,
    join_wrapped,
    parse_clock,
    resolve_anonymous,
)
from hotline_qa.ingest.dialogue_text import split_loose_label
from hotline_qa.text.normalize import to_half_width

FORMAT_SRT = "srt"
FORMAT_VTT = "webvtt"

_ARROW = re.compile(r"^\s*(?P<start>[\d:.,]+)\s*-->\s*(?P<end>[\d:.,]+)(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<label>[^>]+)>")
# Markup in cue text: tags (<i>, <font …>, <c.x>, </v>), ASS overrides ({\\an8}), and the inline
# timestamps of karaoke-style WebVTT (YouTube, ASR captioners: "您好<00:00:02.600><c>这里</c>").
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}>")
_BRACKET_LABEL = re.compile(r"^\s*[\[【(（](?P<label>[^\]】)）]{1,16})[\]】)）]\s*[:：]?\s*(?P<rest>.*)$")
_COLON_LABEL = re.compile(r"^\s*(?P<label>[^\s:：\[\]()（）,，。.!！?？]{1,16}(?:\s?\d{1,2})?"
                          r"(?:\s*[(（\[【][^()（）\[\]【】:：]{0,24}[)）\]】])?)\s*[:：]\s*(?P<rest>.*)$")
_SKIPPED_VTT_BLOCKS = ("NOTE", "STYLE", "REGION", "WEBVTT")


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[str, ...]
    first_line: int


def looks_like_vtt(text: str) -> bool:
    """WebVTT files start with the word WEBVTT."""
    return text.lstrip("\ufeff \t\r\n").startswith("WEBVTT")


def looks_like_srt(text: str) -> bool:
    """An SRT file opens with a cue number and a ``-->`` time line."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()][:2]
    return len(lines) == 2 and lines[0].strip().isdigit() and "-->" in lines[1]


def parse_subtitles(text: str, *, source: str, roles: Mapping[str, str] | None = None,
                    metadata: CallMetadata | None = None) -> list[Call]:
    """Parse SRT or WebVTT text into one call."""
    fmt = FORMAT_VTT if looks_like_vtt(text) else FORMAT_SRT
    role_map = RoleMap(roles, source=source)
    turns: list[RawTurn] = []
    anonymous: list[tuple[RawTurn, str]] = []
    blocks = list(_blocks(text))
    loose = _loose_mode(blocks, role_map)
    for block in blocks:
        turns.extend(_cue_turns(block, role_map, source, fmt, anonymous, loose))
    if not any(t.original.strip() for t in turns):
        raise InputError("字幕中没有对话 (no cues with text)", path=source,
                         hint="每个字幕块需要 “00:00:01,000 --> 00:00:03,000” 时间行和文字")
    warnings = resolve_anonymous(anonymous, roles, source=source)
    unknown = sum(1 for t in turns if t.role is Role.UNKNOWN)
    if unknown:
        warnings.append(f"{unknown} 个字幕块没有说话人，角色记为 unknown (cues without a speaker)")
    call = Call(source=source, utterances=build_utterances(turns), metadata=metadata or CallMetadata(),
                warnings=tuple(warnings), source_format=fmt)
    return [call]


def _blocks(text: str) -> Iterator[_Block]:
    current: list[str] = []
    first = 1
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            yield _Block(tuple(current), first)
            current = []
    if current:
        yield _Block(tuple(current), first)


def _loose_mode(blocks: list[_Block], role_map: RoleMap) -> bool:
    """Whether cue lines such as ``坐席 您好`` carry a label: where at least two speakers are
    written so, or at least half of the cue text lines are. (A single ``客服 …`` line among
    unlabelled cues is more likely speech that starts with the word.)"""
    found: list[str] = []
    lines = 0
    for block in blocks:
        arrow_at = next((i for i, line in enumerate(block.lines) if "-->" in line), None)
        for raw in block.lines[arrow_at + 1:] if arrow_at is not None else ():
            text = _TAG.sub("", raw).strip()
            lines += 1
            if _VOICE.search(raw) is None and _COLON_LABEL.match(text) is None:
                loose = split_loose_label(text, role_map)
                if loose is not None and loose[1].strip():
                    found.append(loose[0])
    speakers = {role_map.resolve(label) or label for label in found}
    return bool(found) and (len(speakers) >= 2 or 2 * len(found) >= lines)


def _cue_turns(block: _Block, role_map: RoleMap, source: str, fmt: str,
               anonymous: list[tuple[RawTurn, str]], loose: bool = False) -> list[RawTurn]:
    arrow_at = next((i for i, line in enumerate(block.lines) if "-->" in line), None)
    if arrow_at is None:
        if fmt == FORMAT_VTT and block.lines[0].split(" ", 1)[0].strip() in _SKIPPED_VTT_BLOCKS:
            return []
        raise InputError("字幕块缺少时间行 (cue without a “-->” time line)", path=source,
                         line=block.first_line)
    line_no = block.first_line + arrow_at
    start, end = _cue_times(block.lines[arrow_at], line_no, source)
    turns: list[RawTurn] = []
    for offset, raw in enumerate(block.lines[arrow_at + 1:], start=arrow_at + 1):
        role, text, speaker_id = _speaker(raw, role_map, source, block.first_line + offset, loose)
        if role is None and speaker_id is None and turns:
            turns[-1].original = join_wrapped(turns[-1].original, text)
            continue
        turn = RawTurn(role=role or Role.UNKNOWN, original=text, start=start, end=end,
                       source_line=block.first_line + offset)
        turns.append(turn)
        if speaker_id is not None:
            anonymous.append((turn, speaker_id))
    if len(turns) > 1:
        _share_cue_time(turns, start, end)
    return turns


def _share_cue_time(turns: list[RawTurn], start: float, end: float) -> None:
    """A cue that holds several speakers (“- 坐席：您好” / “- 客户：你好”, merged by a subtitle editor):
    each gets a share of the cue's time by its length, so that they do not all seem to speak at
    once (which the interruption rules would read as talking over the customer)."""
    sizes = [max(1, len(t.original.strip())) for t in turns]
    total, at = sum(sizes), start
    for turn, size in zip(turns, sizes, strict=True):
        turn.start = round(at, 3)
        at += (end - start) * size / total
        turn.end = round(at, 3)
        turn.end_estimated = True


def _cue_times(line: str, number: int, source: str) -> tuple[float, float]:
    match = _ARROW.match(to_half_width(line))
    start = parse_clock(match.group("start")) if match else None
    end = parse_clock(match.group("end")) if match else None
    if start is None or end is None:
        raise InputError(f"时间行无效 “{line.strip()}” (bad cue time line)", path=source, line=number,
                         hint="例如 00:00:01,000 --> 00:00:03,500")
    if end < start:
        raise InputError("结束时间早于开始时间 (end before start)", path=source, line=number)
    return start, end


def _speaker(raw: str, role_map: RoleMap, source: str, number: int,
             loose: bool = False) -> tuple[Role | None, str, str | None]:
    """The role named on this cue line (None if none), the text without the label, and an
    anonymous speaker id (``Speaker 1``, ``SPEAKER_00``, ``说话人2``) whose role is inferred later."""
    voice = _VOICE.search(raw)
    text = _TAG.sub("", raw).strip().lstrip("-– ").strip()
    label: str | None = voice.group("label").strip() if voice else None
    if label is None:
        bracket = _BRACKET_LABEL.match(text)
        if bracket is not None:
            inner = bracket.group("label").strip()
            if is_speaker_id(inner) and not inner.isdigit():  # [SPEAKER_00]: …, but not [1]
                return None, bracket.group("rest"), inner
            if role_map.resolve(inner) is not None:
                return role_map.resolve(inner), bracket.group("rest"), None
        colon = _COLON_LABEL.match(text)
        spaced = split_loose_label(text, role_map) if loose and colon is None else None
        if spaced is not None and spaced[1].strip():
            label, text = spaced  # 坐席 您好
        elif colon is None or colon.group("label").replace(".", "").isdigit():
            return None, text, None  # plain text, a clock time, or a sound note such as [笑声]
        else:
            label, text = colon.group("label").strip(), colon.group("rest")
    if is_speaker_id(label):  # mapped with --roles or inferred, all speakers together
        return None, text, label
    role = role_map.resolve(label)
    if role is None and voice is not None and len(words := label.split()) > 1:
        # A voice names a person in free text: <v 坐席 张三>, <v 王女士 客户> — a role word and a name.
        found = {r for word in (words[0], words[-1]) if (r := role_map.resolve(word)) is not None}
        role = found.pop() if len(found) == 1 else None
    if role is None:
        raise InputError(f"无法识别的说话人 “{label}” (unknown speaker label)", path=source, line=number,
                         hint=ROLES_HINT)
    return role, text, None
