"""Scopes: which utterances a rule looks at.

Opening and closing windows are counted in agent turns or in seconds from the answer;
around-event and after-trigger windows select turns near something that happened.
"""

from __future__ import annotations

from collections.abc import Sequence

from hotline_qa.core.call import Call, Event, Role, Utterance
from hotline_qa.core.call import ended_in_transfer as ended_in_transfer  # re-exported for the rules


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


def turn_groups(call: Call, selected: Sequence[Utterance]) -> dict[int, list[Utterance]]:
    """The utterances of ``selected`` by speaking turn (``Call.turn_of``; one with no turn stands
    alone), each turn's ASR sentences in the order given."""
    turn_of = call.turn_of
    out: dict[int, list[Utterance]] = {}
    for u in selected:
        out.setdefault(turn_of.get(u.index, -1 - u.index), []).append(u)
    return out


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


TRANSFERRED = "通话已转接，由接手人继续处理与结束 (the call was transferred; whoever takes it over closes it)"
