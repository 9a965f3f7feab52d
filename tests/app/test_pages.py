"""AppTest: every page runs, with real boundaries and on the embedded default, and shows what it should.

AppTest cannot draw the st_folium component, so these tests assert on the text elements around it;
the map itself is checked in a real browser (tests/browser/).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from border_map.model.briefing import ExportView
from border_map.web import data_cache, downloads, messages
from tests.support.app import (
    app_figures,
    app_tables,
    box_data,
    briefing_lines,
    choose,
    choose_in_box,
    component_event,
    map_payload,
    page_title,
    page_titles,
    side_panel,
    side_texts,
    sidebar_panel,
    unescaped,
)
from tests.support.data import ROOT

PAGES = ["pages/overview.py", "pages/explore.py", "pages/stories.py", "pages/data.py"]


def run(page: str | None = None, params: dict | None = None, deep_link: bool = False) -> AppTest:
    """Run the app with `params` in its URL, then switch to `page`; with `deep_link`, `page` is the first run,
    as a link to it opens it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page and deep_link:
        at.switch_page(page)
    at.run()
    if page and not deep_link:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    kinds = ("markdown", "text", "caption", "title", "subheader", "header")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    parts += [e.body for kind in ("info", "warning") for e in getattr(at, kind)]
    return "\n".join([unescaped(str(p)) for p in parts] + side_texts(at))


@pytest.mark.real
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(mode, page):
    at = run(page)
    assert len(page_titles(at)) == 1
    notice = [i.body for i in at.info]
    if mode == "points":
        assert any("without boundary polygons" in n and "border_map fetch" in n for n in notice)
        assert any("shown as points" in w.body for w in at.sidebar.warning)
    else:
        assert not any("without boundary polygons" in n for n in notice)


@pytest.mark.real
def test_overview_headline_is_computed(mode):
    at = run()
    figures = {f["label"]: f for f in app_figures(at)}
    assert figures["Thai districts"]["value"] == "43 (stated: 44)"
    assert figures["Pairs"]["value"] == "46"
    # As the programme text states them (80,000 THB for each of 44 districts), the table's 43 beside them; a total
    # is the text's 44 x 80,000, never the table's 43 x 80,000.
    assert figures["Budget per district"]["value"] == "80,000 THB"
    assert "3,520,000 THB" in figures["Budget per district"]["help"]
    assert "3,440,000" not in figures["Budget per district"]["help"]
    assert figures["Period"]["value"] == "15 June – 15 September 2024"
    assert "programme text states 44" in figures["Thai districts"]["help"]


@pytest.mark.real
def test_border_filter_changes_the_figures(mode):
    at = run()
    assert {f["label"]: f["value"] for f in app_figures(at)}["Pairs"] == "46"
    choose(at, "border", "KHM")
    figures = {f["label"]: f["value"] for f in app_figures(at)}
    assert figures["Pairs"] == "13"
    assert figures["Thai districts"] == "11 (stated: 44 on both borders)"
    assert at.query_params["border"] == "cambodia"
    assert not at.get("text"), "no link was used, so no link problem may be reported"


@pytest.mark.real
def test_deep_link_to_pair_shows_details(mode):
    """A link selects the pair (the bar above the map names it); Details opens its facts and findings."""
    at = run(params={"pair": "18-1"})
    chip = map_payload(at)["chip"]  # named on the map: choosing a pair moves nothing above it
    assert chip == {"text": "Selected: pair 18-1 · Bung Khla ↔ Pak Kading", "details": "Details", "clear": "Clear"}
    assert "Pair 18-1" not in texts(at)  # no second copy of the details below the map
    at = component_event(at, "bm_map_overview", "clicked", {"kind": "details"})
    shown = texts(at)
    assert "Pair 18-1" in shown
    assert dict(app_tables(at)[0].values.tolist())["Table number"] == "18"
    assert "Bung Khla (Bueng Kan, Thailand)" in shown
    assert any("Pak Kading in Vientiane Capital" in unescaped(w.body) for w in at.warning)
    at = component_event(at, "bm_map_overview", "clicked", {"kind": "clear"})
    assert "pair" not in at.query_params
    assert map_payload(at)["chip"] is None


