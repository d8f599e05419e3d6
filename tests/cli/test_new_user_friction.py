"""What a new user hits first: output paths, option mistakes, broken files, very long turns.

Every case must end with a clear message and exit code 2 (or the documented output), never a
traceback, and one bad option must be reported once, not once per file.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hotline_qa.cli.app import app
from hotline_qa.cli.demo import samples_dir

runner = CliRunner()
GOOD = samples_dir() / "01_good_broadband.txt"
BAD = samples_dir() / "02_bad_opening_taboo.txt"


def _calls(tmp_path: Path, n: int = 3) -> list[str]:
    paths = []
    for i in range(n):
        p = tmp_path / f"call{i}.txt"
        p.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(p))
    return paths


def test_json_out_into_an_existing_folder_writes_a_file_inside(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    res = runner.invoke(app, ["score", str(GOOD), str(BAD), "-f", "json", "-o", str(folder), "-j", "1"])
    assert res.exit_code == 1, res.output
    records = json.loads((folder / "evaluations.json").read_text(encoding="utf-8"))
    assert len(records) == 2
    res = runner.invoke(app, ["score", str(GOOD), "-f", "jsonl", "-o", str(folder), "-j", "1"])
    assert res.exit_code in (0, 1), res.output
    assert len((folder / "evaluations.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_unwritable_out_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for fmt, out in (("json", blocker / "sub" / "out.json"), ("html", blocker / "sub"),
                     ("html", blocker), ("terminal", blocker / "x.txt")):
        res = runner.invoke(app, ["score", str(GOOD), "-f", fmt, "-o", str(out), "-j", "1"])
        assert res.exit_code == 2, (fmt, out, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        assert "错误 error" in res.output and "Traceback" not in res.output


def test_terminal_report_goes_to_the_out_file(tmp_path: Path) -> None:
    out = tmp_path / "texts" / "report.txt"
    res = runner.invoke(app, ["score", str(BAD), "-o", str(out), "-j", "1"])
    assert res.exit_code == 1, res.output
    text = out.read_text(encoding="utf-8")
    assert "OPN003" in text and "\x1b[" not in text
    assert "OPN003" not in res.stdout


def test_unknown_input_format_is_one_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["score", *_calls(tmp_path), "--input-format", "docx"])
    assert res.exit_code == 2
    assert res.output.count("docx") == 1 and "--input-format" in res.output
    assert "dialogue_text" in res.output and "跳过 skipped" not in res.output


def test_bad_meta_value_is_one_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["score", *_calls(tmp_path), "--meta", "hangup_by=nobody"])
    assert res.exit_code == 2
    assert res.output.count("nobody") == 1 and "跳过 skipped" not in res.output


def test_pair_hint_shows_the_option_s_own_example() -> None:
    res = runner.invoke(app, ["score", str(GOOD), "--meta", "ring"])
    assert res.exit_code == 2
    assert "--meta ring_seconds=" in res.output and "A=agent" not in res.output
    res = runner.invoke(app, ["score", str(GOOD), "--columns", "身份"])
    assert res.exit_code == 2 and "--columns role=" in res.output


def test_truncated_json_names_line_column_and_says_it_was_cut(tmp_path: Path) -> None:
    call = {"format": "hotline-qa/call@1", "utterances": [{"role": "agent", "text": "您好，很高兴为您服务"}]}
    text = json.dumps(call, ensure_ascii=False, indent=1)
    cut = tmp_path / "cut.json"
    cut.write_text(text[: text.index("很高兴")], encoding="utf-8")
    res = runner.invoke(app, ["score", str(cut), str(GOOD), "-j", "1"])
    assert res.exit_code == 2
    line = next(ln for ln in res.output.splitlines() if "cut.json" in ln)
    text_line = text[: text.index("很高兴")].count("\n") + 1  # the line where the unfinished string starts
    assert f"第 {text_line} 行" in line and "列 (column" in line and "截断" in line
    comma = tmp_path / "comma.json"
    comma.write_text('{"format": "hotline-qa/call@1",, "utterances": []}', encoding="utf-8")
    res = runner.invoke(app, ["score", str(comma)])
    assert "第 1 行" in res.output and "第 32 列" in res.output and "截断" not in res.output


def test_a_very_long_turn_is_quoted_around_the_hit(tmp_path: Path) -> None:
    call = tmp_path / "long.txt"
    call.write_text("坐席：" + "请稍等" * 5000 + "爱找谁找谁" + "请稍等" * 5000 + "\n客户：嗯\n", encoding="utf-8")
    res = runner.invoke(app, ["score", str(call), "--only", "TAB003", "-j", "1"])
    assert res.exit_code == 1, res.output
    quote = [ln for ln in res.output.splitlines() if "爱找谁找谁" in ln]
    assert quote, res.output
    assert len(res.output) < 5000
    assert "共 30005 字" in res.output


def test_unknown_family_and_rulebook_folder_are_errors(tmp_path: Path) -> None:
    res = runner.invoke(app, ["rules", "--family", "ZZZ"])
    assert res.exit_code == 2 and "ZZZ" in res.output and "OPN" in res.output
    res = runner.invoke(app, ["rules", "--family", "tab"])
    assert res.exit_code == 0 and "TAB001" in res.output
    res = runner.invoke(app, ["validate-rulebook", str(tmp_path)])
    assert res.exit_code == 2 and "错误 error" in res.output
    res = runner.invoke(app, ["score", str(GOOD), "--rulebook", str(tmp_path)])
    assert res.exit_code == 2 and "错误 error" in res.output


def test_docs_rules_creates_the_folder_and_reports_write_errors(tmp_path: Path) -> None:
    out = tmp_path / "new" / "rules.md"
    res = runner.invoke(app, ["docs-rules", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("#")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = runner.invoke(app, ["docs-rules", "-o", str(blocker / "rules.md")])
    assert res.exit_code == 2 and "错误 error" in res.output
