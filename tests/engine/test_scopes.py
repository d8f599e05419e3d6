from __future__ import annotations

import pytest

from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.rules import scopes


@pytest.mark.parametrize(("last_agent_turn", "expected"), [
    ("为了更好地解决您的问题，我将转接主管为您服务，请您稍等", True),
    ("我帮您转到人工专线", True),
    ("好的帮您转给相关部门处理", True),
    ("退款会转到您的账户", False),     # money, not the call
    ("您可以自己在手机上转账", False),
    ("感谢您的来电，再见", False),
])
def test_ended_in_transfer_by_words(last_agent_turn: str, expected: bool) -> None:
    call = parse_dialogue(f"坐席：您好\n客户：我要找你们领导\n坐席：{last_agent_turn}\n")
    assert scopes.ended_in_transfer(call) is expected


def test_ended_in_transfer_by_event_after_the_last_agent_turn() -> None:
    text = "[00:00-00:02 坐席] 您好\n[00:03-00:05 客户] 喂\n[00:06-00:08 坐席] 请您稍等\n[00:09 #transfer]\n"
    assert scopes.ended_in_transfer(parse_dialogue(text))
    early = "[00:00-00:02 坐席] 您好\n[00:01 #transfer]\n[00:03-00:05 客户] 喂\n[00:06-00:08 坐席] 再见\n"
    assert not scopes.ended_in_transfer(parse_dialogue(early))


def test_opening_window_by_turns_or_seconds() -> None:
    call = parse_dialogue("[00:00-00:02 坐席] 您好\n[00:03-00:05 客户] 喂\n[00:06-00:08 坐席] 我是小周\n"
                          "[00:09-00:11 坐席] 请问有什么可以帮您\n")
    assert [u.index for u in scopes.opening(call, turns=1)] == [0]
    assert [u.index for u in scopes.opening(call, turns=1, seconds=10)] == [0, 2, 3]
    assert [u.index for u in scopes.closing(call, turns=2)] == [2, 3]