def test_unknown_pair_in_link_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDER_MAP_DATA", str(tmp_path))
    at = run(params={"pair": "99-9"})
    assert "Asked for: 99-9" in [t.value for t in at.text]
    assert any("pair that is not in the table" in m.value for m in at.markdown)
    assert "Pair 99-9" not in texts(at)


@pytest.mark.real
def test_explore_province_lists_its_pairs(mode):
    at = run("pages/explore.py", params={"province": "loei"})
    assert "5 pairs in Loei" in texts(at)
    frame = app_tables(at)[0]
    assert list(frame["Pair"]) == ["07-1", "08-1", "09-1", "10-1", "11-1"]
    notes = dict(zip(frame["Pair"], frame["Notes"], strict=True))  # findings, then stories by marker number
    polygons = mode == "boundaries"  # these findings are the polygons'
    assert notes["08-1"] == ("unlisted neighbour; Story 1" if polygons else "Story 1")
    assert notes["09-1"] == ("not adjacent, unlisted neighbour" if polygons else "")
    assert notes["10-1"] == ""


@pytest.mark.real
def test_explore_neighbour_province_and_selected_pair(mode):
    at = run("pages/explore.py", params={"province": "KHM:Oddar Meanchey", "pair": "34-1"})
    frame, facts = app_tables(at)
    assert set(frame["Pair"]) == {"34-1", "35-1", "44-1"}
    assert "Pair 34-1" in texts(at)
    assert facts.iloc[0].tolist() == ["Table number", "34"]


def test_clicking_a_neighbouring_provinces_district_opens_its_pair_in_its_province(points):
    """The Explore map draws the districts around the chosen province too; a click on one of another
    province's pairs moves to that province with the pair chosen, not to a refusal."""
    at = run("pages/explore.py", params={"province": "Loei"})
    component_event(at, "bm_map_explore", "clicked", {"kind": "link", "pair_id": "30-1"})
    assert not at.exception
    assert at.query_params["province"] == "Uttaradit"
    assert at.query_params["pair"] == "30-1"
    assert "Pair 30-1" in texts(at)
    assert "is not in" not in texts(at)
    component_event(at, "bm_map_explore", "clicked", {"kind": "link", "pair_id": "99-9"})  # not a pair: no move
    assert not at.exception
    assert at.query_params["province"] == "Uttaradit"


def test_explore_panel_rows_and_story_links_choose_through_the_map_widget(points):
    """Explore's table, briefing links and chosen pair are the map widget's side panel: a row picks its pair
    (the URL follows, the row is marked, the facts follow), a story link opens the story with the filters."""
    at = run("pages/explore.py", params={"province": "Loei", "border": "laos"})
    side = side_panel(at)
    assert side["heading"] == "5 pairs in Loei"
    assert side["table"]["keys"] == ["07-1", "08-1", "09-1", "10-1", "11-1"]
    assert side["table"]["selectable"]
    assert side["pair"] is None
    assert side["table"]["selected"] is None
    assert not at.get("subheader")
    assert not app_tables(at)[1:]

    component_event(at, "bm_map_explore", "clicked", {"kind": "row", "pair_id": "08-1"})
    assert not at.exception
    side = side_panel(at)
    assert at.query_params["pair"] == "08-1"
    assert side["table"]["selected"] == "08-1"
    assert side["pair"]["heading"] == "Pair 08-1"
    assert app_tables(at)[1].iloc[0].tolist() == ["Table number", "8"]
    [story] = side["pair"]["stories"]
    assert story["label"].startswith("Story 1: Leading the Way")

    component_event(at, "bm_map_explore", "clicked", {"kind": "row", "pair_id": "<b>x</b>"})  # not a pair
    assert not at.exception
    assert at.query_params["pair"] == "08-1"

    component_event(at, "bm_map_explore", "clicked", {"kind": "story", "story_id": story["id"]})
    assert not at.exception
    assert at.query_params["story"] == story["id"]
    assert at.query_params["border"] == "laos"
    assert any(title.value.startswith("Leading the Way") for title in at.subheader)


