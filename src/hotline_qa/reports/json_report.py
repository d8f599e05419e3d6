"""The evaluation record as JSON (one document) and JSONL (one line per call).

The shape is published as ``docs/evaluation.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from pathlib import PurePath
from typing import Any

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.text.redact import redact_evaluation_dict


def evaluation_record(ev: Evaluation, *, redact: bool = False) -> dict[str, Any]:
    """``ev.to_dict()``, with personal data masked when ``redact`` is true."""
    d = ev.to_dict()
    return redact_evaluation_dict(d) if redact else d


def _default(value: Any) -> Any:
    """Values that may sit in ``analysis`` or ``call`` but that json cannot write by itself."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"无法写成 JSON 的值 (not JSON serialisable): {type(value).__name__}")


def evaluation_json(ev: Evaluation, *, redact: bool = False, indent: int | None = 2) -> str:
    """The evaluation as a JSON document (UTF-8 text, Chinese kept as is)."""
    return json.dumps(evaluation_record(ev, redact=redact), ensure_ascii=False, indent=indent,
                      default=_default)


def evaluation_jsonl_line(ev: Evaluation, *, redact: bool = False) -> str:
    """The evaluation as one JSONL line, without the trailing newline."""
    return json.dumps(evaluation_record(ev, redact=redact), ensure_ascii=False,
                      separators=(",", ":"), default=_default)
