from __future__ import annotations

from pathlib import Path

import pytest

from hotline_qa.core.errors import RulebookError
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.pipeline import Engine
from hotline_qa.rules.registry import discover
from hotline_qa.rules.rulebook import load_rulebook


def test_default_rulebook_covers_every_registered_rule() -> None:
    book = load_rulebook()
    assert set(discover()) <= set(book.spec.rules), set(discover()) - set(book.spec.rules)
    weights = sum(d.weight for d in book.spec.form.dimensions.values())
    assert weights == 100


def test_user_rulebook_layers_over_default_and_changes_hash(tmp_path: Path) -> None:
    default = load_rulebook()
    f = tmp_path / "mine.yaml"
    f.write_text("version: '2026.11-acme'\nform:\n  pass_score: 90\n", encoding="utf-8")
    mine = load_rulebook(f)
    assert mine.version == "2026.11-acme"
    assert mine.spec.form.pass_score == 90
    assert mine.spec.form.dimensions == default.spec.form.dimensions  # untouched keys kept
    assert mine.hash != default.hash
    assert str(f) in mine.sources


def test_error_names_file_line_and_key(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("version: x\nform:\n  pass_score: 200\n", encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(f)
    err = info.value
    assert err.path == str(f) and err.line == 3 and err.key == "form.pass_score"
    assert "bad.yaml" in str(err) and "line 3" in str(err)


def test_unknown_rule_code_is_reported_with_its_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("rules:\n  OPN003: {deduction: 2}\n  XYZ999: {deduction: 1}\n", encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(f)
    assert info.value.line == 3 and "XYZ999" in str(info.value)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("rules:\n  OPN003: {deduction: 2\n", encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(f)
    assert info.value.line is not None and "broken.yaml" in str(info.value)


def test_weights_must_sum_to_100(tmp_path: Path) -> None:
    f = tmp_path / "w.yaml"
    f.write_text("form:\n  dimensions:\n    voice: {name: 语音表达, weight: 30}\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="100"):
        load_rulebook(f)


USER_PHRASE_RULE = """
version: acme-1
rules:
  ACM001: {severity: major, deduction: 4}
phrase_rules:
  ACM001:
    slug: taboo.competitor_named
    family: ACM
    name_zh: 提及竞争对手
    name_en: Competitor named
    dimension: courtesy
    kind: forbidden
    role: agent
    phrases: [隔壁公司, 别家]
    exclude: [别家不会]
    message: 坐席提及竞争对手“{matched}”
    suggestion: 只介绍本公司的产品与服务。
"""


def test_user_adds_a_phrase_rule_without_code() -> None:
    book = load_rulebook(text=USER_PHRASE_RULE)
    engine = Engine(book, only={"ACM001"})
    call = parse_dialogue("坐席：您可以去隔壁公司问问\n客户：好吧\n坐席：别家不会这样\n")
    result = engine.evaluate(call).result("ACM001")
    assert result.status.value == "finding"
    assert [f.evidence.spans[0].text for f in result.findings] == ["隔壁公司"]
    assert result.deduction == 4
    clean = engine.evaluate(parse_dialogue("坐席：好的\n")).result("ACM001")
    assert clean.status.value == "passed"


def test_phrase_rule_needs_a_known_dimension() -> None:
    with pytest.raises(RulebookError, match=r"dimension|维度"):
        load_rulebook(text=USER_PHRASE_RULE.replace("dimension: courtesy", "dimension: nowhere"))