def test_a_briefing_under_one_border_is_not_the_both_borders_file(points):
    """Briefings are kept in memory per view: the border filter is part of the view."""
    from border_map.model.dataset import load_dataset

    data = load_dataset()
    both = downloads.export_bytes(data, "html", ExportView("overview"), "en").decode()
    laos = downloads.export_bytes(data, "html", ExportView("overview", border="LAO"), "en").decode()
    assert "across the border with Laos and Cambodia (DOPA" in both
    assert "across the border with Laos (DOPA" in laos


def test_a_story_named_in_thai_script_opens_it(points):
    at = run("pages/stories.py", {"story": "ภูสิงห์"})
    assert at.query_params["story"] == "phu-sing-health"
    assert not at.text or all("Asked for" not in t.value for t in at.text)


def test_a_parameter_given_twice_is_written_back_once(points):
    """The page shows the last value (as Streamlit reads it); the URL must not keep the other."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = ["Loei", "Nan"]
    at.run()
    at.switch_page("pages/explore.py").run()
    assert at.query_params["province"] == "Nan"


def test_emptying_the_province_box_goes_back_to_the_first_province(points):
    """Enter in an emptied box (province_box.js sends "")."""
    at = run("pages/explore.py", params={"province": "Loei", "pair": "08-1"})
    at = choose_in_box(at, "")
    assert not at.exception, [e.value for e in at.exception]
    assert "pair" not in at.query_params
    first = box_data(at)["value"]
    assert first == box_data(at)["options"][0][0]
    assert first is not None
    assert first != "THA:Loei"
    # The first province is the page's default: the URL names none (the state module adds no default), and a
    # link without one shows the first province.
    assert "province" not in at.query_params


def test_a_story_on_the_border_the_sidebar_leaves_out_opens_explore_on_both_borders(points):
    """The tour shows every story; from one on the other border, Explore must open on its province, not on
    "has no pairs on the Thai–Lao border"."""
    at = run("pages/stories.py", {"story": "2", "border": "laos"})
    assert not at.get("page_link") or all("Explore" not in link.proto.label for link in at.get("page_link"))
    at.button(key="bm_story_explore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["province"] == "Sisaket"
    assert "border" not in at.query_params  # both borders
    assert "has no pairs on the" not in texts(at)
    assert {c["name"]: c["value"] for c in sidebar_panel(at)["choices"]}["border"] == "both"
    on_border = run("pages/stories.py", {"story": "2", "border": "cambodia"})  # on the filter: a plain link
    assert any("Explore" in link.proto.label for link in on_border.get("page_link"))


@pytest.mark.real
def test_story_tour_moves_forward_and_back(mode):
    at = run("pages/stories.py")
    assert at.subheader[0].value.startswith("Leading the Way")
    assert "story" not in at.query_params  # the first story is the page's default: the URL adds none
    at.button(key="bm_next").click().run()
    assert "Healthcare" in at.subheader[0].value
    assert "Phu Sing (Sisaket)" in texts(at)
    assert at.query_params["story"] == "phu-sing-health"
    at.button(key="bm_prev").click().run()
    assert at.query_params["story"] == "chiang-khan-security"


@pytest.mark.real
def test_story_deep_link_and_key_figures(mode):
    at = run("pages/stories.py", params={"story": "thoeng-environment"})
    shown = texts(at)
    assert "Story 5 of 5" in shown
    assert "µg/m³" in shown
    assert at.button(key="bm_next").disabled


@pytest.mark.real
def test_data_page_lists_findings_sources_and_downloads(mode):
    at = run("pages/data.py")
    warnings = " ".join(unescaped(w.body) for w in at.warning)
    assert "skips 33" in warnings
    assert "44 target districts" in warnings
    assert "Vientiane Capital" in warnings
    if mode == "boundaries":
        assert "Pak Chom and Sanakham are 3.3 km apart" in warnings
    stated = at.dataframe[0].value  # the table as stated: its values exactly, its field names as words
    assert list(stated.columns) == [
        "No.",
        "Thai province",
        "Thai district",
        "Neighbouring country",
        "Neighbouring province",
        "Parallel area",
    ]
    assert stated.iloc[0].tolist() == ["1", "Chiang Rai", "Chiang Khong", "LAO", "Bokeo", "Houayxay"]
    assert len(stated) == 46
    layers = at.dataframe[1].value
    assert list(layers.columns) == ["Layer", "Country", "Level", "Licence", "Attribution", "Source", "Address"]
    assert set(layers["Licence"]) == {"CC BY 3.0 IGO", "CC BY 4.0", "ODbL 1.0"}
    assert all(layers["Attribution"].str.len() > 10)
    assert len(at.get("download_button")) == 5


@pytest.mark.real
@pytest.mark.parametrize(("lang", "said"), [("en", "supplied by the user"), ("th", "ผู้ใช้จัดหาให้")])
def test_data_page_names_layers_the_user_supplied(built_dir, monkeypatch, tmp_path, lang, said):
    """A build whose manifest names a layer the user supplied (build --boundary): the page says so, with the
    file, in the notice and the layers' table, in the reader's language."""
    import json

    from border_map.pipeline.publish import publish

    texts_ = {name: (built_dir / name).read_text(encoding="utf-8") for name in PUBLISHED}
    report = json.loads(texts_["report.json"])
    entry = {"layer": "lao-adm2", "file": "lao_2026.gpkg", "sha256": "ab" * 32, "features": 148}
    for source in report["sources"]:
        if source["id"] == "lao-adm2":
            source.update(attribution="Lao districts: supplied by the user (lao_2026.gpkg)", licence="", supplied=entry)
    texts_["report.json"] = json.dumps(report)
    publish(tmp_path / "build", texts_, supplied=[entry])
    monkeypatch.setenv("BORDER_MAP_DATA", str(tmp_path / "build"))
    at = run("pages/data.py", {"lang": lang})
    notices = " ".join(unescaped(i.body) for i in at.info)
    assert f"{said} (lao_2026.gpkg)" in notices
    attributions = at.dataframe[1].value.iloc[:, 4].tolist()
    assert sum(f"{said} (lao_2026.gpkg)" in a for a in attributions) == 1


PUBLISHED = ("districts.geojson", "links.geojson", "provinces.geojson", "report.json")


@pytest.mark.parametrize(
    ("typed", "expected", "pairs"),
    [
        ("Loei", "Loei", 5),
        ("เลย", "Loei", 5),
        ("Si Sa Ket", "Sisaket", 1),
        ("Xaignabouli", "Xayaburi", 8),
        # The chosen Thai form and the other one in official use (names_th.csv's `also`) both open it.
        ("จำปาสัก", "Champasak", 2),
        ("จำปาศักดิ์", "Champasak", 2),
        ("บันเตียเมียนเจย", "Banteay Meanchey", 3),
        ("บันทายมีชัย", "Banteay Meanchey", 3),
    ],
)
def test_explore_deep_links_people_type(points, typed, expected, pairs):
    at = run("pages/explore.py", params={"province": typed})
    assert f"{pairs} pair{'s' if pairs > 1 else ''} in {expected}" in texts(at)
    assert at.query_params["province"] == expected  # the URL is rewritten to the readable form


def test_unknown_province_names_what_was_typed_and_shows_no_other(points):
    at = run("pages/explore.py", params={"province": "Leoi"})
    shown = [t.value for t in at.text]
    assert "Asked for: Leoi" in shown
    assert "Closest:" in shown
    assert " pairs in " not in texts(at)
    assert box_data(at)["value"] is None
    # Each closest name opens its province, as a step: the URL names it, the page shows it.
    closest = [b for b in at.button if b.key.startswith("bm_closest_province_")]
    assert closest
    assert closest[0].label == "Loei"
    closest[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "5 pairs in Loei" in texts(at)
    assert at.query_params["province"] in ("Loei", ["Loei"])
    assert not [b for b in at.button if b.key.startswith("bm_closest_")]


def test_closest_names_are_offered_in_the_pages_language_and_as_text(points):
    at = run("pages/explore.py", params={"province": "Nongkai", "lang": "th"})
    labels = [b.label for b in at.button if b.key.startswith("bm_closest_province_")]
    assert labels
    assert unescaped(labels[0]) == "หนองคาย"
    at = run("pages/overview.py", params={"pair": "8-9"}, deep_link=True)
    pairs = [b for b in at.button if b.key.startswith("bm_closest_pair_")]
    assert pairs
    assert all(unescaped(b.label) == b.key.rsplit("_", 1)[1] for b in pairs)
    chosen = pairs[0].key.rsplit("_", 1)[1]
    pairs[0].click().run()
    assert at.query_params["pair"] in (chosen, [chosen])


def test_province_outside_the_border_filter_is_said_not_swapped(points):
    at = run("pages/explore.py", params={"province": "Loei", "border": "cambodia"})
    said = [i.body for i in at.info if "Loei has no pairs" in i.body]
    # Where its pairs are, and the sidebar's own words for the choices that show them.
    assert said == [
        "Loei has no pairs on the Thai–Cambodian border; its pairs are on the Thai–Lao border. To see them, "
        "choose “Laos” or “Laos and Cambodia” under Border in the sidebar."
    ]
    assert " pairs in " not in texts(at)


def test_choosing_a_province_writes_the_url(points):
    at = run("pages/explore.py", params={"province": "Loei"})
    at = choose_in_box(at, "KHM:Pailin")  # an option, clicked or chosen with Enter
    assert at.query_params["province"] == "Pailin"
    assert "1 pair in Pailin" in texts(at)
    assert box_data(at)["value"] == "KHM:Pailin"
    at = choose_in_box(at, "Si Sa Ket")  # a spelling typed, read as a link's
    assert at.query_params["province"] == "Sisaket"
    assert box_data(at)["value"] == "THA:Sisaket"
    at = choose_in_box(at, "Atlantis")  # no province: the box's own words
    assert "Asked for: Atlantis" in [t.value for t in at.text]
    assert any("No province in the table goes by that name." in m.value for m in at.markdown), texts(at)
    assert box_data(at)["value"] is None
    for bad in (["THA:Loei"], {"key": "THA:Loei"}, 3):  # not a string: from no box of the app's, ignored
        at = choose_in_box(at, bad)
        assert not at.exception, [e.value for e in at.exception]
        assert at.query_params["province"] == "Atlantis"


def test_border_filter_survives_page_switches(points):
    at = run()
    choose(at, "border", "LAO")
    at.switch_page("pages/explore.py").run()
    assert values(at)["border"] == "LAO"
    assert at.query_params["border"] == "laos"
    assert not [label for _key, label, _spellings in box_data(at)["options"] if label.startswith("Oddar Meanchey")]
    assert [label for _key, label, _spellings in box_data(at)["options"] if label.startswith("Loei")]


def values(at: AppTest) -> dict:
    """What the sidebar's controls show as chosen."""
    return {c["name"]: c["value"] for c in sidebar_panel(at)["choices"]}


