"""Call metadata from a sidecar file (``call1.meta.json``), a JSON object or CLI options.

All three use the flat keys of :data:`hotline_qa.core.call.METADATA_KEYS`. Unknown keys are
kept in ``extra`` and reported as warnings; a value of the wrong type is an InputError
naming the file and the field. A ``started_at`` without a zone is taken as Asia/Shanghai.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from hotline_qa.core.call import METADATA_KEYS, CallMetadata, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import role_from_word
from hotline_qa.ingest.decode import decode_bytes

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


def read_sidecar(path: Path) -> tuple[CallMetadata, list[str]]:
    """Read a ``.meta.json`` file; returns the metadata and the warnings about it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取元数据文件 (cannot read the metadata file): {exc.strerror}",
                         path=str(path)) from exc
    text = decode_bytes(data, source=str(path)).text.lstrip("\ufeff")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON 格式错误 (invalid JSON): {exc.msg}", path=str(path), line=exc.lineno) from exc
    if not isinstance(obj, dict):
        raise InputError("元数据文件必须是一个 JSON 对象 (must be a JSON object)", path=str(path))
    return metadata_from_mapping(obj, source=str(path))


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


def _convert(key: str, value: Any, source: str | None, warnings: list[str]) -> Any:
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
