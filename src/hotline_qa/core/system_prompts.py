"""Recorded machine prompts that a channel or a speaker id put in a person's mouth.

A recording of the whole call begins with the IVR ("您好，欢迎致电…本次通话可能会被录音…普通话服务请按1")
and often ends with the satisfaction survey ("请对本次服务进行评价，满意请按1，不满意请按2"). In a
stereo recording the prompts play on the agent's channel, so the ASR result gives them to the
agent: the agent would then "open" 20 seconds late, speak at 500 characters a minute and never say
goodbye. :func:`mark_system_prompts` gives such turns the ``system`` role, as a transcript that
labels them (``系统：``, ``IVR：``) does already, and says so in a warning.

Only the start and the end of a call are looked at, and only turns that sound like a machine:
a key-press menu ("请按1", "按2键", "press 1"), a queue, connection or self-service prompt ("坐席忙",
"正在为您转接人工服务", "请输入您的卡号"), the recording notice with an inbound greeting or a prompt
beside it (an outbound agent reads the notice too). Recognisers cut a prompt into sentences at
its pauses: short pieces wait for the prompt after them on the same side. A voice bot before the
agent ("我是智能客服小安") is the system's too: its introduction always, its dialogue when it hands
the call over ("正在为您转接人工"). A turn with anything a person says (工号, 很高兴为您服务, 喂, 阿姨,
哦/吧/呢, "一下", "系统显示"; on the caller's side also 我, 吗, 你) is left as it is: some centres play
the staff number automatically, and then it counts as the agent's opening. At the end, the survey
(in one turn or cut into several) must offer two keys, or one key and the rating; a person telling
of the survey to come ("稍后…满意请按1哦") is a person, and "感谢您的评价" is the machine's only after
a survey. In the middle of a call only short hold, transfer and password-check prompts are taken
("您的通话正在保持中，请勿挂机", "通话转接中，请稍候", "密码验证成功").
"""

from __future__ import annotations

import re
from dataclasses import replace

from hotline_qa.core.call import Call, Role, Utterance

# A digit as a key: Arabic or Chinese, the star and the hash key (full width is gone after normalisation).
_KEY = r"[0-9０-９一二三四五六七八九零〇幺*＊#＃星井]"
_EN_KEY = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|zero|star|pound|hash)\b"
#: A key-press instruction: "请按1", "按2键", "请按井号键", "press 1", "press two"; "清按1" is the
#: recogniser's slip for 请按. Not "请按一下免提" (press once), which an agent says.
_KEYPRESS = re.compile(rf"[请清]\s*按\s*{_KEY}(?!\s*下)|按\s*{_KEY}\s*号?\s*键|press\s*{_EN_KEY}", re.IGNORECASE)
#: A key without 请 or 键, as a menu lists them ("满意按1，不满意按2"): one alone is anybody's ("按一再按三").
_BARE_KEY = re.compile(rf"(?<![请清])按\s*{_KEY}(?!\s*[下了的号键])")
#: Things only a machine says at the start of a call: the recording notice ("您的通话可能被监听或录音",
#: "本次通话将会被录音"), the queue ("所有座席均在忙", "您前面还有3位"), the connection ("正在为您转接人工服务",
#: "请不要挂机，您的电话正在接通中"), the self-service prompts ("请简单说出您要办理的业务", "请输入您的卡号").
#: The recording notice: an outbound agent reads it too ("您好，这里是…，本次通话将被录音，请问是张先生吗"),
#: so at the start it is the machine's with an inbound greeting (欢迎致电) or with a menu, queue or
#: connection prompt beside it.
_RECORDING = re.compile(r"(?:通话|来电)(?:可能|将|会|均|都|也){0,3}(?:被|进行)(?:监听|录音|录制)|(?:会|将)被?全程录音"
                        r"|为了(?:提高|保证|提升)服务质量.{0,10}录音")
