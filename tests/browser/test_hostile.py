"""Hostile input in a real browser: every URL parameter carrying markup, script, a 5,000-character value and
control characters at once, on every page; and a build whose names carry markup.

Each hostile value is checked per parameter and page where that is cheapest (tests/app/test_pages.py's
test_hostile_link_values_are_never_markup, tests/unit/test_resolve.py); here the browser proves, once per page,
that nothing of it is rendered as markup or run.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from border_map.model.dataset import OUTPUT_FILES
from tests.support.browser import MAP_BOX, drawn, query, start_app

pytestmark = [pytest.mark.browser, pytest.mark.real]

TITLES = {
    "/": "People-to-People parallel areas",
    "/explore": "Explore by province",
    "/stories": "Model-area stories",
    "/data": "Data & sources",
}
HOSTILE = {
    "html-img": '<img src=x onerror="window.__pwned=1">',
    "md-image": "![x](https://example.org/p.png)",
    "md-link": "[click](https://example.org)",
    "control": "\x00\x1b\n\r",
    "long": "A" * 5000,  # last: a message cut short still shows the markup before it
}
VALUE = "".join(HOSTILE.values())
PARAMS = ("province", "pair", "story", "border", "basemap")
# Every parameter carries the hostile value at once; on /explore a second load gives a valid province,
# because the page reads `pair` only inside a province.
PAGE_LOADS = [("/", {}), ("/explore", {}), ("/explore", {"province": "Loei"}), ("/stories", {}), ("/data", {})]


@pytest.mark.parametrize(
    ("path", "valid"),
    PAGE_LOADS,
    ids=[f"{p.strip('/') or 'overview'}{'+province' if v else ''}" for p, v in PAGE_LOADS],
)
def test_hostile_url_values(page, app, path, valid):
    page.goto(app.url + path + query(**{**dict.fromkeys(PARAMS, VALUE), **valid}))
    page.page.get_by_role("heading", name=TITLES[path], level=1).wait_for()
    page.wait_idle()
    assert page.page.locator('[data-testid="stException"]').count() == 0
    images = page.page.evaluate("() => Array.from(document.images).map((i) => i.src)")
    assert all(urlparse(src).hostname in {"127.0.0.1", None} or src.startswith("data:") for src in images), images
    assert page.page.locator('a[href*="example.org"]').count() == 0
    assert page.page.evaluate("() => window.__pwned") is None
    if page.page.locator(MAP_BOX).count():
        assert page.map_eval("window.__pwned") is None
        assert page.map_eval('document.querySelectorAll(\'a[href*="example.org"], img[src*="example"]\').length') == 0
    problems = page.page.locator('[data-testid="stText"]').filter(has_text="Asked for:")
    assert problems.count() >= 1, "no parameter was named back: the page never read the values"
    for shown in problems.all_inner_texts():
        assert len(shown) < 200, "a long value is cut in the message"
    # Every problem box repeats the value only in plain text elements: no markup rendered from it.
    assert page.page.locator('[data-testid="stMarkdown"] img, [data-testid="stMarkdown"] a[href^="http"]').count() == 0


# --- markup in the build's names -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_app(built_dir, logs, tmp_path_factory):
    """A build whose names carry markup: the app must show it as text and run none of it. Published as
    `build` publishes, with a manifest of its own, so the app trusts it as a whole build."""
    from border_map.pipeline.publish import publish

    out = tmp_path_factory.mktemp("hostile") / "build"
    texts = {name: (built_dir / name).read_text(encoding="utf-8") for name in OUTPUT_FILES}
    evil = '<img src=x onerror="window.__pwned=1"><b>Chiang Khong</b>'
    districts = json.loads(texts["districts.geojson"])
    for feature in districts["features"]:
        if feature["properties"]["district"] == "Chiang Khong":
            feature["properties"]["district"] = evil
    texts["districts.geojson"] = json.dumps(districts, ensure_ascii=False)
    links = json.loads(texts["links.geojson"])
    for feature in links["features"]:
        if feature["properties"]["thai_district"] == "Chiang Khong":
            feature["properties"]["thai_district"] = evil
    texts["links.geojson"] = json.dumps(links, ensure_ascii=False)
    publish(out, texts)
    server = start_app(out, logs, "hostile")
    yield server, evil
    server.stop()


def test_markup_in_names_is_shown_as_text(page, hostile_app, counts, geo):
    server, evil = hostile_app
    page.goto(f"{server.url}/?pair=01-1")
    page.wait_for_map(drawn(counts("both", stories=True)))
    page.page.get_by_text("Selected: pair 01-1", exact=False).wait_for()
    assert evil in page.main_text()  # the selection bar names it, literally
    points = geo.district_points("Chiang Khong")
    page.set_view(*points[0], zoom=10)
    page.click_map(points, lambda tip: "<b>Chiang Khong</b>" in tip and "Model-area" not in tip)
    assert page.map_eval("document.querySelectorAll('.bm-tooltip b, .bm-tooltip img').length") == 0
    page.wait_for_param("pair", "01-1")
    dialog = page.dialog()
    dialog.get_by_text(evil, exact=False).wait_for()
    assert dialog.locator("img, b").count() == 0
    assert page.map_eval("window.__pwned") is None
    assert page.page.evaluate("() => window.__pwned") is None