def test_sidebar_choices_are_kept_and_written_into_the_url(points):
    at = run()
    shown = {c["name"]: c for c in sidebar_panel(at)["choices"]}
    assert [o for o, _ in shown["border"]["options"]] == ["both", "LAO", "KHM"]
    assert [o for o, _ in shown["lang"]["options"]] == ["en", "th"]
    assert shown["basemap"]["value"] is False
    assert shown["basemap"]["options"] == []
    choose(at, "basemap", True)
    assert at.query_params["basemap"] == "1"
    choose(at, "lang", "th")
    assert at.query_params["lang"] == "th"
    assert values(at) == {"lang": "th", "border": "both", "basemap": True}
    choose(at, "basemap", False)
    assert "basemap" not in at.query_params


def test_page_links_carry_the_filters_and_a_click_switches_with_them(points):
    """The sidebar lists the app's pages (Streamlit's own menu is hidden): each link's address carries the
    language and filters, the page shown is marked, and a click opens the page with them."""
    at = run(params={"border": "laos", "lang": "th"})
    links = sidebar_panel(at)["links"]
    assert [(name, href, current) for name, _label, href, current in links] == [
        ("overview", "./?lang=th&border=laos", True),
        ("explore", "./explore?lang=th&border=laos", False),
        ("stories", "./stories?lang=th&border=laos", False),
        ("data", "./data?lang=th&border=laos", False),
        ("present", "./present?lang=th&border=laos", False),
    ]
    assert [label for _name, label, _href, _current in links][:2] == ["ภาพรวม", "สำรวจรายจังหวัด"]
    assert sidebar_panel(at)["linksLabel"] == "หน้า"
    # A plain click opens the link's address in the browser alone (controls.js): tests/browser/test_history.py
    # and test_navigation.py follow one; here the page it opens marks its own link.
    at.switch_page("pages/explore.py").run()
    assert page_title(at) == "สำรวจรายจังหวัด"
    assert [current for *_rest, current in sidebar_panel(at)["links"]] == [False, True, False, False, False]


