"""Declarative phrase rules: written in rulebook YAML, no code needed.

``kind: forbidden`` reports each occurrence beyond ``max_count``; ``kind: required``
reports a missing phrase in the scope (with fuzzy matching for recognition errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from hotline_qa.core.call import Role, Utterance
from hotline_qa.core.findings import Finding
from hotline_qa.rules import scopes
from hotline_qa.rules.base import Need, Rule, RuleConfig
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.matchers import Match, PhraseSet, RegexSet, fuzzy_find, in_ranges


class ScopeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    window: Literal["whole", "opening", "closing"] = "whole"
    turns: int | None = Field(default=None, ge=1)
    seconds: float | None = Field(default=None, gt=0)


SkipWhen = Literal["transferred", "customer_cut_off", "ended_for_abuse", "silent", "voicemail", "wrong_number", "prank",
                   "declined", "transfer_out", "cut_off", "brief", "special_call"]
_CALL_KINDS = frozenset({"silent", "voicemail", "wrong_number", "prank", "declined", "transfer_out", "cut_off",
                         "brief"})


class PhraseRuleSpec(BaseModel):
    """The YAML form of a phrase rule (see docs/rulebook.md)."""

    model_config = ConfigDict(extra="forbid")
    slug: str
    family: str
    name_zh: str
    name_en: str = ""
    dimension: str
    source: str = ""
    why: str = ""
    description: str = ""
    kind: Literal["forbidden", "required"]
    role: Literal["agent", "customer", "any"] = "agent"
    scope: ScopeSpec = Field(default_factory=ScopeSpec)
    phrases: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    exclude_regex: list[str] = Field(default_factory=list)
    max_count: int = Field(default=0, ge=0)
    fuzzy: float | None = Field(default=None, gt=0, le=1)
    message: str = ""
    suggestion: str = ""
    # Conditions under which the rule does not apply (reported as not_applicable):
    # "transferred" = the call ends by handing the customer over; "customer_cut_off" = the
    # customer hung up mid-conversation, before the agent could close (as CLS001–CLS003);
    # "ended_for_abuse" = the agent ends the call in the rule's scope for the customer's abuse.
    # The call kinds of ``analyzers.call_kind`` ("silent", "voicemail", "wrong_number",
    # "prank", "declined", "transfer_out", "cut_off", "brief"; "special_call" = any kind but
    # normal and brief): the rule does not apply to a call of that kind.
    skip_when: list[SkipWhen] = Field(default_factory=list)


_ROLES = {"agent": Role.AGENT, "customer": Role.CUSTOMER, "any": None}


class PhraseRule(Rule):
    """A rule declared in the rulebook as phrases; see ``PhraseRuleSpec``."""

    spec: ClassVar[PhraseRuleSpec]

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        s = self.spec
        self._phrases = PhraseSet(s.phrases, exclude=s.exclude, name=self.code) if s.phrases else None
        self._regex = RegexSet(s.regex, exclude=s.exclude_regex, name=self.code) if s.regex else None
        # ``exclude_regex`` cancels phrase hits too ("如果我哪里态度不好" covers "我哪里态度不好").
        self._exclude_all = [re.compile(p) for p in s.exclude_regex]
        self._phrase_exclude = self._exclude_all if s.phrases else []
        self._skip_kinds = frozenset(k for k in s.skip_when if k in _CALL_KINDS)
        self._skip_special = "special_call" in s.skip_when

    def _scope(self, ctx: CallContext) -> tuple[Utterance, ...]:
        role = _ROLES[self.spec.role]
        sc = self.spec.scope
        if sc.window == "opening":
            return scopes.opening(ctx.call, role=role, turns=sc.turns or 2, seconds=sc.seconds)
        if sc.window == "closing":
            return scopes.closing(ctx.call, role=role, turns=sc.turns or 2)
        return scopes.whole(ctx.call, role=role)

    def _matches(self, ctx: CallContext, utts: Iterable[Utterance]) -> list[Match]:
        utts = tuple(utts)
        found: list[Match] = []
        if self._phrases is not None:
            found += self._drop_excluded(ctx.find(self._phrases, utts), utts)
        if self._regex is not None:
            found += ctx.find(self._regex, utts)
        if not found:
            return found
        # One spot is one finding: a phrase and a regex that both fire on "你有病吧" overlap.
        out: list[Match] = []
        for m in sorted(found, key=lambda m: (m.utterance, m.start, m.start - m.end)):
            if out and out[-1].utterance == m.utterance and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    def _drop_excluded(self, found: list[Match], utts: tuple[Utterance, ...]) -> list[Match]:
        if not found or not self._phrase_exclude:
            return found
        texts = {u.index: u.text for u in utts}
        spans: dict[int, list[tuple[int, int]]] = {}
        for m in found:
            if m.utterance not in spans:
                text = texts.get(m.utterance, "")
                spans[m.utterance] = [(x.start(), x.end()) for rx in self._phrase_exclude for x in rx.finditer(text)]
        return [m for m in found if not in_ranges(m.start, m.end, spans[m.utterance])]

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        if "transferred" in self.spec.skip_when and scopes.ended_in_transfer(ctx.call):
            raise self.not_applicable(scopes.TRANSFERRED)
        if "customer_cut_off" in self.spec.skip_when:
            from hotline_qa.rules.catalogue.closing import customer_cut_off  # closing imports rules

            if ctx.memo("closing.customer_cut_off", lambda: customer_cut_off(ctx.call)):
                raise self.not_applicable("客户在通话中途挂断，坐席未及道别 (the customer hung up mid-conversation)")
        if self._skip_kinds or self._skip_special:
            kind = ctx.analysis.call_kind
            if kind.kind.value in self._skip_kinds or (self._skip_special and kind.special):
                raise self.not_applicable(kind.reason)
        utts = self._scope(ctx)
        if "ended_for_abuse" in self.spec.skip_when:
            from hotline_qa.rules.catalogue.closing import ENDED_FOR_ABUSE, ended_for_abuse

            if ended_for_abuse(ctx, utts):
                raise self.not_applicable(ENDED_FOR_ABUSE)
        if self.spec.kind == "forbidden":
            return self._check_forbidden(utts, ctx)
        return self._check_required(utts, ctx)

    def _check_forbidden(self, utts: tuple[Utterance, ...], ctx: CallContext) -> list[Finding]:
        by_index = {u.index: u for u in utts}
        spots: list[tuple[Match, ...]] = [(m,) for m in self._uncut_exclusions(ctx, self._matches(ctx, utts), by_index)]
        cross = self._cross_cut(ctx, utts, spots)
        if cross:
            spots = sorted(spots + cross, key=lambda s: (s[0].utterance, s[0].start))
        if len(spots) <= self.spec.max_count:
            return []
        template = self.spec.message or "出现“{matched}”"
        out: list[Finding] = []
        for spot in spots[self.spec.max_count:]:
            said = "".join(m.text for m in spot)
            why = f"短语规则 {self.code} 命中“{spot[0].pattern}”"
            if len(spot) > 1:
                why += f"（语音识别把这句话切成了同一轮的{'两' if len(spot) == 2 else '三'}句）"
            out.append(self.finding(template.format(matched=said, count=len(spots), limit=self.spec.max_count),
                                    utterances=[by_index[m.utterance] for m in spot], matches=list(spot),
                                    explanation=why))
        return out

    def _uncut_exclusions(self, ctx: CallContext, found: list[Match], by_index: Mapping[int, Utterance]) -> list[Match]:
        """``found`` without the matches an exclusion covers once the sentences the ASR cut off
        around theirs are put back ("这个不是" / "我们的问题的话…": ``fragments.excluded_after_cut``)."""
        if self.spec.role != "agent" or not found or not (self._exclude_all or self.spec.exclude):
            return found
        from hotline_qa.rules.catalogue.fragments import excluded_after_cut  # the catalogue imports rules

        out: list[Match] = []
        for index in dict.fromkeys(m.utterance for m in found):
            mine = [m for m in found if m.utterance == index]
            out += excluded_after_cut(ctx, by_index[index], mine, self._exclude_all, self._phrases)
        return out

    def _cross_cut(self, ctx: CallContext, utts: tuple[Utterance, ...],
                   within: list[tuple[Match, ...]]) -> list[tuple[Match, ...]]:
        """Matches that run across an ASR cut inside one agent turn ("…的一般都是用户" / "自己开了好几个"):
        the sentences joined where no punctuation marks the cut (``catalogue.fragments.across_cuts``).
        A match that overlaps one already found within a sentence is the same spot, not reported twice."""
        if self.spec.role != "agent" or len(utts) < 2:
            return []
        from hotline_qa.rules.catalogue.fragments import across_cuts  # the catalogue imports rules

        scope = frozenset(u.index for u in utts) if self.spec.scope.window != "whole" else None
        found: list[tuple[Match, ...]] = []
        for matcher, exclude in ((self._phrases, self._phrase_exclude), (self._regex, None)):
            if matcher is not None:  # cut once, or twice ("那肯定" / "是楼上卫生间防水" / "没做好", field call 271)
                found += [parts for _, parts in across_cuts(ctx, matcher, exclude, within=scope)]
        out: list[tuple[Match, ...]] = []
        for parts in found:
            m, n = parts[0], parts[-1]
            if any((x.utterance == m.utterance and x.end > m.start) or (x.utterance == n.utterance and x.start < n.end)
                   or any(x.utterance == k.utterance for k in parts[1:-1])
                   for spot in within + out for x in spot if spot is not parts):
                continue  # already reported within one of the sentences, or across fewer cuts
            out.append(parts)
        return out

    def _check_required(self, utts: tuple[Utterance, ...], ctx: CallContext) -> list[Finding]:
        if not utts:
            return [self.finding(self.spec.message or "缺少规定话术", explanation="范围内没有对应角色的发言")]
        if self._matches(ctx, utts):
            return []
        if self.spec.fuzzy:
            for u in utts:
                if fuzzy_find(u.text, self._phrases.phrases if self._phrases else (), self.spec.fuzzy):
                    return []
        return [self.finding(self.spec.message or "缺少规定话术", utterances=utts,
                             explanation=f"在范围内未找到任何一个规定短语（共 {len(self.spec.phrases)} 个）")]


def make_phrase_rule(code: str, spec: PhraseRuleSpec) -> type[PhraseRule]:
    """A PhraseRule subclass carrying the spec as its identity."""
    attrs: Mapping[str, Any] = {
        "code": code, "slug": spec.slug, "family": spec.family, "name_zh": spec.name_zh,
        "name_en": spec.name_en, "dimension": spec.dimension, "source": spec.source,
        "why": spec.why, "suggestion": spec.suggestion, "spec": spec,
        "needs": (Need.TEXT,),
        "__doc__": spec.description or spec.name_zh,
        "__module__": __name__,
    }
    return type(f"PhraseRule_{code}", (PhraseRule,), dict(attrs))
