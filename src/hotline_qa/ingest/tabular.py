"""CSV and Excel (.xlsx) transcripts: one turn per row.

Columns are found by their header (role/speaker/角色/说话人/发言人, text/content/内容/文本/对话内容,
start/开始时间/begin, end/结束时间, call_id/通话ID) or named with ``columns``
(``{"role": "身份", "text": "识别结果"}``). Times may be seconds, milliseconds (a header
with ``ms``/``毫秒``, or values far too long for seconds), ``mm:ss`` or ``hh:mm:ss``. A
``call_id`` column splits the rows into several calls. Errors name the row and column.
A few title rows may stand above the header (Excel exports), and call information (通话ID | …,
坐席 | 王芳), which fills the metadata; rows with an empty role cell
are left ``unknown`` with a warning, rows whose speaker is a placeholder (静音) are no turns, and a
table without a role column whose cells each hold a whole dialogue is read one call per row. An Excel workbook is read from its first sheet with such a header
(a summary sheet in front is skipped, with a warning).
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from pathlib import PurePath
from typing import Any

from hotline_qa.core.call import Call, CallMetadata, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import (
    PLACEHOLDER,
    ROLES_HINT,
    RawTurn,
    RoleMap,
    assign_speaker_roles,
    build_utterances,
    fill_missing_ends,
    is_speaker_id,
    is_wordless,
    label_key,
    parse_seconds,
    rebase_wall_clock,
    wordless_warning,
)
from hotline_qa.ingest.decode import clean_invisible
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import InfoItem, merge_metadata, metadata_from_info
from hotline_qa.text.normalize import to_half_width

FORMAT_CSV = "csv"
FORMAT_XLSX = "xlsx"

# In order of preference: a table with both 开始时间 and 时间 takes 开始时间 as the start.
HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "role": ("role", "speaker", "角色", "说话人", "发言人", "说话方", "speaker_label", "speaker_role", "说话角色",
             "speaker_name", "participant", "participant_role", "说话人角色", "说话人名称",
             "角色名称", "说话者", "发言者", "发言方", "讲话人", "通话方", "声道", "channel", "消息发送方", "发送方",
             "发送者", "发送人", "sender"),
    "text": ("text", "content", "内容", "文本", "对话内容", "transcript", "识别文本", "识别结果", "识别内容",
             "转写文本", "转写内容", "转写结果", "文本内容", "对话文本", "说话内容", "发言内容", "文字", "语句",
             "sentence", "utterance", "消息内容", "聊天内容", "message", "transcription"),
    "start": ("start", "开始时间", "begin", "start_time", "begin_time", "开始", "起始时间", "起始", "开始时刻",
              "时间", "time", "时间点", "时间戳", "timestamp", "发送时间", "消息时间"),
    "end": ("end", "结束时间", "end_time", "结束", "终止时间", "结束时刻"),
    "call_id": ("call_id", "callid", "通话id", "通话编号", "录音编号", "会话id", "会话编号", "录音id", "通话流水号",
                "流水号"),
    "confidence": ("confidence", "置信度"),
    # One column with both times: "00:00:01-00:00:05", "1.2~4.8", "00:01 --> 00:05".
    "span": ("起止时间", "时间段", "时间区间", "起止", "开始结束时间", "起止时刻", "time_range", "timerange", "span"),
    # How long the turn lasted, beside its start (end = start + duration) where there is no end column.
    "duration": ("时长", "持续时间", "语音时长", "说话时长", "duration", "length"),
}
#: How many non-empty rows may stand above the header: a title such as “通话记录导出 2024-03-05”, or a
#: block of call information (通话ID, 坐席, 来电号码, 开始时间, 时长… one per row).
MAX_TITLE_ROWS = 10
COLUMN_KEYS = tuple(HEADER_ALIASES)
COLUMNS_HINT = ("可识别的表头 (recognised headers)：角色列 角色/说话人/发言人/说话方/role/speaker，"
                "文本列 内容/文本/对话内容/识别结果/转写文本/text；其他表头用 --columns 指定，"
                "例如 --columns role=身份,text=识别结果 (name the columns)")
_MS_MARKERS = ("ms", "毫秒", "millis")
# "2024-05-01 10:02:03(.5)", "2024/5/1 10:02": a date and a time of day.
_DATE_TIME = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)$")


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which column holds what, and the header text of each (for error messages)."""

    index: Mapping[str, int]
    names: Mapping[str, str]
    units: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Row:
    number: int
    call_id: str | None
    label: str
    turn: RawTurn
    dated: bool = False  # a time carried a date: it is a time of day, not an offset
    coarse: bool = False  # that time of day has no seconds (2024/3/5 10:02)


