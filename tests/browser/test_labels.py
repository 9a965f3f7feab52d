"""A map's names in a real browser (map_labels.js): Present's Loei slide and Explore's Loei show the names of
Loei's pairs inside the map, in English and in Thai script in the served Sarabun, none overlapping another, none
under the legend or the map's controls, none cut by the frame; the exported one-file HTML, opened from file://,
places them the same way, offline."""

from __future__ import annotations

import pytest

from tests.support.browser import Page, drawn, script

pytestmark = [pytest.mark.browser, pytest.mark.real]
MAP_LABELS_JS = script("map_labels")


@pytest.fixture(scope="module")
def data(built_dir):
    from border_map.model.dataset import load_dataset

    return load_dataset(built_dir)


def loei_names(data, lang: str) -> set[str]:
    """The Thai district and parallel area of each of Loei's pairs, named as the view model names them."""
    from border_map.model import queries
    from border_map.model.localnames import place_names

    names = place_names(data, lang)
    found = set()
    for link in queries.links_for_province(data, "THA", "Loei", "both").itertuples():
        found.add(names.district("THA", link.thai_province, link.thai_district))
        found.add(names.district(link.nb_country, link.nb_province, link.nb_district))
    return found


def loei_slide(data, lang: str) -> int:
    from border_map.model import deck

    for number, slide in enumerate(deck.slides(data, lang), start=1):
        if slide.map.province is not None and slide.map.province.name == "Loei":
            return number
    raise AssertionError("no Loei slide in the deck")


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def labels_of(page, selector: str | None = None) -> dict:
    """Once the map's names are placed (`selector`: the map's container; the live map's when None)."""
    page.wait_for_function(MAP_LABELS_JS, arg=selector)
    return page.evaluate(MAP_LABELS_JS, selector)


def assert_placed_well(got: dict, where: str, min_px: float = 0) -> None:
    names = got["names"]
    assert names, f"{where}: no names on the map"
    frame = got["frame"]
    for name in names:
        inside = all(name["box"][i] >= frame[i] for i in (0, 1)) and all(name["box"][i] <= frame[i] for i in (2, 3))
        assert inside, f"{where}: {name['text']} is cut by the map's frame"
        for cover in got["covers"]:
            assert not overlap(name["box"], cover["box"]), f"{where}: {name['text']} is under {cover['what']}"
        assert name["size"] >= min_px, f"{where}: {name['text']} at {name['size']} px"
        assert "rgb(255, 255, 255)" in name["shadow"], f"{where}: {name['text']} has no halo"
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not overlap(a["box"], b["box"]), f"{where}: {a['text']} overlaps {b['text']}"


@pytest.mark.parametrize("lang", ["en", "th"])
def test_present_and_explore_name_loei_alike(browser, app, counts, data, lang):
    expected = loei_names(data, lang)
    shown = {}
    for where, path, size in [
        ("present", f"/present?slide={loei_slide(data, lang)}&lang={lang}", (1280, 720)),
        ("explore", f"/explore?province=Loei&lang={lang}", (1400, 900)),
    ]:
        page = Page(browser, width=size[0], height=size[1])
        try:
            page.goto(app.url + path)
            page.wait_for_map(drawn(counts()))
            page.settle()
            got = labels_of(page.page)
            assert_placed_well(got, f"{where} ({lang})", min_px=16 if where == "present" else 12)
            shown[where] = {name["text"] for name in got["names"]}
            assert expected <= shown[where], f"{where} ({lang}) misses {expected - shown[where]}"
            if where == "present":
                assert got["locator"], "Present's Loei slide has no locator inset"
            assert got["sarabun"], f"{where} ({lang}): the served Sarabun is not loaded"
            assert all(name["font"].startswith("Sarabun") for name in got["names"])
        finally:
            page.close()
    assert shown["present"] & expected == shown["explore"] & expected


def test_the_overview_names_nothing_until_zoomed_in(page, app, counts):
    """At the overview's scale the live map carries no names; zoomed in on Loei it shows the border's districts
    there, fetched once, placed as everywhere."""
    page.goto(app.url + "/")
    page.wait_for_map(drawn(counts(stories=True)))
    page.settle()
    assert page.map_eval("bmMap.getContainer().getAttribute('data-bm-labels')") == "0/0"
    page.set_view(17.6, 101.6, 9)
    page.page.wait_for_function("(window.bmMap._bmLabels || {}).placed && bmMap._bmLabels.placed.length > 3")
    got = labels_of(page.page)
    assert_placed_well(got, "overview zoomed in on Loei")
    assert "Chiang Khan" in {name["text"] for name in got["names"]}


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_exported_html_names_its_map_offline(browser, data, tmp_path, lang):
    from border_map.model.briefing import parse_view
    from border_map.render.export import html_bytes

    file = tmp_path / f"loei-{lang}.html"
    file.write_bytes(html_bytes(data, parse_view("province:Loei", data), lang))
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused = []

    def guard(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.goto(file.as_uri())
        got = labels_of(page, ".folium-map")
        assert_placed_well(got, f"exported Loei ({lang})")
        assert loei_names(data, lang) <= {name["text"] for name in got["names"]}
        assert got["sarabun"], "the inlined Sarabun is not loaded"
        assert got["locator"], "no locator inset"
        assert not refused, refused
    finally:
        context.close()
