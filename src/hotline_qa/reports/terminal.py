"""A compact evaluation summary in the terminal, with Rich."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hotline_qa.core.evaluation import Evaluation
from hotline_qa.ingest.common import ONE_SIDED_MARK
from hotline_qa.reports.json_report import evaluation_record
from hotline_qa.reports.view import (
    FindingView,
    ReportView,
    batch_summary,
    build_view,
    findings_count,
    fmt_score,
)

QUOTE_MAX_CHARS = 160  # the evidence line is cut to this many characters around the words that fired
QUOTE_CONTEXT_CHARS = 40

_SEVERITY_STYLE = {"fatal": "bold red", "major": "red", "minor": "yellow", "info": "cyan"}
_STATUS_STYLE = {"finding": "red", "passed": "green", "not_applicable": "dim", "error": "magenta"}


def _quote(view: ReportView, finding: FindingView) -> Text | None:
    """The evidence line: ``#3 00:11 客户: …`` with the finding's own words highlighted."""
    if finding.anchor_utterance is None:
        return None
    u = view.utterance(finding.anchor_utterance)
    if u is None:
        return None
    line = Text()
    line.append(f"  #{u.index} {u.time_label} {u.role_zh}: ", style="dim")
    marked = [(seg.text, finding.id in seg.finding_ids) for seg in u.segments]
    total = sum(len(text) for text, _ in marked)
    start, end = 0, total
    if total > QUOTE_MAX_CHARS:  # a very long turn (a recogniser that never split) is shown around the hit
        offset, first_hit = 0, 0
        for text, hit in marked:
            if hit:
                first_hit = offset
                break
            offset += len(text)
        start = max(0, first_hit - QUOTE_CONTEXT_CHARS)
        end = start + QUOTE_MAX_CHARS
    if start > 0:
        line.append("…", style="dim")
    offset = 0
    for text, hit in marked:
        piece = text[max(0, start - offset):max(0, end - offset)]
        offset += len(text)
        if piece:
            line.append(piece, style="bold black on yellow" if hit else "")
    if end < total:
        line.append(f"…（共 {total} 字 chars）", style="dim")
    return line


def _finding_block(view: ReportView, f: FindingView, verbose: bool) -> list[Text]:
    style = _SEVERITY_STYLE.get(f.severity, "")
    head = Text()
    head.append(f"[{f.code}] ", style=f"bold {style}")
    head.append(f"{f.name_zh} ", style="bold")
    head.append(f"({f.severity_zh} {f.severity}) ", style=style)
    head.append(f.message)
    lines = [head]
    quote = _quote(view, f)
    if quote is not None:
        lines.append(quote)
    if f.suggestion:
        lines.append(Text.assemble(("  建议话术 / Better: ", "green"), f.suggestion))
    if verbose and f.explanation:
        lines.append(Text.assemble(("  依据 / Why: ", "dim"), f.explanation))
    return lines


def render_terminal(ev: Evaluation, console: Console, *, verbose: bool = False,
                    redact: bool = False) -> None:
    """Print one call's verdict, red lines, dimension scores and findings with evidence.

    ``verbose`` adds the explanations and the rules that were not applicable.
    """
    view = build_view(evaluation_record(ev, redact=redact))
    verdict = Text()
    verdict.append(f"通话 {view.call_id}  ", style="bold")
    verdict.append(f" {view.verdict_zh} {view.verdict_en} ",
                   style="bold white on green" if view.passed else "bold white on red")
    verdict.append(f"  得分 score {fmt_score(view.total_score)} / 合格 {fmt_score(view.pass_score)}")
    meta = view.metadata
    who = " · ".join(str(meta[k]) for k in ("agent_name", "staff_no", "team", "started_at") if meta.get(k))
    if who:
        verdict.append(f"\n{who}", style="dim")
    console.print(verdict)
    for w in view.warnings:
        if ONE_SIDED_MARK in w:  # the score means nothing: said always, not only with -v
            console.print(Text.assemble(("提示 / Warning: ", "bold yellow"), w))

    if view.red_lines:
        body = Text()
        for i, f in enumerate(view.red_lines):
            if i:
                body.append("\n")
            body.append(f"[{f.code}] {f.name_zh}: ", style="bold red")
            body.append(f.message)
            if f.anchor_utterance is not None:
                body.append(f"  (#{f.anchor_utterance} {f.time_label})", style="dim")
            elif f.time_start is not None:
                body.append(f"  ({f.time_label})", style="dim")
        console.print(Panel(body, title="红线 / Red lines", border_style="red", title_align="left"))

    if view.dimensions:
        table = Table(title="维度得分 / Scores by dimension", title_justify="left")
        table.add_column("维度 Dimension")
        table.add_column("得分 Score", justify="right")
        table.add_column("扣分 Deducted", justify="right")
        table.add_column("规则 Rules")
        for d in view.dimensions:
            table.add_row(escape(d.name), f"{fmt_score(d.score)}/{fmt_score(d.weight)}",
                          fmt_score(d.deducted) if d.deducted else "",
                          escape(" ".join(d.codes)))
        console.print(table)

    if view.findings:
        console.print(Text(f"问题 / Findings ({len(view.findings)})", style="bold underline"))
        for f in view.findings:
            for line in _finding_block(view, f, verbose):
                console.print(line)
    else:
        console.print(Text("没有发现问题 / No findings", style="green"))

    for r in view.errors:
        console.print(Text.assemble((f"[{r.code}] 规则出错 / rule error: ", "magenta"), r.reason))
    if verbose:
        for r in view.rules:
            if r.status == "not_applicable":
                console.print(Text.assemble((f"[{r.code}] 不适用 / not applicable: ", "dim"), r.reason))
        for w in view.warnings:
            if ONE_SIDED_MARK not in w:
                console.print(Text.assemble(("提示 / Warning: ", "yellow"), w))


def render_batch_summary(evs: Sequence[Evaluation], console: Console, *, top: int = 10,
                         redact: bool = False) -> None:
    """One row per call (score, verdict, red lines, findings) and the most frequent codes."""
    records = [evaluation_record(ev, redact=redact) for ev in evs]
    table = Table(title=f"批量结果 / Batch: {len(records)} 通话 calls", title_justify="left")
    table.add_column("通话 Call")
    table.add_column("得分 Score", justify="right")
    table.add_column("结果 Result")
    table.add_column("红线 Red lines")
    table.add_column("问题数 Findings", justify="right")
    for rec in records:
        passed = bool(rec.get("passed"))
        table.add_row(
            escape(str(rec.get("call_id", ""))), fmt_score(rec.get("total_score")),
            Text("通过 PASS", style="green") if passed else Text("不通过 FAIL", style="red"),
            Text(" ".join(rec.get("red_lines") or []), style="bold red"),
            str(findings_count(rec)),
        )
    console.print(table)
    summary = batch_summary(records, top=top)
    console.print(
        f"通过率 pass rate {summary.pass_rate:.0f}% ({summary.passed}/{summary.calls}) · "
        f"平均分 average {summary.average_score:.1f} · 红线通话 red-line calls {summary.red_line_calls}"
    )
    if summary.top_codes:
        freq = Table(title="最常见问题 / Most frequent findings", title_justify="left")
        freq.add_column("规则 Code")
        freq.add_column("名称 Name")
        freq.add_column("通话数 Calls", justify="right")
        freq.add_column("次数 Findings", justify="right")
        for code, name, calls, count in summary.top_codes:
            freq.add_row(escape(code), escape(name), str(calls), str(count))
        console.print(freq)
