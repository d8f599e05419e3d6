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
    # 2 and 3 follow each other within a second: one speaking turn (the ASR split it)
    assert [u.index for u in scopes.closing(call, turns=1)] == [2, 3]
    assert [u.index for u in scopes.closing(call, turns=2)] == [0, 2, 3]


def test_asr_sentences_of_one_turn_count_once() -> None:
    fragments = ("[00:01.0-00:02.2 坐席] 您好\n[00:02.4-00:04.6 坐席] 这里是客服中心\n"
                 "[00:04.8-00:06.3 坐席] 我是工号三五二七\n[00:06.5-00:08.4 坐席] 请问有什么可以帮您\n"
                 "[00:09.0-00:12.5 客户] 我想查话费\n[00:13.0-00:14.2 坐席] 好的请您稍等\n"
                 "[00:30.0-00:32.0 坐席] 感谢您的耐心等待\n")
    call = parse_dialogue(fragments)
    assert call.turn_of == {0: 0, 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 3}  # the 15.8 s pause splits 5 and 6
    assert [u.index for u in scopes.opening(call, turns=1)] == [0, 1, 2, 3]
    assert [u.index for u in scopes.closing(call, turns=1)] == [6]
    assert [u.index for u in scopes.after_index(call, 4, turns=1)] == [5]
    # Lines typed without times stay turns of their own.
    untimed = parse_dialogue("坐席：您好\n坐席：这里是客服中心\n客户：喂\n")
    assert untimed.turn_of == {0: 0, 1: 1, 2: 2}


# Raw sentence-level ASR exported without times (field call 422): one turn cut every few characters.
_UNTIMED_CUTS = ("A：您好爱奇艺客服\nA：工号九五二七\nA：请问有什么可以帮您\nB：喂 我问一下\nB：我这个会员\n"
                 "B：怎么每个月都在扣钱\nA：您是开通了自动续费吧\nB：我哪知道什么自动续费\nB：我当时就买了一个月\n"
                 "A：你要去投诉的话\nA：那随便你\nB：你叫什么名字\n")
# The same talk typed turn by turn: the parties alternate, one doubled line.
_TYPED = ("坐席：您好爱奇艺客服工号九五二七请问有什么可以帮您\n客户：喂我问一下我这个会员怎么每个月都在扣钱\n"
          "坐席：您是开通了自动续费吧\n客户：我哪知道什么自动续费\n坐席：请您稍等\n坐席：感谢您的耐心等待\n"
          "客户：嗯\n坐席：您当时买的是连续包月\n客户：那怎么退\n坐席：我帮您申请\n客户：好\n")


def test_untimed_lines_cut_like_asr_sentences_join_into_turns() -> None:
    call = parse_dialogue(_UNTIMED_CUTS)
    assert call.untimed_cuts
    turn_of = call.turn_of
    assert turn_of[0] == turn_of[1] == turn_of[2] != turn_of[3]
    assert turn_of[3] == turn_of[4] == turn_of[5] != turn_of[6]
    assert turn_of[9] == turn_of[10] != turn_of[11]
    assert [u.index for u in scopes.closing(call, turns=1)] == [9, 10]
    # Typed turn by turn, a doubled line (the agent's words around a hold) stays two turns.
    typed = parse_dialogue(_TYPED)
    assert not typed.untimed_cuts
    assert typed.turn_of[4] != typed.turn_of[5]
    # Too few lines to tell: typed.
    assert not parse_dialogue("".join(_UNTIMED_CUTS.splitlines(keepends=True)[:6])).untimed_cuts


def test_a_backchannel_of_the_other_party_does_not_end_a_turn() -> None:
    # "幺三八幺二" / agent "嗯" / "三四五六七八": one customer turn; the agent's "对吗" hands the
    # turn over, so the customer's "对" after it is an answer and the agent's next sentence a new turn.
    text = ("[00:01.0-00:02.5 客户] 幺三八幺二\n[00:02.3-00:02.8 坐席] 嗯\n[00:03.0-00:04.6 客户] 三四五六七八\n"
            "[00:05.2-00:07.0 坐席] 幺三八幺二三四五六七八对吗\n[00:07.3-00:07.6 客户] 对\n"
            "[00:07.9-00:09.0 坐席] 好的请问您怎么称呼\n[00:09.5-00:10.5 客户] 我姓周\n"
            "[00:11.0-00:12.0 坐席] 周先生您好\n[00:12.1-00:12.5 客户] 嗯\n[00:12.6-00:14.0 坐席] 您是说话费多扣了\n"
            "[00:14.1-00:15.0 客户] 我想问一下\n[00:15.2-00:16.0 坐席] 对吧\n")
    turn_of = parse_dialogue(text).turn_of
    assert turn_of[0] == turn_of[2] != turn_of[1]
    assert turn_of[3] != turn_of[5]          # "对" answered the question "对吗"
    assert turn_of[7] == turn_of[9] != turn_of[8]
    assert turn_of[10] != turn_of[9]         # the customer took the turn: not a backchannel
    assert turn_of[11] != turn_of[9]


def test_an_interjection_the_speaker_talks_through_does_not_end_the_turn() -> None:
    # Customer "怎么吃" falls wholly inside the agent's "您先听我说这个也可能": the agent talks on
    # ("是商家那边漏装了"), one turn. "怎么可能" after the agent stopped takes the turn.
    through = ("[00:18.8-00:21.5 客户] 骑手是不是偷吃了\n[00:23.5-00:26.3 坐席] 您先听我说这个也可能\n"
               "[00:24.2-00:24.9 客户] 怎么吃\n[00:26.4-00:28.6 坐席] 是商家那边漏装了\n")
    turn_of = parse_dialogue(through).turn_of
    assert turn_of[1] == turn_of[3] != turn_of[2]
    after = through.replace("[00:24.2-00:24.9 客户] 怎么吃", "[00:26.35-00:26.39 客户] 怎么可能")
    turn_of = parse_dialogue(after).turn_of
    assert turn_of[1] != turn_of[3]


def test_around_an_event_and_after_a_trigger() -> None:
    from hotline_qa.core.call import Role

    text = ("[00:00-00:03 坐席] 您好\n[00:04-00:06 客户] 查话费\n[00:07-00:09 坐席] 请稍等\n"
            "[00:10 #hold_start]\n[00:40 #hold_end]\n[00:41-00:44 坐席] 感谢您的耐心等待\n"
            "[00:45-00:47 客户] 好\n[01:30-01:33 坐席] 再见\n")
    call = parse_dialogue(text)
    hold_end = call.events[1]
    near = scopes.around_event(call, hold_end, before=5, after=10)
    assert [u.index for u in near] == [3]             # only the thanks right after the hold
    assert [u.index for u in scopes.after_index(call, 1, turns=2)] == [2, 3]
    assert [u.index for u in scopes.before_index(call, 3, turns=2)] == [2, 3]
    assert [u.index for u in scopes.after_index(call, 0, role=Role.CUSTOMER, turns=1)] == [1]
    untimed = parse_dialogue("坐席：您好\n客户：喂\n坐席：请稍等\n坐席：让您久等了\n")
    # Without times the event cannot be placed among the turns: no window, rather than a wrong one.
    assert scopes.around_event(untimed, hold_end) == ()
