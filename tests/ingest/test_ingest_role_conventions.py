"""Fixed channel-to-role conventions checked against the content of the first turns.

Alibaba's ChannelId 0, Tencent's ChannelId 0 and Huawei's AGENT (from a LEFT_AGENT/RIGHT_AGENT
setting) are taken as the agent by convention. With speaker separation on mono audio the
number follows the order of speaking, and the customer of an outbound call speaks first: when
the agent's opening is clearly on the other side, the roles are swapped with a warning.
Fixtures are written here, shaped like each service's documented result.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import openings_contradict
from hotline_qa.ingest.detect import detect_format, load_calls_from_bytes

A, C = Role.AGENT, Role.CUSTOMER

# An outbound callback: the customer answers first, the agent then introduces themselves.
OUTBOUND = [("喂？哪位？", 0), ("您好，我是市民热线的回访专员，工号2231，请问是王先生吗？", 1),
            ("对，是我。", 0), ("您上周反映的路灯问题已经修好了，想跟您确认一下。", 1)]
# An ordinary inbound call: the agent greets first on channel 0.
INBOUND = [("您好，市民热线，工号2231，很高兴为您服务。", 0), ("喂，您好，是客服吗？我要反映路灯不亮。", 1),
           ("好的，请问在哪个路段？", 0), ("幸福路和建设路路口。", 1)]
# Both sides only say 您好: no clear evidence.
BOTH_HELLO = [("喂，您好。", 0), ("您好。", 1), ("我想问一下停水的事。", 0), ("您说。", 1)]
# Both sides say an agent-only phrase: evidence on both sides.
BOTH_SIDES = [("您好，工号0815，很高兴为您服务。", 0), ("你好，我记一下你的工号，我要投诉。", 1),
              ("您请讲。", 0), ("上次那个客服态度很差。", 1)]


def _alibaba(turns: list[tuple[str, int]], *, key: str = "ChannelId") -> dict[str, Any]:
    sentences = [{key: channel, "BeginTime": n * 3000, "EndTime": n * 3000 + 2500, "Text": text}
                 for n, (text, channel) in enumerate(turns)]
    return {"TaskId": "b1c2", "StatusText": "SUCCESS", "Result": {"Sentences": sentences}}


def _tencent(turns: list[tuple[str, int]]) -> dict[str, Any]:
    details = [{"FinalSentence": text, "StartMs": n * 3000, "EndMs": n * 3000 + 2500, "ChannelId": channel,
                "SpeakerId": channel} for n, (text, channel) in enumerate(turns)]
    return {"Response": {"Data": {"TaskId": 7, "Status": 2, "StatusStr": "success", "ResultDetail": details},
                         "RequestId": "r-1"}}


def _huawei(turns: list[tuple[str, int]]) -> dict[str, Any]:
    role = {0: "AGENT", 1: "USER"}
    return {"status": "FINISHED", "create_time": "t", "segments": [
        {"start_time": n * 3000, "end_time": n * 3000 + 2500,
         "result": {"text": text, "score": 0.9, "analysis_info": {"role": role[channel]}}}
        for n, (text, channel) in enumerate(turns)]}


def _load(doc: Any, **options: Any) -> Call:
    (call,) = load_calls_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), name="call.json", **options)
    return call


def _roles(call: Call) -> list[Role]:
    return [u.role for u in call.utterances]


BUILDERS = {"alibaba": _alibaba, "tencent": _tencent, "huawei": _huawei}


@pytest.mark.parametrize("service", sorted(BUILDERS))
def test_agent_opening_on_the_other_side_swaps_the_convention(service: str) -> None:
    call = _load(BUILDERS[service](OUTBOUND))
    assert call.source_format == service
    assert _roles(call) == [C, A, C, A]
    (warning,) = [w for w in call.warnings if "调换" in w]
    assert "--roles" in warning


@pytest.mark.parametrize("service", sorted(BUILDERS))
def test_opening_on_the_convention_side_keeps_it(service: str) -> None:
    call = _load(BUILDERS[service](INBOUND))
    assert _roles(call) == [A, C, A, C]
    assert not any("调换" in w for w in call.warnings)


@pytest.mark.parametrize("turns", [BOTH_HELLO, BOTH_SIDES], ids=["both-say-hello", "evidence-on-both-sides"])
@pytest.mark.parametrize("service", sorted(BUILDERS))
def test_weak_or_two_sided_evidence_keeps_the_convention(service: str, turns: list[tuple[str, int]]) -> None:
    call = _load(BUILDERS[service](turns))
    assert _roles(call) == [A if channel == 0 else C for _, channel in turns]
    assert not any("调换" in w for w in call.warnings)


@pytest.mark.parametrize(("service", "roles"), [
    ("alibaba", {"0": "agent", "1": "customer"}), ("tencent", {"0": "agent", "1": "customer"}),
    ("huawei", {"AGENT": "agent", "USER": "customer"})])
def test_explicit_roles_always_win(service: str, roles: dict[str, str]) -> None:
    call = _load(BUILDERS[service](OUTBOUND), roles=roles)
    assert _roles(call) == [A, C, A, C]  # as the user said, against the content
    assert not any("调换" in w for w in call.warnings)


def test_roles_for_other_labels_do_not_turn_the_check_off() -> None:
    call = _load(_alibaba(OUTBOUND), roles={"张三": "agent"})  # a --roles meant for text files in the batch
    assert _roles(call) == [C, A, C, A]


def test_alibaba_auto_split_snake_case_and_paraformer_channels_are_checked_too() -> None:
    flash = {"flash_result": {"sentences": [
        {"channel_id": channel, "begin_time": n * 3000, "end_time": n * 3000 + 2500, "text": text}
        for n, (text, channel) in enumerate(OUTBOUND)]}}
    assert _roles(_load(flash)) == [C, A, C, A]
    transcripts = {"transcripts": [{"channel_id": ch, "sentences": [
        {"begin_time": n * 3000, "end_time": n * 3000 + 2500, "text": text}
        for n, (text, channel) in enumerate(OUTBOUND) if channel == ch]} for ch in (0, 1)]}
    assert _roles(_load(transcripts)) == [C, A, C, A]


def test_tencent_stated_role_names_are_not_second_guessed() -> None:
    doc = _tencent(OUTBOUND)
    for detail in doc["Response"]["Data"]["ResultDetail"]:
        del detail["ChannelId"]
        detail["SpeakerRoleName"] = "坐席" if detail["SpeakerId"] == 0 else "客户"
    assert _roles(_load(doc)) == [A, C, A, C]  # the result names the roles: kept


def test_opening_is_read_from_the_first_turns_only() -> None:
    # The agent's phrases on the customer side late in the call are no evidence.
    late = [("您好，燃气热线。", 0), ("喂，我家燃气表不走字。", 1)] + [("嗯。", 0), ("对。", 1)] * 8 + [
        ("你工号多少？很高兴为您服务是吧？", 1)]
    assert not openings_contradict((A if ch == 0 else C, text) for text, ch in late)
    # Traditional and full-width text is read like simplified text.
    assert openings_contradict([(A, "喂？"), (C, "您好，工號２２３１，很高興為您服務。")])


@pytest.mark.parametrize(("agent", "customer", "expected"), [
    ("喂？", "您好，请问有什么可以帮您？", True),
    ("喂，是客服吗？", "您好，工号12，很高兴为您服务。", True),  # 客服 on the assumed side is no agent evidence
    ("喂？", "您好，这里是热线。", False),  # no agent-only phrase
    ("喂？", "请问是李女士吗？我是银行信用卡中心的。", True),  # an outbound agent asking for the customer
    ("喂？", "请问你是哪位？", False),  # the customer of an outbound call asking back
    ("", "您好，工号12。", False),  # one side silent: nothing to compare
])
def test_what_counts_as_clear_evidence(agent: str, customer: str, expected: bool) -> None:
    assert openings_contradict([(A, agent), (C, customer)]) is expected


# --- Huawei flash and one-sentence results ------------------------------------------------

def _flash(*channels: list[tuple[str, int]]) -> dict[str, Any]:
    return {"trace_id": "9f1e", "audio_duration": 12000, "flash_result": [
        {"channel_id": c, "sentences": [{"start_time": start, "end_time": start + 2000,
                                         "result": {"text": text, "score": 0.88, "word_info": []}}
                                        for text, start in turns]}
        for c, turns in enumerate(channels)]}


def test_huawei_flash_channels_are_speakers_inferred_from_the_opening() -> None:
    doc = _flash([("喂？", 0), ("我家停电了。", 5000)], [("您好，供电热线，工号31，很高兴为您服务。", 2100)])
    raw = json.dumps(doc, ensure_ascii=False)
    assert detect_format(raw.encode(), raw, "x.json") == "huawei"
    call = _load(doc)
    assert call.source_format == "huawei/flash"
    assert [(u.role, u.channel, u.start, u.confidence) for u in call.utterances] == [
        (C, 0, 0.0, 0.88), (A, 1, 2.1, 0.88), (C, 0, 5.0, 0.88)]
    assert any("1" in w and "坐席" in w for w in call.warnings)
    forced = _load(doc, roles={"0": "agent"})
    assert [u.role for u in forced.utterances] == [A, C, A]


def test_huawei_flash_with_one_channel_cannot_tell_the_speakers_apart() -> None:
    with pytest.raises(InputError) as info:
        _load(_flash([("您好，工号31。", 0), ("我家停电了。", 2100)]))
    assert info.value.field == "flash_result[0].channel_id" and "双声道" in (info.value.hint or "")


def test_huawei_one_sentence_result_says_what_to_use_instead() -> None:
    with pytest.raises(InputError) as info:
        _load({"trace_id": "0a1b", "result": {"text": "您好我要报修", "score": 0.9}})
    assert info.value.field == "result.text" and "PushTranscriberJobs" in (info.value.hint or "")


def test_transcribe_call_analytics_roles_from_channel_definitions_are_checked() -> None:
    participant = {0: "AGENT", 1: "CUSTOMER"}
    doc: dict[str, Any] = {"JobStatus": "COMPLETED", "Transcript": [
        {"ParticipantRole": participant[channel], "Content": text, "BeginOffsetMillis": n * 3000,
         "EndOffsetMillis": n * 3000 + 2500} for n, (text, channel) in enumerate(OUTBOUND)]}
    call = _load(doc)
    assert call.source_format == "transcribe/call_analytics"
    assert _roles(call) == [C, A, C, A] and any("AGENT=agent,CUSTOMER=customer" in w for w in call.warnings)
    assert _roles(_load(doc, roles={"AGENT": "agent"})) == [A, C, A, C]
    doc["Transcript"] = [dict(t, Content=text) for t, (text, _) in zip(doc["Transcript"], INBOUND, strict=True)]
    assert _roles(_load(doc)) == [A, C, A, C]


def _vtt(*cues: tuple[str, str]) -> bytes:
    lines = ["WEBVTT", ""]
    for n, (voice, text) in enumerate(cues):
        lines += [f"00:00:{n * 3:02d}.000 --> 00:00:{n * 3 + 2:02d}.500", f"<v {voice}>{text}", ""]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(("agent", "customer"), [
    ("回访专员", "来电客户"),   # field call 392: a follow-up specialist's title
    ("客户经理", "持卡人"),     # a bank's 客户经理 is staff: read by the last word
    ("理赔顾问", "车主"),
])
def test_a_job_title_is_read_by_its_last_word(agent: str, customer: str) -> None:
    (call,) = load_calls_from_bytes(_vtt((agent, "您好请问是陈先生吗"), (customer, "对是我")), name="f392.vtt")
    assert [u.role for u in call.utterances] == [A, C]


def test_a_bare_name_is_still_an_unknown_label() -> None:
    with pytest.raises(InputError) as info:
        load_calls_from_bytes(_vtt(("王芳", "您好"), ("客户", "你好")), name="names.vtt")
    assert "王芳" in str(info.value)
