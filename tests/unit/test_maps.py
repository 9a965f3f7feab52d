"""Map building on tiny hand-made geometries (and the embedded points): pure folium, no browser."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from border_map.model.dataset import Dataset
from border_map.render import maps
from border_map.render.folium_internals import children
from border_map.render.offline import external_urls, use_local_leaflet

EVIL = '<img src=x onerror="alert(1)">Ban <b>Evil</b>'


@pytest.fixture
def tiny() -> Dataset:
    """One Thai and one Lao district sharing an edge, one pair, and three provinces (one not in the table)."""
    districts = gpd.GeoDataFrame(
        {
            "country": ["THA", "LAO"],
            "feature_id": ["t1", "n1"],
            "district": ["Thai One", EVIL],
            "name_th": ["ไทยหนึ่ง", None],
            "province": ["Tee", "En"],
            "province_th": ["ที", None],
            "province_id": ["pt", "pn"],
        },
        geometry=[box(100, 15, 101, 16), box(101, 15, 102, 16)],
        crs="EPSG:4326",
    )
    links = gpd.GeoDataFrame(
        {
            "pair_id": ["01-1"],
            "no": [1],
            "thai_province": ["Tee"],
            "thai_district": ["Thai One"],
            "nb_country": ["LAO"],
            "nb_province": ["En"],
            "nb_district": ["Evil"],
            "thai_feature_id": ["t1"],
            "nb_feature_id": ["n1"],
            "thai_source_name": ["Thai One"],
            "nb_source_name": [EVIL],
            "thai_match": ["exact"],
            "nb_match": ["exact"],
            "distance_km": [0.0],
            "status": ["matched"],
            "findings": [[]],
        },
        geometry=[LineString([(100.5, 15.5), (101.5, 15.5)])],
        crs="EPSG:4326",
    )
    provinces = gpd.GeoDataFrame(
        {"country": ["THA", "LAO", "KHM"], "feature_id": ["pt", "pn", "pz"], "province": ["Tee", "En", "Zed"]},
        geometry=[box(99, 14, 101, 17), box(101, 14, 103, 17), box(104, 10, 105, 11)],
        crs="EPSG:4326",
    )
    return Dataset("boundaries", districts, links, provinces, [], {}, [{"licence": "CC BY 4.0"}], build_id="tiny")


def html_of(fmap) -> str:
    return fmap.get_root().render()


def test_base_map_is_offline_and_escapes_names(tiny):
    fmap = use_local_leaflet(maps.base_map(tiny, maps.MapView()))
    assert external_urls(fmap) == []
    page = html_of(fmap)
    assert "tile.openstreetmap.org" not in page
    assert "<b>Evil</b>" not in page
    assert "<img src=x" not in page
    assert r"\u0026lt;b\u0026gt;Evil" in page  # HTML-escaped in the tooltip, then JSON-escaped by folium


def test_the_basemap_switch_adds_tiles_and_nothing_else(tiny):
    fmap = use_local_leaflet(maps.base_map(tiny, maps.MapView(basemap=True)))
    assert external_urls(fmap) == []
    hosts = set(re.findall(r"https?://([^/\"']+)", html_of(fmap)))
    assert hosts == {"tile.openstreetmap.org"}


def test_only_table_provinces_are_clickable(tiny):
    feats = maps.features(tiny)
    names = {f["properties"]["province"] for f in feats.provinces}
    assert names == {"Tee", "En", ""}  # Zed is context only

    def province_layers(view):
        fmap = maps.base_map(tiny, view)
        layers = [c for c in children(fmap).values() if isinstance(c, maps.Layer)]
        found = {}
        for layer in layers:
            kinds = {f["properties"]["kind"] for f in layer.data["features"]}
            if kinds == {"province"}:
                found["table"] = layer
            elif kinds == {"outline"}:
                found["outline"] = layer
        return found, html_of(fmap)

    def parts(layer) -> int:
        (outline,) = layer.data["features"]  # one path however many provinces
        assert outline["geometry"]["type"] == "MultiPolygon"
        return len(outline["geometry"]["coordinates"])

    clickable, clickable_page = province_layers(maps.MapView(clickable_provinces=True))
    plain, plain_page = province_layers(maps.MapView())
    assert clickable["table"].interactive
    assert clickable["table"].style["fill"]
    assert {f["properties"]["province"] for f in clickable["table"].data["features"]} == {"Tee", "En"}
    assert not clickable["outline"].interactive
    assert parts(clickable["outline"]) == 1  # Zed
    # Where no province can be clicked, every province is in the one outline, and none is a shape of its own.
    assert set(plain) == {"outline"}
    assert not plain["outline"].interactive
    assert not plain["outline"].tooltips
    assert parts(plain["outline"]) == len(feats.provinces)
    assert maps.feature_counts(tiny, maps.MapView())["provinces"] == 1
    assert maps.feature_counts(tiny, maps.MapView(clickable_provinces=True))["provinces"] == 3
    assert "Province (click)" in clickable_page
    assert "Province (click)" not in plain_page


def test_features_are_computed_once_per_dataset(tiny):
    assert maps.features(tiny) is maps.features(tiny)
    tip = maps.features(tiny).districts["n1"]["properties"]["tip"]
    assert "Pairs</th><td>01-1" in tip


def test_overlay_marks_the_pair_by_weight_and_fits_without_taking_clicks(tiny):
    fmap = maps.build_map(tiny, pairs=("01-1",), fit=[[15, 100], [16, 102]])
    page = html_of(fmap)
    assert '"weight": 4.5' in page  # district outlines
    assert '"weight": 5' in page  # the link
    assert "fitBounds([[15, 100], [16, 102]]" in page
    group = maps.overlay(tiny, pairs=("01-1",))
    layers = [child for child in children(group).values() if isinstance(child, maps.Layer)]
    assert len(layers) == 2
    assert all(not layer.interactive and layer.pane == maps.SELECTION_PANE for layer in layers)


def test_the_legend_lists_a_selected_pair_only_where_the_map_draws_one(tiny):
    """A map drawn once with its selection (an export) names "Selected pair" only when it draws one: a province's
    or the overview's briefing listed it with no pair on the map. A base map shared by every selection (the app's,
    the deck's) carries it hidden, and the overlay that draws a pair shows it."""
    entry = f"class='{maps.SELECTED_ENTRY}'"
    assert "Selected pair" not in html_of(maps.build_map(tiny))
    assert "Selected pair" not in html_of(maps.build_map(tiny, fit=[[15, 100], [16, 102]]))
    drawn = html_of(maps.build_map(tiny, pairs=("01-1",)))
    assert f"<div {entry}><span" in drawn  # shown, not hidden
    shared = html_of(maps.base_map(tiny, maps.MapView()))
    assert f"<div {entry} hidden><span" in shared
    shows = [c for c in children(maps.overlay(tiny, pairs=("01-1",))).values() if isinstance(c, maps.LegendEntry)]
    assert [c.entry for c in shows] == [maps.SELECTED_ENTRY]
    assert not any(
        isinstance(c, maps.LegendEntry) for c in children(maps.overlay(tiny, fit=[[15, 100], [16, 102]])).values()
    )


