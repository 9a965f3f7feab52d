"""The URL and the sidebar in a real browser: the URL follows every kind of interaction, the sidebar's controls
answer the keyboard and keep its focus, their help opens in place, and the page links carry the filters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlparse

import pytest

from tests.support.browser import NAV_LABELS_TH, SELECT_BOX, STORY_2, Page, drawn, heading, script

pytestmark = [pytest.mark.browser, pytest.mark.real]


def test_url_follows_every_interaction(page, app, counts, geo):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))

    # Border radio: written into the URL at once, and the map redraws with the Cambodian border only.
    page.sidebar().get_by_text("Cambodia", exact=True).click()
    page.wait_for_param("border", "cambodia", timeout=10)  # on the radio's own rerun, not a later one
    khm = drawn(counts("KHM", stories=True))
    page.wait_for_map(khm, exact=True)

    # Page switch through the sidebar navigation: the border stays chosen and in the URL.
    def to_explore() -> None:
        page.sidebar().get_by_role("link", name="Explore by province").click()
        page.page.get_by_role("heading", name="Explore by province", level=1).wait_for()

    page.provinces_first(to_explore, counts("KHM", clickable=True)["provinces"], drawn(counts("KHM", clickable=True)))
    page.wait_for_param("border", "cambodia")
    page.wait_idle()
    assert urlparse(page.url).path == "/explore"
    assert page.sidebar().get_by_role("radio", name="Cambodia", exact=True).is_checked()

    # The province box: its list opened with a click, an option clicked.
    page.page.locator(SELECT_BOX).click()
    page.page.get_by_role("option", name="Sa Kaeo · สระแก้ว (Thailand)").click()
    params = page.wait_for_param("province", "Sa Kaeo")
    assert params["border"] == "cambodia"
    page.page.get_by_role("heading", name=heading(geo.pairs_in("THA", "Sa Kaeo"), "Sa Kaeo"), exact=True).wait_for()
    page.wait_idle()

    # Map click on a district: its pair goes into the URL and its details show beside the map.
    page.wait_for_map(drawn(counts("KHM", clickable=True)))
    page.click_map(geo.district_points("Ta Phraya"), lambda tip: "Ta Phraya" in tip and "41-1" in tip)
    params = page.wait_for_param("pair", "41-1")
    assert params == {"border": "cambodia", "province": "Sa Kaeo", "pair": "41-1", "lang": "en"}
    page.page.locator(".bm-side").get_by_text("Pair 41-1", exact=True).wait_for()
    assert page.dialog().count() == 0

    # Story tour: Next writes the story into the URL; the border still rides along.
    page.sidebar().get_by_role("link", name="Model-area stories").click()
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    page.wait_idle()
    page.page.get_by_role("button", name="Next ▶").click()
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    params = page.wait_for_param("story", STORY_2["id"])
    assert params["border"] == "cambodia"
    assert page.sidebar().get_by_role("radio", name="Cambodia", exact=True).is_checked()


def test_sidebar_controls_answer_the_keyboard_and_keep_its_focus(page, app, counts):
    """The sidebar's choices are native radio buttons and a switch (controls): arrow keys move the choice,
    each step is answered by the server (URL and map), and the focus stays where the viewer is, across the
    reruns and across the language switch that redraws every label."""
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    sidebar = page.sidebar()
    sidebar.get_by_role("radio", name="Laos and Cambodia", exact=True).focus()
    page.page.keyboard.press("ArrowDown")
    page.wait_for_param("border", "laos")
    page.wait_for_map(drawn(counts("LAO", stories=True)), exact=True)
    page.wait_idle()
    focused = script("focused_control")
    assert page.page.evaluate(focused) == "LAO"
    page.page.keyboard.press("ArrowDown")
    page.wait_for_param("border", "cambodia")
    page.wait_idle()
    assert page.page.evaluate(focused) == "KHM"
    assert sidebar.get_by_role("radio", name="Cambodia", exact=True).is_checked()

    sidebar.get_by_role("radio", name="English", exact=True).focus()
    page.page.keyboard.press("ArrowRight")  # to ไทย: every label is redrawn in Thai
    page.wait_for_param("lang", "th")
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS_TH
    assert sidebar.get_by_role("radio", name="กัมพูชา", exact=True).is_checked()
    assert page.page.evaluate(focused) == "th"

    switch = sidebar.get_by_role("switch")
    switch.focus()
    page.allow_external = True  # its tiles are asked for and refused (test_basemap_fetches_only_osm_tiles)
    page.page.keyboard.press("Space")
    page.wait_for_param("basemap", "1")
    page.wait_idle()
    assert switch.is_checked()
    assert page.page.evaluate("document.activeElement.getAttribute('role')") == "switch"


def test_sidebar_help_opens_in_place(page, app):
    """Each control's explanation is a disclosure: a click, a tap or Enter shows it under the label, and a
    screen reader hears it as the control's description."""
    page.goto(app.url)
    sidebar = page.sidebar()
    help_button = sidebar.get_by_role("button", name="Help: Online basemap (OpenStreetMap)")
    note = sidebar.get_by_text("Off by default: the app sends no request beyond this server.", exact=False)
    assert help_button.get_attribute("aria-expanded") == "false"
    assert not note.is_visible()
    help_button.click()
    note.wait_for()
    assert help_button.get_attribute("aria-expanded") == "true"
    described = sidebar.get_by_role("switch").get_attribute("aria-describedby")
    assert described
    assert note.get_attribute("id") == described
    help_button.press("Enter")
    note.wait_for(state="hidden")


def test_page_links_carry_the_filters_and_switch_in_place(page, app, browser):
    """The sidebar's page links are the app's own (controls): each link's address carries the language and
    filters, so a page opened in a new tab keeps them; a plain click switches the open page, no reload."""
    page.goto(app.url + "/?lang=th&border=laos")
    page.page.get_by_role("heading", level=1).first.wait_for()
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS_TH
    links = page.nav().locator("a")
    assert links.first.get_attribute("aria-current") == "page"
    hrefs = [links.nth(i).evaluate("(a) => a.href") for i in range(links.count())]
    for href in hrefs:
        assert dict(parse_qsl(urlparse(href).query)) == {"lang": "th", "border": "laos"}, href
    assert [urlparse(h).path for h in hrefs] == ["/", "/explore", "/stories", "/data", "/present"]

    page.page.evaluate("window.bmKept = true")
    links.nth(1).click()
    page.page.get_by_role("heading", name="สำรวจรายจังหวัด").first.wait_for()
    page.wait_idle()
    assert urlparse(page.url).path == "/explore"
    params = page.params()
    assert (params["lang"], params["border"]) == ("th", "laos")  # and the province Explore opens on
    assert page.page.evaluate("window.bmKept === true"), "the click reloaded the page"
    assert links.nth(1).get_attribute("aria-current") == "page"

    tab = Page(browser)  # a new tab, opened on the Stories link's address
    try:
        tab.goto(hrefs[2])
        tab.page.get_by_text("เรื่องที่ 1 จาก 5", exact=True).wait_for()
        assert tab.sidebar().get_by_role("radio", name="สปป.ลาว", exact=True).is_checked()
        assert tab.nav_labels() == NAV_LABELS_TH
        tab.close()
    finally:
        tab.discard()