_INBOUND_GREETING = ("欢迎致电", "欢迎拨打", "欢迎来电", "感谢致电", "感谢您致电", "欢迎使用")
_MACHINE_NOTICE = re.compile(
    r"[坐座]席(?:正|全部|均|都)?在?(?:忙|繁忙)(?!不)|(?:您|你)前面还有.{1,4}位|(?:正在|进入|已进入)排队"
    r"|进入.{0,6}队列|(?:排队|等待|等候)(?:等待|人数)|(?:来电|话务|通话)高峰"
    r"|为您(?:转接|接通|转人工)|转接人工|正在(?:接通|转接)|(?:接通|转接)中|请(?:不要|勿)挂机|请稍候|请耐心等[待候]"
    r"|(?:欢迎致电|欢迎拨打|欢迎使用).{0,20}(?:自助|语音)服务|请(?:简单)?(?:说出|描述)(?:您|你)|请输入"
    r"|以\s*[#＃井]\s*号?\s*键?\s*结束")
#: A voice bot introducing itself before the human agent: "我是智能客服小安", "这里是人工智能客服，我是小慧".
_BOT_WORDS = ("智能客服", "智能助手", "智能语音", "语音助手", "机器人", "虚拟客服", "虚拟助手", "AI客服", "AI助手", "ai客服")
_BOT_SAYS_WHO = ("我是", "这里是", "欢迎")
#: ... but not a person naming it: "我是人工客服，不是智能客服", "你们那个智能客服听不懂".
_NOT_BOT = ("人工客服", "转人工", "不是", "喂", "你们", "工号")
#: The rating of a survey: "请对本次服务进行评价", "为我的服务打分".
_RATING = re.compile(r"评价|打分|评分|满意度")
#: After the survey the machine thanks: "感谢您的评价，再见", "感谢您的宝贵意见"; taken only after a survey.
_SURVEY_THANKS = re.compile(r"感谢|谢谢|再见|评价(?:已|成功)")
#: What only a person says, anywhere in the call: the agent's opening and offer of help, a caller's
#: "喂" and "你们", a name asked for ("请问是张先生吗"), talk ("您那边", "一下", "就可以了", "系统显示"),
#: a form of address (阿姨, 大爷) and the particles of speech (哦, 吧, 呢): a recorded prompt has none.
#: Plain words, looked up with ``in``: they are read on every turn the patterns above could take.
_PERSON_WORDS = (
    "很高兴为您服务", "有什么可以帮", "还有其他", "还有什么", "还有别的", "喂", "你们", "让您久等", "请问是",
    "请问您是", "您这边", "您那边", "一下", "就可以", "就行", "就好", "系统显示", "是不是",
    "以后", "阿姨", "大爷", "叔叔", "大姐", "大哥", "姑娘", "麻烦", "拜托",
    "哦", "吧", "啊", "呀", "嘛", "呢", "啦", "咯", "嘞")
#: A person's words except in the survey, which names them ("请对工号1035的服务", "请对刚才坐席的服务进行评价").
#: A staff number played automatically at the start counts as the agent's opening.
_PERSON_NOT_IN_SURVEY = ("工号", "刚才")
#: At the end, a person telling of the survey to come ("稍后请对我的服务进行评价，满意请按1哦"):
#: the recorded survey asks now.
_SURVEY_TO_COME = ("稍后", "待会", "一会", "等会", "挂机后", "挂机之后", "挂了", "下次")
#: "我" as a person uses it, not the bank's "我行", "我司", "我们" or the survey's "我的服务".
_FIRST_PERSON = re.compile(r"我(?![行司们]|的服务|的工作)")
#: A prompt played on the caller's side is read more strictly: a caller quoting it says 我, 吗, 你.
_CALLER_WORDS = ("我", "吗", "你")
#: The music's voice during a hold, anywhere in the call: "您的通话正在保持中，请耐心等待，请勿挂机",
#: the password or identity check the agent hands the caller to ("请输入您的六位查询密码，以井号键结束",
#: "请在听到嘀声后输入您的密码", "密码输入错误，请重新输入", "验证成功" — not "验证通过了", said by a person).
_HOLD_PROMPT = re.compile(
    r"通话(?:正在|正|已被|已经被|已)(?:保持|等待|处于保持)|(?:正在|处于)保持(?:状态|中)"
    r"|以\s*[#＃井]\s*号?\s*键?\s*结束|(?:验证|校验|核验)(?:成功|通过|失败|错误|未通过)(?!了)"
    r"|输入(?:您|你)的.{0,6}(?:密码|卡号|身份证|证件|号码)|请输入|输入(?:错误|有误).{0,4}请重新输入")
