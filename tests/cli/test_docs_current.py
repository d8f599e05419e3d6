"""Docs that cannot drift: docs/rules.md is regenerated from the rules and must match."""

from __future__ import annotations

from pathlib import Path

from hotline_qa.cli.rule_docs import render_rules_markdown
from hotline_qa.rules.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[2]


def test_rules_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == render_rules_markdown(load_rulebook()), (
        "docs/rules.md is out of date: run `.venv/bin/hotline-qa docs-rules -o docs/rules.md`")


def test_every_cli_command_is_in_the_readme() -> None:
    from hotline_qa.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or (cmd.callback.__name__ if cmd.callback else "")
        assert f"hotline-qa {name}" in readme, f"`hotline-qa {name}` is not documented in README.md"
