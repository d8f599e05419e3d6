"""A realistic synthetic corpus of hotline calls for benchmarks.

Each call is about five minutes long (60–80 turns) and mixes good practice with the
violations agents really make: missing identity, 你 instead of 您, buck-passing, fillers,
unannounced holds, complaints handled well or badly, numbers spoken as Chinese numerals,
and, in a third of the calls, ASR-style text without punctuation.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from hotline_qa.core.call import Call, CallMetadata, Event, EventKind, Role, Utterance
from hotline_qa.text.normalize import normalize_text

OPENINGS = [
    "您好，这里是12345市民服务热线，我是客服专员小周，工号1024，请问有什么可以帮您？",
    "您好，欢迎致电星河通信客服中心，我是38号话务员，很高兴为您服务。",
    "喂，你好，有什么事？",
    "您好，请讲。",
    "上午好，这里是城市燃气服务热线，我是小李，请问有什么可以帮您？",
]
REQUESTS = [
    "我上个月的话费怎么扣了这么多，你们帮我查一下",
    "我家的宽带从昨天开始就断了一直连不上",
    "我想问一下怎么办理停机保号",
    "我的快递显示签收了但是我根本没收到",
    "我手机号是{phone}，帮我查一下套餐",
    "订单号是{order}，一直没有发货",
    "我要投诉，你们的维修人员三个星期前就说很快能修好，到现在还没有任何消息",
    "你们究竟在做什么，我已经排了二十分钟的队了",
]
AGENT_MIDDLE = [
    "好的，您别着急，我这边马上帮您查询一下。",
    "嗯，我明白您的意思了。",
    "您是说您的宽带从昨天开始无法连接，对吗？",
    "这个问题需要稍作查询，麻烦您稍等1分钟可以吗？",
    "感谢您的耐心等待，我这边查到了您的记录。",
    "那个，就是说，这个这个情况我们也不太清楚。",
    "我不知道，这不是我的问题，你自己看说明吧。",
    "您可以在手机端按以下步骤操作：第一步打开应用，第二步点击我的，第三步选择账单。",
    "我会将您的情况反馈给上级专员，2个工作日内由专人与您沟通解决方案。",
    "我们会尽快给您处理。",
    "非常抱歉给您带来了不好的体验，您先消消气，我会全力帮您解决这个问题。",
    "您的手机号是{phone_read}，对吗？",
    "肯定是你手机的问题，我们这边不可能出这种问题。",
    "然后呢，嗯，然后您再重启一下光猫。",
    "我保证明天一定给您解决。",
]
CUSTOMER_MIDDLE = [
    "对，就是这样。",
    "好的。",
    "那你们到底什么时候能修好啊？",
    "我已经打了好几次电话了，每次都说会处理，到现在也没人管！",
    "嗯嗯，我知道了。",
    "你们这服务太差劲了，简直是抢钱！",
    "我的电话是{phone_spoken}。",
    "行吧，那我等你们消息。",
    "我要找你们经理，不行我就打12315投诉。",
]
CLOSINGS = [
    "请问还有其他需要协助的吗？",
    "请问您的问题已经得到妥善处理了吗？",
    "感谢您的来电，祝您生活愉快，再见！",
    "行了，就这样吧。",
    "好，拜拜。",
]
DIGITS_ZH = "零幺二三四五六七八九"


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _spoken(digits: str) -> str:
    return "".join(DIGITS_ZH[int(d)] for d in digits)


def _unpunctuate(text: str) -> str:
    return "".join(ch for ch in text if ch not in "，。？！、,.?!；;：:")


def generate_calls(n: int, *, seed: int = 7, turns: tuple[int, int] = (60, 80)) -> Iterator[Call]:
    """``n`` five-minute calls as Call objects, deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield _one_call(rng, i, rng.randint(*turns))


def _one_call(rng: random.Random, i: int, n_turns: int) -> Call:
    phone = _phone(rng)
    fill = {"phone": phone, "phone_read": phone if rng.random() < 0.5 else _spoken(phone),
            "phone_spoken": _spoken(phone), "order": "".join(rng.choice("0123456789") for _ in range(12))}
    asr = rng.random() < 0.33
    texts: list[tuple[Role, str]] = [(Role.AGENT, rng.choice(OPENINGS)), (Role.CUSTOMER, rng.choice(REQUESTS))]
    while len(texts) < n_turns - 3:
        texts.append((Role.AGENT, rng.choice(AGENT_MIDDLE)))
        texts.append((Role.CUSTOMER, rng.choice(CUSTOMER_MIDDLE)))
    texts += [(Role.AGENT, c) for c in rng.sample(CLOSINGS, 2)] + [(Role.CUSTOMER, "好的，谢谢，再见。")]
    utts = []
    t = rng.uniform(0.3, 1.5)
    for idx, (role, raw) in enumerate(texts):
        text = raw.format(**fill)
        if asr:
            text = _unpunctuate(text)
        dur = max(0.8, len(text) / rng.uniform(3.2, 4.0))
        utts.append(Utterance(idx, role, normalize_text(text), text, round(t, 2), round(t + dur, 2)))
        t += dur + rng.uniform(0.2, 1.6)
    events: tuple[Event, ...] = ()
    if rng.random() < 0.3:
        at = utts[len(utts) // 2].end or 0.0
        events = (Event(EventKind.HOLD_START, at), Event(EventKind.HOLD_END, at + rng.uniform(20, 90)))
    meta = CallMetadata(call_id=f"bench-{i:06d}", ring_seconds=rng.uniform(2, 25),
                        queue_seconds=rng.uniform(0, 120), hangup_by=rng.choice([Role.CUSTOMER, Role.AGENT]))
    return Call(source=f"bench-{i:06d}", utterances=tuple(utts), events=events, metadata=meta,
                source_format="synthetic")


def to_dialogue_text(call: Call) -> str:
    """The call in the compact transcript notation (for writing corpus files)."""
    label = {Role.AGENT: "坐席", Role.CUSTOMER: "客户"}
    lines = []
    for u in call.utterances:
        lines.append(f"[{_ts(u.start)}-{_ts(u.end)} {label.get(u.role, '坐席')}] {u.original}")
    for e in call.events:
        lines.append(f"[{_ts(e.at)} #{e.kind.value}]")
    return "\n".join(lines) + "\n"


def _ts(seconds: float | None) -> str:
    s = seconds or 0.0
    return f"{int(s // 60):02d}:{s % 60:04.1f}"
