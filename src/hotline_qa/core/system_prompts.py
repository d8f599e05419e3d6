"""Recorded machine prompts that a channel or a speaker id put in a person's mouth.

A recording of the whole call begins with the IVR ("您好，欢迎致电…本次通话可能会被录音…普通话服务请按1")
and often ends with the satisfaction survey ("请对本次服务进行评价，满意请按1，不满意请按2"). In a
stereo recording the prompts play on the agent's channel, so the ASR result gives them to the
agent: the agent would then "open" 20 seconds late, speak at 500 characters a minute and never say
goodbye. :func:`mark_system_prompts` gives such turns the ``system`` role, as a transcript that
labels them (``系统：``, ``IVR：``) does already, and says so in a warning.

Only the start and the end of a call are looked at, and only turns that sound like a machine:
a key-press menu ("请按1", "按2键", "press 1"), the recording notice, a queue notice ("坐席忙",
"您前面还有3位"). A turn with the agent's own opening words (工号, 很高兴为您服务, 有什么可以帮您)
is the agent's, whatever else it holds: some centres play the staff number automatically, and
then it counts as the agent's opening. At the end, a menu turn must offer at least two keys or
name the rating ("请对…评价"): an agent says "满意请按1" in passing, a survey lists the keys.
In the middle of a call only the hold prompt is taken ("您的通话正在保持中，请勿挂机"): a short
turn that says the call is being held, with nothing a person says.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hotline_qa.core.call import Call, Role

# A digit as a key: Arabic or Chinese, the star and the hash key.
_KEY = r"[0-9０-９一二三四五六七八九零〇幺*＊#＃星井]"
#: A key-press instruction: "请按1", "按2键", "请按井号键", "press 1".
_KEYPRESS = re.compile(rf"请\s*按\s*{_KEY}|按\s*{_KEY}\s*号?\s*键|\bpress\s*\d", re.IGNORECASE)
#: Things only a machine says at the start of a call: the recording notice, the queue.
_MACHINE_NOTICE = re.compile(
    r"通话(?:可能)?(?:会|将)?被(?:录音|录制)|(?:会|将)(?:被)?全程录音|为了(?:提高|保证|提升)服务质量.{0,10}录音"
    r"|坐席(?:正|全部|都)?(?:忙|繁忙)|(?:您|你)前面还有.{1,4}位|正在排队|排队等待"
    r"|(?:欢迎致电|欢迎拨打|欢迎使用).{0,20}(?:自助|语音)服务")
#: The rating of a survey: "请对本次服务进行评价", "为我的服务打分".
_RATING = re.compile(r"(?:对|为).{0,6}服务.{0,4}(?:评价|打分|评分)|满意度")
#: What a person says: the agent's opening ("工号", "我是"), talk to the customer ("您稍等", "我帮您").
_PERSON = re.compile(r"工号|很高兴为您服务|有什么可以帮(?:助)?您|我是|我这边|我帮您|我给您|还有(?:其他|什么|别的)")
#: After the survey the machine thanks: "感谢您的评价，再见".
_SURVEY_THANKS = re.compile(r"(?:感谢|谢谢)(?:您的)?(?:评价|参与|打分)|评价(?:已|成功)")
#: The music's voice during a hold, anywhere in the call: "您的通话正在保持中，请耐心等待，请勿挂机".
#: The password check the agent hands the caller to: "请输入您的六位查询密码，以井号键结束", "密码验证成功"
#: (not "密码错误": an agent says "系统显示密码错误").
_HOLD_PROMPT = re.compile(r"通话(?:正在|已被|已经被|已)(?:保持|等待)|(?:正在|处于)保持(?:状态|中)"
                          r"|以\s*[#＃井]\s*号?\s*键?\s*结束|密码验证(?:成功|通过|失败|错误)")
#: A hold prompt is short: a longer turn that mentions the hold is a person explaining it.
_HOLD_PROMPT_MAX = 30
#: A customer turn within the prompts: a key said aloud, "人工", "转人工" (left as it is).
_SHORT_REPLY = 6


def is_machine_prompt(text: str, *, at_end: bool = False) -> bool:
    """True when ``text`` (normalised) sounds like a recorded prompt, not a person."""
    if _PERSON.search(text):
        return False
    keys = len(_KEYPRESS.findall(text))
    if at_end:
        return keys >= 2 or (keys >= 1 and _RATING.search(text) is not None) or (
            _SURVEY_THANKS.search(text) is not None and len(text) <= 20)
    return keys >= 1 or _MACHINE_NOTICE.search(text) is not None


def mark_system_prompts(call: Call) -> Call:
    """``call`` with the recorded prompts at its start and end given the system role (see module)."""
    utts = call.utterances
    if not utts:
        return call
    marked: set[int] = set()
    for u in utts:  # the start: prompts and the caller's replies to them, up to the first person's turn
        if u.role is Role.SYSTEM:
            continue
        if is_machine_prompt(u.text):
            marked.add(u.index)
            continue
        if u.role is Role.CUSTOMER and len(u.text) <= _SHORT_REPLY and marked:
            continue
        break
    for u in utts:  # hold and password prompts on the agent's side, anywhere (a caller may say "一直处于保持状态")
        if len(u.text) <= _HOLD_PROMPT_MAX and u.role in (Role.AGENT, Role.UNKNOWN) \
                and _HOLD_PROMPT.search(u.text) and not _PERSON.search(u.text):
            marked.add(u.index)
    for u in reversed(utts):  # the end: the survey and its thanks, and the caller's key words
        if u.index in marked or u.role is Role.SYSTEM:
            continue
        if is_machine_prompt(u.text, at_end=True):
            marked.add(u.index)
            continue
        if u.role is Role.CUSTOMER and len(u.text) <= _SHORT_REPLY:
            continue
        break
    marked = {i for i in marked if utts[i].role is not Role.SYSTEM}
    if not marked or len(marked) == len(utts):
        return call
    changed = tuple(replace(u, role=Role.SYSTEM) if u.index in marked else u for u in utts)
    where = "、".join(f"#{i}" for i in sorted(marked)[:6]) + ("…" if len(marked) > 6 else "")
    warning = (f"{where} 是语音导航、保持提示或满意度评价的录音（请按…、通话录音提示），按“系统”计，不算坐席或客户的话 "
               f"({len(marked)} recorded IVR, hold or survey prompts taken as the system's, not the agent's)")
    return replace(call, utterances=changed, warnings=(*call.warnings, warning))
