"""Benchmark: seconds of call audio analysed per second per core (full audio analysis).

Generates a few minutes of 8 kHz stereo calls (A-law, as telephone systems record them)
with espeak-ng and sox into a temporary folder, then measures, on the same files:

- the full analysis (decode, VAD on both channels, timeline, level, noise, pitch,
  syllable rate) with the Silero VAD and with the WebRTC VAD;
- a bare decode pass (libsndfile to float32), the floor under any analysis.

    PYTHONPATH=src .venv/bin/python bench/bench_audio.py --minutes 6

Single process, onnxruntime on one thread: the figures are per core. Prints one figure
line per measure ("x real time" = seconds of call audio per second of CPU).
Target: at least 200x real time per core for the full analysis. ``--line-noise 0.01``
adds steady noise on both channels (the worst case for Silero, which then cannot skip
the quiet stretches).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from hotline_qa.audio import analyze_recording, load_recording, synth

AGENT = [
    "您好，这里是市民服务热线，工号一二三，很高兴为您服务。",
    "非常抱歉给您带来不便，我马上为您登记，相关部门会在两个工作日内联系您。",
    "请问您的联系电话是一三八零零一三八零零零吗？",
    "需要稍作查询，麻烦您稍等一分钟可以吗？",
    "感谢您的来电，祝您生活愉快，再见。",
]
CUSTOMER = [
    "你好，我家楼下的路灯坏了一个多月了，晚上出门特别不方便。",
    "我已经打过两次电话了，一直没有人来处理，你们到底管不管。",
    "对，就是这个号码，你们一定要尽快派人来看看。",
    "好的，那我等你们的消息，谢谢。",
]


def build_call(folder: Path, clips: dict[str, Path], n: int, seconds: float, noise: float = 0.0) -> Path:
    """A stereo A-law 8 kHz call about ``seconds`` long, turns alternating with pauses and overlaps."""
    dur = {k: synth.duration(p) for k, p in clips.items()}
    agent: list[tuple[float, Path]] = []
    cust: list[tuple[float, Path]] = []
    t, i, free_a, free_c = 0.5, 0, 0.0, 0.0
    while t < seconds - 12:
        a = f"a{(i + n) % len(AGENT)}"
        c = f"c{(i + 2 * n) % len(CUSTOMER)}"
        start = max(t, free_a)
        agent.append((start, clips[a]))
        free_a = start + dur[a]
        # every third turn the customer cuts in before the agent ends; otherwise a pause
        cstart = free_a - 0.8 if i % 3 == 2 else free_a + 0.6 + (i % 4) * 0.7
        cstart = max(cstart, free_c)
        cust.append((cstart, clips[c]))
        free_c = cstart + dur[c]
        t = free_c + (8.0 if i % 5 == 4 else 0.5)  # now and then a long silence
        i += 1
    total = max(free_a, free_c) + 2.0
    left, right = folder / f"l{n}.wav", folder / f"r{n}.wav"
    synth.channel_track(agent, left, total)
    synth.channel_track(cust, right, total)
    if noise > 0:  # steady line noise on both channels: no quiet stretch for the VAD to skip
        left = synth.add_noise(left, folder / f"ln{n}.wav", level=noise)
        right = synth.add_noise(right, folder / f"rn{n}.wav", level=noise)
    stereo = synth.merge(left, right, folder / f"s{n}.wav")
    out = synth.convert(stereo, folder / f"call{n}.wav", "-r", "8000", "-e", "a-law")
    for p in (left, right, stereo):
        p.unlink()
    return out


def timed(fn: object, files: list[Path], repeat: int) -> float:
    """Median CPU seconds of one pass over ``files``."""
    assert callable(fn)
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        for f in files:
            fn(f)
        runs.append(time.process_time() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=6.0, help="minutes of call audio to generate")
    ap.add_argument("--calls", type=int, default=3, help="number of calls (the minutes are split among them)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--line-noise", type=float, default=0.0,
                    help="white noise amplitude added to both channels (0.01 = about -50 dBFS)")
    args = ap.parse_args()
    missing = synth.tools_missing()
    if missing:
        raise SystemExit(f"需要 {', '.join(missing)} (apt-get install espeak-ng sox)")
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as tmp:
        folder = Path(tmp)
        clips = {f"a{i}": synth.speak(t, folder / f"a{i}.wav") for i, t in enumerate(AGENT)}
        clips |= {f"c{i}": synth.speak(t, folder / f"c{i}.wav", pitch=70) for i, t in enumerate(CUSTOMER)}
        per_call = args.minutes * 60 / args.calls
        files = [build_call(folder, clips, n, per_call, args.line_noise) for n in range(args.calls)]
        audio_s = sum(load_recording(f).duration for f in files)
        noise = f", line noise {args.line_noise}" if args.line_noise else ""
        print(f"corpus: {len(files)} calls, {audio_s / 60:.1f} min of 8 kHz stereo A-law audio{noise}")
        # warm up (model load, imports) outside the timing
        for vad in ("silero", "webrtc"):
            analyze_recording(files[0], vad=vad)
        for vad in ("silero", "webrtc"):
            cpu = timed(lambda f, v=vad: analyze_recording(f, vad=v), files, args.repeat)
            print(f"full audio analysis ({vad} VAD): {audio_s / cpu:,.0f}x real time per core "
                  f"({audio_s:.0f} s of calls in {cpu:.2f} s CPU)")
        cpu = timed(load_recording, files, args.repeat)
        print(f"bare decode pass: {audio_s / cpu:,.0f}x real time per core ({audio_s:.0f} s in {cpu:.3f} s CPU)")


if __name__ == "__main__":
    main()
