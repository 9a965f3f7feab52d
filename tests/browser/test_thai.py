"""Thai in a real browser: the interface, the map's tooltips and legend in the served Thai font, and a Thai
browser getting Thai without a link. (Thai screenshots: test_layout.py.)"""

from __future__ import annotations

import pytest

from border_map.model import programme
from tests.support.browser import (
    MAP_BOX,
    NAV_LABELS,
    NAV_LABELS_TH,
    THAI_GLYPHS_JS,
    Page,
    assert_draws_thai,
    drawn,
    script,
)
from tests.support.latin import latin_words, report

pytestmark = [pytest.mark.browser, pytest.mark.real]


def test_thai_interface_tooltips_and_served_font(page, app, counts, geo):
    page.goto(app.url + "/?lang=th")
    page.wait_for_map(drawn(counts()))
    assert page.nav_labels() == NAV_LABELS_TH
    assert page.page.locator("h1").first.inner_text() == "พื้นที่คู่ขนานโครงการประชาชนสู่ประชาชน"
    assert page.params().get("lang") == "th"
    glyphs = page.page.evaluate(THAI_GLYPHS_JS, "Sarabun")
    assert_draws_thai(glyphs, "page")
    assert "Sarabun" in glyphs["body"]
    tip = page.page.evaluate(script("open_district_tip"), geo.district_id("Chiang Khan"))
    assert tip is not None
    assert "เชียงคาน" in tip
    assert "อำเภอ" in tip  # the row labels are Thai too
    tip_font = (
        page.page.locator(MAP_BOX).locator(".leaflet-container").evaluate("(e) => getComputedStyle(e).fontFamily")
    )
    assert tip_font.startswith("Sarabun"), tip_font  # the map's tooltips and legend use the served Thai font
    legend = page.page.locator(MAP_BOX).locator(".bm-legend summary").inner_text()
    assert legend == "คำอธิบายสัญลักษณ์"
    fonts = [u for u in page.requests if "/vendor/fonts/" in u]
    assert fonts, "the font came from this server"


def test_thai_browser_gets_thai_without_a_link_and_the_switch_writes_the_url(browser, app):
    page = Page(browser, locale="th-TH")
    try:
        page.goto(app.url + "/explore?province=Loei")
        assert page.nav_labels() == NAV_LABELS_TH
        page.wait_for_param("lang", "th")
        page.sidebar().get_by_text("English", exact=True).click()
        page.wait_for_param("lang", "en")
        page.page.get_by_role("heading", name="Explore by province").wait_for()
        assert page.nav_labels() == NAV_LABELS
        assert page.params().get("province") == "Loei"
    finally:
        page.close()


# The Data page cites geoBoundaries as its licence asks, as published (in English), in a Thai sentence.
GEOBOUNDARIES_CITATION = programme.geoboundaries_citation()
THAI_PAGES = [
    ("/?lang=th", True),
    ("/explore?lang=th&province=Loei", True),
    ("/explore?lang=th&province=Sa+Kaeo", True),
    ("/explore?lang=th&province=Ubon+Ratchathani", True),
    ("/stories?lang=th", True),
    ("/stories?lang=th&story=pong-nam-ron-labour", True),
    ("/data?lang=th", False),
    ("/present?lang=th", True),
    ("/present?lang=th&slide=3", True),
]


def test_thai_pages_keep_latin_script_to_the_allowed_words(page, app):
    """Every page in Thai as a reader sees it (sidebar, page, map legend, side panel, the uploader's own words)
    and every tooltip of its map: places in Thai script, Latin only for the allowed words
    (tests/support/latin.py); and the page says it is in Thai (`<html lang="th">`)."""
    found = {}
    for path, has_map in THAI_PAGES:
        page.goto(app.url + path)
        if has_map:
            page.page.wait_for_function("() => window.bmMap && window.bmMap._loaded", timeout=45_000)
            page.wait_idle()
        # The page declares its language, so a screen reader reads it with a Thai voice (Streamlit's says "en").
        page.page.wait_for_function("() => document.documentElement.lang === 'th'")
        text = page.page.evaluate(script("reader_text"))
        tips = page.page.evaluate(script("tooltip_texts")) if has_map else []
        found[path] = latin_words("\n".join([text, *tips]).replace(GEOBOUNDARIES_CITATION, ""))
    assert not any(found.values()), "Latin script on Thai pages:\n" + report(found)
