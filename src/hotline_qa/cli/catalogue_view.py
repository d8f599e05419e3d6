"""`hotline-qa rules` and `hotline-qa explain`: the catalogue as users read it."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from hotline_qa.core.errors import HotlineQAError
from hotline_qa.rules.base import NEED_LABELS
from hotline_qa.rules.rulebook import Rulebook, load_rulebook


def render_rules(console: Console, rulebook_path: Path | None, family: str | None) -> None:
    book = load_rulebook(rulebook_path)
    dims = book.spec.form.dimensions
    if family:
        families = sorted({code.rstrip("0123456789") for code in book.spec.rules})
        if family.upper() not in families:
            raise HotlineQAError(f"--family: 未知的规则类别 unknown family “{family}” —— "
                                 f"可用 (known): {', '.join(families)}")
    table = Table(title=f"规则目录 Rule catalogue — rulebook {book.version} ({book.hash})", show_lines=False)
    for col in ("代码 code", "名称", "name", "维度 dimension", "严重度", "扣分", "需要 needs", "依据 source", "启用"):
        table.add_column(col)
    for code, cls in sorted(book.rule_classes().items()):
        settings = book.spec.rules.get(code)
        if settings is None or (family and not code.startswith(family.upper())):
            continue
        cfg = book.config_for(code)
        dim = cfg.dimension or cls.dimension
        table.add_row(
            code, cls.name_zh, cls.name_en, dims[dim].name if dim in dims else dim, cfg.severity.value,
            f"{cfg.deduction:g}", ", ".join(n.value for n in cls.needs) + (
                f" +{','.join(cls.metadata_keys)}" if cls.metadata_keys else ""),
            cls.source, "是" if cfg.enabled else "否",
        )
    console.print(table)


def render_explain(console: Console, code: str, rulebook_path: Path | None) -> None:
    book = load_rulebook(rulebook_path)
    classes = book.rule_classes()
    if code not in classes or code not in book.spec.rules:
        raise HotlineQAError(f"未知的规则代码 unknown rule code {code} (see `hotline-qa rules`)")
    cls = classes[code]
    cfg = book.config_for(code)
    out = console.print
    out(f"[bold]{code}[/] {cls.name_zh} — {cls.name_en}  [dim]({cls.slug})[/]")
    out(f"维度 dimension: {cfg.dimension or cls.dimension}   严重度 severity: {cfg.severity.value}   "
        f"扣分 deduction: {cfg.deduction:g}   依据 source: {cls.source}")
    out(f"需要 needs: {', '.join(NEED_LABELS[n] for n in cls.needs)}"
        + (f"; 元数据 metadata: {', '.join(cls.metadata_keys)}" if cls.metadata_keys else ""))
    out("\n[bold]检查什么 What it checks[/]")
    out(cls.description(), markup=False)
    if cls.why:
        out("\n[bold]为什么 Why[/]")
        out(cls.why, markup=False)
    if cfg.params:
        out("\n[bold]阈值 Thresholds[/] (rulebook rules." + code + ".params)")
        for k, v in cfg.params.items():
            out(f"  {k}: {v}", markup=False)
    suggestion = cfg.suggestion or cls.suggestion
    if suggestion:
        out("\n[bold]建议话术 What to say instead[/]")
        out(suggestion, markup=False)
    _examples(console, code, book)


def _examples(console: Console, code: str, book: Rulebook) -> None:
    from hotline_qa.ingest.dialogue_text import parse_dialogue
    from hotline_qa.ingest.meta import metadata_from_mapping
    from hotline_qa.pipeline import Engine
    from hotline_qa.rules.examples import bad_and_good

    bad, good = bad_and_good(code)
    engine = Engine(book, only={code})
    for title, ex in (("错误示例 Anti-pattern", bad), ("正确示例 Best practice", good)):
        if ex is None:
            continue
        console.print(f"\n[bold]{title}[/]: {ex.name}")
        if ex.meta:
            console.print("  元数据 metadata: " + ", ".join(f"{k}={v}" for k, v in ex.meta.items()), markup=False)
        for line in ex.transcript.strip().splitlines():
            console.print(f"  {line}", markup=False)
        meta = metadata_from_mapping(ex.meta, source=f"{code} example")[0] if ex.meta else None
        result = engine.evaluate(parse_dialogue(ex.transcript, source=f"{code} example", metadata=meta)).result(code)
        if result.findings:
            for f in result.findings:
                console.print(f"  → {f.message}", markup=False, style="red")
                if f.suggestion:
                    console.print(f"    建议 Better: {f.suggestion}", markup=False, style="green")
        else:
            console.print(f"  → {result.status.value} {result.reason}".rstrip(), markup=False, style="green")
