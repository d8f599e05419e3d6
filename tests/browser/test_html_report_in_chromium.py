"""The HTML report in a real browser (Debian's Chromium, driven by Playwright).

`make test` installs Chromium and a Chinese font; on CI a missing browser fails the test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hotline_qa.cli.demo import samples_dir
from hotline_qa.pipeline import Engine
from hotline_qa.reports.html_report import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: `make test` installs it (apt-get install chromium)")
    pytest.skip("Chromium not installed (run `make system-deps`)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ev = Engine().evaluate_path(samples_dir() / "02_bad_opening_taboo.txt")[0]
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(ev), encoding="utf-8")
    return path


def test_report_on_a_phone_screen(browser, report: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    # Nothing but the file itself is loaded: no CDN, font or image from outside.
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    # Findings are highlighted in place, on the agent's words.
    marks = page.locator("mark").all_inner_texts()
    assert any("你" in m for m in marks) and any("我不知道" in m for m in marks), marks
    # The toggle shows only the turns with findings.
    toggle = page.locator("#toggle-findings")
    if toggle.count():
        toggle.click()
        assert "only-findings" in (page.evaluate("document.body.className") or "")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    page.close()


def test_chinese_text_renders_with_a_cjk_font(browser, report: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(report.as_uri())
    # A CJK glyph as wide as a full em means a real Chinese font, not tofu boxes of another width.
    width = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '20px sans-serif'; return [c.measureText('质检').width, c.measureText('ab').width]; }""")
    assert width[0] >= 36, width
    page.close()


def test_every_sample_report_fits_a_phone(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hotline_qa.batch.runner import ScoreOptions, expand_paths, score_files
    from hotline_qa.reports.html_report import write_html_reports

    evs = [ev for o in score_files(expand_paths([samples_dir()]), ScoreOptions(), jobs=1) for ev in o.evaluations]
    pages = write_html_reports(evs, tmp_path)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    too_wide = {}
    for path in pages:
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 361:
            too_wide[path.name] = width
    page.close()
    assert not too_wide, too_wide