#: A transfer played mid-call ("请不要挂机，您的电话正在转接中", "通话转接中，请稍候"): the transfer and the
#: machine's plea both, as an agent says "正在为您转接" too.
_TRANSFER_PROMPT = re.compile(r"(?:转接|接通)中|正在为您(?:转接|接通)")
_MACHINE_PLEA = re.compile(r"请(?:稍候|勿挂机|不要挂机|耐心等)")
#: Literal cues of :data:`_HOLD_PROMPT`, checked first: the check runs on every short turn of the call.
_HOLD_CUES = re.compile("保持|井|#|验证|校验|核验|输入|转接|接通")
#: A person walking the caller through the steps, not a prompt: "第二步 输入您的身份证号码和银行卡号 然后点下一步".
_WALKS_THROUGH = re.compile(r"第[一二三四五六七八九十\d]步|然后(?:点|再)|点(?:一下|下一步)|下一步")
#: A hold prompt is short: a longer turn that mentions the hold is a person explaining it.
_HOLD_PROMPT_MAX = 30
#: A customer turn within the prompts: a key said aloud, "人工", "转人工" (left as it is).
_SHORT_REPLY = 6
#: The most turns a voice bot's dialogue at the start may take before it hands the call over.
_BOT_MAX = 12
#: Recognisers cut a prompt into sentences at its pauses ("您好欢迎致电星联移动" / "为了提高服务质量" /
#: "您的通话可能会被录音" / "普通话服务请按一"): up to this many short pieces with nothing of a person in
#: them wait for the prompt that follows them on the same side.
_FRAGMENT_MAX = 20
_PENDING_MAX = 6


def sounds_like_a_person(text: str, *, at_end: bool = False, caller: bool = False) -> bool:
    """True when ``text`` (normalised) holds what a person says and a recorded prompt does not."""
    if any(w in text for w in _PERSON_WORDS):
        return True
    if any(w in text for w in (_SURVEY_TO_COME if at_end else _PERSON_NOT_IN_SURVEY)):
        return True
    if caller and any(w in text for w in _CALLER_WORDS):
        return True
    if ("先生" in text or "女士" in text) and "尊敬" not in text:  # "尊敬的先生/女士" is the machine's
        return True
    return "我" in text and _FIRST_PERSON.search(text) is not None


def is_machine_prompt(text: str, *, at_end: bool = False, caller: bool = False) -> bool:
    """True when ``text`` (normalised) sounds like a recorded prompt, not a person.

    ``at_end``: the survey (two keys, or a key and the rating; the thanks after it are taken only
    after one, see :func:`mark_system_prompts`);
    ``caller``: the turn is on the customer's side, where the caller may quote a prompt.
    """
    if sounds_like_a_person(text, at_end=at_end, caller=caller):
        return False
    if at_end:
        keys = _keys(text)
        return keys >= 2 or (keys >= 1 and _RATING.search(text) is not None)
    return _is_start_prompt(text) or _RECORDING.search(text) is not None


def _keys(text: str) -> int:
    """How many keys ``text`` offers: "请按1", "按2号键", and bare "按3" where two or more are listed."""
    if "按" not in text and "press" not in text.lower():
        return 0
    keys = len(_KEYPRESS.findall(text))
    bare = len(_BARE_KEY.findall(text))
    return keys + bare if keys + bare >= 2 else keys


def _is_start_prompt(text: str) -> bool:
    """A menu, queue, connection or self-service prompt (the recording notice aside)."""
    return _keys(text) >= 1 or _MACHINE_NOTICE.search(text) is not None


def _is_survey_thanks(text: str) -> bool:
    return len(text) <= 20 and _SURVEY_THANKS.search(text) is not None and "按" not in text


