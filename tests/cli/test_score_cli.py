"""The `hotline-qa` command as a user runs it (a real subprocess for the exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hotline_qa.cli.app import app
from hotline_qa.cli.demo import samples_dir

runner = CliRunner()
GOOD = samples_dir() / "01_good_broadband.txt"
BAD = samples_dir() / "02_bad_opening_taboo.txt"


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "hotline_qa.cli.app", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def test_score_json_has_the_evaluation_record_and_exit_1_on_findings() -> None:
    proc = _cli("score", str(BAD), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    record = json.loads(proc.stdout)
    assert record["call_id"] == "S02-bad-opening-taboo"
    assert record["passed"] is False
    codes = {r["code"] for r in record["results"] if r["status"] == "finding"}
    assert {"OPN002", "OPN003", "POL001", "TAB001"} <= codes


def test_one_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"Result": {"Sentences": [', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = _cli("score", str(tmp_path), "--format", "jsonl", "--out", str(out), "--jobs", "2")
    assert proc.returncode == 2
    assert "broken.json" in proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"].endswith("good.txt")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _cli("score", str(tmp_path / "nothing-here.txt")).returncode == 2
    res = runner.invoke(app, ["score", str(GOOD), "--roles", "A=boss"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["score", str(GOOD), "--only", "NOPE01"])
    assert res.exit_code == 2


def test_redact_masks_phone_numbers_everywhere() -> None:
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--redact"])
    assert res.exit_code in (0, 1), res.output
    assert "13812345678" not in res.stdout and "幺三八 一二三四 五六七八" not in res.stdout
    plain = runner.invoke(app, ["score", str(GOOD), "--format", "json"])
    assert "13812345678" in plain.stdout


def test_html_reports_written_with_index(tmp_path: Path) -> None:
    res = runner.invoke(app, ["score", str(GOOD), str(BAD), "--format", "html", "--out", str(tmp_path)])
    assert res.exit_code == 1, res.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "index.html" in names and len(names) == 3


def test_meta_option_overrides_sidecar() -> None:
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--only", "ANS001",
                              "--meta", "ring_seconds=40"])
    record = json.loads(res.stdout)
    assert record["results"][0]["status"] == "finding"
    res = runner.invoke(app, ["score", str(GOOD), "--format", "json", "--only", "ANS001"])
    assert json.loads(res.stdout)["results"][0]["status"] == "passed"


def test_rules_explain_validate(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "OPN003" in res.output and "TAB001" in res.output
    res = runner.invoke(app, ["explain", "opn003"])
    assert res.exit_code == 0
    assert "错误示例" in res.output and "正确示例" in res.output and "→" in res.output
    assert runner.invoke(app, ["explain", "XXX000"]).exit_code == 2
    bad = tmp_path / "r.yaml"
    bad.write_text("form:\n  pass_score: -1\n", encoding="utf-8")
    res = runner.invoke(app, ["validate-rulebook", str(bad)])
    assert res.exit_code == 2 and "line 2" in res.output
    ok = tmp_path / "ok.yaml"
    ok.write_text("version: mine\nrules:\n  FIL001: {params: {max_count: 5}}\n", encoding="utf-8")
    res = runner.invoke(app, ["validate-rulebook", str(ok)])
    assert res.exit_code == 0 and "mine" in res.output


def test_demo_scores_every_bundled_sample(tmp_path: Path) -> None:
    res = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    n_samples = len([p for p in samples_dir().iterdir()
                     if p.suffix in {".txt", ".json", ".srt", ".csv"} and not p.name.endswith(".meta.json")])
    assert n_samples >= 10
    assert f"scored {n_samples} sample calls" in res.output
    assert (tmp_path / "index.html").exists()
    assert "跳过" not in res.output


def test_a_folder_walk_leaves_lock_and_hidden_files_alone(tmp_path: Path) -> None:
    """An exported folder holds an open workbook's lock file and the OS's hidden files: they are
    no calls (named on the command line, the lock file is still read and refused clearly)."""
    from hotline_qa.batch.runner import expand_paths

    good = "坐席：您好 很高兴为您服务\n客户：我想查话费\n"
    (tmp_path / "通话.txt").write_text(good, encoding="utf-8")
    (tmp_path / "~$通话.xlsx").write_bytes(b"\x00lock")
    (tmp_path / "._通话.txt").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(good, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "二号.txt").write_text(good, encoding="utf-8")
    assert sorted(p.name for p in expand_paths([tmp_path])) == ["二号.txt", "通话.txt"]
    assert [p.name for p in expand_paths([tmp_path / "~$通话.xlsx"])] == ["~$通话.xlsx"]


def test_roles_and_channels_take_every_role_word_a_sidecar_takes() -> None:
    """`--roles A=用户` works as a sidecar's `"roles": {"A": "用户"}` does (one list of role words);
    a speaker label given as a role is still refused, with the words allowed."""
    from hotline_qa.cli.options import parse_channels, parse_roles
    from hotline_qa.core.errors import InputError

    assert parse_roles(["A=用户,B=话务员,C=机器人"]) == {"A": "customer", "B": "agent", "C": "system"}
    assert parse_channels("客服,来电人") == ("agent", "customer")
    with pytest.raises(InputError, match="话务员"):
        parse_roles(["A=B"])


def test_a_one_sided_call_says_its_score_means_nothing_without_verbose(tmp_path: Path) -> None:
    """A transcript whose every line is the customer's scores high on a meaningless basis: the
    terminal says so without -v; an ordinary call's warnings stay behind -v."""
    one = tmp_path / "one.txt"
    one.write_text("客户：喂你好\n客户：我想问一下话费\n客户：怎么这么多\n客户：好的谢谢\n客户：再见\n",
                   encoding="utf-8")
    res = runner.invoke(app, ["score", str(one)])
    assert "评分无效" in res.stdout
    res = runner.invoke(app, ["score", str(GOOD)])
    assert "评分无效" not in res.stdout and "提示 / Warning" not in res.stdout


