"""Scopes: which utterances a rule looks at.

Opening and closing windows are counted in agent turns or in seconds from the answer;
around-event and after-trigger windows select turns near something that happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hotline_qa.core.call import Call, Event, EventKind, Role, Utterance


def of_role(call: Call, role: Role | None) -> tuple[Utterance, ...]:
    if role is None:
        return tuple(u for u in call.utterances if u.role in (Role.AGENT, Role.CUSTOMER))
    return tuple(u for u in call.utterances if u.role is role)


def first_turns(call: Call, selected: Sequence[Utterance], turns: int) -> tuple[Utterance, ...]:
    """The utterances of ``selected`` (in call order) that belong to its first ``turns``
    speaking turns (``Call.turn_of``: ASR sentences of one turn count once)."""
    turn_of = call.turn_of
    out: list[Utterance] = []
    seen: set[int] = set()
    for u in selected:
        t = turn_of.get(u.index, -1 - u.index)  # a system/unknown turn stands alone
        if t not in seen:
            if len(seen) >= turns:
                break
            seen.add(t)
        out.append(u)
    return tuple(out)


def last_turns(call: Call, selected: Sequence[Utterance], turns: int) -> tuple[Utterance, ...]:
    """The utterances of ``selected`` that belong to its last ``turns`` speaking turns."""
    return first_turns(call, selected[::-1], turns)[::-1]


def opening(call: Call, *, role: Role | None = Role.AGENT, turns: int | None = 2,
            seconds: float | None = None) -> tuple[Utterance, ...]:
    """The first ``turns`` turns of ``role`` and/or those starting within ``seconds``.

    When both are given, a turn is in the window if it satisfies either (transcripts
    without times fall back to turns). A turn is a speaking turn (``Call.turn_of``).
    """
    selected = of_role(call, role)
    by_turns = first_turns(call, selected, turns) if turns else ()
    if seconds is None or not call.has_timestamps:
        return by_turns
    by_time = tuple(u for u in selected if u.start is not None and u.start <= seconds)
    chosen = {u.index for u in by_turns} | {u.index for u in by_time}
    return tuple(u for u in selected if u.index in chosen)


def closing(call: Call, *, role: Role | None = Role.AGENT, turns: int = 2) -> tuple[Utterance, ...]:
    """The last ``turns`` speaking turns of ``role``."""
    selected = of_role(call, role)
    return last_turns(call, selected, turns) if turns else ()


def whole(call: Call, *, role: Role | None = Role.AGENT) -> tuple[Utterance, ...]:
    return of_role(call, role)


def around_event(call: Call, event: Event, *, role: Role | None = Role.AGENT, before: float = 30.0,
                 after: float = 30.0) -> tuple[Utterance, ...]:
    """Turns of ``role`` within ``before``/``after`` seconds of an event.

    Without times the event cannot be placed among the turns: the window is empty (rules
    fall back to hold phrases in the text, see HLD).
    """
    selected = of_role(call, role)
    if event.at is not None and call.has_timestamps:
        return tuple(u for u in selected
                     if u.start is not None and event.at - before <= u.start <= event.at + after)
    return ()


def before_index(call: Call, index: int, *, role: Role | None = Role.AGENT,
                 turns: int = 2) -> tuple[Utterance, ...]:
    """The last ``turns`` speaking turns of ``role`` before utterance ``index`` (inclusive)."""
    selected = [u for u in of_role(call, role) if u.index <= index]
    return last_turns(call, selected, turns)


def after_index(call: Call, index: int, *, role: Role | None = Role.AGENT,
                turns: int = 2) -> tuple[Utterance, ...]:
    """The first ``turns`` speaking turns of ``role`` after utterance ``index`` (a trigger)."""
    selected = [u for u in of_role(call, role) if u.index > index]
    return first_turns(call, selected, turns)


# The agent hands the call over: "我将转接主管为您服务", "帮您转到人工", "为您转接相关部门".
_TRANSFER_SAID = re.compile(
    r"转接(?!费)|(?:转给|转到|转至|帮您转|为您转|给您转)(?:我们的?|我的)?"
    r"(?:主管|班长|组长|经理|领导|上级|专员|人工|相关部门|部门|同事|技术|专线|售后|投诉|客服)"
)


def ended_in_transfer(call: Call) -> bool:
    """The call ends by handing the customer over (a ``transfer`` event after the last agent
    turn, or the agent's last turn announcing the transfer): the closing belongs to whoever
    takes the call over."""
    agent = call.agent_turns
    if not agent:
        return False
    last = agent[-1]
    for ev in call.events:
        if ev.kind is EventKind.TRANSFER and (ev.at is None or last.start is None or ev.at >= last.start):
            return True
    return bool(_TRANSFER_SAID.search(last.text))


TRANSFERRED = "通话已转接，由接手人继续处理与结束 (the call was transferred; whoever takes it over closes it)"
