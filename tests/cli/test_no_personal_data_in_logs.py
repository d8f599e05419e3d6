"""Personal data never reaches a log line or an error message, whatever goes wrong.

The project's rule: phone, ID and card numbers, addresses and e-mails are never written to
logs. Logs here are Python logging (at DEBUG) and what the CLI writes to stderr, where batch
jobs usually send it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hotline_qa.batch import runner as batch_runner
from hotline_qa.cli.app import app
from hotline_qa.core.errors import InputError
from hotline_qa.core.findings import Finding, Severity
from hotline_qa.pipeline import Engine
from hotline_qa.rules.base import Rule, RuleConfig
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.rulebook import load_rulebook

PHONE = "13812345678"
ID_NUMBER = "110101199003071233"
SECRETS = (PHONE, ID_NUMBER, "1234567", "9003071")  # whole numbers, and the middles a mask hides
CALL = f"坐席：您好，这里是客服中心，请问有什么可以帮您？\n客户：我的电话是{PHONE}，身份证{ID_NUMBER}\n坐席：好的，再见\n"

cli = CliRunner()


def _clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, (secret, text)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # a malformed line of a dialogue text: an event that quotes the number
        ("bad_event.txt", f"[00:01.0 坐席] 您好\n[00:02.0 #转给{PHONE}] \n"),
        # a role label that is a phone number
        ("bad_label.txt", f"[00:01.0 坐席] 您好\n[00:02.0 {PHONE}] 你好\n"),
        # a broken JSON file with an ID number in it
        ("broken.json", f'{{"utterances": [{{"role": "customer", "text": "身份证{ID_NUMBER}"}}, '),
        # a JSON role that is an ID number
        ("bad_role.json", f'{{"utterances": [{{"role": "{ID_NUMBER}", "text": "你好"}}]}}'),
        # a subtitle cue whose time line is text
        ("bad_cue.srt", f"1\n00:00:01,000 --> 00:00:02,000\n坐席：您好\n\n2\n00:00:0x --> 电话{PHONE}\n客户：好\n"),
    ],
)
def test_bad_input_error_does_not_echo_personal_data(tmp_path: Path, debug_logs: pytest.LogCaptureFixture,
                                                     name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    res = cli.invoke(app, ["score", str(path), "-v", "--format", "json"])
    assert res.exit_code == 2, res.output
    assert "跳过 skipped" in res.stderr  # the file is named and the problem said
    _clean(res.output + res.stderr + debug_logs.text)


def test_bad_metadata_value_is_masked_in_the_message(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(CALL, encoding="utf-8")
    (tmp_path / "c.meta.json").write_text(json.dumps({"ring_seconds": f"电话{PHONE}"}), encoding="utf-8")
    res = cli.invoke(app, ["score", str(tmp_path / "c.txt"), "--format", "json"])
    assert res.exit_code == 2 and "ring_seconds" in res.stderr
    _clean(res.stderr)


def test_input_error_masks_every_part_and_keeps_the_rest() -> None:
    err = InputError(f"未知事件 “#转给{PHONE}”", path=f"calls/{PHONE}_0501.txt", line=2,
                     field=f"$.roles.{PHONE}", hint=f"例如 {ID_NUMBER}")
    _clean(str(err) + err.reason + (err.path or "") + (err.field or "") + (err.hint or ""))
    assert "第 2 行" in str(err) and "未知事件" in str(err) and "_0501.txt" in str(err)


class _Crashing(Rule):
    """A rule whose error message quotes the customer's words, as a careless rule would."""

    code = "ZZZ009"
    slug = "test.crash_quoting"
    dimension = "courtesy"

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        raise ValueError(f"cannot parse {ctx.call.utterances[1].text!r}")


@pytest.fixture
def crashing_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(load_rulebook())
    engine.rules = [*engine.rules, _Crashing(RuleConfig("ZZZ009", severity=Severity.MAJOR, deduction=1))]
    monkeypatch.setattr(batch_runner, "_ENGINES", {(None, None): engine})


@pytest.mark.parametrize("fmt", ["json", "jsonl", "terminal", "html"])
def test_crashing_rule_logs_no_personal_data(tmp_path: Path, debug_logs: pytest.LogCaptureFixture,
                                             crashing_engine: None, fmt: str) -> None:
    # a transcript named after the caller's number, as recordings often are
    path = tmp_path / f"{PHONE}_0501.txt"
    path.write_text(CALL, encoding="utf-8")
    out = tmp_path / "out"
    res = cli.invoke(app, ["score", str(path), "-v", "--redact", "--format", fmt, "-o", str(out / "r.json")
                           if fmt in ("json", "jsonl") else str(out)] if fmt != "terminal"
                     else ["score", str(path), "-v", "--redact"])
    assert res.exit_code in (0, 1), res.output
    assert "rule ZZZ009 failed" in debug_logs.text  # the failure is logged ...
    _clean(debug_logs.text)  # ... without the call's words or the caller's number
    _clean(res.output + res.stderr)
    written = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()) if out.exists() else ""
    _clean(written)
    if fmt == "terminal":
        assert "ZZZ009" in res.output and "ValueError" in res.output  # the error is still shown
    if fmt == "html":
        assert (out / "138_5678_0501.html").exists()  # the file name is masked too


def test_crash_is_logged_without_message_even_unredacted(tmp_path: Path, debug_logs: pytest.LogCaptureFixture,
                                                         crashing_engine: None) -> None:
    path = tmp_path / "call.txt"
    path.write_text(CALL, encoding="utf-8")
    res = cli.invoke(app, ["score", str(path), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    assert "ValueError" in debug_logs.text
    _clean(debug_logs.text)