def parse_csv(text: str, *, source: str, roles: Mapping[str, str] | None = None,
              columns: Mapping[str, str] | None = None) -> list[Call]:
    """Parse CSV/TSV text (the delimiter is taken from the header line)."""
    text = text.lstrip("\ufeff")
    delimiter = _delimiter(_header_line(text) or next((line for line in text.splitlines() if line.strip()), ""))
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误 (invalid CSV): {exc}", path=source) from exc
    return parse_rows(rows, source=source, roles=roles, columns=columns, fmt=FORMAT_CSV)


def parse_xlsx(data: bytes, *, source: str, roles: Mapping[str, str] | None = None,
               columns: Mapping[str, str] | None = None) -> list[Call]:
    """Parse the first worksheet of an .xlsx workbook that has a transcript header.

    Exports often open with a summary sheet (“汇总”: counts, durations) and keep the turns on a
    later one (“通话明细”): the first sheet whose header names a role and a text column is
    read, with a warning naming it when it is not the first. When no sheet has one, the
    error is the first sheet's, listing the sheets.
    """
    import openpyxl  # imported here: only Excel users pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [(sheet.title, [[clean_invisible(c) if isinstance(c, str) else c for c in row]
                                 for row in sheet.iter_rows(values_only=True)])
                  for sheet in workbook.worksheets]
        workbook.close()
    except Exception as exc:
        raise InputError(f"无法读取 Excel 文件 (cannot read the workbook): {type(exc).__name__}", path=source,
                         hint="只支持 .xlsx；旧的 .xls 请另存为 .xlsx") from exc
    first_error: InputError | None = None
    for n, (title, rows) in enumerate(sheets):
        numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(_cell_text(c) for c in row)]
        try:
            if not numbered:
                raise InputError(f"工作表 “{title}” 是空的 (the sheet is empty)", path=source)
            _find_layout(numbered, columns, roles, source)
        except InputError as exc:
            if exc.field == "columns" and exc.line is None:
                raise  # an unknown --columns key: no sheet will do
            first_error = first_error or exc
            continue
        calls = parse_rows(rows, source=source, roles=roles, columns=columns, fmt=FORMAT_XLSX)
        more = _later_sheets(sheets[n + 1:], source, roles, columns)
        if more:
            return _sheet_calls([(title, calls), *more], source)
        if n == 0:
            return calls
        note = (f"读取工作表 “{title}”：前面的工作表（{'、'.join(t for t, _ in sheets[:n])}）没有角色列和文本列 "
                "(read the first sheet with a transcript header)")
        return [replace(call, warnings=(note, *call.warnings)) for call in calls]
    assert first_error is not None  # a workbook has at least one sheet
    if len(sheets) > 1:
        names = "、".join(t for t, _ in sheets)
        raise InputError(f"第一个工作表 “{sheets[0][0]}”：{first_error.reason}", path=source, line=first_error.line,
                         field=first_error.field,
                         hint=f"工作簿中的工作表 {names} 都没有可识别的表头 (no sheet has a transcript header)；"
                              f"{first_error.hint or COLUMNS_HINT}")
    raise first_error


def _later_sheets(sheets: Sequence[tuple[str, list[list[Any]]]], source: str, roles: Mapping[str, str] | None,
                  columns: Mapping[str, str] | None) -> list[tuple[str, list[Call]]]:
    """The other sheets that hold a transcript (a workbook with one call per sheet), read likewise."""
    found = []
    for title, rows in sheets:
        numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(_cell_text(c) for c in row)]
        try:
            if not numbered or not isinstance(_find_layout(numbered, columns, roles, source), tuple):
                continue
        except InputError:
            continue  # no transcript header: a summary or a note
        try:
            found.append((title, parse_rows(rows, source=source, roles=roles, columns=columns, fmt=FORMAT_XLSX)))
        except InputError as exc:
            raise InputError(f"工作表 “{title}”：{exc.reason}", path=source, line=exc.line, field=exc.field,
                             hint=exc.hint) from exc
    return found


