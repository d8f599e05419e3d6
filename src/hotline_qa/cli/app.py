"""`hotline-qa`: score transcripts and call recordings, list and explain rules, validate a rulebook.

Exit codes (like sqlfluff): 0 no findings, 1 findings, 2 usage, input or rulebook error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from hotline_qa import __version__
from hotline_qa.batch.runner import FileOutcome, ScoreOptions, default_jobs, expand_paths, score_files
from hotline_qa.cli.options import parse_channels, parse_meta, parse_pairs, parse_roles
from hotline_qa.core.errors import HotlineQAError
from hotline_qa.core.evaluation import Evaluation
from hotline_qa.pipeline import is_recording, require_audio
from hotline_qa.text.redact import redact_identifier

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="hotline-qa",
    help="热线客服质检 Hotline QA: score call transcripts against the service norms.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class VadChoice(StrEnum):
    silero = "silero"
    webrtc = "webrtc"


class OutputFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    html = "html"


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _fail(message: str) -> typer.Exit:
    _err().print(f"[bold red]错误 error:[/] {escape(message)}", markup=True, soft_wrap=True)
    return typer.Exit(EXIT_ERROR)


@app.callback(invoke_without_command=True)
def _main(version: Annotated[bool, typer.Option("--version", help="显示版本 Show the version.")] = False
          ) -> None:
    if version:
        typer.echo(f"hotline-qa {__version__}")
        raise typer.Exit(0)


@app.command()
def score(
    paths: Annotated[list[Path], typer.Argument(help="转写文件、录音（.wav .mp3 .flac）或文件夹 Transcript files, "
                                                "recordings or folders.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 Output format.")]
    = OutputFormat.terminal,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件（json/jsonl/终端文本）或文件夹（html） "
                                             "Output file (json, jsonl, terminal text) or folder (html).")] = None,
    rulebook: Annotated[Path | None, typer.Option("--rulebook", "-r", help="用户规则库 YAML，叠加在默认规则库上 "
                                                  "Your rulebook, layered over the default.")] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help="强制输入格式 Force the input "
                                                     "format (see `hotline-qa formats`).")] = None,
    roles: Annotated[list[str] | None, typer.Option("--roles", help="角色映射 Role mapping, e.g. "
                                                    "A=customer,B=agent or 0=agent,1=customer.")] = None,
    meta: Annotated[list[str] | None, typer.Option("--meta", help="通话元数据 Call metadata, e.g. "
                                                   "ring_seconds=12,hangup_by=customer.")] = None,
    columns: Annotated[list[str] | None, typer.Option("--columns", help="CSV/Excel 列映射 Column mapping, "
                                                      "e.g. role=说话人,text=内容,start=开始.")] = None,
    redact: Annotated[bool, typer.Option("--redact", help="遮蔽电话、证件、银行卡号等个人信息 Mask personal "
                                         "data.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="进程数（默认全部核心） Processes "
                                             "(default: all cores).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="在已有 Dask 集群上运行 Run on a Dask "
                                                  "cluster: tcp://HOST:PORT.")] = None,
    only: Annotated[str | None, typer.Option("--only", help="只运行这些规则 Only these rule codes, "
                                             "comma separated.")] = None,
    channels: Annotated[str, typer.Option("--channels", help="录音声道对应的角色 Who is on channel 0 and 1 of "
                                          "a recording, e.g. agent,customer or customer,agent.")]
    = "agent,customer",
    vad: Annotated[VadChoice, typer.Option("--vad", help="录音语音检测 Voice activity detector: silero "
                                           "(accurate) or webrtc (fast).")] = VadChoice.silero,
    asr_model: Annotated[Path | None, typer.Option("--asr-model", help="语音识别模型文件夹（自备）：没有转写的录音先"
                                                   "识别 ASR model folder you provide, for recordings without a "
                                                   "transcript (or HOTLINE_QA_ASR_MODEL).")] = None,
    asr_engine: Annotated[str | None, typer.Option("--asr-engine", help="sherpa-paraformer, sherpa-sensevoice "
                                                   "or funasr-paraformer (guessed from the folder when "
                                                   "omitted; or HOTLINE_QA_ASR_ENGINE).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="终端显示全部规则结果 Show every rule "
                                          "result.")] = False,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="显示进度条 Show a "
                                                  "progress bar (default: when on a terminal).")] = None,
) -> None:
    """为通话打分 Score calls: terminal, JSON, JSONL or HTML reports.

    A recording is scored with the transcript beside it (same name, e.g. call.wav + call.txt)
    or alone; the audio rules need `pip install 'hotline-qa[audio]'`.
    """
    try:
        options = _score_options(rulebook, input_format, roles, meta, columns, only)
        options = replace(options, channel_roles=parse_channels(channels), vad=vad.value,
                          asr_engine=asr_engine, asr_model=str(asr_model) if asr_model else None)
    except HotlineQAError as exc:
        raise _fail(str(exc)) from None
    files = expand_paths(paths)
    missing = [p for p in files if not p.exists()]
    for p in missing:
        _err().print(f"跳过 skipped: {redact_identifier(str(p))}: 文件不存在 (file not found)", markup=False)
    files = [p for p in files if p.exists()]
    if not files:
        raise _fail("没有找到可评分的转写文件或录音 (no transcript or recording found in the given paths)")
    if any(is_recording(p) for p in files):
        try:
            require_audio()
            _check_asr(options)
        except HotlineQAError as exc:
            raise _fail(str(exc)) from None

    outcomes = list(_run(files, options, jobs, scheduler, progress))
    evaluations: list[Evaluation] = []
    errors = len(missing)
    for o in outcomes:
        if o.error:
            errors += 1
            _err().print(f"跳过 skipped: {redact_identifier(o.error)}", markup=False, soft_wrap=True)
        evaluations.extend(o.evaluations)
    _write(evaluations, fmt, out, redact=redact, verbose=verbose)
    if errors:
        _err().print(f"{errors} 个文件无法读取 (file(s) could not be read); 其余已评分 the rest were scored.",
                     markup=False)
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if any(e.has_findings for e in evaluations) else EXIT_CLEAN)


def _check_asr(options: ScoreOptions) -> None:
    """A configured ASR model folder is checked once, before any file is scored."""
    config = options.asr_config()
    if config is not None:
        from hotline_qa.audio.asr import check_model_dir

        check_model_dir(config.engine, config.model_dir)


def _score_options(rulebook: Path | None, input_format: str | None, roles: list[str] | None,
                   meta: list[str] | None, columns: list[str] | None, only: str | None) -> ScoreOptions:
    from hotline_qa.rules.rulebook import load_rulebook

    book = load_rulebook(rulebook)  # validate once, here, before any worker starts
    if input_format is not None:
        _check_input_format(input_format)
    metadata = parse_meta(meta) or None
    if metadata:
        from hotline_qa.ingest.meta import metadata_from_mapping

        metadata_from_mapping(metadata, source="--meta")  # a bad value stops here, not once per file
    codes = frozenset(c.strip().upper() for c in only.split(",") if c.strip()) if only else None
    if codes:
        unknown = codes - set(book.spec.rules)
        if unknown:
            raise HotlineQAError(f"--only: 未知的规则代码 unknown rule codes {sorted(unknown)}")
    return ScoreOptions(
        rulebook_path=str(rulebook) if rulebook else None, fmt=input_format,
        roles=parse_roles(roles) or None, metadata=metadata,
        columns=parse_pairs(columns, "--columns") or None, only=codes,
    )


def _check_input_format(name: str) -> None:
    from hotline_qa.core.errors import InputError
    from hotline_qa.ingest.detect import FORMAT_NAMES

    if name not in FORMAT_NAMES:
        raise InputError(f"不支持的格式 “{name}” (unsupported format)", field="--input-format",
                         hint=f"可用格式 (supported): {', '.join(FORMAT_NAMES)}；见 hotline-qa formats")


def _run(files: list[Path], options: ScoreOptions, jobs: int | None, scheduler: str | None,
         progress: bool | None) -> Iterator[FileOutcome]:
    if scheduler:
        from hotline_qa.batch.dask_runner import score_files_on_cluster

        try:
            source = score_files_on_cluster(files, options, scheduler)
            first = next(source, None)
        except HotlineQAError as exc:
            raise _fail(str(exc)) from None
        if first is not None:
            yield first
            yield from source
        return
    source = score_files(files, options, jobs=jobs or default_jobs())
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 1)
    if not show:
        yield from source
        return
    with Progress(TextColumn("评分 scoring"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=_err(), transient=True) as bar:
        task = bar.add_task("score", total=len(files))
        for outcome in source:
            bar.advance(task)
            yield outcome


def _write(evaluations: list[Evaluation], fmt: OutputFormat, out: Path | None, *, redact: bool,
           verbose: bool) -> None:
    from hotline_qa.reports import html_report

    try:
        if fmt is OutputFormat.terminal:
            _write_terminal(evaluations, out, redact=redact, verbose=verbose)
        elif fmt is OutputFormat.html:
            folder = out or Path("hotline-qa-reports")
            if folder.is_file():
                raise _fail(f"-o {folder} 是一个文件 (is a file): HTML 报告需要一个文件夹 (HTML needs a folder), "
                            f"例如 -o reports/")
            html_report.write_html_reports(evaluations, folder, redact=redact)
            index = folder / "index.html"
            typer.echo(f"HTML 报告 reports: {len(evaluations)} 通电话 calls + 索引 index → "
                       f"{index.resolve() if index.exists() else folder}")
        else:
            _write_json(evaluations, fmt, out, redact=redact)
    except OSError as exc:
        target = exc.filename or out
        raise _fail(f"无法写入 cannot write {target}: {exc.strerror or exc} —— 检查 -o 路径和权限 "
                    f"(check the -o path and permissions)") from None


def _write_terminal(evaluations: list[Evaluation], out: Path | None, *, redact: bool, verbose: bool) -> None:
    from hotline_qa.reports import terminal

    if out is not None and out.is_dir():
        out = out / "evaluations.txt"
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
    with (out.open("w", encoding="utf-8") if out else nullcontext(sys.stdout)) as stream:
        console = (Console(file=stream, highlight=False, soft_wrap=False, width=120, no_color=True)
                   if out else Console(highlight=False, soft_wrap=False))
        for ev in evaluations:
            terminal.render_terminal(ev, console, verbose=verbose, redact=redact)
        if len(evaluations) > 1:
            terminal.render_batch_summary(evaluations, console, redact=redact)
    if out is not None:
        _err().print(f"已写入 written: {out}", markup=False)


def _write_json(evaluations: list[Evaluation], fmt: OutputFormat, out: Path | None, *, redact: bool) -> None:
    from hotline_qa.reports import json_report

    if fmt is OutputFormat.jsonl:
        text = "".join(json_report.evaluation_jsonl_line(ev, redact=redact) + "\n" for ev in evaluations)
    elif len(evaluations) == 1:
        text = json_report.evaluation_json(evaluations[0], redact=redact) + "\n"
    else:
        records = [json_report.evaluation_record(ev, redact=redact) for ev in evaluations]
        text = json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    if out is not None and out.is_dir():
        out = out / f"evaluations.{fmt.value}"
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        _err().print(f"已写入 written: {out}", markup=False)
    else:
        sys.stdout.write(text)


@app.command("rules")
def rules_table(
    rulebook: Annotated[Path | None, typer.Option("--rulebook", "-r", help="用户规则库 Your rulebook.")] = None,
    family: Annotated[str | None, typer.Option("--family", help="只看某一类 Only one family, e.g. TAB.")] = None,
) -> None:
    """规则目录 The rule catalogue as a table."""
    from hotline_qa.cli.catalogue_view import render_rules

    try:
        render_rules(Console(highlight=False), rulebook, family)
    except HotlineQAError as exc:
        raise _fail(str(exc)) from None


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="规则代码 Rule code, e.g. OPN003.")],
    rulebook: Annotated[Path | None, typer.Option("--rulebook", "-r", help="用户规则库 Your rulebook.")] = None,
) -> None:
    """讲解一条规则 What a rule checks, why, a bad and a good example, the suggestion."""
    from hotline_qa.cli.catalogue_view import render_explain

    try:
        render_explain(Console(highlight=False), code.strip().upper(), rulebook)
    except HotlineQAError as exc:
        raise _fail(str(exc)) from None


@app.command("validate-rulebook")
def validate_rulebook(path: Annotated[Path, typer.Argument(help="规则库 YAML 文件 Rulebook file.")]) -> None:
    """校验规则库 Validate a rulebook; errors give file, line and key."""
    from hotline_qa.rules.rulebook import load_rulebook

    try:
        book = load_rulebook(path)
        rules = book.build_rules()
    except HotlineQAError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"规则库有效 valid: {path} — version {book.version}, hash {book.hash}, "
               f"{len(rules)} 条规则启用 rules enabled")


@app.command()
def formats() -> None:
    """支持的输入格式 The transcript formats that `score` reads."""
    from hotline_qa.ingest.detect import SUPPORTED_FORMATS

    console = Console(highlight=False)
    for info in SUPPORTED_FORMATS:
        console.print(f"{info.name:16} {info.zh} — {info.en}", markup=False)


@app.command("docs-rules")
def docs_rules(out: Annotated[Path | None, typer.Option("--out", "-o", help="写入文件 Write to a file.")] = None
               ) -> None:
    """生成规则文档 Write docs/rules.md from the rules and their examples."""
    from hotline_qa.cli.rule_docs import render_rules_markdown
    from hotline_qa.rules.rulebook import load_rulebook

    text = render_rules_markdown(load_rulebook())
    if out:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail(f"无法写入 cannot write {out}: {exc.strerror or exc}") from None
        _err().print(f"已写入 written: {out}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML 报告文件夹 Report folder.")]
    = Path("build/demo-reports"),
) -> None:
    """演示 Score the bundled sample calls, print a summary and where the HTML reports are."""
    from hotline_qa.cli.demo import run_demo

    raise typer.Exit(run_demo(out))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
