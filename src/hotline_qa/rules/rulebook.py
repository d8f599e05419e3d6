"""The rulebook: the packaged default YAML with a user's file layered over it.

Validation errors name the file, the line and the key. Every evaluation records the
rulebook's version and a hash of its merged content, so calls can be re-scored and
compared when the rulebook changes.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hotline_qa.core.errors import RulebookError
from hotline_qa.core.findings import Severity
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.phrase_rule import PhraseRuleSpec, make_phrase_rule
from hotline_qa.rules.registry import discover

DEFAULT_RULEBOOK = "default_rulebook.yaml"


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    severity: Severity | None = None
    deduction: float | None = Field(default=None, ge=0)
    max_deduction: float | None = Field(default=None, ge=0)
    dimension: str | None = None
    suggestion: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class DimensionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    name_en: str = ""
    weight: float = Field(ge=0)


class FormSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pass_score: float = Field(default=80, ge=0, le=100)
    dimensions: dict[str, DimensionSpec]


class CompanySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    center_names: list[str] = Field(default_factory=list)
    identity_patterns: list[str] = Field(default_factory=list)
    agent_name_patterns: list[str] = Field(default_factory=list)
    staff_no_patterns: list[str] = Field(default_factory=list)


class CallKindsSpec(BaseModel):
    """A center's additions to the special-call cues (``analyzers.call_kind.CallKindSettings``)."""

    model_config = ConfigDict(extra="forbid")
    wrong_number_patterns: list[str] = Field(default_factory=list)
    decline_patterns: list[str] = Field(default_factory=list)
    tail_chars: int = Field(default=8, ge=0)
    max_customer_turns: int = Field(default=3, ge=1)

    @field_validator("wrong_number_patterns", "decline_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"正则表达式无效 (invalid regular expression) {pattern!r}: {exc}") from exc
        return patterns


class RulebookSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    timezone: str = "Asia/Shanghai"
    company: CompanySpec = Field(default_factory=CompanySpec)
    call_kinds: CallKindsSpec = Field(default_factory=CallKindsSpec)
    jargon: dict[str, list[str]] = Field(default_factory=dict)
    form: FormSpec
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    phrase_rules: dict[str, PhraseRuleSpec] = Field(default_factory=dict)


@dataclass(frozen=True)
class Rulebook:
    """A validated, merged rulebook, ready to build rules from."""

    spec: RulebookSpec
    sources: tuple[str, ...]
    raw: Mapping[str, Any] = field(repr=False)

    @property
    def version(self) -> str:
        return self.spec.version

    @cached_property
    def hash(self) -> str:
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    @property
    def settings(self) -> dict[str, Any]:
        """The general settings rules may read through ``CallContext.settings``."""
        return {
            "timezone": self.spec.timezone,
            "company": self.spec.company.model_dump(),
            "call_kinds": self.spec.call_kinds.model_dump(),
            "jargon": dict(self.spec.jargon),
        }

    def rule_classes(self) -> dict[str, type[Rule]]:
        classes: dict[str, type[Rule]] = dict(discover())
        for code, spec in self.spec.phrase_rules.items():
            classes[code] = make_phrase_rule(code, spec)
        return classes

    def config_for(self, code: str) -> RuleConfig:
        s = self.spec.rules.get(code)
        if s is None:
            raise RulebookError(f"规则 {code} 在规则库中没有配置 (no settings for rule {code})",
                                key=f"rules.{code}")
        return RuleConfig(
            code=code, enabled=s.enabled, severity=s.severity or Severity.MINOR,
            deduction=s.deduction if s.deduction is not None else 0.0,
            max_deduction=s.max_deduction, dimension=s.dimension, params=dict(s.params),
            suggestion=s.suggestion,
        )

    def build_rules(self, *, only: set[str] | None = None) -> list[Rule]:
        """Instances of every enabled rule (or of ``only``), in code order."""
        rules: list[Rule] = []
        for code, cls in sorted(self.rule_classes().items()):
            if only is not None and code not in only:
                continue
            if code not in self.spec.rules:
                continue  # a class without settings is not part of this rulebook
            config = self.config_for(code)
            if config.enabled:
                rules.append(cls(config))
        return rules


def _default_texts() -> list[tuple[str, str]]:
    """The packaged default: the main file, then one fragment per rule family."""
    root = resources.files("hotline_qa.rules")
    texts = [(f"<packaged {DEFAULT_RULEBOOK}>", root.joinpath(DEFAULT_RULEBOOK).read_text(encoding="utf-8"))]
    frag_dir = root.joinpath("defaults")
    for item in sorted(frag_dir.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".yaml"):
            texts.append((f"<packaged defaults/{item.name}>", item.read_text(encoding="utf-8")))
    return texts


def _key_lines(node: yaml.Node, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """Map each key path in a YAML document to its 1-based line number."""
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            lines.update(_key_lines(value_node, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = (*path, str(i))
            lines[key] = item.start_mark.line + 1
            lines.update(_key_lines(item, key))
    return lines


def _parse(text: str, name: str) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulebookError(f"YAML 语法错误 (syntax error): {getattr(exc, 'problem', exc)}", path=name,
                            line=mark.line + 1 if mark else None) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RulebookError("规则库顶层必须是映射 (the top level must be a mapping)", path=name, line=1)
    return data, (_key_lines(node) if node is not None else {})


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def _validate(data: dict[str, Any], lines_by_source: list[tuple[str, dict[tuple[str, ...], int]]]
              ) -> RulebookSpec:
    try:
        return RulebookSpec.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(str(p) for p in err["loc"])
        # The user's file is layered last: prefer its line for the key, else the default's.
        for name, lines in reversed(lines_by_source):
            for n in range(len(loc), 0, -1):
                if loc[:n] in lines:
                    raise RulebookError(err["msg"], path=name, line=lines[loc[:n]],
                                        key=".".join(loc)) from None
        raise RulebookError(err["msg"], path=lines_by_source[-1][0], key=".".join(loc)) from None


def _check_codes(spec: RulebookSpec, lines_by_source: list[tuple[str, dict[tuple[str, ...], int]]]) -> None:
    known = set(discover()) | set(spec.phrase_rules)
    dims = set(spec.form.dimensions)
    for code in spec.rules:
        if code not in known:
            _raise_at(lines_by_source, ("rules", code),
                      f"未知的规则代码 {code} (unknown rule code; see `hotline-qa rules`)")
    for code, ps in spec.phrase_rules.items():
        if ps.dimension not in dims:
            _raise_at(lines_by_source, ("phrase_rules", code, "dimension"),
                      f"维度 {ps.dimension} 不在评分表中 (dimension not in form: {sorted(dims)})")
        if code not in spec.rules:
            _raise_at(lines_by_source, ("phrase_rules", code),
                      f"短语规则 {code} 需要在 rules: 下配置扣分 (add rules.{code} with severity and deduction)")
    for code, rs in spec.rules.items():
        if rs.dimension and rs.dimension not in dims:
            _raise_at(lines_by_source, ("rules", code, "dimension"),
                      f"维度 {rs.dimension} 不在评分表中 (dimension not in form: {sorted(dims)})")
    total = sum(d.weight for d in spec.form.dimensions.values())
    if abs(total - 100) > 1e-6:
        _raise_at(lines_by_source, ("form", "dimensions"),
                  f"评分表维度权重之和为 {total:g}，应为 100 (weights must sum to 100)")


def _raise_at(lines_by_source: list[tuple[str, dict[tuple[str, ...], int]]], key: tuple[str, ...],
              message: str) -> None:
    for name, lines in reversed(lines_by_source):
        if key in lines:
            raise RulebookError(message, path=name, line=lines[key], key=".".join(key))
    raise RulebookError(message, path=lines_by_source[-1][0], key=".".join(key))


def load_rulebook(path: str | Path | None = None, *, text: str | None = None) -> Rulebook:
    """The default rulebook, with the user's file (or YAML text) layered over it."""
    sources: list[tuple[str, dict[tuple[str, ...], int]]] = []
    data: dict[str, Any] = {}
    for name, default_text in _default_texts():
        part, part_lines = _parse(default_text, name)
        data = _merge(data, part)
        sources.append((name, part_lines))
    if path is not None or text is not None:
        name = str(path) if path is not None else "<rulebook text>"
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8")  # type: ignore[arg-type]
            except FileNotFoundError:
                raise RulebookError("文件不存在 (file not found)", path=name) from None
            except UnicodeDecodeError:
                raise RulebookError("规则库必须是 UTF-8 编码 (the rulebook must be UTF-8)", path=name) from None
            except OSError as exc:  # a folder, no permission
                raise RulebookError(f"无法读取 (cannot read): {exc.strerror or exc}；请给出一个 YAML 文件 "
                                    "(give a YAML file)", path=name) from None
        user_data, user_lines = _parse(text, name)
        data = _merge(data, user_data)
        sources.append((name, user_lines))
    spec = _validate(data, sources)
    _check_codes(spec, sources)
    return Rulebook(spec=spec, sources=tuple(n for n, _ in sources), raw=data)
