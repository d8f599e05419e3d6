"""Real call audio for the audio tests, synthesised once per session with espeak-ng and sox.

The main call (about 80 s, 16 kHz stereo, agent on the left) has known timings:
a greeting, the customer's complaint, the agent cutting in 1.5 s before the customer
finishes, 12 s of silence, a customer monologue of over 30 s, the customer cutting in
1.0 s before the agent finishes, a farewell, and the customer speaking last, 3 s before the
end. Variants change one thing each (level, noise, clipping, format, channel count).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hotline_qa.audio import synth

AGENT_TEXTS = {
    "greet": "您好，这里是市民服务热线，工号一二三，很高兴为您服务。",
    "explain": "非常抱歉给您带来不便，我马上为您登记维修，师傅会在两个工作日内联系您。",
    "reply": "我理解您的心情，您的诉求我已经记录下来了，请您放心。",
    "bye": "感谢您的来电，祝您生活愉快，再见。",
}
CUSTOMER_TEXTS = {
    "complain": "你好，我上个月买的冰箱一直不制冷，打了三次电话都没有人来修，我现在非常生气。",
    "m1": "我跟你说，这个冰箱是在你们商场买的，当时说好了三年保修。",
    "m2": "结果第一次报修的时候，你们的人说下午就来，我在家等了一整天。",
    "m3": "第二次又说零件没货，要等一个星期，可是一个星期过去了还是没消息。",
    "m4": "现在天气这么热，冰箱里的东西全都坏了，损失谁来承担。",
    "m5": "我要求你们今天必须给我一个明确的答复，不然我就去消费者协会投诉。",
    "ok": "好的，那我等你们电话，再见。",
}


@dataclass
class CallAudio:
    """The synthesised files and the truth about them."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    truth: dict[str, float] = field(default_factory=dict)
    clips: dict[str, Path] = field(default_factory=dict)
    agent_clips: list[tuple[float, float]] = field(default_factory=list)
    customer_clips: list[tuple[float, float]] = field(default_factory=list)
    mp3_reason: str = ""


