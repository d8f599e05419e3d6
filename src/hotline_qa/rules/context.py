"""What every rule sees of one call: the call, the shared analysis, helpers to search it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.rules.base import to_matches
from hotline_qa.rules.matchers import Match, PhraseSet, RegexSet

if TYPE_CHECKING:
    from hotline_qa.analyzers.analysis import Analysis


class CallContext:
    """One call plus everything computed once and shared by all rules.

    ``settings`` holds the rulebook's general settings (company names, agent-name
    patterns, jargon, time zone). The analysis is computed on first use.
    """

    def __init__(self, call: Call, *, settings: Mapping[str, Any] | None = None,
                 analysis: Analysis | None = None) -> None:
        self.call = call
        self.settings: Mapping[str, Any] = settings or {}
        if analysis is not None:
            self.__dict__["analysis"] = analysis
        self._hits: dict[tuple[int, int], list[Match]] = {}
        # Per-rule structured results beside the findings (CMP002's steps, FIL001's count).
        self.details: dict[str, dict[str, Any]] = {}

    def report(self, code: str, details: Mapping[str, Any]) -> None:
        """Attach structured details to a rule's result (shown in reports and JSON)."""
        self.details[code] = dict(details)

    @cached_property
    def analysis(self) -> Analysis:
        from hotline_qa.analyzers.analysis import analyze
        from hotline_qa.analyzers.workdays import WorkCalendar

        return analyze(self.call, calendar=WorkCalendar(), now=self.local_start)

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(str(self.settings.get("timezone", "Asia/Shanghai")))

    @cached_property
    def local_start(self) -> datetime | None:
        """The call's start time in the center's time zone, or None."""
        started = self.call.metadata.started_at
        if started is None:
            return None
        if started.tzinfo is None:
            return started.replace(tzinfo=self.timezone)
        return started.astimezone(self.timezone)

    @property
    def agent_turns(self) -> tuple[Utterance, ...]:
        return self.call.agent_turns

    @property
    def customer_turns(self) -> tuple[Utterance, ...]:
        return self.call.customer_turns

    def turns(self, role: Role | None = None) -> tuple[Utterance, ...]:
        if role is None:
            return self.call.utterances
        return tuple(u for u in self.call.utterances if u.role is role)

    def find(self, matcher: PhraseSet | RegexSet, utterances: Iterable[Utterance]) -> list[Match]:
        """All matches of ``matcher`` in ``utterances`` (cached per matcher and utterance)."""
        out: list[Match] = []
        key_m = id(matcher)
        for u in utterances:
            key = (key_m, u.index)
            hits = self._hits.get(key)
            if hits is None:
                hits = to_matches(u, matcher.find(u.text))
                self._hits[key] = hits
            out.extend(hits)
        return out

    def first(self, matcher: PhraseSet | RegexSet, utterances: Iterable[Utterance]) -> Match | None:
        for u in utterances:
            found = self.find(matcher, (u,))
            if found:
                return found[0]
        return None