@pytest.mark.parametrize("click", [{"page": "admin"}, {"page": "../explore"}, {"page": ["explore"]}, {"page": None}])
def test_a_page_event_changes_nothing(points, click):
    """Links are followed in the browser: an event naming a page, any page, is not a choice and is ignored."""
    at = run()
    component_event(at, "bm_controls", "chose", click)
    assert not at.exception
    assert page_title(at) == "People-to-People parallel areas"


def test_a_click_that_is_a_fresh_sessions_first_run_still_counts(points):
    """A page left open across a server restart: its next click reaches a session that never ran, so no
    callback was registered for it (ui_component.mount_with_event)."""
    before = run()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    component_event(at, "bm_controls", "chose", {"name": "border", "value": "KHM"}, first_run_after=before)
    assert not at.exception
    assert at.query_params["border"] == "cambodia"
    assert {f["label"]: f["value"] for f in app_figures(at)}["Pairs"] == "13"


@pytest.mark.parametrize(
    "click",
    [
        {"name": "border", "value": "MMR"},
        {"name": "border", "value": ["KHM"]},
        {"name": "basemap", "value": "1"},
        {"name": "lang", "value": "klingon"},
        {"name": "bm_start", "value": {}},
        {"value": "KHM"},
        {"name": "border", "value": "KHM", "page": "explore"},
        "KHM",
        None,
    ],
)
def test_a_click_the_controls_do_not_offer_changes_nothing(points, click):
    """The event comes from the browser: anything but one of the controls' own values is ignored."""
    at = run(params={"border": "laos"})
    component_event(at, "bm_controls", "chose", click)
    assert not at.exception
    assert values(at) == {"lang": "en", "border": "LAO", "basemap": False}
    assert at.query_params["border"] == "laos"
    assert "basemap" not in at.query_params
    assert not at.get("text")  # no link problem either: the link was fine