# Sheet names Excel and WPS give by default: they name no call.
_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表)\s*\d+$", re.IGNORECASE)


def _sheet_calls(read: list[tuple[str, list[Call]]], source: str) -> list[Call]:
    """Several sheets with a transcript: each is a call (or several, by a call_id column); a call
    without an id of its own is named after its sheet."""
    stem = PurePath(source).stem if not source.startswith("<") else ""
    names = "、".join(title for title, _ in read)
    note = (f"工作簿中 {len(read)} 个工作表（{names}）都有对话，每个工作表分别读取，通话编号取工作表名 "
            "(each sheet with a transcript is read as its own call, named after the sheet)")
    out = []
    for title, calls in read:
        sheet_id = f"{stem}#{title}" if _DEFAULT_SHEET.match(title.strip()) and stem else title.strip()
        for call in calls:
            metadata = call.metadata if call.metadata.call_id else replace(call.metadata, call_id=sheet_id)
            out.append(replace(call, metadata=metadata, warnings=(note, *call.warnings)))
    return out


# The last rows of an export that sum it up rather than speak: "合计", "共 12 条", "导出人：张三".
_FOOTER = re.compile(r"^\s*(?:合计|总计|小计|共计|统计|汇总|总数|记录数|条数|total)\b|^\s*共\s*\d+\s*(?:条|句|行|轮|通)"
                     r"|^\s*(?:导出|制表|打印)(?:人|时间|日期)|^\s*(?:合计|总计|共计)", re.IGNORECASE)


def _drop_footer(numbered: list[tuple[int, Sequence[Any]]], layout: _Layout) -> tuple[list[tuple[int, Sequence[Any]]],
                                                                                       list[int]]:
    """Trailing rows with no speaker whose cells sum the table up (合计, 共9条, 导出人) are no turns."""
    dropped: list[int] = []
    while len(numbered) > 2:
        number, row = numbered[-1]
        role = _cell_text(_cell(row, layout, "role"))
        if (role and not _FOOTER.match(role)) or not any(_FOOTER.match(_cell_text(c)) for c in row):
            break
        dropped.insert(0, number)
        numbered = numbered[:-1]
    return numbered, dropped


def parse_rows(rows: Sequence[Sequence[Any]], *, source: str, roles: Mapping[str, str] | None = None,
               columns: Mapping[str, str] | None = None, fmt: str = FORMAT_CSV) -> list[Call]:
    """Rows (the first non-empty one is the header) -> calls, one per call_id."""
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(_cell_text(c) for c in row)]
    if not numbered:
        raise InputError("表格是空的 (the table is empty)", path=source)
    found = _find_layout(numbered, columns, roles, source)
    if isinstance(found, _DialogueCells):
        return _dialogue_cell_calls(numbered, found, roles, source, fmt)
    skipped, layout = found
    block, numbered = numbered[:skipped], numbered[skipped:]
    numbered, footer = _drop_footer(numbered, layout)
    if fmt == FORMAT_CSV:
        _check_widths(numbered, source)
    parsed = [_read_row(n, row, layout, source) for n, row in numbered[1:]]
    if not parsed:
        raise InputError("表格只有表头，没有数据行 (header only, no rows)", path=source)
    info = _info_items(block)
    info_meta, info_warnings = metadata_from_info(info, where=f"表头（第 {numbered[0][0]} 行）上方") if info else (None, [])
    warnings = [f"表头在第 {numbered[0][0]} 行，其上 {skipped} 行（标题）已跳过 (title rows above the header skipped)"
                ] if skipped and not info else info_warnings
    if footer:
        warnings.append(f"表格末尾第 {'、'.join(map(str, footer))} 行是合计或说明（没有说话人），不是对话，已跳过 "
                        "(summary rows at the end of the table skipped)")
    warnings += _apply_units(parsed, layout)
    warnings += _apply_roles(parsed, layout, roles, source)
    calls = _split_calls(parsed, source, fmt, warnings)
    if info_meta is None:
        return calls
    if len(calls) > 1 and info_meta.call_id is not None:  # a call_id column splits the rows: its ids stand
        info_meta = replace(info_meta, call_id=None)
    return [replace(call, metadata=merge_metadata(info_meta, call.metadata)) for call in calls]


