"""The report of a recorded call in real Chromium: the timeline strip and the player synced
with the transcript (a click on a line seeks the recording to that line's start)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hotline_qa.pipeline import Engine, evaluate_recording
from hotline_qa.reports.html_report import write_html_reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
         "--autoplay-policy=no-user-gesture-required"]

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: `make test` installs it (apt-get install chromium)")
    pytest.skip("Chromium not installed (run `make system-deps`)", allow_module_level=True)

synth = pytest.importorskip("hotline_qa.audio.synth")
if synth.tools_missing():
    if os.environ.get("CI"):
        raise RuntimeError(f"missing {synth.tools_missing()} (apt-get install espeak-ng sox)")
    pytest.skip("espeak-ng / sox not installed", allow_module_level=True)

TURNS = [  # (channel, text)
    ("agent", "您好，这里是市民服务热线，工号一二三，很高兴为您服务。"),
    ("customer", "你好，我家楼下的路灯坏了好几天了。"),
    ("agent", "好的，我马上为您登记，请问具体地址是哪里？"),
    ("customer", "在幸福路十八号门口。"),
]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    """``call.wav`` (agent left, customer right) with ``call.txt`` beside it; the turn starts."""
    d = tmp_path_factory.mktemp("rec")
    placed: dict[str, list[tuple[float, Path]]] = {"agent": [], "customer": []}
    lines, starts = [], []
    t = 0.5
    for i, (who, text) in enumerate(TURNS):
        clip = synth.speak(text, d / f"t{i}.wav")
        length = synth.duration(clip)
        placed[who].append((t, clip))
        starts.append(t)
        zh = "坐席" if who == "agent" else "客户"
        lines.append(f"[{int(t // 60):02d}:{t % 60:04.1f}-{int((t + length) // 60):02d}:{(t + length) % 60:04.1f} {zh}] {text}")
        t += length + (12.0 if i == 1 else 0.7)  # dead air after the customer's first turn
    total = t + 1.0
    synth.channel_track(placed["agent"], d / "a.wav", total)
    synth.channel_track(placed["customer"], d / "c.wav", total)
    wav = synth.merge(d / "a.wav", d / "c.wav", d / "call.wav")
    (d / "call.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wav, starts


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _page(recorded: tuple[Path, list[float]], out: Path, **kwargs: int) -> Path:
    ev = evaluate_recording(recorded[0], engine=Engine(), vad="webrtc")
    [page, _index] = write_html_reports([ev], out, **kwargs)
    return page


def test_click_a_line_and_the_player_seeks_to_it(browser, recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _page(recorded, tmp_path / "embedded")
    html = path.read_text(encoding="utf-8")
    assert 'src="data:audio/wav;base64,' in html and "录音已嵌入本页" in html
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    # The strip: both lanes, the 12 s silence, and the dead-air finding marked on it.
    assert page.locator("svg.timeline rect.tl-agent").count() >= 2
    assert page.locator("svg.timeline rect.tl-customer").count() >= 2
    assert page.locator("svg.timeline rect.tl-silence").count() >= 1
    assert page.locator("svg.timeline .tl-mark").count() >= 1
    assert "按录音" in page.locator("#timeline-basis").inner_text()
    # Click the third line (the agent's second turn): the player jumps to its start.
    starts = recorded[1]
    page.locator("#u-2 .bubble").click()
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {starts[2]}) < 0.6")
    # ...and that line is the one highlighted as being spoken.
    page.wait_for_function("document.getElementById('u-2').classList.contains('speaking')")
    assert page.locator(".turn.speaking").count() == 1
    page.close()


def test_large_recording_is_linked_by_relative_path(browser, recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _page(recorded, tmp_path / "linked", embed_limit=0)
    html = path.read_text(encoding="utf-8")
    assert "data:audio" not in html and "按相对路径链接" in html
    page = browser.new_page()
    page.goto(path.as_uri())
    src = page.evaluate("document.getElementById('player').getAttribute('src')")
    assert not src.startswith("/") and src.endswith("call.wav")
    page.wait_for_function("document.getElementById('player').readyState >= 1")  # the link resolves
    page.locator("#u-1 .bubble").click()
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {recorded[1][1]}) < 0.6")
    page.close()