def test_a_glob_that_names_the_sidecars_scores_each_call_once_with_its_metadata(tmp_path: Path) -> None:
    """"hotline-qa score calls/*" names the sidecars too: each is read with its transcript (also the
    "x.alibaba.meta.json" of "x.alibaba.json"), not refused as an unreadable call; a sidecar named
    alone says what it is and which transcript to give."""
    (tmp_path / "一号.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "一号.meta.json").write_text('{"call_id": "C-1", "ring_seconds": 40}', encoding="utf-8")
    sentences = [{"ChannelId": 0, "BeginTime": 0, "EndTime": 2000, "Text": "您好很高兴为您服务"},
                 {"ChannelId": 1, "BeginTime": 2500, "EndTime": 4000, "Text": "我想查一下话费"}]
    (tmp_path / "二号.alibaba.json").write_text(json.dumps({"Result": {"Sentences": sentences}}), encoding="utf-8")
    (tmp_path / "二号.alibaba.meta.json").write_text('{"call_id": "C-2", "roles": {"0": "agent", "1": "customer"}}',
                                                   encoding="utf-8")
    named = sorted(str(p) for p in tmp_path.iterdir())
    proc = _cli("score", *named, "--format", "jsonl", "--only", "ANS001")
    assert proc.returncode in (0, 1), proc.stderr
    assert "跳过" not in proc.stderr
    records = {r["call_id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert sorted(records) == ["C-1", "C-2"]
    assert records["C-1"]["results"][0]["status"] == "finding"  # the sidecar's ring_seconds was read
    alone = _cli("score", str(tmp_path / "二号.alibaba.meta.json"))
    assert alone.returncode == 2
    assert "旁注文件" in alone.stderr and "二号.alibaba.json" in alone.stderr