# A key of a call-information row: a short name without digits ("通话ID", "坐席", "开始时间：").
_INFO_KEY = re.compile(r"^[^\d:：]{1,12}[:：]?$")
# "通话ID：20261118-0042" in one cell.
_INFO_CELL = re.compile(r"^(?P<key>[^\d:：]{1,12})\s*[:：]\s*(?P<value>\S.*)$")


def _info_items(block: Sequence[tuple[int, Sequence[Any]]]) -> list[InfoItem]:
    """The key-value pairs of the rows above the header: ``通话ID | 20261118-0042`` (a key cell and its
    value, several pairs in a row too), or ``通话ID：20261118-0042`` in a cell. A title row
    (“12345热线通话记录 2026-11-18”) has none. Known keys are read by :func:`metadata_from_info`."""
    items: list[InfoItem] = []
    for number, row in block:
        cells = [c for c in row if _cell_text(c)]
        texts = [_cell_text(c) for c in cells]
        if all(_INFO_CELL.match(t) for t in texts):
            items += [InfoItem(number, m["key"], m["value"]) for t in texts if (m := _INFO_CELL.match(t))]
        elif len(cells) >= 2 and all(isinstance(c, str) and _INFO_KEY.match(t)
                                     for c, t in zip(cells[::2], texts[::2], strict=True)):
            items += [InfoItem(number, key, value) for key, value in zip(texts[::2], cells[1::2], strict=False)]
    return items


@dataclass(frozen=True, slots=True)
class _DialogueCells:
    """One row per call, its whole dialogue in one cell (“坐席：…\n客户：…”)."""

    skipped: int  # title rows above the header
    column: int
    name: str
    call_id: int | None


# "坐席：…", "客户(张三): …" at the start of a line in a cell.
_CELL_LABEL = re.compile(r"^\s*(?P<label>[^\s:：]{1,16}?)\s*[:：]")


def _find_layout(numbered: Sequence[tuple[int, Sequence[Any]]], columns: Mapping[str, str] | None,
                 roles: Mapping[str, str] | None, source: str) -> tuple[int, _Layout] | _DialogueCells:
    """The header and its columns — or, in a table without a role column, a column whose cells each
    hold a whole dialogue (an export with one row per call), read as dialogue text."""
    try:
        return _find_header(numbered, columns, source)
    except InputError as exc:
        if exc.field == "columns" and exc.line is None:
            raise
        cells = _dialogue_cells(numbered, columns, roles, source)
        if cells is not None:
            return cells
        if _packed_cells(numbered, roles, source):
            raise InputError(exc.reason, path=source, line=exc.line, field=exc.field,
                             hint="若每行是一通电话、整段对话在一个单元格里，单元格中每句须另起一行并以角色开头（“坐席：…” "
                                  "换行 “客户：…”）才能拆成轮次 (a whole dialogue in one cell needs each turn on its own "
                                  f"line, starting with its role)；否则 {COLUMNS_HINT}") from exc
        raise


def _dialogue_cells(numbered: Sequence[tuple[int, Sequence[Any]]], columns: Mapping[str, str] | None,
                    roles: Mapping[str, str] | None, source: str) -> _DialogueCells | None:
    """The column where most filled cells hold two or more lines that start with a role label."""
    role_map = RoleMap(roles, source=source)
    for skipped, (_number, header) in enumerate(numbered[:MAX_TITLE_ROWS + 1]):
        names = [_cell_text(c) for c in header]
        data = [row for _, row in numbered[skipped + 1:]]
        wanted = [i for i, n in enumerate(names) if columns and "text" in columns and (
            n == columns["text"] or header_key(n) == header_key(columns["text"]))] or range(len(names))
        best: tuple[int, int] | None = None
        for i in wanted:
            filled = [text for row in data if i < len(row) and (text := _cell_text(row[i]))]
            dialogues = sum(1 for text in filled if _is_dialogue_cell(text, role_map))
            if dialogues and 2 * dialogues > len(filled) and (best is None or dialogues > best[1]):
                best = (i, dialogues)
        if best is not None:
            keys = [header_key(n) for n in names]
            named = columns.get("call_id") if columns else None
            call_id = next((keys.index(k) for k in map(header_key, (named,) if named else HEADER_ALIASES["call_id"])
                            if k in keys), None)
            return _DialogueCells(skipped, best[0], names[best[0]], call_id)
    return None