def test_border_and_story_links_in_readable_forms(points):
    at = run("pages/stories.py", params={"story": "2", "border": "KHM"})
    assert at.query_params["story"] == "phu-sing-health"
    assert at.query_params["border"] == "cambodia"
    assert "Story 2 of 5" in texts(at)


HOSTILE = [
    "![x](https://example.org/p.png)",
    "[click](https://example.org)",
    '<img src=x onerror="window.__pwned=1">',
    ":red[alarm] $x^2$ :material/warning:",
    "A" * 5000,
    "Lo\x00e\x1bi\n\r",
]
HOSTILE_PARAMS = ("province", "pair", "story", "border", "basemap")
# Each value in every parameter at once, on each page opened by a link (its own first run); Explore a second time
# with a valid province, because it reads `pair` only inside a province.
HOSTILE_LOADS = [
    (None, {}),
    ("pages/explore.py", {}),
    ("pages/explore.py", {"province": "Loei"}),
    ("pages/stories.py", {}),
    ("pages/data.py", {}),
]


@pytest.mark.parametrize(
    ("page", "valid"), HOSTILE_LOADS, ids=["overview", "explore", "explore+province", "stories", "data"]
)
def test_hostile_link_values_are_never_markup(points, page, valid):
    for value in HOSTILE:
        at = run(page, params={**dict.fromkeys(HOSTILE_PARAMS, value), **valid}, deep_link=True)
        markdown = [m.value for m in at.markdown] + [e.body for kind in ("warning", "info") for e in at.get(kind)]
        for text in markdown:
            assert "example.org" not in text
            assert "<img" not in text
            assert "alarm" not in text
        assert at.text, "no parameter was named back: the page never read the values"
        for element in at.text:
            assert len(element.value) < 200  # a bounded echo, never the 5,000 characters
            assert "\x00" not in element.value
            assert "\x1b" not in element.value


def test_data_text_in_markdown_is_escaped_to_read_as_written():
    raw = "![x](https://example.org/p.png) <b>Ban</b> :red[x] $y$ บ้าน 3.3 km"
    escaped = messages.md_text(raw)
    assert unescaped(escaped) == raw
    assert "![" not in escaped
    assert "](" not in escaped
    assert "<b>" not in escaped
    assert ":red[" not in escaped
    assert "บ้าน" in escaped


