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
    assert is_machine_prompt(normalize_text("请对工号一零三五的服务进行评价 满意请按一 不满意请按二"), at_end=True)
    assert is_machine_prompt(normalize_text("满意按一 不满意按二"), at_end=True)  # bare keys, listed
    assert is_machine_prompt(normalize_text("满意清按一 不满意请按二"), at_end=True)  # 清按: the recogniser's slip
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


def test_an_agent_walking_the_caller_through_the_app_is_no_prompt() -> None:
    # field call 1182 (written first as "第二步 输入您的身份证号码和银行卡号 然后点下一步"): a step of the agent's
    call = call_of(("a", OPENING), ("c", "我手机银行密码忘了"), ("a", "第一步 在登录页面点忘记密码"),
                   ("a", "第二步 输入您的身份证号码和银行卡号 然后点下一步"), ("c", "好"),
                   ("a", "请输入您的六位查询密码 以井号键结束"))
    marked = mark_system_prompts(call)
    assert [u.index for u in marked.utterances if u.role is Role.SYSTEM] == [5]


def roles_of(call: Call) -> str:
    return "".join(u.role.value[0] for u in mark_system_prompts(call).utterances)


AFTER = (("a", "好的 我帮您查一下"), ("c", "好"), ("a", "感谢您的来电 再见"))


@pytest.mark.parametrize("text", [
    "您的通话可能被监听或录音", "本次通话将进行录音", "现在是来电高峰期 所有座席均在忙 请耐心等候",
    "正在为您转接人工服务 请稍候", "请不要挂机 您的电话正在接通中", "您已进入人工服务队列 当前等待人数三人",
    "请简单说出您要办理的业务 例如查话费", "请输入您的卡号", "welcome to our bank press one for english",
])
def test_queue_connection_and_self_service_prompts_at_the_start(text: str) -> None:
    assert is_machine_prompt(normalize_text(text))


@pytest.mark.parametrize(("text", "caller"), [
    ("您好 让您久等了 今天来电比较多 坐席都忙不过来", False),  # an agent explaining the queue
    ("您好 坐席忙 您先说 我记一下", False),
    ("您好 请按一下免提 您那边声音太小了", False),       # "press once", not a key
    ("您好 欢迎致电银河银行 您刚才在自助语音服务里没查到是吧", False),
    ("您好 为了保证服务质量 本次通话会录音 您这边是要办理什么业务", False),
    ("喂 是人工吗 你们那个语音说请按零转人工 我按了半天", True),  # a caller quoting the menu
    ("满意请按一 您前面还有三位 我都等了半小时了", True),
])
def test_a_person_quoting_or_explaining_a_prompt_is_not_one(text: str, caller: bool) -> None:
    assert not is_machine_prompt(normalize_text(text), caller=caller)


def test_recording_notice_is_the_machines_only_with_an_inbound_greeting_or_a_prompt_beside_it() -> None:
    ivr = call_of(("a", "您好 欢迎致电广发信用卡 为保证服务质量 您的通话可能被监听或录音"), ("a", OPENING), *AFTER)
    assert roles_of(ivr).startswith("sa")
    hotline = call_of(("a", "您好 这里是便民热线 您的来电将被全程录音"), ("a", "坐席忙 请稍候"), ("a", OPENING), *AFTER)
    assert roles_of(hotline).startswith("ssa")
    # An outbound agent reads the notice, in one turn or cut into sentences by the recogniser.
    outbound = call_of(("a", "您好这里是银河银行信用卡中心"), ("a", "本次通话将被录音"), ("a", "请问是张伟先生吗"),
                       ("c", "是我"), ("a", "张先生您好 您的账单已经逾期了"))
    assert mark_system_prompts(outbound) is outbound


FRAGMENTED = [(0, "您好欢迎致电星联移动"), (0, "为了提高服务质量"), (0, "您的通话可能会被录音"), (0, "普通话服务请按一"),
              (0, "english"), (0, "service"), (0, "pleasepress"), (0, "two"), (1, "一"), (0, "人工服务请按零"),
              (1, "零"), (0, "正在为您转接人工服务"), (0, "请稍候"), (0, "您好"), (0, "星联移动"), (0, "工号幺零三五"),
              (1, "我想把五g套餐降一档"), (0, "好的 我这边帮您办理"), (1, "好的"), (0, "好的感谢您的来电"),
              (0, "稍后请对我的服务进行评价"), (0, "祝您生活愉快再见"), (0, "请您对本次服务进行评价"),
              (0, "满意请按一一般请按二"), (0, "不满意请按三"), (1, "一"), (0, "感谢您的评价再见")]


