# ruff: noqa: F811  (pytest fixtures imported from test_web_browser are parameters here)
"""Speed that shows: the server plans and loads its models before the first page asks, a
wait over 300 ms shows "Working…" in a real Chromium, and the progress chart reads well on
day one (the web SVG and the terminal PNG are drawn by the same code)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from loopprep.bank import Bank
from loopprep.practice import SessionOptions
from test_web_browser import ARTIFACTS, Watched, browser  # noqa: F401  (fixtures)
from webtools import NOW, LiveServer, client, form


def _slow(request: Request) -> Response:
    time.sleep(1.5)
    return HTMLResponse('<!doctype html><link rel="icon" href="data:,"><title>slow</title><h1>Slow page</h1>')


@pytest.fixture
def slow_server(loopprep_home: Path) -> Iterator[LiveServer]:
    from loopprep.web.app import AREAS
    from loopprep.web.pages import Area

    slow = Area(name="slow", routes=[Route("/slow", _slow)])
    with LiveServer(loopprep_home, clock=lambda: NOW, areas=[*AREAS, slow]) as running:
        yield running


def test_a_slow_page_shows_working(browser: Any, slow_server: LiveServer) -> None:
    from playwright.sync_api import expect

    tab = Watched(browser, slow_server.url)
    try:
        page = tab.page
        tab.goto("/")
        expect(page.locator("#working")).to_have_count(0)
        # an htmx request that takes 1.5 s: the banner shows while it runs, then goes
        page.evaluate("""() => { const b = document.createElement('button'); b.id = 'slow-htmx';
            b.textContent = 'slow'; b.setAttribute('hx-get', '/slow');
            b.setAttribute('hx-target', '#slow-out');
            const out = document.createElement('div'); out.id = 'slow-out';
            document.querySelector('main').append(b, out); htmx.process(b); }""")
        page.click("#slow-htmx")
        banner = page.locator("#working")
        expect(banner).to_be_visible(timeout=1200)
        expect(banner).to_have_text("Working…")
        assert page.evaluate("() => document.body.getAttribute('aria-busy')") == "true"
        page.screenshot(path=str(ARTIFACTS / "working.png"))
        expect(page.locator("#slow-out h1")).to_have_text("Slow page", timeout=5000)
        expect(banner).to_be_hidden()
        # a link to a slow page: the banner shows on the page being left (recorded across
        # the navigation in sessionStorage, as the old page is gone when the new one is read)
        page.evaluate("""() => { sessionStorage.removeItem('sawWorking');
            new MutationObserver(() => { const w = document.getElementById('working');
                if (w && !w.hidden) sessionStorage.setItem('sawWorking', '1'); })
              .observe(document.body, {subtree: true, childList: true, attributes: true});
            const a = document.createElement('a'); a.href = '/slow'; a.id = 'slow-link';
            a.textContent = 'slow page'; document.querySelector('main').append(a); }""")
        page.click("#slow-link")
        expect(page.get_by_role("heading", name="Slow page")).to_be_visible(timeout=5000)
        assert page.evaluate("() => sessionStorage.getItem('sawWorking')") == "1"
        # a quick page shows nothing: the banner waits 300 ms before it appears
        tab.goto("/")
        page.evaluate("""() => { sessionStorage.removeItem('sawWorking');
            new MutationObserver(() => { if (document.getElementById('working'))
                sessionStorage.setItem('sawWorking', '1'); })
              .observe(document.body, {subtree: true, childList: true}); }""")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
        expect(page.get_by_role("heading", name="Settings")).to_be_visible()
        assert page.evaluate("() => sessionStorage.getItem('sawWorking')") is None
        assert not tab.errors
    finally:
        tab.close()


def test_the_server_plans_and_loads_models_before_the_first_page(
        loopprep_home: Path, example_notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from loopprep.web.server import warm_up

    web = client(loopprep_home)
    web.post("/import/path", data=form({"path": str(example_notes)}))
    state = web.app.state.loopprep  # type: ignore[attr-defined]
    warm_up(state)

    def no_second_plan(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plan page planned again instead of using the warm-up's plan")

    monkeypatch.setattr(Bank, "plan_loop", no_second_plan)
    monkeypatch.setattr(Bank, "readiness", no_second_plan)
    assert web.get("/plan").status_code == 200
    assert web.get("/").status_code == 200


def test_the_day_one_chart_reads_well(example_notes: Path, tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    from loopprep.practice.chart import draw, write_chart

    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        session = bank.start_practice(SessionOptions(count=5, technical="none"), now=NOW)
        moment = NOW
        while (item := session.next_item(moment)) is not None:
            result = session.answer(item, "In 2023 at QCELLS I owned the forecast and shipped it; "
                                    "we hit 9 of 10 peaks.", started_at=moment, ended_at=moment)
            session.rate(result.attempt_id, 3, now=moment)
            moment += timedelta(minutes=4)
        progress = bank.progress(now=moment)
    figure = draw(progress)
    try:
        figure.canvas.draw()
        for axis in figure.axes:
            labels = [t.get_text() for t in axis.get_xticklabels()]
            assert len(labels) >= 7 and len(set(labels)) == len(labels), labels
            assert labels[-1] == f"{NOW:%a %d %b}", "the last tick is today"
        days_axis = figure.axes[1]
        bars = days_axis.patches
        assert len(bars) == 1
        start, end = days_axis.get_xlim()
        assert bars[0].get_width() / (end - start) < 0.2, "one day is one bar among the week's"
    finally:
        plt.close(figure)
    for suffix in (".png", ".svg"):  # the terminal's file and the web's image
        assert write_chart(progress, tmp_path / f"day-one{suffix}").stat().st_size > 1000
