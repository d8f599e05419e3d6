"""Plain dialogue text: labels, roles, times, the compact notation, events, continuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline_qa.core.call import EventKind, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.dialogue_text import parse_dialogue

DATA = Path(__file__).parent / "data"

AGENT_LABELS = ["坐席", "座席", "客服", "客服代表", "客服人员", "话务员", "接线员", "工作人员", "服务人员",
                "agent", "Agent", "CSR", "A", "坐席1", "坐席 2", "話務員"]
CUSTOMER_LABELS = ["客户", "用户", "来电人", "来电者", "顾客", "市民", "customer", "Caller", "user", "B",
                   "客戶", "用戶", "客户2"]


@pytest.mark.parametrize("label", AGENT_LABELS)
def test_agent_aliases(label: str) -> None:
    call = parse_dialogue(f"{label}：您好请问有什么可以帮您\n客户：我要反映个问题")
    assert call.utterances[0].role is Role.AGENT


@pytest.mark.parametrize("label", CUSTOMER_LABELS)
def test_customer_aliases(label: str) -> None:
    call = parse_dialogue(f"坐席: 您好\n{label}: 嗯 那个 我家停水了")
    assert call.utterances[1].role is Role.CUSTOMER


def test_half_and_full_width_colons_and_original_kept() -> None:
    call = parse_dialogue("坐席：您好，工號０３７為您服務\n客户:喂 你好")
    first = call.utterances[0]
    assert first.original == "您好，工號０３７為您服務"
    assert first.text == "您好,工号037为您服务"  # simplified, half width
    assert call.utterances[1].text == "喂你好"


def test_roles_mapping_overrides_defaults() -> None:
    text = "A：我想问一下医保报销\nB：您好，这里是医保热线，请问有什么可以帮您"
    call = parse_dialogue(text, roles={"A": "customer", "B": "agent"})
    assert [u.role for u in call.utterances] == [Role.CUSTOMER, Role.AGENT]


def test_roles_mapping_for_names_accepts_chinese_role_words() -> None:
    call = parse_dialogue("张三：您好 市民热线\n李四：我要投诉", roles={"张三": "坐席", "李四": "客户"})
    assert [u.role for u in call.utterances] == [Role.AGENT, Role.CUSTOMER]


def test_unknown_label_names_the_line_and_hints_roles() -> None:
    text = "坐席：您好\n// 注释\n\n王师傅：我是物业的"
    with pytest.raises(InputError) as info:
        parse_dialogue(text, source="call9.txt")
    assert info.value.line == 4
    assert info.value.path == "call9.txt"
    assert "王师傅" in str(info.value)
    assert "--roles" in str(info.value)


def test_invalid_role_in_mapping_is_an_input_error() -> None:
    with pytest.raises(InputError, match="roles"):
        parse_dialogue("张三：你好", roles={"张三": "boss"})


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("[00:03] 坐席：您好", 3.0, None),
        ("[00:03.2] 坐席：您好", 3.2, None),
        ("[01:02:03] 坐席：您好", 3723.0, None),
        ("[00:03.2-00:07.9] 坐席：您好", 3.2, 7.9),
        ("[00:03.2 坐席] 您好", 3.2, None),
        ("[00:03.2-00:07.9 坐席] 您好", 3.2, 7.9),
        ("【００：０３．２ 坐席】您好", 3.2, None),
        ("00:03.2 坐席：您好", 3.2, None),
    ],
)
def test_timestamp_forms(line: str, start: float, end: float | None) -> None:
    # A turn at 00:00 first: a call whose first turn starts an hour in is read as times of day.
    call = parse_dialogue("[00:00 系统] 请稍候\n" + line + "\n[02:00:00 客户] 嗯")
    first = call.utterances[1]
    assert first.role is Role.AGENT
    assert first.text == "您好"
    assert first.start == pytest.approx(start)
    assert first.end == pytest.approx(end if end is not None else 7200.0)  # the next turn's start


def test_last_turn_end_is_estimated_from_length() -> None:
    call = parse_dialogue("[00:00 坐席] 您好\n[00:02 客户] 我家的燃气表坏了")  # 8 hanzi
    assert call.utterances[1].end == pytest.approx(2 + 8 / 3.5, abs=0.01)


def test_turn_before_a_hold_ends_when_the_hold_starts() -> None:
    call = parse_dialogue("[00:10 坐席] 请您稍等\n[00:12 #hold_start]\n[00:40 #hold_end]\n[00:41 坐席] 感谢等待")
    assert call.utterances[0].end == pytest.approx(12.0)


def test_no_times_means_none() -> None:
    call = parse_dialogue("坐席：您好\n客户：你好")
    assert all(u.start is None and u.end is None for u in call.utterances)
    assert not call.has_timestamps


def test_end_before_start_is_an_error_naming_the_line() -> None:
    with pytest.raises(InputError) as info:
        parse_dialogue("坐席：您好\n[00:09-00:05 客户] 嗯")
    assert info.value.line == 2


def test_events_with_times_parties_and_chinese_aliases() -> None:
    text = "\n".join([
        "[00:00 坐席] 您好",
        "[01:10.0 #hold_start]",
        "[02:10 #保持结束]",
        "[03:00 #transfer 二线专家]",
        "[03:30 #hangup customer]",
        "[#挂机 坐席]",
    ])
    call = parse_dialogue(text)
    kinds = [e.kind for e in call.events]
    assert kinds == [EventKind.HOLD_START, EventKind.HOLD_END, EventKind.TRANSFER, EventKind.HANGUP,
                     EventKind.HANGUP]
    assert [e.at for e in call.events] == [70.0, 130.0, 180.0, 210.0, None]
    assert call.events[2].note == "二线专家"
    assert call.events[3].by is Role.CUSTOMER
    assert call.events[4].by is Role.AGENT
    assert len(call.utterances) == 1  # events are not utterances


def test_event_after_its_time_in_brackets() -> None:
    # field round 31: "[04:36.8] #hangup customer" (the time outside the event) stopped the file
    # with "a time without a role label"
    call = parse_dialogue("[04:30.0-04:35.0] 客户：好的再见\n[04:36.8] #hangup customer\n[04:37] #挂机 坐席\n")
    assert [(e.kind, e.at, e.by) for e in call.events] == [(EventKind.HANGUP, 276.8, Role.CUSTOMER),
                                                           (EventKind.HANGUP, 277.0, Role.AGENT)]
    assert [u.text for u in call.utterances] == ["好的再见"]


def test_unknown_event_is_an_error() -> None:
    with pytest.raises(InputError, match="#mute"):
        parse_dialogue("坐席：您好\n[00:05 #mute]")


def test_continuation_lines_comments_and_line_numbers() -> None:
    text = "// 导出自质检平台\n坐席：您好\n\n客户：我想问\n  地址：幸福路8号\n那个停车费\n坐席：好的"
    call = parse_dialogue(text)
    assert [u.index for u in call.utterances] == [0, 1, 2]
    assert [u.source_line for u in call.utterances] == [2, 4, 7]
    assert call.utterances[1].text == "我想问地址:幸福路8号那个停车费"


def test_text_before_any_label_is_an_error() -> None:
    with pytest.raises(InputError) as info:
        parse_dialogue("\n喂 你好 是热线吗\n坐席：您好")
    assert info.value.line == 2


def test_time_without_role_is_an_error() -> None:
    with pytest.raises(InputError, match="角色"):
        parse_dialogue("坐席：您好\n[00:05] 嗯嗯")


def test_empty_input_is_an_error() -> None:
    with pytest.raises(InputError):
        parse_dialogue("// 只有注释\n\n")


def test_sample_file_parses_with_holds_and_hangup() -> None:
    call = parse_dialogue((DATA / "complaint_dialogue.txt").read_text("utf-8"), source="x.txt")
    assert call.source_format == "dialogue_text"
    assert call.has_timestamps
    assert [u.role for u in call.utterances][:2] == [Role.AGENT, Role.CUSTOMER]
    assert "十一点多还在施工" in call.utterances[1].text  # continuation line joined
    assert call.events_of(EventKind.HOLD_START)[0].at == 27.0
    assert call.events_of(EventKind.HANGUP)[0].by is Role.CUSTOMER


def test_confidence_in_the_compact_notation_and_estimated_ends() -> None:
    from hotline_qa.ingest.dialogue_text import parse_dialogue as parse

    call = parse("[00:01.0-00:03.0 坐席 conf=0.55] 您好\n[00:03.5 客户] 喂\n[00:06 坐席 置信度=0.9] 好的\n")
    first, second, third = call.utterances
    assert (first.confidence, first.end_estimated) == (0.55, False)
    assert second.confidence is None and second.end == 6.0 and second.end_estimated
    assert third.confidence == 0.9 and third.end_estimated


@pytest.mark.parametrize("clock", ["00:03.2", "1:02:03", "12:34,5", "5:5", "999:59.99", "00:61", "1:60:00",
                                   "61:00:00", "0:59:59.999", "١٢:٣٤"])
def test_head_times_read_like_parse_clock(clock: str) -> None:
    from hotline_qa.ingest.common import parse_clock
    from hotline_qa.ingest.dialogue_text import _clock

    assert _clock(clock) == parse_clock(clock)


def test_full_width_head_with_cjk_brackets_keeps_the_original_text() -> None:
    call = parse_dialogue("【００:０３.２－００:０７.９ 坐席】：您好，請問ＡＢＣ\n〔00:08 客戶〕 我要查訂單")
    first, second = call.utterances
    assert (first.role, first.start, first.end) == (Role.AGENT, 3.2, 7.9)
    assert first.original == "您好，請問ＡＢＣ"  # as said; the colon after the bracket dropped
    assert first.text == "您好,请问ABC"
    assert (second.role, second.start) == (Role.CUSTOMER, 8.0)


def test_user_roles_win_on_every_line_of_a_file() -> None:
    text = "A：您好\nB：你好\nA：请问\nB：我要投诉"
    default = parse_dialogue(text)
    swapped = parse_dialogue(text, roles={"A": "customer", "B": "agent"})
    assert [u.role for u in default.utterances] == [Role.AGENT, Role.CUSTOMER] * 2
    assert [u.role for u in swapped.utterances] == [Role.CUSTOMER, Role.AGENT] * 2