def test_markdown_escape_covers_every_ascii_mark_and_nothing_else():
    marks = [chr(i) for i in range(128) if not chr(i).isalnum() and not chr(i).isspace()]
    assert messages.md_text("".join(marks)) == "".join("\\" + ch for ch in marks)
    plain = "Loei ลาว 09 \t\n é ñ ü ₭ 😀"  # letters, digits and spaces of any script stay as they are
    assert messages.md_text(plain) == plain
    # A Thai place name is glued with invisible word joiners, so the browser never breaks inside it.
    assert messages.md_text("จังหวัดเลย") == "จังหวัดเ\u2060ล\u2060ย"
    assert messages.md_text("เมืองสานะคาม").replace("\u2060", "") == "เมืองสานะคาม"
    assert "า\u2060น\u2060ะ\u2060ค" in messages.md_text("เมืองสานะคาม")  # Chrome cut it สา / นะ / คาม
    assert messages.md_text(3.5) == "3\\.5"


@pytest.mark.real
@pytest.mark.parametrize(
    ("page", "params", "slug"),
    [
        (None, {}, "overview"),
        ("pages/explore.py", {"province": "Loei"}, "province-tha-loei"),
        ("pages/stories.py", {"story": "2"}, "story-phu-sing-health"),
        (None, {"border": "laos"}, "overview-laos"),
        ("pages/explore.py", {"province": "Ubon Ratchathani", "border": "laos"}, "province-tha-ubon-ratchathani-laos"),
    ],
)
def test_every_map_page_offers_its_briefing_as_html_and_pdf(mode, page, params, slug):
    from border_map.web.server import offers

    at = run(page, params)
    assert not at.get("download_button")  # links, not widgets: a run only names the files
    lines = briefing_lines(at)
    assert len(lines) == 1, lines
    for fmt, opens in (("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF-")):
        name = f"border_map-{slug}-en.{fmt}"
        assert f"[{fmt.upper()}](download/{name})" in lines[0]
        make = offers.OFFERS.get(name)  # what the server's route answers that link with
        assert make is not None
        assert make().startswith(opens)


@pytest.mark.real
def test_briefing_files_are_made_once_and_open_as_what_they_claim(mode):
    from border_map.model.briefing import ExportView

    data = data_cache.dataset()
    view = ExportView("story", "phu-sing-health")
    pdf = downloads.export_bytes(data, "pdf", view, "th")
    assert pdf.startswith(b"%PDF-")
    assert downloads.export_bytes(data, "pdf", view, "th") is pdf  # kept, not made again
    html = downloads.export_bytes(data, "html", view, "en")
    assert html.startswith(b"<!DOCTYPE html>")
    assert b"Healthcare Cooperation" in html


@pytest.mark.real
def test_data_page_prepares_the_booklet_with_its_time(mode):
    at = run("pages/data.py", {"lang": "en"})
    at.button(key="bm_make_booklet").click().run(timeout=180)
    assert not at.exception
    assert "Download the booklet (PDF)" in [b.proto.label for b in at.get("download_button")]
    assert any(c.value.startswith("Made in ") for c in at.caption)


@pytest.mark.real
def test_present_deck_in_the_url_and_its_buttons(mode):
    at = run("pages/present.py", {"slide": "3"})
    from border_map.model import deck

    total = len(deck.slides(data_cache.dataset(), "en"))
    assert f"**3 / {total}**" in [m.value for m in at.markdown]
    at.button(key="bm_forward").click().run()
    assert at.query_params["slide"] in ("4", ["4"])
    at.button(key="bm_last").click().run()
    assert at.query_params["slide"] in (str(total), [str(total)])
    at.button(key="bm_forward").click().run()  # stays on the last slide
    assert at.query_params["slide"] in (str(total), [str(total)])


@pytest.mark.real
def test_present_deck_follows_border_and_language(mode):
    at = run("pages/present.py", {"border": "laos", "lang": "th", "slide": "1"})
    assert page_title(at) == "พื้นที่คู่ขนานโครงการประชาชนสู่ประชาชน"
    from border_map.model import deck

    assert len(deck.slides(data_cache.dataset(), "th", "LAO")) < len(deck.slides(data_cache.dataset(), "th"))


