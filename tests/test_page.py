"""The HTML timeline page in a real headless Chromium: each place's colour and the district table match status_at."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pendulum
import pytest

import karabakh_status as ks
from karabakh_status._page import PAGE_COLORS, timeline_page, write_timeline_page

FIRST, LAST = "2020-09-20", "2020-12-31"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def test_page_is_self_contained() -> None:
    """The page loads nothing from the network: no external script, style, image or font."""
    page = timeline_page(FIRST, LAST)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "@import" not in page
    assert "url(" not in page.split("<style>")[1].split("</style>")[0]
    with pytest.raises(ks.InvalidDateError):
        timeline_page(LAST, FIRST)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium through chromedriver (Debian's packages), or a skip where they are missing outside CI."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        webdriver = None  # type: ignore[assignment]
    if webdriver is None or CHROMIUM is None or DRIVER is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install chromium, chromium-driver and selenium")
        pytest.skip("needs Debian's chromium and chromium-driver, and selenium")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1300,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The page of autumn 2020, opened from a file."""
    path = write_timeline_page(tmp_path_factory.mktemp("page") / "timeline.html", FIRST, LAST)
    browser.get(path.resolve().as_uri())
    return browser


def _index(day: str) -> int:
    return pendulum.Date.fromisoformat(day).toordinal() - pendulum.Date.fromisoformat(FIRST).toordinal()


def _move_slider(driver: Any, day: str) -> None:
    slider = driver.find_element("id", "slider")
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", slider, _index(day)
    )


def _shown(driver: Any) -> tuple[str, dict[str, tuple[str, str]], dict[str, str]]:
    day = driver.find_element("id", "day").text
    dots = driver.execute_script(
        "return Array.from(document.querySelectorAll('circle')).map("
        "c => [c.dataset.place, c.dataset.controller, c.getAttribute('fill'), c.getAttribute('stroke'),"
        " c.dataset.claims]);"
    )
    rows = driver.execute_script(
        "return Array.from(document.querySelectorAll('#districts tbody tr'))"
        ".map(r => [r.dataset.territory, r.dataset.controller]);"
    )
    return day, {p: (c, fill if fill != "none" else stroke, int(k)) for p, c, fill, stroke, k in dots}, dict(rows)


@pytest.mark.parametrize(
    "day", ["2020-09-20", "2020-10-20", "2020-11-08", "2020-11-10", "2020-11-25", "2020-12-14", "2020-12-31"]
)
def test_every_place_and_district_as_status_at(page: Any, day: str) -> None:
    """Moved to a day, the page colours every located place, marks its open claims, and lists every district and
    claim as status_at says for that day."""
    _move_slider(page, day)
    shown_day, dots, rows = _shown(page)
    assert shown_day == day
    s = ks.status_at(day)
    assert set(dots) == {p.id for p in ks.places() if p.located}
    for place, (controller, colour, claims) in dots.items():
        assert controller == s.places[place].controller, (day, place)
        assert colour == PAGE_COLORS[controller], (day, place)
        assert claims == len(s.places[place].claims), (day, place)
    assert rows == {t: state.controller for t, state in s.territories.items()}
    listed = page.execute_script(
        "return Array.from(document.querySelectorAll('#claims li[data-claim]')).map(li => li.dataset.claim);"
    )
    assert sorted(listed) == sorted(c.place for c in s.claims)


def test_events_of_the_day_are_listed(page: Any) -> None:
    """The events that take effect on the chosen day are listed with their sources."""
    _move_slider(page, "2020-11-25")
    listed = page.execute_script(
        "return Array.from(document.querySelectorAll('#events li[data-event]')).map(li => li.dataset.event);"
    )
    want = [e.id for e in ks.changes_between("2020-11-24", "2020-11-25")]
    assert listed == want
    assert "2020-11-25-kalbajar-handed-over" in listed


def test_keyboard_and_buttons_move_between_changes(page: Any) -> None:
    """Arrow keys move a day; PageDown and the next button jump to the next day on which something took effect."""
    from selenium.webdriver.common.keys import Keys

    _move_slider(page, "2020-11-21")
    slider = page.find_element("id", "slider")
    slider.send_keys(Keys.ARROW_RIGHT)
    assert page.find_element("id", "day").text == "2020-11-22"
    slider.send_keys(Keys.PAGE_DOWN)
    after = pendulum.Date.fromisoformat(page.find_element("id", "day").text)
    changes = ks.changes_between("2020-11-22", "2020-12-31")
    next_event = min(e.effective for e in changes)
    assert after <= next_event
    assert after > pendulum.Date(2020, 11, 22)
    page.find_element("id", "prev").click()
    assert pendulum.Date.fromisoformat(page.find_element("id", "day").text) < after
    page.find_element("id", "next").click()
    assert pendulum.Date.fromisoformat(page.find_element("id", "day").text) == after
