"""Parsing of CLI option strings (roles, metadata, columns) with clear errors."""

from __future__ import annotations

from typing import Any

from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import ROLE_VALUES_HINT, role_value


def _role(word: str) -> str | None:
    """``agent``/``customer``/``system`` for any role word a sidecar's ``roles`` accepts (坐席, 话务员,
    客户, 用户, 来电人, 系统, 机器人…), None for anything else: one list for the CLI and the files."""
    role = role_value(word.strip())
    return role.value if role is not None else None


_PAIR_EXAMPLES = {"--roles": "--roles A=agent,B=customer", "--meta": "--meta ring_seconds=12,hangup_by=customer",
                  "--columns": "--columns role=说话人,text=内容"}


def parse_pairs(values: list[str] | None, option: str) -> dict[str, str]:
    """``["A=agent,B=customer", "x=y"]`` -> ``{"A": "agent", "B": "customer", "x": "y"}``."""
    out: dict[str, str] = {}
    for value in values or []:
        for part in value.replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise InputError(f"“{part}” 不是 KEY=VALUE 形式", field=option,
                                 hint=f"例如 (e.g.) {_PAIR_EXAMPLES.get(option, option + ' KEY=VALUE')}")
            key, val = (s.strip() for s in part.split("=", 1))
            if not key:
                raise InputError(f"“{part}” 缺少键名 (missing key)", field=option)
            out[key] = val
    return out


def parse_roles(values: list[str] | None) -> dict[str, str]:
    pairs = parse_pairs(values, "--roles")
    out = {}
    for label, role in pairs.items():
        norm = _role(role)
        if norm is None:
            raise InputError(f"角色“{role}”无效，应为 agent/customer/system (坐席/客户/系统)", field="--roles",
                             hint=ROLE_VALUES_HINT)
        out[label] = norm
    return out


def parse_meta(values: list[str] | None) -> dict[str, Any]:
    pairs = parse_pairs(values, "--meta")
    out: dict[str, Any] = {}
    for key, val in pairs.items():
        if key in ("ring_seconds", "queue_seconds"):
            try:
                out[key] = float(val)
            except ValueError:
                raise InputError(f"{key} 应为秒数 (a number of seconds), 收到 “{val}”", field="--meta") from None
        else:
            out[key] = val
    return out


def parse_channels(value: str) -> tuple[str, str]:
    """``"agent,customer"`` (or ``坐席,客户``) -> the roles of channel 0 and 1 of a recording."""
    parts = [p.strip() for p in value.replace("，", ",").split(",") if p.strip()]
    roles = [_role(p) for p in parts]
    if len(roles) != 2 or set(roles) != {"agent", "customer"}:
        raise InputError(f"“{value}” 应为两个声道的角色，一个 agent 一个 customer (one agent, one customer)",
                         field="--channels", hint="例如 --channels agent,customer 或 --channels customer,agent")
    return roles[0], roles[1]  # type: ignore[return-value]
