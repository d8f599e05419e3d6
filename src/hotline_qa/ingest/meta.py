"""Call metadata from a sidecar file (``call1.meta.json``), a JSON object or CLI options.

All three use the flat keys of :data:`hotline_qa.core.call.METADATA_KEYS`. Unknown keys are
kept in ``extra`` and reported as warnings; a value of the wrong type is an InputError
naming the file and the field. A ``started_at`` without a zone is taken as Asia/Shanghai.
A sidecar may also carry ``roles`` (its file's role mapping, which replaces ``--roles`` for that
file: :func:`load_sidecar`). Call information written in a transcript itself (a block above a
table's header, key lines above a dialogue's first turn) is read by :func:`metadata_from_info`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from hotline_qa.core.call import METADATA_KEYS, CallMetadata, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import ROLE_VALUES_HINT, label_key, parse_clock, role_from_word, role_value
from hotline_qa.ingest.decode import decode_bytes
from hotline_qa.text.normalize import to_half_width

SIDECAR_SUFFIX = ".meta.json"
DEFAULT_ZONE_NAME = "Asia/Shanghai"

_TEXT_KEYS = ("call_id", "direction", "center_name", "agent_name", "staff_no", "agent_id", "team",
              "business_line")
_SECONDS_KEYS = ("ring_seconds", "queue_seconds")


def sidecar_candidates(transcript: Path) -> tuple[Path, Path]:
    """``call1.txt`` -> (``call1.meta.json``, ``call1.txt.meta.json``)."""
    return (transcript.with_name(transcript.stem + SIDECAR_SUFFIX),
            transcript.with_name(transcript.name + SIDECAR_SUFFIX))


def find_sidecar(transcript: Path) -> Path | None:
    """The sidecar beside ``transcript``, if there is one."""
    return next((p for p in sidecar_candidates(transcript) if p.is_file() and p != transcript), None)


@dataclass(frozen=True, slots=True)
class Sidecar:
    """What a ``.meta.json`` says: the call's metadata, the warnings about it, and the role mapping
    of its file (``"roles": {"A": "customer"}``, normalised to agent/customer/system), or None."""

    metadata: CallMetadata
    warnings: tuple[str, ...] = ()
    roles: Mapping[str, str] | None = None


def read_sidecar(path: Path) -> tuple[CallMetadata, list[str]]:
    """Read a ``.meta.json`` file; returns the metadata and the warnings about it (its ``roles``
    are checked and left out: :func:`load_sidecar` returns them)."""
    sidecar = load_sidecar(path)
    return sidecar.metadata, list(sidecar.warnings)


def load_sidecar(path: Path) -> Sidecar:
    """Read a ``.meta.json`` file: metadata, warnings and role mapping."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取元数据文件 (cannot read the metadata file): {exc.strerror}",
                         path=str(path)) from exc
    text = decode_bytes(data, source=str(path)).text.lstrip("\ufeff")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON 格式错误 (invalid JSON): {exc.msg} 第 {exc.colno} 列 (column {exc.colno})",
                         path=str(path), line=exc.lineno,
                         hint="检查这一处的引号、逗号和括号：最后一项后面不能有逗号 (check quotes, commas and brackets: no "
                              "comma after the last item)") from exc
    if not isinstance(obj, dict):
        raise InputError("元数据文件必须是一个 JSON 对象 (must be a JSON object)", path=str(path))
    return sidecar_from_mapping(obj, source=str(path))


def sidecar_from_mapping(data: Mapping[str, Any], *, source: str) -> Sidecar:
    """A sidecar's parsed content -> :class:`Sidecar` (``roles`` apart, the keys of
    :func:`metadata_from_mapping`)."""
    metadata, warnings = metadata_from_mapping({k: v for k, v in data.items() if k != "roles"}, source=source)
    return Sidecar(metadata, tuple(warnings), sidecar_roles(data.get("roles"), source=source))