def test_present_unknown_slide_is_said_and_the_deck_starts(points):
    at = run("pages/present.py", {"slide": "99"})
    assert "Asked for: 99" in texts(at)
    assert at.query_params["slide"] in ("1", ["1"])


@pytest.mark.real
def test_a_new_build_is_picked_up_without_a_restart(built_dir, monkeypatch, tmp_path):
    """The app started before any build (embedded points); a build lands; the next page shows polygons."""
    from border_map.pipeline.publish import publish

    target = tmp_path / "build"
    target.mkdir()
    monkeypatch.setenv("BORDER_MAP_DATA", str(target))
    at = run()
    assert any("Running without boundary polygons" in i.body for i in at.info)
    layers = ("districts.geojson", "links.geojson", "provinces.geojson", "report.json")
    publish(target, {name: (built_dir / name).read_text(encoding="utf-8") for name in layers})  # as `build` does
    time.sleep(data_cache._STAMP_TTL_S + 0.1)  # the app looks at the build at most once a second
    at = run()  # a viewer opens the page again: no restart, no cache cleared by hand
    assert not any("Running without boundary polygons" in i.body for i in at.info)
    assert data_cache.dataset().has_boundaries


def test_present_reports_a_bad_slide_and_a_bad_border_together(points):
    """A deep link straight to the deck: its first run is the Present page, which says both."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"slide": "zero", "border": "mars"})
    at.switch_page("pages/present.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Asked for: zero" in shown
    assert "Asked for: mars" in shown


@pytest.fixture(scope="module")
def broken_outlines(built_dir, tmp_path_factory) -> Path:
    """The real build with a damaged provinces.geojson."""
    broken = tmp_path_factory.mktemp("broken-outlines") / "build"
    shutil.copytree(built_dir, broken)
    (broken / "provinces.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    return broken


@pytest.mark.real
@pytest.mark.parametrize("page", [*PAGES, "pages/present.py"])
def test_every_page_runs_without_province_outlines(broken_outlines, monkeypatch, page):
    """A damaged provinces.geojson costs the outlines only: every page runs, names the file, keeps polygons."""
    broken = broken_outlines
    monkeypatch.setenv("BORDER_MAP_DATA", str(broken))
    at = run(page, {"province": "Loei"} if page.endswith("explore.py") else None)
    if not page.endswith("present.py"):
        shown = texts(at)
        assert "province outlines are not shown" in shown
        assert "provinces.geojson is damaged or incomplete" in shown
        assert str(broken) not in shown
    assert data_cache.dataset().has_boundaries


@pytest.mark.real
def test_explore_with_no_province_shows_the_same_one_in_both_languages(boundaries):
    """A link to Explore that names no province opens on the first in the English alphabet, in Thai too: the first
    in Thai order was another province, so a switch of language changed the province shown."""
    english = run("pages/explore.py", {"lang": "en"})
    shown = box_data(english)["value"]
    assert shown == "THA:Amnat Charoen"
    thai = choose(english, "lang", "th")
    assert box_data(thai)["value"] == shown
    assert box_data(run("pages/explore.py", {"lang": "th"}))["value"] == shown


@pytest.mark.real
@pytest.mark.parametrize(
    ("params", "by_panel"),
    [
        ({"province": "Loei"}, True),
        ({"province": "Loei", "lang": "th"}, True),
        ({"province": "Atlantis"}, False),  # the box alone, under a message about the link
        ({"province": "Loei", "pair": "99-9"}, False),
        ({"province": "Sa Kaeo", "border": "laos"}, False),
    ],
)
def test_explores_heading_is_drawn_once_by_its_first_element(boundaries, params, by_panel):
    """The map panel (or the box alone) draws Explore's heading when nothing comes before it, one element fewer
    in every run; above a message it is Streamlit's title, so it stays first on the page (with no build, above
    the notice that says so: test_every_page_runs)."""
    at = run("pages/explore.py", params, deep_link=True)
    heading = "สำรวจรายจังหวัด" if params.get("lang") == "th" else "Explore by province"
    assert page_titles(at) == [heading]
    assert [t.value for t in at.title] == ([] if by_panel else [heading])
    if by_panel:
        assert map_payload(at)["heading"] == heading
