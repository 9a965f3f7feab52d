"""The view model on a small hand-made dataset: what a view says is made once, and its parts agree.

Two Thai districts of Loei (Chiang Khan has the first model-area story) paired with Lao ones, and three
findings: one about the table as a whole, a warning on one pair and a note on the other.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from border_map.i18n import translator
from border_map.model import deck, programme
from border_map.model.briefing import ExportView, briefing, build_briefing, pair_facts, parse_view
from border_map.model.dataset import Dataset
from border_map.render.export_html import panel_html

EVIL = '<img src=x onerror="alert(1)">Ban <b>Evil</b>'
FINDINGS = [
    {"kind": "numbering", "severity": "warning", "pair_ids": [], "message": "The numbering skips 3."},
    {"kind": "not_adjacent", "severity": "warning", "pair_ids": ["02-1"], "message": "Pak Chom is 3 km away."},
    {"kind": "unlisted_neighbour", "severity": "info", "pair_ids": ["01-1"], "message": EVIL},
]


@pytest.fixture
def small() -> Dataset:
    districts = gpd.GeoDataFrame(
        {
            "country": ["THA", "THA", "LAO", "LAO"],
            "feature_id": ["t1", "t2", "n1", "n2"],
            "district": ["Chiang Khan", "Pak Chom", "Sanakham", "Meun"],
            "province": ["Loei", "Loei", "Vientiane", "Vientiane"],
        },
        geometry=[box(101, 17, 102, 18), box(102, 17, 103, 18), box(101, 18, 102, 19), box(102, 18.1, 103, 19)],
        crs="EPSG:4326",
    )
    links = gpd.GeoDataFrame(
        {
            "pair_id": ["01-1", "02-1"],
            "no": [1, 2],
            "thai_province": ["Loei", "Loei"],
            "thai_district": ["Chiang Khan", "Pak Chom"],
            "nb_country": ["LAO", "LAO"],
            "nb_province": ["Vientiane", "Vientiane"],
            "nb_district": ["Sanakham", "Meun"],
            "thai_feature_id": ["t1", "t2"],
            "nb_feature_id": ["n1", "n2"],
            "thai_source_name": ["Chiang Khan", "Pak Chom"],
            "nb_source_name": ["Xanakharm", "Meun"],
            "distance_km": [0.0, 3.25],
            "status": ["matched", "matched"],
            "findings": [[], ["not_adjacent"]],
        },
        geometry=[LineString([(101.5, 17.5), (101.5, 18.5)]), LineString([(102.5, 17.5), (102.5, 18.5)])],
        crs="EPSG:4326",
    )
    provinces = gpd.GeoDataFrame(
        {"country": ["THA", "LAO"], "feature_id": ["pt", "pn"], "province": ["Loei", "Vientiane"]},
        geometry=[box(101, 17, 103, 18), box(101, 18, 103, 19)],
        crs="EPSG:4326",
    )
    sources = [{"id": "tha-adm2", "licence": "CC BY 3.0 IGO", "attribution": "RTSD"}]
    return Dataset("boundaries", districts, links, provinces, FINDINGS, {}, sources, build_id="small")


@pytest.mark.parametrize(
    ("start", "end", "en", "th"),
    [
        (date(2024, 6, 15), date(2024, 9, 15), "15 June – 15 September 2024", "15 มิถุนายน – 15 กันยายน 2567"),
        (date(2024, 9, 9), date(2024, 9, 11), "9–11 September 2024", "9–11 กันยายน 2567"),
        (date(2024, 12, 1), date(2025, 1, 2), "1 December 2024 – 2 January 2025", "1 ธันวาคม 2567 – 2 มกราคม 2568"),
    ],
)
def test_a_period_reads_to_the_day_with_the_year_once(start, end, en, th):
    assert translator("en").date_span(start, end) == en
    assert translator("th").date_span(start, end) == th


def test_headline_figures_are_the_programme_texts_where_it_states_them(small):
    """The period and the budget as the programme text states them (facts.json, from the seed: "Between June
    15 and September 15, 2024 ... 80,000 THB per district"); the counts from the table, their notes say so."""
    figures = {f.key: f for f in briefing(small, ExportView("overview"), "en").figures}
    assert figures["period"].value == "15 June – 15 September 2024"
    assert figures["budget"].value == "80,000 THB"
    assert figures["budget"].label == "Budget per district"
    # The text's own total (44 x 80,000), then the table's count beside it; never two districts x 80,000.
    assert "3,520,000 THB" in figures["budget"].note
    assert "160,000" not in figures["budget"].note
    assert "lists 2 distinct Thai districts" in figures["budget"].note
    assert figures["thai_districts"].value == "2 (stated: 44)"
    assert "states 44" in figures["thai_districts"].note
    assert figures["pairs"].value == "2"
    thai = {f.key: f.value for f in briefing(small, ExportView("overview"), "th").figures}
    assert thai["period"] == "15 มิถุนายน – 15 กันยายน 2567"
    assert thai["budget"] == "80,000 บาท"


def test_a_view_is_made_once_per_language_and_dated_per_file(small):
    view = parse_view("province:Loei", small)
    assert briefing(small, view, "en") is briefing(small, ExportView("province", "THA:Loei"), "en")
    assert briefing(small, view, "th") is not briefing(small, view, "en")
    dated = build_briefing(small, view, "th", date(2026, 11, 23))
    assert dated.generated == "23 พฤศจิกายน 2569"
    assert dated.table is briefing(small, view, "th").table


def test_the_notes_column_names_every_finding_the_view_lists(small):
    brief = briefing(small, parse_view("province:Loei", small), "en")
    assert [f.text for f in brief.findings] == ["Pak Chom is 3 km away.", EVIL]
    notes = {row.pair: row.notes for row in brief.table.rows}
    assert notes == {"01-1": "unlisted neighbour; Story 1", "02-1": "not adjacent"}
    title = programme.stories()[0]["title"]
    assert brief.stories == (("chiang-khan-security", f"Story 1: {title}"),)


def test_the_overview_lists_warnings_and_its_notes_follow(small):
    brief = briefing(small, ExportView("overview"), "en")
    assert [f.text for f in brief.findings] == ["The numbering skips 3.", "Pak Chom is 3 km away."]
    assert {row.pair: row.notes for row in brief.table.rows} == {"01-1": "Story 1", "02-1": "not adjacent"}


def test_a_province_says_its_count_once(small):
    brief = briefing(small, parse_view("province:Loei", small), "en")
    assert brief.subtitle == "2 pairs in Loei"
    assert brief.figures == ()
    assert brief.table.heading == "Pairs"
    assert [row.cells for row in brief.table.rows][1] == (
        "02-1",
        "Pak Chom (Loei)",
        "Meun (Vientiane, Laos)",
        "3.2",
        "not adjacent",
    )


def test_a_pairs_briefing_is_its_pair_facts(small):
    brief = briefing(small, parse_view("pair:1-1", small), "th")
    facts = pair_facts(small, "01-1", "th")
    assert brief.pair is facts
    assert brief.findings == facts.findings
    assert brief.stories == facts.stories
    assert brief.title == facts.heading == "คู่พื้นที่ 01-1"
    assert dict(facts.facts)["ระยะห่างระหว่างขอบเขต"] == "0.0 กม."
    assert brief.story is not None  # its story, told in full
    assert not brief.table.rows  # its one row would repeat the facts


def test_the_decks_slides_read_the_views(small):
    slides = deck.slides(small, "en")
    overview = briefing(small, ExportView("overview"), "en")
    assert slides[0].figures == overview.figures
    [loei] = [s for s in slides if s.kind == "province"]
    province = briefing(small, parse_view("province:Loei", small), "en")
    assert loei.subtitle == province.subtitle
    # The province's table rows, said short: the slide already names the province.
    assert loei.points == ["Chiang Khan ↔ Sanakham (Laos)", "Pak Chom ↔ Meun (Laos)"]
    [findings] = [s for s in slides if s.kind == "findings"]
    assert findings.points == [f.text for f in overview.findings]
    assert findings.map.pairs == ("02-1",)


def test_text_from_data_is_never_markup_in_the_html(small):
    html = panel_html(build_briefing(small, parse_view("province:Loei", small), "en"))
    assert EVIL not in html
    assert "&lt;img src=x" in html