def _is_dialogue_cell(text: str, role_map: RoleMap) -> bool:
    labelled = 0
    for line in text.splitlines():
        match = _CELL_LABEL.match(line)
        if match is not None and (role_map.resolve(match.group("label")) is not None
                                  or is_speaker_id(match.group("label"))):
            labelled += 1
            if labelled >= 2:
                return True
    return False


# A role word and a colon anywhere in a cell: "坐席：您好。客户：喂" packed on one line.
_INLINE_LABEL = re.compile(r"(?:^|[\s，。,.!！?？;；])(?P<label>[^\s:：，。,.!！?？;；]{1,8})\s*[:：]")


def _packed_cells(numbered: Sequence[tuple[int, Sequence[Any]]], roles: Mapping[str, str] | None,
                  source: str) -> bool:
    """Some data cell holds a dialogue that cannot be split: several lines of text without labels,
    or several role labels on one line (“坐席：您好。客户：喂”)."""
    role_map = RoleMap(roles, source=source)
    for _, row in numbered[1:]:
        for cell in row:
            text = _cell_text(cell)
            if len(text.splitlines()) >= 3:
                return True
            labels = {m.group("label") for m in _INLINE_LABEL.finditer(text)}
            if sum(1 for label in labels if role_map.resolve(label) is not None) >= 2:
                return True
    return False


def _dialogue_cell_calls(numbered: Sequence[tuple[int, Sequence[Any]]], cells: _DialogueCells,
                         roles: Mapping[str, str] | None, source: str, fmt: str) -> list[Call]:
    """One call per row: the dialogue cell read as dialogue text; errors name the row and the column."""
    calls = []
    note = (f"每行一通电话：“{cells.name}”单元格中的整段对话按对话文本读取 (one call per row: the dialogue in each "
            "cell is read as dialogue text)")
    for number, row in numbered[cells.skipped + 1:]:
        text = _cell_text(row[cells.column]) if cells.column < len(row) else ""
        if not text:
            continue
        try:
            call = parse_dialogue(text, source=source, roles=roles)
        except InputError as exc:
            inner = f"单元格第 {exc.line} 行：" if exc.line is not None else ""
            raise InputError(inner + exc.reason, path=source, line=number, field=cells.name, hint=exc.hint) from exc
        call_id = _cell_text(row[cells.call_id]) if cells.call_id is not None and cells.call_id < len(row) else ""
        calls.append(replace(
            call, source_format=fmt, warnings=(note, *call.warnings),
            utterances=tuple(replace(u, source_line=number) for u in call.utterances),
            metadata=replace(call.metadata, call_id=call_id) if call_id else call.metadata))
    if not calls:
        raise InputError("表格只有表头，没有数据行 (header only, no rows)", path=source)
    return calls


def _find_header(numbered: Sequence[tuple[int, Sequence[Any]]], columns: Mapping[str, str] | None,
                 source: str) -> tuple[int, _Layout]:
    """The header row and its layout: the first non-empty row, or one a few rows below a title.

    Excel exports often put a title (“12345热线通话记录”, an export date) above the header;
    the first of the first :data:`MAX_TITLE_ROWS` + 1 non-empty rows that names a role and a
    text column is the header. When none does, the error is about the widest of those rows
    (the header most likely, not the title).
    """
    errors: list[tuple[int, InputError]] = []
    for skipped, (number, row) in enumerate(numbered[:MAX_TITLE_ROWS + 1]):
        try:
            return skipped, _layout(row, columns, source, number)
        except InputError as exc:
            if exc.field == "columns" and exc.line is None:
                raise  # an unknown --columns key: no row will do
            errors.append((sum(1 for c in row if _cell_text(c)), exc))
    raise max(errors, key=lambda e: e[0])[1]  # max keeps the first of equals


