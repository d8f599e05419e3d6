"""A realistic synthetic corpus of hotline calls for benchmarks.

A call lasts about five minutes (50–70 turns). It follows the shape of real hotline calls:
an opening, the customer's problem, questions and answers with numbers (phone, order,
card, address) that the agent reads back, often a hold, the solution with a promise,
sometimes a complaint, and a closing. Most turns are ordinary business talk; violations
come at the rates QA specialists see (a flawed opening in one call of ten, buck-passing in
one of twenty…). A third of the calls have no punctuation at all, like raw ASR output.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from hotline_qa.core.call import Call, CallMetadata, Event, EventKind, Role, Utterance
from hotline_qa.text.normalize import normalize_text

GOOD_OPENINGS = [
    "您好，这里是星河通信客服中心，我是客服专员小周，工号1024，请问有什么可以帮您？",
    "您好，欢迎致电易购商城客服中心，我是38号客服小林，很高兴为您服务，请问有什么可以帮您？",
    "上午好，这里是城市燃气服务热线，我是话务员小李，请问有什么可以帮您？",
    "您好，海峡银行信用卡中心，工号5520为您服务，请问您需要咨询什么业务？",
]
BAD_OPENINGS = ["喂，你好，有什么事？", "您好，请讲。", "喂，说吧。"]

SCENARIOS = {
    "broadband": {
        "problem": ["我家的宽带从昨天晚上开始就连不上了，光猫的灯一直在闪红灯。",
                    "我这个网速最近特别慢，看个视频一直卡，你们帮我看看怎么回事。"],
        "agent_q": ["请问您宽带登记的手机号码是多少？", "请问光猫上的LOS灯是红色的吗？",
                    "请问您是什么时候开始出现这个情况的？", "您家里是用无线还是网线连接的？",
                    "麻烦您提供一下安装地址，我帮您核实一下。"],
        "cust_a": ["手机号是{phone_said}。", "对，红灯一直在闪。", "昨天晚上八点多开始的。",
                   "都试过了，无线和网线都不行。", "地址是{address}。"],
        "answer": ["查到您所在小区的线路正在抢修，预计今天下午六点前恢复。",
                   "您可以先把光猫断电，等待三十秒后重新插上电源试一下。",
                   "从系统看您的账号状态是正常的，可能是光猫本身的故障。"],
        "promise": ["我这边给您登记报修，维修师傅会在24小时内联系您上门。",
                    "如果到时还没有恢复，我会在今天下午六点前给您回电跟进。"],
    },
    "billing": {
        "problem": ["我这个月的话费怎么扣了五百多，我平时最多也就两百。",
                    "我上个月已经退订了那个流量包，怎么这个月还在扣钱？"],
        "agent_q": ["请问机主的手机号码是多少？", "请问您是哪一天办理的退订？", "您是通过营业厅还是手机营业厅退订的？"],
        "cust_a": ["号码是{phone_said}。", "上个月十五号左右。", "在手机营业厅上退的。"],
        "answer": ["查到本月多出的费用是国际漫游流量包重复扣了一次，共三百元。",
                   "系统显示退订在下个账期才生效，所以本月还有一次扣费。"],
        "promise": ["我已经为您提交了退费申请，费用会在3个工作日内退回话费账户。",
                    "退费处理好以后我们会短信通知您。"],
    },
    "delivery": {
        "problem": ["我的快递显示已经签收了，但是我根本没有收到。", "我买的东西一个星期了还没有发货。"],
        "agent_q": ["请问您的订单号是多少？", "请问收货地址是哪里？", "您有没有看一下快递柜或者门卫那里？"],
        "cust_a": ["订单号是{order}。", "{address}。", "都看过了，没有。"],
        "answer": ["查到快递员昨天下午三点把包裹放在了小区的快递柜，取件码可能被拦截了。",
                   "仓库这边显示您的订单今天已经出库了。"],
        "promise": ["我重新给您发送取件码，您注意查收短信。",
                    "我会联系快递核实，预计两小时内给您回电，可以吗？"],
    },
    "card": {
        "problem": ["我的信用卡昨天被盗刷了两笔，一共三千多块。", "我的信用卡额度怎么突然被降了？"],
        "agent_q": ["请问您卡号的后四位是多少？", "请问这两笔交易您本人有没有操作过？", "请问您的身份证号码是多少？"],
        "cust_a": ["后四位是{last4}。", "没有，我人一直在家，卡也在身上。", "身份证号是{idno}。"],
        "answer": ["我已经为您办理了临时冻结，这张卡现在无法交易。",
                   "额度调整是系统根据用卡情况综合评估的，三个月后可以再申请提额。"],
        "promise": ["盗刷调查申请已经提交，两个工作日内会有专人与您联系。"],
    },
}

BACKCHANNEL_AGENT = ["嗯，好的。", "好的，我明白了。", "嗯嗯。", "是的。", "好的，您请说。"]
BACKCHANNEL_CUSTOMER = ["嗯。", "好的。", "对。", "行。", "是的是的。", "哦，这样啊。"]
READ_BACK = ["跟您确认一下，号码是{phone_read}，对吗？", "您是说{restate}，对吗？"]
HOLD_ASK = ["这个问题需要稍作查询，麻烦您稍等1分钟可以吗？", "我帮您查询一下，大约需要两分钟，请您稍等。"]
HOLD_THANKS = ["感谢您的耐心等待。", "让您久等了。"]
FLAWS = ["我不知道，这不是我的问题。", "那个那个，就是说，这个这个我们也不清楚。", "你自己看说明吧。",
         "肯定是你手机的问题。", "我保证明天一定给您解决。", "啊？你说什么？"]
COMPLAINT = ["你们这什么破服务，我都打了三次电话了还没人处理！", "再不解决我就投诉到12315！",
             "你们到底有没有信用啊？"]
SOOTHE = ["非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。",
          "这种情况换了谁都会着急，我非常理解您的心情。",
          "再次向您表示歉意，我们会改进服务，谢谢您对我们工作的监督。"]
GOOD_CLOSING = ["请问您的问题已经得到妥善处理了吗？", "请问还有其他需要协助的吗？",
                "感谢您的来电，祝您生活愉快，再见！"]
BAD_CLOSING = ["行了，就这样吧。", "好，拜拜。"]
DIGITS_ZH = "零幺二三四五六七八九"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _spoken(digits: str) -> str:
    return "".join(DIGITS_ZH[int(d)] for d in digits)


def _unpunctuate(text: str) -> str:
    return "".join(ch for ch in text if ch not in "，。？！、,.?!；;：:")


def generate_calls(n: int, *, seed: int = 7) -> Iterator[Call]:
    """``n`` five-minute calls as Call objects, deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield _one_call(rng, i)


