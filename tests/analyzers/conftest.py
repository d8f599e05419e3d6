"""Helpers for analyzer tests: small calls built from (role, text[, start, end]) tuples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import pytest

from hotline_qa.analyzers.analysis import Analysis, analyze
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.call import Call, CallMetadata, Role, Utterance
from hotline_qa.text.normalize import normalize_text

_ROLES = {"a": Role.AGENT, "agent": Role.AGENT, "坐席": Role.AGENT,
          "c": Role.CUSTOMER, "customer": Role.CUSTOMER, "客户": Role.CUSTOMER}


def make_call(turns: Sequence[tuple[Any, ...]], *, started_at: datetime | None = None,
              source: str = "test") -> Call:
    """A Call from ``(role, text)`` or ``(role, text, start, end)`` tuples; text is normalised."""
    utterances = []
    for i, turn in enumerate(turns):
        role, text = turn[0], turn[1]
        start = turn[2] if len(turn) > 2 else None
        end = turn[3] if len(turn) > 3 else None
        utterances.append(Utterance(index=i, role=_ROLES[role], text=normalize_text(text),
                                    original=text, start=start, end=end))
    return Call(source=source, utterances=tuple(utterances),
                metadata=CallMetadata(started_at=started_at))


def analyze_customer_turns(customer_turns: Sequence[str]) -> Analysis:
    """Analyse a call of the given customer turns, each after a neutral agent turn."""
    turns: list[tuple[str, str]] = []
    for i, text in enumerate(customer_turns):
        turns.append(("a", "您好 请讲" if i == 0 else "好的 我明白"))
        turns.append(("c", text))
    turns.append(("a", "感谢您的来电 再见"))
    return analyze(make_call(turns), calendar=WorkCalendar(), now=None)


@pytest.fixture
def call_from() -> Callable[..., Call]:
    return make_call