def _layout(header: Sequence[Any], columns: Mapping[str, str] | None, source: str, line: int) -> _Layout:
    names = [_cell_text(c) for c in header]
    keys = [header_key(n) for n in names]
    index: dict[str, int] = {}
    for what, aliases in HEADER_ALIASES.items():
        found = next((keys.index(k) for k in map(header_key, aliases) if k in keys), None)
        if found is not None and found not in index.values():
            index[what] = found
    for what, column in (columns or {}).items():
        if what not in HEADER_ALIASES:
            raise InputError(f"未知的列用途 “{what}” (unknown column key)", path=source, field="columns",
                             hint=f"可用：{', '.join(COLUMN_KEYS)}")
        found = next((i for i, n in enumerate(names) if n == column or header_key(n) == header_key(column)), None)
        if found is None:
            raise InputError(f"表头中没有列 “{column}” (no such column); 表头为: {', '.join(names)}",
                             path=source, line=line, field="columns")
        index[what] = found
    for required in ("role", "text"):
        if required not in index:
            raise InputError(f"找不到{'角色' if required == 'role' else '文本'}列 (no {required} column); "
                             f"表头为: {', '.join(names)}", path=source, line=line, hint=COLUMNS_HINT)
    units: dict[str, str] = {what: "ms" for what in ("start", "end", "span", "duration") if what in index
             and any(m in names[index[what]].lower() for m in _MS_MARKERS)}
    return _Layout(index=index, names={w: names[i] for w, i in index.items()}, units=units)


def _check_widths(numbered: Sequence[tuple[int, Sequence[Any]]], source: str) -> None:
    """A CSV row with more filled cells than the header was split wrongly (a comma in a time)."""
    header = numbered[0][1]
    width = max((i + 1 for i, c in enumerate(header) if _cell_text(c)), default=0)
    for number, row in numbered[1:]:
        extra = [c for c in row[width:] if _cell_text(c)]
        if extra:
            raise InputError(
                f"这一行有 {width + len(extra)} 个值，表头只有 {width} 列 (more cells than the header)",
                path=source, line=number,
                hint="含逗号的单元格（如时间 00:01:02,345 或文本）须加英文双引号，或把时间写作 00:01:02.345",
            )


def looks_like_csv(text: str) -> bool:
    """One of the first lines is a delimited header with a role column and a text column."""
    return _header_line(text) is not None


def _header_line(text: str) -> str | None:
    """The header line: the first of the first few non-empty lines that names a role and a text column."""
    wanted = _wanted_keys()
    lines = (line for line in text.lstrip("\ufeff").splitlines() if line.strip())
    for line in itertools.islice(lines, MAX_TITLE_ROWS + 1):
        delimiter = _delimiter(line)
        if not line.count(delimiter):
            continue
        cells = {header_key(c.strip().strip('"')) for c in line.split(delimiter)}
        if cells & wanted["role"] and cells & wanted["text"]:
            return line
    return None


@functools.cache
def _wanted_keys() -> Mapping[str, frozenset[str]]:
    """The header keys of every column's aliases (computed once: every text file is sniffed)."""
    return {what: frozenset(header_key(a) for a in aliases) for what, aliases in HEADER_ALIASES.items()}


def _delimiter(line: str) -> str:
    return max(",\t;|", key=line.count)


def header_key(name: str) -> str:
    """A header cell compared loosely: case, width, script, spaces and a unit suffix ignored."""
    key = label_key(name)
    for unit in ("(ms)", "(s)", "(秒)", "(毫秒)", "（秒）", "（毫秒）", "ms", "毫秒", "秒"):
        if key.endswith(unit) and len(key) > len(unit):
            key = key[: -len(unit)]
    return key.replace(" ", "").replace("-", "").replace("_", "")  # Start Time = start_time = start-time


def _cell(row: Sequence[Any], layout: _Layout, what: str) -> Any:
    i = layout.index.get(what)
    return row[i] if i is not None and i < len(row) else None


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# Two times in one cell: "00:00:01-00:00:05", "1.2~4.8", "00:01 --> 00:05", "1000至5200".
_SPAN = re.compile(r"^\s*(?P<a>\d[\d:.,]*)\s*(?:-->|->|[-–—~～至])\s*(?P<b>\d[\d:.,]*)\s*$")


def _span_cell(row: Sequence[Any], layout: _Layout, what: str, number: int,
               source: str) -> tuple[float | None, float | None] | None:
    """The start and end written in one cell (a ``span`` column, or a time column holding a span)."""
    text = to_half_width(_cell_text(_cell(row, layout, what)))
    match = _SPAN.match(text)
    if match is None:
        if what == "span" and text:
            raise InputError(f"起止时间无效 {text!r} (bad time span)", path=source, line=number,
                             field=layout.names[what], hint="写作 00:00:01-00:00:05 或 1.2-4.8（秒）")
        return None
    start, end = parse_seconds(match.group("a")), parse_seconds(match.group("b"))
    if start is None or end is None:
        raise InputError(f"起止时间无效 {text!r} (bad time span)", path=source, line=number,
                         field=layout.names[what], hint="写作 00:00:01-00:00:05 或 1.2-4.8（秒）")
    return start, end