def sidecar_roles(value: Any, *, source: str) -> dict[str, str] | None:
    """A sidecar's ``roles`` (label -> role word, as ``--roles`` takes them) -> label -> agent/customer/system.

    The labels are those of its file: role labels (``A``, ``张三``), speaker ids (``spk_0``) or
    channel numbers (``"0"``) of ASR results. A bad value is an InputError naming the file, the
    key ``roles.<label>`` and the role words allowed.
    """
    if value is None:
        return None
    example = '例如 (e.g.) "roles": {"A": "customer", "B": "agent"}'
    if not isinstance(value, Mapping):
        raise InputError("roles 应为对象：标签对应角色 (roles must map labels to roles)", path=source, field="roles",
                         hint=example)
    out: dict[str, str] = {}
    for raw_label, word in value.items():
        label = str(raw_label).strip()
        if not label:
            raise InputError("roles 中有空的标签 (an empty label)", path=source, field="roles", hint=example)
        role = role_value(word)
        if role is None:
            shown = repr(word) if len(repr(word)) <= 40 else repr(word)[:37] + "..."
            backwards = isinstance(word, str) and role_value(label) is not None
            raise InputError(
                f"roles.{label} 的值 {shown} 不是角色 (not a role)", path=source, field=f"roles.{label}",
                hint=(f'写法是 "标签": "角色"，这里像是写反了：{{"{word}": "{label}"}} (label first, then its role)；'
                      if backwards else "") + ROLE_VALUES_HINT)
        out[label] = role.value
    return out or None


# Keys kept in ``extra`` that rules read, so no warning: the customer's name and gender (POL004
# expects "王先生" once they are known from the CRM).
RULE_EXTRA_KEYS = frozenset({"customer_name", "customer_gender"})


def metadata_from_mapping(data: Mapping[str, Any], *, source: str | None = None) -> tuple[CallMetadata, list[str]]:
    """Flat keys -> CallMetadata plus warnings (unknown keys, assumed time zone)."""
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    warnings: list[str] = []
    for raw_key, value in data.items():
        key = str(raw_key)
        if key == "extra" and isinstance(value, Mapping):
            extra.update({str(k): v for k, v in value.items()})
        elif key in METADATA_KEYS:
            if value is not None and value != "":
                values[key] = _convert(key, value, source, warnings)
        elif key in RULE_EXTRA_KEYS:
            extra[key] = value
        else:
            extra[key] = value
            warnings.append(f"未知的元数据字段 “{key}” 已保留在 extra 中 (unknown metadata key kept)"
                            + (f": {source}" if source else ""))
    return CallMetadata(**values, extra=extra), warnings


def merge_metadata(base: CallMetadata, override: CallMetadata) -> CallMetadata:
    """Fields set in ``override`` win; ``extra`` dictionaries are merged."""
    changes: dict[str, Any] = {
        f.name: getattr(override, f.name) for f in fields(CallMetadata)
        if f.name != "extra" and getattr(override, f.name) is not None
    }
    changes["extra"] = {**dict(base.extra), **dict(override.extra)}
    return replace(base, **changes)


# What call systems write for the direction of a call; the rules read "inbound"/"outbound".
_DIRECTIONS = {
    **dict.fromkeys(("inbound", "in", "incoming", "呼入", "来电", "呼入电话", "来话", "被叫"), "inbound"),
    **dict.fromkeys(("outbound", "out", "outgoing", "callback", "呼出", "外呼", "去电", "去话", "回访", "回拨", "回电",
                     "主叫"), "outbound"),
}


def _direction(value: Any, source: str | None, warnings: list[str]) -> str:
    text = _text("direction", value, source)
    found = _DIRECTIONS.get(text.strip().lower())
    if found is None:
        warnings.append(f"direction “{text}” 不是 inbound/outbound（呼入/呼出），按未知方向处理 (unknown direction)"
                        + (f": {source}" if source else ""))
        return text
    return found


def _convert(key: str, value: Any, source: str | None, warnings: list[str]) -> Any:
    if key == "direction":
        return _direction(value, source, warnings)
    if key in _TEXT_KEYS:
        return _text(key, value, source)
    if key in _SECONDS_KEYS:
        return _seconds(key, value, source)
    if key == "hangup_by":
        return _hangup_by(value, source)
    return _started_at(value, source, warnings)


def _text(key: str, value: Any, source: str | None) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _bad(key, value, "应为文本 (expected text)", source)


def _seconds(key: str, value: Any, source: str | None) -> float:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().removesuffix("s"))
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise _bad(key, value, "应为非负的秒数 (expected a number of seconds >= 0)", source)
    return number


def _hangup_by(value: Any, source: str | None) -> Role:
    role = role_from_word(value) if isinstance(value, str) else None
    if role is None or role is Role.UNKNOWN:
        raise _bad("hangup_by", value, "应为 agent、customer 或 system (坐席/客户/系统)", source)
    return role