def _one_call(rng: random.Random, i: int) -> Call:
    name = rng.choice(list(SCENARIOS))
    sc = SCENARIOS[name]
    phone = "1" + rng.choice("3589") + _digits(rng, 9)
    fill = {"phone_said": _spoken(phone) if rng.random() < 0.5 else phone,
            "phone_read": phone, "order": _digits(rng, 12), "last4": _digits(rng, 4),
            "idno": "110105" + _digits(rng, 12), "address": "朝阳区阳光小区8栋1203",
            "restate": "从昨天开始出现这个问题"}
    turns: list[tuple[Role, str]] = []
    agent = lambda t: turns.append((Role.AGENT, t))  # noqa: E731
    cust = lambda t: turns.append((Role.CUSTOMER, t))  # noqa: E731
    agent(rng.choice(BAD_OPENINGS) if rng.random() < 0.1 else rng.choice(GOOD_OPENINGS))
    cust(rng.choice(sc["problem"]))
    complaint = rng.random() < 0.15
    if complaint:
        cust(rng.choice(COMPLAINT))
        agent(SOOTHE[0])
    held = False
    hold_after = -1
    while len(turns) < rng.randint(48, 64):
        k = rng.randrange(len(sc["agent_q"]))
        agent(rng.choice(BACKCHANNEL_AGENT) + sc["agent_q"][k])
        cust(sc["cust_a"][min(k, len(sc["cust_a"]) - 1)])
        if rng.random() < 0.5:
            agent(rng.choice(READ_BACK))
            cust(rng.choice(BACKCHANNEL_CUSTOMER))
        if not held and rng.random() < 0.3:
            held = True
            agent(rng.choice(HOLD_ASK))
            cust("好的。")
            hold_after = len(turns) - 1
            agent(rng.choice(HOLD_THANKS) + rng.choice(sc["answer"]))
        else:
            agent(rng.choice(sc["answer"]))
        cust(rng.choice(BACKCHANNEL_CUSTOMER))
        if rng.random() < 0.06:
            agent(rng.choice(FLAWS))
            cust(rng.choice(BACKCHANNEL_CUSTOMER))
    agent(rng.choice(sc["promise"]))
    cust("好的，谢谢。")
    if complaint:
        agent(SOOTHE[2])
    for line in (BAD_CLOSING if rng.random() < 0.15 else GOOD_CLOSING):
        agent(line)
        cust(rng.choice(["没有了。", "好的。", "再见。"]))
    return _timed(rng, i, turns, fill, hold_after)


def _timed(rng: random.Random, i: int, turns: list[tuple[Role, str]], fill: dict[str, str],
           hold_after: int) -> Call:
    asr = rng.random() < 0.33
    utts = []
    events: list[Event] = []
    t = rng.uniform(0.3, 1.5)
    for idx, (role, raw) in enumerate(turns):
        text = raw.format(**fill)
        if asr:
            text = _unpunctuate(text)
        dur = max(0.8, len(text) / rng.uniform(3.4, 4.2))
        utts.append(Utterance(idx, role, normalize_text(text), text, round(t, 2), round(t + dur, 2)))
        t += dur + rng.uniform(0.3, 1.4)
        if idx == hold_after:
            wait = rng.uniform(30, 80)
            events += [Event(EventKind.HOLD_START, round(t, 2)), Event(EventKind.HOLD_END, round(t + wait, 2))]
            t += wait + 0.5
    meta = CallMetadata(call_id=f"bench-{i:06d}", ring_seconds=rng.uniform(2, 18),
                        queue_seconds=rng.uniform(0, 90),
                        hangup_by=Role.CUSTOMER if rng.random() < 0.9 else Role.AGENT)
    return Call(source=f"bench-{i:06d}", utterances=tuple(utts), events=tuple(events), metadata=meta,
                source_format="synthetic")


def to_dialogue_text(call: Call) -> str:
    """The call in the compact transcript notation (for writing corpus files)."""
    label = {Role.AGENT: "坐席", Role.CUSTOMER: "客户"}
    lines = [f"[{_ts(u.start)}-{_ts(u.end)} {label.get(u.role, '坐席')}] {u.original}" for u in call.utterances]
    lines += [f"[{_ts(e.at)} #{e.kind.value}]" for e in call.events]
    return "\n".join(lines) + "\n"


def _ts(seconds: float | None) -> str:
    s = round(seconds or 0.0, 1)
    return f"{int(s // 60):02d}:{s - 60 * int(s // 60):04.1f}"
