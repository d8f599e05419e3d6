"""The generic rule test: every case in src/hotline_qa/rules/examples/<CODE>.yml.

`pytest -k OPN003` runs one rule's cases.
"""

from __future__ import annotations

from functools import cache

import pytest

from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import metadata_from_mapping
from hotline_qa.pipeline import Engine
from hotline_qa.rules.examples import Example, example_codes, load_examples
from hotline_qa.rules.rulebook import load_rulebook

CASES = [(code, i, ex) for code in example_codes() for i, ex in enumerate(load_examples(code))]


@cache
def _engine(code: str) -> Engine:
    return Engine(load_rulebook(), only={code})


def _engine_with_params(code: str, params: dict) -> Engine:
    import yaml

    text = yaml.safe_dump({"rules": {code: {"params": params}}}, allow_unicode=True)
    return Engine(load_rulebook(text=text), only={code})


@pytest.mark.parametrize(("code", "i", "ex"), CASES, ids=[f"{c}-{i}" for c, i, _ in CASES])
def test_rule_case(code: str, i: int, ex: Example) -> None:
    metadata = metadata_from_mapping(ex.meta, source=f"{code}.yml case {i}")[0] if ex.meta else None
    call = parse_dialogue(ex.transcript, source=f"{code}-{i}", metadata=metadata)
    engine = _engine_with_params(code, ex.params) if ex.params else _engine(code)
    ev = engine.evaluate(call)
    result = ev.result(code)
    assert result.status is not Status.ERROR, result.reason
    assert result.status.value == ex.expect, (
        f"{code} case {i} ({ex.name}): expected {ex.expect}, got {result.status.value} "
        f"{result.reason} {[f.message for f in result.findings]}"
    )
    if ex.findings is not None:
        assert len(result.findings) == ex.findings, [f.message for f in result.findings]
    if ex.reason:
        assert ex.reason in result.reason, f"{ex.reason!r} not in the reason {result.reason!r}"
    if ex.matched:
        spans = {s.text for f in result.findings for s in f.evidence.spans}
        for word in ex.matched:
            assert any(word in s for s in spans), f"{word!r} not highlighted in {spans}"
    for f in result.findings:
        assert f.message, "every finding has a message"
        assert f.suggestion, f"{code}: every finding carries a suggestion"


def test_every_rule_has_bad_and_good_examples() -> None:
    """Like sqlfluff: a rule without an anti-pattern and a best practice is not done.

    Rules that need what a transcript cannot give (audio, tickets, call history) must at
    least show the not-applicable case with its reason.
    """
    from hotline_qa.rules.base import Need

    rulebook = load_rulebook()
    missing = []
    for code, cls in rulebook.rule_classes().items():
        if code not in rulebook.spec.rules:
            continue
        kinds = {e.expect for e in load_examples(code)}
        offline = {Need.AUDIO, Need.TICKETS, Need.HISTORY} & set(cls.needs)
        wanted = {"not_applicable"} if offline else {"finding", "passed"}
        if not wanted <= kinds:
            missing.append(f"{code} lacks {sorted(wanted - kinds)}")
    assert not missing, missing