def test_prompts_cut_into_sentences_by_the_recogniser(tmp_path: Path) -> None:
    call = load_calls(_alibaba(tmp_path, [(ch, i * 2000, i * 2000 + 1800, t) for i, (ch, t) in enumerate(FRAGMENTED)]))[0]
    system = [u.index for u in call.utterances if u.role is Role.SYSTEM]
    # The greeting and the English pieces wait for the menu after them; the agent's own "您好", "星联移动"
    # before the staff number and the agent's "稍后请对我的服务进行评价" stay the agent's.
    assert system == [0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 12, 22, 23, 24, 26]


def test_survey_thanks_only_after_a_survey_and_a_survey_to_come_is_the_agents() -> None:
    praise = call_of(("a", OPENING), ("c", "我想问一下年费"), ("a", "已经帮您减免了"),
                     ("c", "小姑娘你服务挺好的 我给你打满分"), ("a", "谢谢您的评价 祝您生活愉快 再见"))
    assert mark_system_prompts(praise) is praise
    for agent in ("那麻烦您稍后对我的服务给个评价 满意请按一哦", "好的阿姨 稍后请您对我的服务进行评价 满意请按一 谢谢",
                  "您挂机之后会有一个评价 满意请按一 不满意请按二 您根据实际情况评价就行",
                  "大爷 您记一下 下次打来先按一号键 再按零号键就是人工"):
        call = call_of(("a", OPENING), ("c", "我想问一下年费"), ("a", agent), ("c", "好的"))
        assert mark_system_prompts(call) is call, agent


def test_hold_transfer_and_identity_prompts_mid_call() -> None:
    call = call_of(("a", OPENING), ("c", "我想查一下余额"), ("a", "请在听到嘀声后输入您的密码"), ("a", "密码输入错误 请重新输入"),
                   ("a", "验证成功"), ("a", "好 验证通过了 我帮您转到理财部"), ("a", "请不要挂机 您的电话正在转接中"),
                   ("a", "通话转接中 请稍候"), ("a", "您好 理财部 请讲"), *AFTER)
    assert [u.index for u in mark_system_prompts(call).utterances if u.role is Role.SYSTEM] == [2, 3, 4, 6, 7]
    people = call_of(("a", OPENING), ("c", "我想查一下余额"), ("a", "系统显示密码验证失败了 您是不是输错了"),
                     ("a", "感谢您的耐心等待 刚才通话处于保持状态"), ("a", "阿姨您别挂机 您的通话正在转接中 我陪您等一下"),
                     ("a", "您输入密码以井号键结束就可以"), ("c", "你们刚才一直通话保持中 我等了好久"), *AFTER)
    assert mark_system_prompts(people) is people


def test_hold_prompt_of_an_ivr_that_diarization_gave_the_callers_side() -> None:
    call = call_of(("a", OPENING), ("c", "我想查一下余额"), ("a", "好的 我先给您转到密码验证"),
                   ("c", "请输入您的六位查询密码 以井号键结束"), ("c", "密码验证成功"), ("c", "好了 密码输好了"), *AFTER)
    assert [u.index for u in mark_system_prompts(call).utterances if u.role is Role.SYSTEM] == [3, 4]


def test_voice_bot_before_the_agent_is_the_system() -> None:
    bot = call_of(("a", "您好 我是智能语音助手小移 您可以说查话费 查流量"), ("c", "我想查一下我这个月的流量"),
                  ("a", "您本月已使用流量十二GB 还有什么可以帮您"), ("c", "人工"), ("a", "正在为您转接人工 请稍候"),
                  ("a", OPENING), ("c", "我想换个套餐"), *AFTER)
    assert roles_of(bot).startswith("scscsac")
    # Without a hand-over only the bot's introduction is taken; a person naming the bot is a person.
    alone = call_of(("a", "您好 我是智能客服小安 请简单描述您的问题"), ("c", "我要办宽带"), ("a", OPENING), *AFTER)
    assert roles_of(alone).startswith("sca")
    human = call_of(("a", "您好 我是人工客服 不是智能客服 请讲"), ("c", "哦好的"), *AFTER)
    assert mark_system_prompts(human) is human


def test_staff_number_played_at_the_start_stays_the_agents_opening() -> None:
    call = call_of(("a", "欢迎致电国家电网 电费查询请按一 人工服务请按零"), ("c", "零"),
                   ("a", "您好 九五五九八 工号六三二一为您服务"), ("c", "我家停电了"), *AFTER)
    assert roles_of(call).startswith("sca")