def _read_row(number: int, row: Sequence[Any], layout: _Layout, source: str) -> _Row:
    span = next((found for what in ("span", "start") if what in layout.index
                 and (found := _span_cell(row, layout, what, number, source)) is not None), None)
    start = span[0] if span else _time_cell(row, layout, "start", number, source)
    end = span[1] if span and "end" not in layout.index else _time_cell(row, layout, "end", number, source)
    if end is None and start is not None and "duration" in layout.index:
        duration = _time_cell(row, layout, "duration", number, source)
        end = round(start + duration, 3) if duration is not None else None
    confidence = _number_cell(row, layout, "confidence", number, source)
    call_id = _cell_text(_cell(row, layout, "call_id")) or None
    dated_texts = [m for what in ("start", "end") if (m := _DATE_TIME.match(_cell_text(_cell(row, layout, what))))]
    dated = bool(dated_texts) or any(isinstance(_cell(row, layout, what), datetime) for what in ("start", "end"))
    coarse = bool(dated_texts) and all(m.group("time").count(":") == 1 for m in dated_texts)
    # A cell with line breaks (Alt+Enter in Excel, a quoted CSV cell): its lines joined as dialogue
    # text joins a turn's continuation lines (a line break inside words would split them for the rules).
    text = " ".join(line.strip() for line in _cell_text(_cell(row, layout, "text")).splitlines() if line.strip())
    turn = RawTurn(role=Role.UNKNOWN, original=text, start=start, end=end,
                   confidence=confidence, source_line=number)
    return _Row(number=number, call_id=call_id, label=_cell_text(_cell(row, layout, "role")), turn=turn,
                dated=dated, coarse=coarse)


def _time_cell(row: Sequence[Any], layout: _Layout, what: str, number: int, source: str) -> float | None:
    value = _cell(row, layout, what)
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    if isinstance(value, timedelta):
        return value.total_seconds()
    if _cell_text(value) == "":
        return None
    dated = _DATE_TIME.match(_cell_text(value))
    clock = dated.group("time") if dated else None
    if clock is not None and clock.count(":") == 1:
        clock += ":00"  # after a date, 10:02 is two minutes past ten
    seconds = parse_seconds(clock if clock is not None else value)
    if seconds is None:
        raise InputError(f"时间无效 {_cell_text(value)!r} (bad time)", path=source, line=number,
                         field=layout.names[what], hint="时间写作秒数、毫秒、mm:ss 或 hh:mm:ss")
    return seconds


def _number_cell(row: Sequence[Any], layout: _Layout, what: str, number: int, source: str) -> float | None:
    value = _cell(row, layout, what)
    if _cell_text(value) == "":
        return None
    result = parse_seconds(value)
    if result is None or result > 1:
        raise InputError(f"置信度应在 0 到 1 之间，实际为 {_cell_text(value)!r}", path=source, line=number,
                         field=layout.names[what])
    return result


def _apply_units(rows: list[_Row], layout: _Layout) -> list[str]:
    """Read times as milliseconds when the header says so or the values are far too big."""
    ms = bool(layout.units)
    warnings: list[str] = []
    if not ms and _looks_like_ms(rows):
        ms = True
        warnings.append("时间数值过大，按毫秒解读 (times read as milliseconds)")
    for row in rows:
        turn = row.turn
        if ms:
            turn.start = turn.start / 1000 if turn.start is not None else None
            turn.end = turn.end / 1000 if turn.end is not None else None
        if turn.start is not None and turn.end is not None and turn.end < turn.start:
            warnings.append(f"第 {row.number} 行结束时间早于开始时间，已忽略结束时间 (end before start)")
            turn.end = None
    return warnings


def _looks_like_ms(rows: list[_Row]) -> bool:
    spans = [r.turn.end - r.turn.start for r in rows if r.turn.start is not None and r.turn.end is not None]
    starts = [r.turn.start for r in rows if r.turn.start is not None]
    steps = [b - a for a, b in itertools.pairwise(starts) if b > a]
    typical = spans or steps
    if typical:
        return statistics.median(typical) > 200  # no single turn lasts minutes; 200 ms does
    return bool(starts) and max(starts) > 4 * 3600