def _started_at(value: Any, source: str | None, warnings: list[str]) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise _bad("started_at", value, "应为 ISO 8601 时间，例如 2024-05-01T09:30:00+08:00", source) from exc
    else:
        raise _bad("started_at", value, "应为 ISO 8601 时间，例如 2024-05-01T09:30:00+08:00", source)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=default_zone())
        warnings.append(f"started_at 没有时区，按 {DEFAULT_ZONE_NAME} 处理 (no time zone; assumed "
                        f"{DEFAULT_ZONE_NAME})" + (f": {source}" if source else ""))
    return moment


def default_zone() -> tzinfo:
    """Asia/Shanghai from the zone database, or a fixed +08:00 when none is installed."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(DEFAULT_ZONE_NAME)
    except Exception:
        return timezone(timedelta(hours=8), DEFAULT_ZONE_NAME)


def _bad(key: str, value: Any, expected: str, source: str | None) -> InputError:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return InputError(f"元数据值 {shown} 无效 (invalid value): {expected}", path=source, field=key)


# --- call information written in the transcript itself ------------------------------------------------
# Exports put a block of call information above a table's header (通话ID | 20261118-0042, 坐席 | 王芳,
# 开始时间 | 2026-11-18 09:12:05), and transcribers a few lines above the first turn (日期：…, 工号：…).
# The keys the sidecar knows are read into the metadata; the file's sidecar and the options still win.

#: Call-information keys (compared without case, spaces, ``_``/``-``, a trailing colon or unit) -> the
#: metadata key. ``date`` is a date that a time-of-day key completes; ``started_at?`` is a start time
#: only when it has a date (通话时间 may be a duration); ``direction?`` a direction only when the
#: value is one (通话类型 may be 咨询/投诉).
INFO_KEYS: Mapping[str, str] = {
    **dict.fromkeys(("通话id", "通话编号", "通话流水号", "录音编号", "录音id", "会话id", "会话编号", "流水号", "呼叫id",
                     "呼叫编号", "通话标识", "callid", "contactid", "sessionid"), "call_id"),
    **dict.fromkeys(("坐席", "座席", "坐席姓名", "座席姓名", "坐席名称", "坐席名", "客服", "客服姓名", "客服人员", "话务员",
                     "接线员", "员工姓名", "受理人", "接听人", "接听坐席", "接待人", "agent", "agentname"), "agent_name"),
    **dict.fromkeys(("工号", "坐席工号", "座席工号", "客服工号", "员工工号", "员工编号", "话务员工号", "staffno", "staffid",
                     "employeeid", "employeeno", "agentno"), "staff_no"),
    **dict.fromkeys(("坐席id", "座席id", "坐席账号", "座席账号", "agentid"), "agent_id"),
    **dict.fromkeys(("班组", "所属班组", "班组名称", "组别", "小组", "所属小组", "团队", "所属团队", "team"), "team"),
    **dict.fromkeys(("业务线", "业务类型", "业务类别", "业务", "所属业务", "businessline", "lineofbusiness"),
                    "business_line"),
    **dict.fromkeys(("中心", "呼叫中心", "中心名称", "所属中心", "热线名称", "center", "centername", "callcenter"),
                    "center_name"),
    **dict.fromkeys(("接通时间", "应答时间", "开始时间", "通话开始时间", "来电时间", "呼入时间", "呼叫时间", "时间",
                     "starttime", "startedat", "start", "answertime", "calltime", "time"), "started_at"),
    **dict.fromkeys(("通话时间",), "started_at?"),
    **dict.fromkeys(("日期", "通话日期", "来电日期", "date"), "date"),
    **dict.fromkeys(("方向", "呼叫方向", "通话方向", "呼入呼出", "呼入/呼出", "direction", "calldirection"), "direction"),
    **dict.fromkeys(("呼叫类型", "通话类型", "calltype"), "direction?"),
    **dict.fromkeys(("振铃时长", "振铃时间", "响铃时长", "响铃时间", "振铃", "ringseconds", "ringtime", "ringduration"),
                    "ring_seconds"),
    **dict.fromkeys(("排队时长", "排队时间", "排队等待时长", "等待时长", "queueseconds", "queuetime", "waittime"),
                    "queue_seconds"),
    **dict.fromkeys(("挂机方", "挂断方", "挂机方向", "hangupby"), "hangup_by"),
}
# Where several keys give the start, the moment the agent answered wins over the ring's.
_START_PRIORITY = ("接通时间", "应答时间", "answertime", "开始时间", "通话开始时间", "starttime", "startedat", "start")
_INFO_UNITS = ("(秒)", "（秒）", "(s)", "(sec)", "秒", "(毫秒)", "（毫秒）", "(ms)")
_MOMENT = re.compile(r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
                     r"(?:(?:\s+|T|\s*日\s*)(?P<h>\d{1,2})\s*[:：时]\s*(?P<mi>\d{1,2})\s*(?:[:：分]\s*(?P<s>\d{1,2}(?:\.\d+)?)"
                     r"\s*秒?)?\s*分?\s*(?P<z>Z|[+-]\d{2}:?\d{2})?)?$")
_CLOCK_ONLY = re.compile(r"^(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}(?:\.\d+)?))?$")
_MIN_SEC = re.compile(r"^(?:(?P<h>\d+)\s*(?:小时|时|h))?\s*(?:(?P<m>\d+)\s*(?:分钟|分|min|m))?\s*(?:(?P<s>\d+(?:\.\d+)?)\s*"
                      r"(?:秒钟|秒|s|sec))?$", re.IGNORECASE)
_EXPECTED = {
    "started_at": "2026-11-18 09:12:05（日期和时间）",
    "ring_seconds": "秒数，如 12、12秒 或 00:00:12",
    "queue_seconds": "秒数，如 45、45秒 或 00:00:45",
    "direction": "呼入 或 呼出 (inbound/outbound)",
    "hangup_by": "坐席、客户 或 系统 (agent/customer/system)",
}


@dataclass(frozen=True, slots=True)
class InfoItem:
    """One key and its value from a call-information block: ``line`` is its row or line number."""

    line: int
    key: str
    value: Any


def info_field(key: str) -> str | None:
    """The metadata key a call-information key names (``通话ID`` -> ``call_id``), or None."""
    return INFO_KEYS.get(_info_key(key))


def _info_key(key: str) -> str:
    norm = label_key(key).rstrip(":：").strip()
    for unit in _INFO_UNITS:
        if norm.endswith(unit) and len(norm) > len(unit):
            norm = norm[: -len(unit)]
    return norm.replace(" ", "").replace("_", "").replace("-", "")


def metadata_from_info(items: Sequence[InfoItem], *, where: str) -> tuple[CallMetadata, list[str]]:
    """Call-information items -> metadata, and warnings.

    Known keys (:data:`INFO_KEYS`) fill the metadata; other keys go to ``extra``, as written. A
    value that cannot be read (a start time without a date, ``振铃时长：很久``) is a warning naming
    its line and what it should look like, and is kept in ``extra``; it never stops the import.
    ``where`` says where the block stands, for the summary warning ("表头上方").
    """
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    warnings: list[str] = []
    read: list[str] = []
    dates: list[InfoItem] = []
    clocks: list[InfoItem] = []
    starts: list[tuple[int, datetime]] = []
    for item in items:
        text = _info_text(item.value)
        if not text and not isinstance(item.value, datetime | date | time | timedelta):
            continue
        name = item.key.strip().rstrip(":：").strip()
        field = info_field(name)
        found: Any = None
        if field in ("started_at", "started_at?", "date"):
            moment, day, clock = _info_moment(item.value)
            if field == "date" and moment is not None and isinstance(item.value, datetime) and clock == time():
                moment = None  # an Excel date cell under 日期: a day, not midnight
            if moment is not None and field != "date":
                rank = next((i for i, k in enumerate(_START_PRIORITY) if k == _info_key(name)), len(_START_PRIORITY))
                starts.append((rank, moment))
                read.append(name)
                continue
            if field == "date" and day is not None:
                dates.append(item)
                if moment is None:
                    continue
                starts.append((len(_START_PRIORITY) + 1, moment))
                read.append(name)
                continue
            if field == "started_at" and clock is not None:
                clocks.append(item)
                continue
            if field == "started_at":
                warnings.append(_bad_info(item, name, "started_at"))
            extra[name] = text
            continue
        if field == "direction?":
            found = _DIRECTIONS.get(text.lower())
            if found is None:
                extra[name] = text
                continue
            field = "direction"
        elif field == "direction":
            found = _DIRECTIONS.get(text.lower())
        elif field in _SECONDS_KEYS:
            found = _info_seconds(item.value)
        elif field == "hangup_by":
            found = _info_party(text)
        elif field is not None:
            found = text
        if field is None:
            extra[name] = text if not isinstance(item.value, int | float) else item.value
            continue
        if found is None:
            warnings.append(_bad_info(item, name, field))
            extra[name] = text
            continue
        values.setdefault(field, found)
        read.append(name)
    if clocks:
        day = _info_moment(dates[0].value)[1] if dates else None
        clock = _info_moment(clocks[0].value)[2]
        if day is not None and clock is not None:
            starts.append((len(_START_PRIORITY), datetime.combine(day, clock, default_zone())))
            read.extend(dict.fromkeys([dates[0].key.strip().rstrip(":："), clocks[0].key.strip().rstrip(":：")]))
        else:
            for item in clocks:
                warnings.append(_bad_info(item, item.key.strip().rstrip(":："), "started_at"))
                extra[item.key.strip().rstrip(":：")] = _info_text(item.value)
    if dates and not starts:
        for item in dates:
            day = _info_moment(item.value)[1]
            extra[item.key.strip().rstrip(":：")] = day.isoformat() if day is not None else _info_text(item.value)
    if starts:
        values["started_at"] = min(starts, key=lambda s: s[0])[1]
    if read or extra:
        known = "、".join(dict.fromkeys(read))
        others = "、".join(k for k in extra)
        parts = ([f"{known} 已读入元数据"] if known else []) + ([f"{others} 保留在 extra 中"] if others else [])
        warnings.insert(0, f"{where}的通话信息：{'；'.join(parts)}；旁注文件 .meta.json 中的同名字段优先 "
                           "(call information in the file read into the metadata; the sidecar wins)")
    return CallMetadata(**values, extra=extra), warnings


def _info_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a staff number Excel stored as 3527.0
    return str(value).strip()


def _info_moment(value: Any) -> tuple[datetime | None, date | None, time | None]:
    """A start time (date and time, in the call center's zone unless written) -> (moment, date, time);
    a date alone or a time alone fills only its part."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=default_zone())
        return moment, value.date(), value.time()
    if isinstance(value, date):
        return None, value, None
    if isinstance(value, time):
        return None, None, value
    text = to_half_width(_info_text(value))
    match = _MOMENT.match(text)
    if match is not None:
        try:
            day = date(int(match["y"]), int(match["mo"]), int(match["d"]))
            if match["h"] is None:
                return None, day, None
            seconds = float(match["s"] or 0)
            clock = time(int(match["h"]), int(match["mi"]), int(seconds), round((seconds % 1) * 1e6))
        except ValueError:
            return None, None, None
        zone = default_zone() if match["z"] is None else _offset(match["z"])
        return datetime.combine(day, clock, zone), day, clock
    match = _CLOCK_ONLY.match(text)
    if match is not None:
        seconds = float(match["s"] or 0)
        try:
            return None, None, time(int(match["h"]), int(match["mi"]), int(seconds))
        except ValueError:
            return None, None, None
    return None, None, None


def _offset(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _info_seconds(value: Any) -> float | None:
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) and value >= 0 else None
    text = to_half_width(_info_text(value))
    clock = parse_clock(text)
    if clock is not None:
        return clock
    match = _MIN_SEC.match(text)
    if match is not None and any(match.group(g) for g in ("h", "m", "s")):
        return (int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + float(match["s"] or 0))
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _info_party(text: str) -> Role | None:
    """``客户``, ``客户挂机``, ``坐席侧挂断``, ``用户先挂`` -> the role that hung up."""
    word = re.sub(r"(?:侧|方|端)?(?:先)?(?:挂机|挂断|挂线|挂)?$", "", text.strip()) or text
    role = role_value(word)
    return role if role is not None and role is not Role.UNKNOWN else None


def _bad_info(item: InfoItem, name: str, field: str) -> str:
    shown = _info_text(item.value)
    shown = shown if len(shown) <= 30 else shown[:27] + "..."
    return (f"第 {item.line} 行“{name}”的值 “{shown}” 无法读取，应写作 {_EXPECTED.get(field, '文本')}，已保留在 extra 中 "
            f"(row {item.line}: {field} not understood; kept in extra)")
