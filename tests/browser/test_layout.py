"""The page tour: every page as a viewer opens it, at four window sizes in English and at a desktop's and a
phone's in Thai. Each visit waits for the page to hold still (Page.settle: script done, nothing in flight, fonts
loaded, no animation running, layout and map unchanged for some frames, never a fixed time), then:
- a screenshot into tests/artifacts/ for review;
- the layout checks: no sideways scroll, the map's size and legend, the tables beside the map in view, the
  headline figures whole;
- at the desktop's and the phone's size, axe-core (tests/support/axe.py): no serious or critical violation of
  the WCAG 2.1 A/AA rules, in both languages.
One visit serves all three, so the pages are opened once per size and language.
"""

from __future__ import annotations

import pytest

from tests.support.axe import blocking_violations
from tests.support.browser import Page, drawn, script
from tests.support.data import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.real]

# (width, height, languages, axe): where axe runs, the page is seen in Thai too.
TOURS = [
    (1280, 720, ("en",), False),
    (1400, 900, ("en", "th"), True),
    (1920, 1080, ("en",), False),
    (390, 844, ("en", "th"), True),
]
SHOTS = [
    ("overview", "/", True),
    ("explore", "/explore?province=Loei&pair=08-1", True),
    ("stories", "/stories?story=2", True),
    ("data", "/data", False),
    ("present", "/present", True),
]
LAYOUT_JS = script("layout")


def layout_problems(got: dict, name: str, has_map: bool, width: int, height: int) -> list[str]:
    """What is wrong with the page's layout, as LAYOUT_JS read it."""
    where, problems = f"{name} at {width}x{height}", []
    if got["scrollWidth"] > got["innerWidth"] + 1:
        problems.append(f"{where}: horizontal scroll ({got['scrollWidth']} > {got['innerWidth']})")
    if has_map and got["frame"] is None:
        problems.append(f"{where}: no map")
    elif has_map:
        if name == "overview" and got["frame"]["width"] < 0.9 * got["main"]:
            problems.append(f"{where}: map {got['frame']['width']:.0f} px of {got['main']:.0f} px content")
        if width >= 1000 and got["frame"]["height"] < 0.45 * height:
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
    return problems


@pytest.mark.parametrize(("width", "height", "languages", "axe"), TOURS, ids=[f"{w}x{h}" for w, h, *_ in TOURS])
def test_every_page_lays_out_and_passes_axe(browser, app, counts, width, height, languages, axe):
    minimum = drawn(counts())
    problems: list[str] = []
    page = Page(browser, width=width, height=height)
    try:
        for lang in languages:
            prefix = "" if lang == "en" else f"{lang}-"
            for name, path, has_map in SHOTS:
                page.goto(app.url + path + ("&" if "?" in path else "?") + f"lang={lang}")
                if has_map:
                    page.wait_for_map(minimum)
                page.settle(minimum if has_map else 0)
                page.shot(ARTIFACTS / f"{prefix}{name}-{width}x{height}.png")
                found = layout_problems(page.page.evaluate(LAYOUT_JS), f"{prefix}{name}", has_map, width, height)
                if axe:
                    found += blocking_violations(page.page, f"{path} {lang} {width}x{height}")
                problems += found
    finally:
        page.close()
    assert not problems, "\n".join(problems)