def _require_tools() -> None:
    missing = synth.tools_missing()
    if not missing:
        return
    reason = f"音频测试需要 {', '.join(missing)} (apt-get install espeak-ng sox)"
    if os.environ.get("CI"):
        pytest.fail(reason + " — CI is set, so this is a failure, not a skip")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def audio(tmp_path_factory: pytest.TempPathFactory) -> CallAudio:
    _require_tools()
    d = tmp_path_factory.mktemp("calls")
    ca = CallAudio(d)
    for key, text in {**AGENT_TEXTS, **CUSTOMER_TEXTS}.items():
        ca.clips[key] = synth.speak(text, d / f"{key}.wav")
    dur = {k: synth.duration(p) for k, p in ca.clips.items()}

    agent: list[tuple[float, Path]] = []
    cust: list[tuple[float, Path]] = []
    t = 0.5
    agent.append((t, ca.clips["greet"]))
    t += dur["greet"] + 0.6
    cust.append((t, ca.clips["complain"]))
    complain_end = t + dur["complain"]
    interrupt_at = complain_end - 1.5  # the agent cuts in 1.5 s before the customer ends
    agent.append((interrupt_at, ca.clips["explain"]))
    silence_start = interrupt_at + dur["explain"]
    mono_start = silence_start + 12.0  # 12 s of dead air
    t = mono_start
    for k in ("m1", "m2", "m3", "m4", "m5"):
        cust.append((t, ca.clips[k]))
        t += dur[k] + 0.8
    mono_end = t - 0.8
    reply_at = mono_end + 0.7
    agent.append((reply_at, ca.clips["reply"]))
    reply_end = reply_at + dur["reply"]
    cut_at = reply_end - 1.0  # the customer cuts in 1.0 s before the agent ends
    # the customer's clip must fit: use the short farewell-less sentence m4 again
    cust.append((cut_at, ca.clips["m4"]))
    bye_at = cut_at + dur["m4"] + 0.6
    agent.append((bye_at, ca.clips["bye"]))
    ok_at = bye_at + dur["bye"] + 0.5
    cust.append((ok_at, ca.clips["ok"]))
    last_end = ok_at + dur["ok"]
    total = last_end + 3.0

    left = d / "agent.wav"
    right = d / "customer.wav"
    placed_a = synth.channel_track(agent, left, total)
    placed_c = synth.channel_track(cust, right, total)
    ca.agent_clips = [(p.start, p.end) for p in placed_a]
    ca.customer_clips = [(p.start, p.end) for p in placed_c]
    ca.truth.update(
        total=total, interrupt_at=interrupt_at, complain_end=complain_end, silence_start=silence_start,
        silence_end=mono_start, mono_start=mono_start, mono_end=mono_end, reply_at=reply_at,
        reply_end=reply_end, cut_at=cut_at, last_end=last_end,
        agent_talk=sum(b - a for a, b in ca.agent_clips), customer_talk=sum(b - a for a, b in ca.customer_clips),
    )
    f = ca.files
    f["base"] = synth.merge(left, right, d / "call.wav")
    f["swapped"] = synth.merge(right, left, d / "call_swapped.wav")
    f["quiet"] = synth.merge(synth.gain(left, d / "agent_quiet.wav", -10), right, d / "call_quiet.wav")
    f["noisy"] = synth.merge(synth.add_noise(left, d / "agent_noisy.wav", level=0.01), right, d / "call_noisy.wav")
    f["clipped"] = synth.merge(synth.gain(left, d / "agent_loud.wav", 12), right, d / "call_clipped.wav")
    f["pcm8k"] = synth.convert(f["base"], d / "call_8k.wav", "-r", "8000", "-b", "16")
    f["alaw"] = synth.convert(f["base"], d / "call_alaw.wav", "-r", "8000", "-e", "a-law")
    f["ulaw"] = synth.convert(f["base"], d / "call_ulaw.wav", "-r", "8000", "-e", "u-law")
    f["flac"] = synth.convert(f["base"], d / "call.flac")
    f["noisy_alaw"] = synth.convert(f["noisy"], d / "call_noisy_alaw.wav", "-r", "8000", "-e", "a-law")
    if synth.sox_has_mp3():
        f["mp3"] = synth.convert(f["base"], d / "call.mp3")
    else:
        ca.mp3_reason = "sox 没有 MP3 支持 (apt-get install libsox-fmt-mp3)"
    f["mono"] = synth.convert(f["base"], d / "call_mono.wav", effects=("remix", "1,2"))
    f["three"] = d / "call_3ch.wav"
    synth._run(["sox", "-M", str(left), str(right), str(left), str(f["three"])])
    f["silent"] = d / "silent.wav"
    synth._run(["sox", "-n", "-r", "8000", "-c", "2", "-b", "16", str(f["silent"]), "trim", "0", "5"])
    f["empty"] = d / "empty.wav"
    f["empty"].write_bytes(b"")
    data = f["base"].read_bytes()
    f["truncated"] = d / "truncated.wav"
    f["truncated"].write_bytes(data[: len(data) * 6 // 10])
    f["header_only"] = d / "header_only.wav"
    f["header_only"].write_bytes(data[:30])
    rnd = random.Random(7)
    f["garbage"] = d / "garbage.wav"
    f["garbage"].write_bytes(bytes(rnd.randrange(256) for _ in range(20000)))
    f["garbage_mp3"] = d / "garbage.mp3"
    f["garbage_mp3"].write_bytes("这不是录音文件，只是一段文字。\n".encode() * 200)
    flac = f["flac"].read_bytes()
    f["truncated_flac"] = d / "truncated.flac"
    f["truncated_flac"].write_bytes(flac[: len(flac) // 2])

    # Voices for pitch and rate: a monotone buzz, a pitch glide, the same text slow and fast.
    f["monotone"] = d / "monotone.wav"
    synth._run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(f["monotone"]),
                "synth", "8", "sawtooth", "150", "tremolo", "4", "80", "gain", "-6"])
    f["glide"] = d / "glide.wav"
    synth._run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(f["glide"]),
                "synth", "8", "sawtooth", "110:220", "tremolo", "4", "80", "gain", "-6"])
    text = CUSTOMER_TEXTS["m2"] + CUSTOMER_TEXTS["m3"]
    f["slow"] = synth.speak(text, d / "slow.wav", speed=130)
    f["fast"] = synth.speak(text, d / "fast.wav", speed=230)
    ca.truth["slow_seconds"] = synth.duration(f["slow"])
    ca.truth["fast_seconds"] = synth.duration(f["fast"])
    return ca