@pytest.mark.parametrize(
    ("lang", "units"), [("en", {"m": "{n} m", "km": "{n} km"}), ("th", {"m": "{n} ม.", "km": "{n} กม."})]
)
def test_the_scale_bar_reads_in_the_maps_language(tiny, lang, units):
    """Leaflet's scale control writes "m" and "km" itself; a Thai map's reads ม. and กม. (docs/glossary-th.md)."""
    page = html_of(maps.base_map(tiny, maps.MapView(lang=lang)))
    found = re.search(r"var units = (\{.*?\});", page)
    assert found, "the scale bar takes no units"
    assert json.loads(found.group(1)) == units
    assert "_updateMetric" in page


def test_every_map_keeps_the_wheel_for_the_page_and_its_tooltips_inside(tiny):
    """The base map, which the app and every export draw, carries both: the wheel zooms only once the map is
    chosen, and a tooltip is moved back inside the map's box (tests/browser: test_security, test_long_labels)."""
    page = html_of(maps.base_map(tiny, maps.MapView()))
    assert "map.scrollWheelZoom.disable();" in page
    assert "box.addEventListener('focusin', choose);" in page
    assert "proto = L.Tooltip.prototype" in page
    assert "proto._setPosition = function (pos)" in page
    assert ".leaflet-tooltip.bm-tooltip { white-space: normal;" in page


def test_a_store_moves_the_shapes_out_of_the_map(tiny):
    stored = {}

    def store(name, collection):
        stored[name] = collection
        return f"/layers/{name}.json"

    page = html_of(maps.base_map(tiny, maps.MapView(), store=store))
    assert set(stored) == {"provinces-outline", "districts-THA", "districts-LAO", "links-both"}
    explore = maps.base_map(tiny, maps.MapView(clickable_provinces=True), store=lambda name, _c: f"/layers/{name}")
    urls = {child.url for child in children(explore).values() if isinstance(child, maps.Layer)}
    assert {"/layers/provinces-context", "/layers/provinces-table"} <= urls
    assert "101.5" not in page  # no coordinates inline
    for name in stored:
        assert f'fetch("/layers/{name}.json")' in page
    inline = html_of(maps.base_map(tiny, maps.MapView()))
    assert "fetch(" not in inline
    assert "101.5" in inline


def test_overlay_of_nothing_is_empty(tiny):
    assert not children(maps.overlay(tiny))


def test_story_markers_on_the_overview_only(embedded):
    with_markers = maps.feature_counts(embedded, maps.MapView(story_markers=True))
    assert with_markers == {"provinces": 0, "districts": 81, "links": 46, "stories": 5}
    assert maps.feature_counts(embedded, maps.MapView())["stories"] == 0
    khm = maps.feature_counts(embedded, maps.MapView(border="KHM", story_markers=True))
    assert khm["links"] == 13
    assert khm["stories"] == 2  # Phu Sing and Pong Nam Ron are on the Cambodian border
    page = html_of(maps.base_map(embedded, maps.MapView(story_markers=True)))
    assert "Model-area story" in page
    assert "bm-story" in page
    assert "Leading the Way" in page
