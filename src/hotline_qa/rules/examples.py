"""A rule's examples: the YAML case file beside the rules, used by the tests, by
``hotline-qa explain CODE`` and by the generated rule pages.

File ``examples/<CODE>.yml``::

    code: OPN003
    cases:
      - name: 只说您好，没有报单位和工号
        expect: finding          # finding | passed | not_applicable
        findings: 1              # optional: exact number of findings
        matched: [喂]            # optional: words the evidence must highlight
        meta: {ring_seconds: 20} # optional: call metadata (flat keys)
        reason: 转接             # optional: words the not-applicable reason must contain
        transcript: |
          [00:00.0-00:01.5 坐席] 您好
          [00:01.8-00:04.0 客户] 我想查一下话费
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hotline_qa.core.errors import RulebookError

EXPECTATIONS = ("finding", "passed", "not_applicable")


@dataclass(frozen=True)
class Example:
    code: str
    name: str
    expect: str
    transcript: str
    meta: dict[str, Any] = field(default_factory=dict)
    findings: int | None = None
    matched: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    reason: str = ""


def examples_dir() -> Any:
    return resources.files("hotline_qa.rules").joinpath("examples")


@cache
def load_examples(code: str) -> tuple[Example, ...]:
    """The examples of one rule; an empty tuple when the rule has no case file."""
    item = examples_dir().joinpath(f"{code}.yml")
    if not item.is_file():
        return ()
    name = f"examples/{code}.yml"
    try:
        data = yaml.safe_load(item.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RulebookError(f"YAML 语法错误: {exc}", path=name) from None
    if data.get("code") != code:
        raise RulebookError(f"case file declares code {data.get('code')!r}", path=name, key="code")
    out = []
    for i, case in enumerate(data.get("cases") or []):
        expect = case.get("expect")
        if expect not in EXPECTATIONS:
            raise RulebookError(f"expect must be one of {EXPECTATIONS}", path=name, key=f"cases.{i}.expect")
        out.append(Example(
            code=code, name=str(case.get("name", f"case {i}")), expect=expect,
            transcript=str(case.get("transcript", "")), meta=dict(case.get("meta") or {}),
            findings=case.get("findings"), matched=tuple(case.get("matched") or ()),
            params=dict(case.get("params") or {}), note=str(case.get("note", "")),
            reason=str(case.get("reason", "")),
        ))
    return tuple(out)


def example_codes() -> list[str]:
    return sorted(p.name[:-4] for p in examples_dir().iterdir() if p.name.endswith(".yml"))


def bad_and_good(code: str) -> tuple[Example | None, Example | None]:
    """The first failing and the first passing example (the Anti-pattern / Best practice)."""
    exs = load_examples(code)
    bad = next((e for e in exs if e.expect == "finding"), None)
    good = next((e for e in exs if e.expect == "passed"), None)
    return bad, good
