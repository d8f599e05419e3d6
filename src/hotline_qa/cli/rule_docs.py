"""Generate docs/rules.md from the rules themselves (`hotline-qa docs-rules`)."""

from __future__ import annotations

from hotline_qa.rules.base import NEED_LABELS
from hotline_qa.rules.examples import load_examples
from hotline_qa.rules.rulebook import Rulebook

FAMILY_TITLES = {
    "ANS": "接听时效 Answering", "OPN": "开场白 Opening", "POL": "礼貌用语 Courtesy",
    "TAB": "禁忌用语 Forbidden language", "FIL": "口头语 Fillers", "LIS": "倾听 Listening",
    "CNF": "复述确认 Confirmation", "HLD": "等待 Holds", "SOL": "解答 Answering the question",
    "CMP": "投诉处理 Complaints", "ABU": "辱骂客户 Abusive customers", "CLS": "结束 Closing",
    "VOC": "语音表达 Voice", "AFT": "话后处理 After-call work",
}


def render_rules_markdown(book: Rulebook) -> str:
    """Every rule of the rulebook as a Markdown page section, with its examples."""
    dims = book.spec.form.dimensions
    lines = ["# 规则 Rules", "",
             "Generated from the rules and their example files by `hotline-qa docs-rules`; "
             "do not edit by hand. 本页由规则及其示例自动生成。", ""]
    family = None
    for code, cls in sorted(book.rule_classes().items()):
        if code not in book.spec.rules:
            continue
        if code[:3] != family:
            family = code[:3]
            lines += [f"## {family} — {FAMILY_TITLES.get(family, family)}", ""]
        cfg = book.config_for(code)
        dim = cfg.dimension or cls.dimension
        lines += [f"### {code} {cls.name_zh} — {cls.name_en}", "",
                  f"`{cls.slug}` · 维度 {dims[dim].name if dim in dims else dim} · 严重度 `{cfg.severity.value}` · "
                  f"扣分 {cfg.deduction:g} · 依据 {cls.source or '—'}", "",
                  cls.description(), ""]
        if cls.why:
            lines += [f"**为什么 Why.** {cls.why}", ""]
        lines += ["**需要 Needs.** " + ", ".join(NEED_LABELS[n] for n in cls.needs)
                  + (f"; metadata {', '.join(cls.metadata_keys)}" if cls.metadata_keys else ""), ""]
        if cfg.params:
            lines += ["**阈值 Thresholds.** " + ", ".join(f"`{k}` = {v}" for k, v in cfg.params.items()), ""]
        suggestion = cfg.suggestion or cls.suggestion
        if suggestion:
            lines += [f"**建议话术 Better.** {suggestion}", ""]
        for ex in load_examples(code):
            label = {"finding": "✗ 违规", "passed": "✓ 合规", "not_applicable": "– 不适用"}[ex.expect]
            lines += [f"<details><summary>{label}: {ex.name}</summary>", "", "```"]
            if ex.meta:
                lines.append("# meta: " + ", ".join(f"{k}={v}" for k, v in ex.meta.items()))
            lines += [*ex.transcript.strip().splitlines(), "```", "", "</details>", ""]
    return "\n".join(lines).rstrip() + "\n"
