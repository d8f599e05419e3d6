"""Reading JSON and JSON Lines for the JSON-based importers, with errors that name the place."""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hotline_qa.core.errors import InputError


@dataclass(frozen=True, slots=True)
class JsonDocument:
    """One parsed JSON value and the line it started on (1 for a plain JSON file)."""

    value: Any
    line: int


def load_json_documents(text: str, *, source: str) -> list[JsonDocument]:
    """A JSON file (one value) or JSON Lines (one value per non-blank line)."""
    text = text.lstrip("\ufeff")
    try:
        return [JsonDocument(json.loads(text), 1)]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise _decode_error(exc, text, source=source) from exc
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append(JsonDocument(json.loads(line), number))
        except json.JSONDecodeError as exc:
            raise _decode_error(exc, line, source=source, line=number) from exc
    return documents


# numpy scalars as printed by numpy 2 ("np.int64(0)", "np.float32(0.93)"): the number inside.
_NUMPY_SCALAR = re.compile(r"\b(?:np|numpy)\.(?:u?int\d*|float\d*|bool_?|str_)\(([^()]*)\)")


def python_literal_as_json(text: str) -> str | None:
    """``print(res)`` output (a Python list or dict: single quotes, ``None``, ``True``), as JSON text.

    FunASR and other Python toolkits' examples print their results; saved from the console, that
    is no JSON (``[{'key': 'a', 'spk': 0}]``). It is read as a Python literal — data only, nothing
    is run — or None when it is not one (then the usual JSON error stands).
    """
    stripped = text.strip().lstrip("\ufeff")
    if stripped[:2] not in ("[{", "{'", "[[", "['") and not stripped.startswith(("[ {", "{ '")):
        return None
    if "'" not in stripped[:200]:
        return None
    try:
        value = ast.literal_eval(_NUMPY_SCALAR.sub(r"\1", stripped))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(value, list | dict):
        return None
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return None  # sets, tuples as keys: not a result we read


def load_json(text: str, *, source: str) -> Any:
    """Exactly one JSON value."""
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _decode_error(exc, text, source=source) from exc


def _decode_error(exc: json.JSONDecodeError, text: str, *, source: str, line: int | None = None) -> InputError:
    """The parser's complaint with its line and column, and a hint when the file stops short."""
    kind = "JSON 格式错误 (invalid JSON)" if line is None else "JSON Lines 格式错误 (invalid JSON line)"
    truncated = not text[exc.pos:].strip() or exc.msg.startswith("Unterminated string")
    return InputError(
        f"{kind}: {exc.msg} 第 {exc.colno} 列 (column {exc.colno})", path=source,
        line=exc.lineno if line is None else line,
        hint=("文件在这里中断，可能没有保存完整或被截断 (the file ends too early: was it cut off?)"
              if truncated else "检查这一处的引号、逗号和括号 (check the quotes, commas and brackets here)"))


def expect_object(value: Any, where: str, *, source: str, line: int | None = None) -> Mapping[str, Any]:
    """``value`` must be a JSON object."""
    if not isinstance(value, Mapping):
        raise InputError("应为 JSON 对象 (expected an object)", path=source, line=line, field=where)
    return value


def expect_list(value: Any, where: str, *, source: str, line: int | None = None) -> list[Any]:
    """``value`` must be a JSON array."""
    if not isinstance(value, list):
        raise InputError("应为 JSON 数组 (expected an array)", path=source, line=line, field=where)
    return value


def optional_number(obj: Mapping[str, Any], key: str, where: str, *, source: str,
                    line: int | None = None, scale: float = 1.0) -> float | None:
    """A finite, non-negative number (or null/absent -> None), divided by ``scale``.

    Numeric strings are accepted: several ASR services write times as "1.23".
    """
    value = obj.get(key)
    if value is None or value == "":
        return None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise InputError(f"应为非负数 (expected a number >= 0), 实际为 {value!r}", path=source, line=line,
                         field=f"{where}.{key}")
    return number / scale


def optional_text(obj: Mapping[str, Any], key: str, where: str, *, source: str,
                  line: int | None = None) -> str | None:
    """A string (numbers are turned into strings) or None."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"应为文本 (expected text), 实际为 {type(value).__name__}", path=source, line=line,
                     field=f"{where}.{key}")


def check_span(start: float | None, end: float | None, where: str, *, source: str,
               line: int | None = None) -> None:
    """The end of a turn may not come before its start."""
    if start is not None and end is not None and end < start:
        raise InputError(f"结束时间 {end} 早于开始时间 {start} (end before start)", path=source, line=line,
                         field=where)