def _start_prompts(utts: tuple[Utterance, ...]) -> set[int]:
    """The prompts (and a voice bot's turns) at the start, up to the first person's turn."""
    marked: set[int] = set()
    pending: list[int] = []  # short pieces that may be a prompt cut into sentences
    bot: list[int] = []  # a voice bot's turns: taken when it hands the call to a person
    bot_role: Role | None = None
    for u in utts:
        if u.role is Role.SYSTEM:
            continue
        caller = u.role is Role.CUSTOMER
        if not bot and any(w in u.text for w in _BOT_WORDS) and any(w in u.text for w in _BOT_SAYS_WHO) \
                and not any(w in u.text for w in _NOT_BOT):
            bot_role = u.role
            bot.append(u.index)
            continue
        person = sounds_like_a_person(u.text, caller=caller)
        if not person and (_is_start_prompt(u.text) or (_RECORDING.search(u.text) is not None and any(
                g in utts[i].text for i in (*pending, u.index) for g in _INBOUND_GREETING))):
            marked.add(u.index)
            marked.update(i for i in pending if utts[i].role is u.role)
            pending.clear()
            if bot_role is not None and "转" in u.text:  # "正在为您转接人工服务": the bot's turns are all the machine's
                marked.update(bot)
                bot_role = None
            continue
        if bot_role is not None and len(bot) < _BOT_MAX:
            if u.role is bot_role and not any(w in u.text for w in ("工号", "很高兴为您服务")):
                bot.append(u.index)
                continue
            if u.role is not bot_role:  # the caller talking to the bot, at any length
                continue
        if caller and len(u.text) <= _SHORT_REPLY and (marked or bot):
            continue
        if not person and (len(u.text) <= _FRAGMENT_MAX or _RECORDING.search(u.text)) and len(pending) < _PENDING_MAX \
                and (not pending or utts[pending[-1]].role is u.role):
            pending.append(u.index)
            continue
        break
    return marked | set(bot[:1])  # the bot's introduction is the machine's even without a hand-over


def _hold_prompts(utts: tuple[Utterance, ...]) -> set[int]:
    """Short hold, transfer and password-check prompts anywhere (a caller may say "一直处于保持状态")."""
    marked: set[int] = set()
    for u in utts:
        if len(u.text) <= _HOLD_PROMPT_MAX and u.role is not Role.SYSTEM and _HOLD_CUES.search(u.text) \
                and (_HOLD_PROMPT.search(u.text) or (_TRANSFER_PROMPT.search(u.text) and _MACHINE_PLEA.search(u.text))) \
                and not sounds_like_a_person(u.text, caller=u.role is Role.CUSTOMER) and not _WALKS_THROUGH.search(u.text):
            marked.add(u.index)
    return marked


def _end_prompts(utts: tuple[Utterance, ...], taken: set[int]) -> set[int]:
    """The survey at the end (in one turn or cut into several), the thanks after it, the caller's key between."""
    survey: list[int] = []  # pieces with a key or the rating, side by side
    keys, rated = 0, False
    thanks: list[int] = []  # "感谢您的评价": the machine's only after a survey (an agent thanks a caller's praise)
    for u in reversed(utts):
        if u.index in taken or u.role is Role.SYSTEM:
            continue
        caller = u.role is Role.CUSTOMER
        person = sounds_like_a_person(u.text, at_end=True, caller=caller)
        if not survey and not person and _is_survey_thanks(u.text):
            thanks.append(u.index)
            continue
        if not person and (survey == [] or utts[survey[-1]].role is u.role):
            k, r = _keys(u.text), _RATING.search(u.text) is not None
            if k or r:
                survey.append(u.index)
                keys, rated = keys + k, rated or r
                continue
        if caller and len(u.text) <= _SHORT_REPLY and not survey:
            continue
        break
    if not (keys >= 2 or (keys >= 1 and rated)):
        return set()
    side = utts[survey[0]].role
    return {*survey, *(i for i in thanks if utts[i].role is side)}


def mark_system_prompts(call: Call) -> Call:
    """``call`` with the recorded prompts at its start and end given the system role (see module)."""
    utts = call.utterances
    if not utts:
        return call
    marked = _start_prompts(utts)
    marked |= _hold_prompts(utts)
    marked |= _end_prompts(utts, marked)
    marked = {i for i in marked if utts[i].role is not Role.SYSTEM}
    if not marked or len(marked) == len(utts):
        return call
    changed = tuple(replace(u, role=Role.SYSTEM) if u.index in marked else u for u in utts)
    where = "、".join(f"#{i}" for i in sorted(marked)[:6]) + ("…" if len(marked) > 6 else "")
    warning = (f"{where} 是语音导航（含智能客服）、保持提示或满意度评价的录音（请按…、通话录音提示），按“系统”计，不算坐席或客户的话 "
               f"({len(marked)} recorded IVR, voice-bot, hold or survey prompts taken as the system's, not the agent's)")
    return replace(call, utterances=changed, warnings=(*call.warnings, warning))
