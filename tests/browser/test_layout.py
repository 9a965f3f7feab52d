"""Screenshots of every page at four window sizes and in Thai, with the layout checks they allow: no sideways
scroll, the map's size and legend, the tables beside the map in view, the headline figures whole.

Each screenshot waits for the page to hold still (Page.settle: script done, nothing in flight, fonts loaded, no
animation running, layout and map unchanged for some frames), not for a fixed time. They land in
tests/artifacts/ for review.
"""

from __future__ import annotations

import pytest

from tests.support.browser import Page, drawn, script
from tests.support.data import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.real]

SIZES = [(1280, 720), (1400, 900), (1920, 1080), (390, 844)]
SHOTS = [
    ("overview", "/", True),
    ("explore", "/explore?province=Loei&pair=08-1", True),
    ("stories", "/stories?story=2", True),
    ("data", "/data", False),
    ("present", "/present", True),
]
LAYOUT_JS = script("layout")


def shoot(page: Page, url: str, has_map: bool, minimum: int, path) -> dict:
    """Open `url`, wait until it holds still, take the screenshot; what LAYOUT_JS reads then."""
    page.goto(url)
    if has_map:
        page.wait_for_map(minimum)
    page.settle(minimum if has_map else 0)
    page.shot(path)
    return page.page.evaluate(LAYOUT_JS)


def test_screenshots_and_layout(browser, app, counts):
    minimum = drawn(counts())
    problems = []
    for width, height in SIZES:
        desktop = width >= 1000
        page = Page(browser, width=width, height=height)
        try:
            for name, path, has_map in SHOTS:
                got = shoot(page, app.url + path, has_map, minimum, ARTIFACTS / f"{name}-{width}x{height}.png")
                where = f"{name} at {width}x{height}"
                if got["scrollWidth"] > got["innerWidth"] + 1:
                    problems.append(f"{where}: horizontal scroll ({got['scrollWidth']} > {got['innerWidth']})")
                if has_map and got["frame"] is None:
                    problems.append(f"{where}: no map iframe")
                elif has_map:
                    if name == "overview" and got["frame"]["width"] < 0.9 * got["main"]:
                        problems.append(f"{where}: map {got['frame']['width']:.0f} px of {got['main']:.0f} px content")
                    if desktop and got["frame"]["height"] < 0.45 * height:
                        problems.append(f"{where}: map {got['frame']['height']:.0f} px high, window {height}")
                    if height <= 760 and got["legendOpen"]:  # a projector: the legend starts folded
                        problems.append(f"{where}: the legend starts open")
                if any(extra > 1 for extra in got["sideTables"]):  # beside the map: every column in view
                    problems.append(f"{where}: a table beside the map scrolls sideways ({got['sideTables']} px)")
                if name == "overview" and len(got["metrics"]) != 4:
                    problems.append(f"{where}: {len(got['metrics'])} headline figures, not 4")
                for metric in got["metrics"]:
                    if metric["scroll"] > metric["client"] + 1 or metric["inner"]:
                        problems.append(f"{where}: metric value {metric['text']!r} truncated")
        finally:
            page.close()
    assert not problems, "\n".join(problems)


def test_thai_screenshots(browser, app, counts):
    minimum = drawn(counts())
    page = Page(browser)
    try:
        for name, path, has_map in SHOTS:
            url = app.url + path + ("&" if "?" in path else "?") + "lang=th"
            got = shoot(page, url, has_map, minimum, ARTIFACTS / f"th-{name}-1400x900.png")
            assert got["scrollWidth"] <= 1401
            assert all(extra <= 1 for extra in got["sideTables"]), (name, got["sideTables"])
    finally:
        page.close()
