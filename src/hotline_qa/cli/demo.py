"""`make demo` until the web app exists: score the bundled samples, write HTML reports."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console

from hotline_qa.batch.runner import ScoreOptions, expand_paths, score_files


def samples_dir() -> Path:
    return Path(str(resources.files("hotline_qa").joinpath("samples")))


def run_demo(out: Path) -> int:
    from hotline_qa.reports import html_report, terminal

    console = Console(highlight=False)
    files = expand_paths([samples_dir()])
    outcomes = list(score_files(files, ScoreOptions()))
    evaluations = [ev for o in outcomes for ev in o.evaluations]
    for o in outcomes:
        if o.error:
            console.print(f"跳过 skipped: {o.error}", markup=False)
    terminal.render_batch_summary(evaluations, console)
    html_report.write_html_reports(evaluations, out)
    console.print(f"\n已为 {len(evaluations)} 通样例电话评分 (scored {len(evaluations)} sample calls).")
    console.print(f"HTML 报告 reports: {(out / 'index.html').resolve()}", markup=False)
    return 0