def _silence_rows(rows: list[_Row], layout: _Layout) -> tuple[list[str], list[_Row]]:
    """Rows whose speaker is a placeholder (QA exports write 静音, 噪音, 彩铃 in the speaker column):
    nobody spoke. They are left out, unless the recogniser put words in them (then ``unknown``)."""
    silent = [r for r in rows if r.label and PLACEHOLDER.fullmatch(f"[{r.label}]") is not None]
    if not silent:
        return [], []
    worded = [r for r in silent if r.turn.original.strip() and not is_wordless(r.turn.original)]
    for row in silent:
        row.turn.role = Role.UNKNOWN
        if row not in worded:
            row.turn.original = ""
    where = "、".join(str(r.number) for r in silent[:5]) + ("…" if len(silent) > 5 else "")
    name = layout.names["role"]
    warnings = [f"{len(silent)} 行的“{name}”是静音、噪音之类的占位符（第 {where} 行），不是说话人，这些行不计为轮次 "
                "(rows whose speaker is a placeholder such as 静音 are not turns)"]
    if worded:
        warnings.append(f"其中第 {'、'.join(str(r.number) for r in worded[:5])} 行有文字，角色记为 unknown "
                        "(placeholder rows with words are kept as unknown)")
    return warnings, silent


def _apply_roles(rows: list[_Row], layout: _Layout, roles: Mapping[str, str] | None, source: str) -> list[str]:
    silence, silent = _silence_rows(rows, layout)
    if silent:
        return silence + _apply_roles([r for r in rows if r not in silent], layout, roles, source)
    labels = [r.label for r in rows if r.label]
    if labels and all(is_speaker_id(label) for label in labels):
        return _infer_roles(rows, layout, roles, source)
    role_map = RoleMap(roles, source=source)
    resolved = [role_map.resolve(r.label) if r.label else None for r in rows]
    for row, role in zip(rows, resolved, strict=True):
        if role is None and row.label:
            raise InputError(f"无法识别的角色 “{row.label}” (unknown role)", path=source, line=row.number,
                             field=layout.names["role"], hint=ROLES_HINT)
        row.turn.role = role or Role.UNKNOWN
    return _unlabelled_warning(rows, layout)


def _unlabelled_warning(rows: list[_Row], layout: _Layout) -> list[str]:
    """Rows with text and an empty role cell (merged Excel cells read as empty) are not guessed."""
    empty = [r.number for r in rows if not r.label and r.turn.original.strip()]
    if not empty:
        return []
    where = "、".join(map(str, empty[:5])) + ("…" if len(empty) > 5 else "")
    return [f"{len(empty)} 行的“{layout.names['role']}”为空（第 {where} 行），角色记为 unknown；合并的单元格请先取消合并并填充 "
            "(rows without a role are left unknown)"]


def _infer_roles(rows: list[_Row], layout: _Layout, roles: Mapping[str, str] | None, source: str) -> list[str]:
    """The role column holds speaker ids (0/1, spk_0): infer who is the agent."""
    mapping, warnings = assign_speaker_roles([(r.label, r.turn.original) for r in rows if r.label], roles,
                                             source=source)
    for row in rows:
        row.turn.role = mapping.get(row.label, Role.UNKNOWN)
    return warnings + _unlabelled_warning(rows, layout)


def _split_calls(rows: list[_Row], source: str, fmt: str, warnings: list[str]) -> list[Call]:
    groups: dict[str | None, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.call_id, []).append(row)
    calls = []
    for call_id, members in groups.items():
        turns = [r.turn for r in members]
        timed = [r for r in members if r.turn.start is not None or r.turn.end is not None]
        coarse = None
        if timed and all(r.coarse for r in timed):  # to the minute: 0 s then 60 s gaps are no timing
            for turn in turns:
                turn.start = turn.end = None
            coarse = "时间只精确到分钟，不用于计时 (times to the minute only: not used for timing)"
        _, rebased = rebase_wall_clock(turns, force=any(r.dated for r in members))
        fill_missing_ends(turns)
        metadata = replace(CallMetadata(), call_id=call_id) if call_id else CallMetadata()
        wordless = wordless_warning(turns)
        call_warnings = tuple(w for w in (*warnings, coarse, rebased, wordless) if w)
        calls.append(Call(source=source, utterances=build_utterances(turns), metadata=metadata,
                          warnings=call_warnings, source_format=fmt))
    return calls
