"""Recorded IVR and survey prompts on a person's channel become the system's turns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline_qa.core.call import Call, Role, Utterance
from hotline_qa.core.findings import Status
from hotline_qa.core.system_prompts import is_machine_prompt, mark_system_prompts
from hotline_qa.ingest.detect import load_calls, load_calls_from_text
from hotline_qa.pipeline import Engine
from hotline_qa.text.normalize import normalize_text

IVR = "您好欢迎致电安信银行信用卡中心 为了提高服务质量 您的通话可能会被录音"
MENU = "普通话服务请按一 english service please press two"
OPENING = "您好 很高兴为您服务 我是工号幺零三五 请问有什么可以帮您"
SURVEY = "感谢您的来电 请您对本次服务进行评价 非常满意请按一 满意请按二 不满意请按三"


def call_of(*turns: tuple[str, str]) -> Call:
    roles = {"a": Role.AGENT, "c": Role.CUSTOMER}
    return Call(source="t", utterances=tuple(
        Utterance(index=i, role=roles[r], text=normalize_text(t), original=t) for i, (r, t) in enumerate(turns)))


@pytest.mark.parametrize("text", [
    "普通话服务请按1", "查询余额请按2号键", "人工服务请按零", "请按井号键结束", "english service please press 2",
    "为了提高服务质量，您的通话将被录音", "本次通话可能会被录音", "现在坐席忙，您前面还有3位客户，请耐心等待",
    "欢迎致电国家电网自助语音服务",
])
def test_machine_prompts_at_the_start(text: str) -> None:
    assert is_machine_prompt(normalize_text(text))


@pytest.mark.parametrize("text", [
    "您好工号1035为您服务",              # the staff number played for the agent counts as the agent's opening
    "您好很高兴为您服务请问有什么可以帮您",
    "我这边帮您查一下，请您不要挂机",     # a person asks the caller to hold on
    "您好，欢迎致电安信银行，我是客服小王",  # "欢迎致电" alone is what agents say too
    "请您按照短信的提示操作",
])
def test_a_person_is_not_a_prompt(text: str) -> None:
    assert not is_machine_prompt(normalize_text(text))


def test_survey_at_the_end_needs_two_keys_or_the_rating() -> None:
    assert is_machine_prompt(normalize_text(SURVEY), at_end=True)
    assert is_machine_prompt(normalize_text("请为我的服务打分 满意请按1"), at_end=True)
    assert is_machine_prompt(normalize_text("感谢您的评价，再见"), at_end=True)
    # An agent mentioning the survey in passing is the agent.
    assert not is_machine_prompt(normalize_text("稍后满意请按一哦 感谢您的来电 再见"), at_end=True)
    assert not is_machine_prompt(normalize_text("稍后请您对我的服务做出评价 再见"), at_end=True)


def test_leading_ivr_and_trailing_survey_become_system() -> None:
    call = call_of(("a", IVR), ("a", MENU), ("c", "一"), ("a", OPENING), ("c", "我想问一下年费"),
                   ("a", "好的 感谢您的来电 再见"), ("a", SURVEY), ("c", "一"), ("a", "感谢您的评价 再见"))
    marked = mark_system_prompts(call)
    assert [u.role for u in marked.utterances] == [
        Role.SYSTEM, Role.SYSTEM, Role.CUSTOMER, Role.AGENT, Role.CUSTOMER, Role.AGENT,
        Role.SYSTEM, Role.CUSTOMER, Role.SYSTEM]
    assert [u.text for u in marked.utterances] == [u.text for u in call.utterances]
    assert marked.warnings and "#0、#1、#6、#8" in marked.warnings[-1] and "系统" in marked.warnings[-1]


def test_prompts_in_the_middle_and_a_call_without_prompts_are_left_alone() -> None:
    plain = call_of(("a", OPENING), ("c", "我的卡被锁了"), ("a", "您可以在语音菜单里按二号键解锁"),
                    ("a", "感谢您的来电 再见"))
    assert mark_system_prompts(plain) is plain
    # A customer who talks to the machine at length ends the start: what follows is not looked at.
    talk = call_of(("c", "我按了一好几次了都没有反应 你们这个怎么回事"), ("a", MENU), ("a", OPENING))
    assert mark_system_prompts(talk) is talk


def test_a_call_of_prompts_only_is_left_as_it_is() -> None:
    only = call_of(("a", IVR), ("a", MENU))
    assert mark_system_prompts(only) is only


def _alibaba(tmp_path: Path, sentences: list[tuple[int, int, int, str]]) -> Path:
    doc = {"StatusText": "SUCCESS", "Result": {"Sentences": [
        {"ChannelId": ch, "BeginTime": b, "EndTime": e, "Text": t} for ch, b, e, t in sentences]}}
    path = tmp_path / "ivr.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_stereo_recording_with_ivr_scores_the_agent_from_the_agents_first_words(tmp_path: Path) -> None:
    sentences = [(0, 0, 5200, IVR), (0, 5300, 9000, MENU), (1, 9800, 10100, "一"),
                 (0, 16000, 20000, OPENING), (1, 20500, 24500, "你好 我想问一下我这个月账单怎么多了一笔年费"),
                 (0, 25000, 33000, "好的 先生 您这张卡去年没有刷满六次 所以收取了年费 我这边帮您申请减免"),
                 (1, 33500, 34500, "好的谢谢"), (0, 35000, 38500, "请问还有其他可以帮您的吗"),
                 (1, 39000, 40000, "没有了"), (0, 40500, 44000, "感谢您的来电 祝您生活愉快 再见"),
                 (0, 45000, 53000, SURVEY)]
    call = load_calls(_alibaba(tmp_path, sentences))[0]
    assert [u.role for u in call.utterances][:4] == [Role.SYSTEM, Role.SYSTEM, Role.CUSTOMER, Role.AGENT]
    assert call.utterances[-1].role is Role.SYSTEM
    assert any("语音导航" in w for w in call.warnings)
    assert call.agent_turns[-1].text == normalize_text("感谢您的来电 祝您生活愉快 再见")
    results = {r.code: r for r in Engine().evaluate(call).results}
    # Taken as the agent's, the IVR made the opening 20 s long and its fast recorded voice the agent's pace.
    assert results["OPN001"].status is Status.PASSED
    assert all(0 not in f.evidence.utterances and 1 not in f.evidence.utterances for f in results["VOC001"].findings)


def test_dialogue_text_labelled_agent_gets_the_same() -> None:
    text = f"坐席：{IVR}\n坐席：{MENU}\n坐席：{OPENING}\n客户：我要挂失\n坐席：好的 马上为您办理 感谢您的来电 再见\n"
    call = load_calls_from_text(text)[0]
    assert [u.role for u in call.utterances] == [Role.SYSTEM, Role.SYSTEM, Role.AGENT, Role.CUSTOMER, Role.AGENT]


def test_hold_prompt_on_the_agents_side_mid_call() -> None:
    call = call_of(("a", OPENING), ("c", "我的快递三天没动了"), ("a", "好的 我这边帮您查一下 请您稍等两分钟"),
                   ("a", "您的通话正在保持中 请勿挂机"), ("c", "你们通话一直处于保持状态 我都等了十分钟了"),
                   ("a", "我先把通话保持一下 帮您联系站点"), ("a", "感谢您的耐心等待 快递明天送到 再见"))
    marked = mark_system_prompts(call)
    assert [u.index for u in marked.utterances if u.role is Role.SYSTEM] == [3]
    assert "保持提示" in marked.warnings[-1]


HELD = """[00:00.5-00:05.0] 坐席：您好 很高兴为您服务 我是工号三五二七 请问有什么可以帮您
[00:05.5-00:09.0] 客户：我的快递三天没动了 单号是幺二三四五六七八
[00:09.5-00:15.0] 坐席：好的 单号幺二三四五六七八 我这边帮您查一下 请您稍等两分钟可以吗
[00:15.3-00:16.0] 客户：好
[00:46.0-00:50.0] 坐席：您的通话正在保持中 请勿挂机
[01:16.0-01:20.0] 坐席：您的通话正在保持中 请勿挂机
[01:40.0-01:48.0] 坐席：感谢您的耐心等待 查到了 快递在转运中心 明天就能送到
[01:48.5-01:50.0] 客户：好的
[01:55.0-01:58.0] 坐席：感谢您的来电 祝您生活愉快 再见
"""


def test_hold_music_prompts_are_not_the_agent_coming_back() -> None:
    call = load_calls_from_text(HELD)[0]
    assert [u.index for u in call.utterances if u.role is Role.SYSTEM] == [4, 5]
    results = {r.code: r for r in Engine().evaluate(call).results}
    # As the agent's words, each prompt was a return from the hold without thanks (HLD003) and the
    # next stretch a hold with no announcement (HLD001).
    assert results["HLD001"].status is Status.PASSED
    assert results["HLD003"].status is Status.PASSED


def test_password_check_handed_to_the_machine() -> None:
    call = call_of(("a", OPENING), ("c", "我要查一下信用卡额度"), ("a", "好的 为了保障您的账户安全 我先为您转到密码验证"),
                   ("a", "请输入您的六位查询密码 以井号键结束"), ("a", "密码验证成功"),
                   ("a", "好的 您的额度是五万元"), ("a", "系统显示密码错误 请您重新输入"),
                   ("c", "我的密码老是输错 密码错误好几次了"))
    marked = mark_system_prompts(call)
    assert [u.index for u in marked.utterances if u.role is Role.SYSTEM] == [3, 4]
