"""Folium maps built from a Dataset. Pure: returns folium objects, shows nothing, fetches nothing.

A map is two parts so that it can be rendered once and shared: the *base* (every district, link and
province for a border, the story markers and the legend) depends only on the dataset and a few switches,
and the *overlay* (the selected pair and province, and where to look) is small and changes with every
click. A page keeps one base mounted and swaps the overlay; an export adds the overlay to the base.

Every string from a data file is HTML-escaped before it enters the map: tooltips are bound as HTML,
and raw JSON inside a <script> block could otherwise be closed early by a name containing markup.
The map carries no tile layer unless the caller opts in; the boundaries are the base layer.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import pandas as pd
import shapely
from branca.element import Element

from border_map.i18n import N_, Translator, translator
from border_map.model import programme, queries
from border_map.model.dataset import Dataset
from border_map.model.findings_text import finding_labels
from border_map.model.labels import OVERVIEW_SPAN, border_outline, label_area, map_labels, overview_scale
from border_map.model.localnames import PlaceNames, place_names
from border_map.model.memo import memo
from border_map.model.programme import stories as programme_stories
from border_map.model.resolve import Province, provinces_of, resolve_province
from border_map.render.folium_internals import LIVE_MAP
from border_map.render.map_elements import (
    SELECTION_PANE,
    FitView,
    FocusTooltipsFromKeys,
    Layer,
    Legend,
    LegendEntry,
    Scale,
    SelectionPane,
    TileErrors,
    TooltipsInside,
    WheelAfterChoice,
)
from border_map.render.offline import FONT_URL

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
COLOURS = {"THA": "#0072B2", "LAO": "#E69F00", "KHM": "#009E73"}
LINK_COLOUR = "#333333"
HIGHLIGHT = "#D55E00"
STORY_COLOUR = "#CC79A7"
PROVINCE_COLOUR = "#8a8a8a"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_HOST = "https://tile.openstreetmap.org"  # where the tiles come from: the app's img-src allows it (security.py)
OSM_REFERRER_POLICY = "strict-origin"
TILES_FAILED = N_(
    "The online basemap did not load: openstreetmap.org cannot be reached from this computer. "
    "The boundaries are shown without it."
)


@dataclass(frozen=True)
class MapView:
    """What a base map shows. Hashable: it is the cache key of a rendered base map."""

    border: str = "both"
    basemap: bool = False
    story_markers: bool = False
    clickable_provinces: bool = False
    lang: str = "en"


def _esc(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _row(label: str, value) -> str:
    text = _esc(value)
    return f"<tr><th>{html.escape(label)}</th><td>{text}</td></tr>" if text else ""


def _table(rows: list[str]) -> str:
    return f"<table class='bm-tip'>{''.join(rows)}</table>"


def district_tip(district, pairs: list, tr: Translator, names: PlaceNames) -> str:
    """`pairs`: the link rows (itertuples) of the pairs the district is in, in the table's order."""
    country = (
        tr(queries.COUNTRY_NAMES[district.country]) if district.country in queries.COUNTRY_NAMES else district.country
    )
    fid = district.feature_id
    stated = sorted(
        {row.thai_district for row in pairs if row.thai_feature_id == fid}
        | {row.nb_district for row in pairs if row.nb_feature_id == fid}
    )
    shown = names.feature(district.feature_id, district.district)
    table_name, source = ", ".join(stated), district.district
    # Each row is labelled with the place's own level word in Thai (เมือง for a Lao district or a Cambodian
    # krong, แขวง for a Lao province), as the table titles it.
    unit = names.source_unit(district.country, fid, source)
    province_unit = names.source_province_unit(district.country, district.province)
    if tr.thai:
        # Thai leads and Latin spellings follow in parentheses: the table's for a neighbour's place (its first
        # mention on the map), the boundary source's where it differs from the table's (the point of that row).
        named = f"{shown} ({table_name})" if district.country != "THA" and table_name not in ("", shown) else shown
        differs = source != shown and source not in stated
        rows = [
            _row(names.label(tr, district.country, "district", unit), named),
            _row(tr("In the boundary data"), f"{shown} ({source})" if differs else None),
        ]
    else:
        rows = [
            _row(names.label(tr, district.country, "district", unit), shown),
            _row(tr("In the boundary data"), source if source != shown else None),
            _row(tr("Thai name"), getattr(district, "name_th", None)),
            _row(tr("As stated in the table"), table_name if table_name != shown else None),
        ]
    return _table(
        [
            *rows,
            _row(
                names.label(tr, district.country, "province", province_unit),
                names.source_province(district.country, district.province),
            ),
            _row(tr("Country"), country),
            _row(tr("Pairs"), ", ".join(row.pair_id for row in pairs)),
        ]
    )


def link_tip(link, tr: Translator, names: PlaceNames) -> str:
    distance = "" if pd.isna(link.distance_km) else tr("{km} km", km=tr.number(link.distance_km, 1))
    return _table(
        [
            _row(tr("Pair"), tr("{pair} (no. {no})", pair=link.pair_id, no=link.no)),
            _row(tr("Thai district"), names.place(tr, "THA", link.thai_province, link.thai_district)),
            _row(
                tr("Parallel area"),
                names.place(tr, link.nb_country, link.nb_province, link.nb_district, romanised=True),
            ),
            _row(tr("Distance"), distance),
            _row(tr("Findings"), finding_labels(link.findings, tr)),
        ]
    )


def _feature(geometry, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry.__geo_interface__, "properties": properties}


@dataclass
class Features:
    """Every feature a map can show, with tooltips and ids computed once per dataset, not per map."""

    districts: dict[str, dict]  # feature_id -> feature
    links: dict[str, dict]  # pair_id -> feature
    provinces: list[dict]
    stories: list[dict]
    province_index: list[Province]


def features(data: Dataset, lang: str = "en") -> Features:
    """Memoised on the dataset (which is shared and otherwise never changed), one set per language."""
    return memo(data, ("map_features", lang), lambda: _compute_features(data, lang))


def _compute_features(data: Dataset, lang: str) -> Features:
    tr, names = translator(lang), place_names(data, lang)
    links = data.links
    # Each district's pairs grouped once, in the table's order: a boolean filter of the links per district was
    # most of this function, which a fresh server's first visitor waits for (docs/benchmarks.md, cold start).
    link_rows = list(links.itertuples())
    by_district: dict[str, list] = {}
    for link in link_rows:
        for fid in dict.fromkeys((link.thai_feature_id, link.nb_feature_id)):
            if isinstance(fid, str):
                by_district.setdefault(fid, []).append(link)
    districts = {}
    for district in data.districts.itertuples():
        if district.geometry is None or district.geometry.is_empty:
            continue
        pairs = by_district.get(district.feature_id, [])
        districts[district.feature_id] = _feature(
            district.geometry,
            {
                "kind": "district",
                "country": district.country,
                "feature_id": _esc(district.feature_id),
                "pair_ids": _esc(",".join(link.pair_id for link in pairs)),
                "tip": district_tip(district, pairs, tr, names),
            },
        )
    link_features = {
        link.pair_id: _feature(
            link.geometry,
            {
                "kind": "link",
                "nb_country": link.nb_country,
                "pair_id": _esc(link.pair_id),
                "tip": link_tip(link, tr, names),
            },
        )
        for link in link_rows
        if link.geometry is not None and not link.geometry.is_empty
    }
    index = provinces_of(links, data.districts)
    provinces = []
    if data.provinces is not None:
        for prov in data.provinces.itertuples():
            if prov.geometry is None or prov.geometry.is_empty:
                continue
            found = resolve_province(f"{prov.country}:{prov.province}", index)
            stated = found.value.name if found.ok else None
            shown = names.source_province(prov.country, prov.province)
            tip = _table(
                [
                    _row(
                        names.label(
                            tr, prov.country, "province", names.source_province_unit(prov.country, prov.province)
                        ),
                        shown,
                    ),
                    # In Thai the boundary source's spelling follows the Thai name, in parentheses, where it
                    # differs from the table's; the table's own spelling is the Thai name's.
                    _row(
                        tr("In the boundary data"),
                        (f"{shown} ({prov.province})" if prov.province != stated else None)
                        if tr.thai
                        else (prov.province if shown != prov.province else None),
                    ),
                    _row(tr("In the table as"), stated if stated != shown and not tr.thai else None),
                ]
            )
            provinces.append(
                _feature(
                    prov.geometry,
                    {"kind": "province", "country": prov.country, "province": _esc(stated or ""), "tip": tip},
                )
            )
    stories = []
    shapes = data.districts.set_index("feature_id").geometry
    for number, story in enumerate(programme_stories(), start=1):
        found = links[(links.thai_district == story["thai_district"]) & (links.thai_province == story["thai_province"])]
        if found.empty or found.thai_feature_id.iloc[0] not in shapes.index:
            continue
        thai = shapes[found.thai_feature_id.iloc[0]]
        other = shapes.get(found.nb_feature_id.iloc[0])
        point, (dx, dy) = _story_anchor(thai, other)
        title = story.get("title_th") if tr.thai and story.get("title_th") else story["title"]
        district = names.place(tr, "THA", story["thai_province"], story["thai_district"])
        tip = _table([_row(tr("Model-area story"), title), _row(tr("District"), district)])
        stories.append(
            _feature(
                point,
                {
                    "kind": "story",
                    "story_id": _esc(story["id"]),
                    "number": number,
                    "icon": str(number),  # ours, the only text inside the marker
                    "dx": dx,
                    "dy": dy,
                    "nb_country": found.nb_country.iloc[0],
                    "tip": tip,
                },
            )
        )
    return Features(districts, link_features, provinces, stories, index)


STORY_OFFSET_PX = 15


def _story_anchor(thai, other) -> tuple[shapely.Point, tuple[int, int]]:
    """Where a story marker goes: on the Thai district's inland edge, pushed further inland on screen.

    A marker on the district itself would hide it at overview zoom (Chiang Khan is smaller than the
    marker there) and take its clicks; inland, away from the border, no district of the table is drawn.
    """
    centre = thai.representative_point()
    away = (0.0, -1.0)
    if other is not None and not other.is_empty:
        ox, oy = other.representative_point().x, other.representative_point().y
        length = math.hypot(centre.x - ox, centre.y - oy)
        if length > 0:
            away = ((centre.x - ox) / length, (centre.y - oy) / length)
    anchor = centre
    if thai.geom_type != "Point":
        ray = shapely.LineString([(centre.x, centre.y), (centre.x + away[0] * 5, centre.y + away[1] * 5)])
        crossing = ray.intersection(thai.boundary)
        ends = [p for p in getattr(crossing, "geoms", [crossing]) if not p.is_empty]
        if ends:
            anchor = max(
                (shapely.Point(c) for p in ends for c in p.coords),
                key=lambda p: (p.x - centre.x) * away[0] + (p.y - centre.y) * away[1],
            )
    return anchor, (round(away[0] * STORY_OFFSET_PX), round(-away[1] * STORY_OFFSET_PX))


def _collection(items) -> dict:
    return {"type": "FeatureCollection", "features": list(items)}


def outline_collection(items: list[dict]) -> dict:
    """Province features the map does not let anyone click, as one feature: their polygons in one
    MultiPolygon, no properties. Leaflet makes an object, an SVG path and its listeners for each feature,
    about 0.15 ms apiece in Chromium's profile of the overview; 103 outlines were a fifth of its drawing."""
    polygons = []
    for item in items:
        geometry = item["geometry"]
        polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])
    merged = {"type": "MultiPolygon", "coordinates": polygons}
    return _collection([{"type": "Feature", "geometry": merged, "properties": {"kind": "outline"}}] if polygons else [])


def province_shapes(provinces: list[dict], clickable: bool) -> tuple[list[dict], list[dict]]:
    """The provinces a view draws as shapes of their own (those of the table, where the view lets the viewer
    click a province: Explore), and those it draws as one outline (`outline_collection`): every other."""
    if not clickable:
        return [], provinces
    in_table = [f for f in provinces if f["properties"]["province"]]
    return in_table, [f for f in provinces if not f["properties"]["province"]]


def _swatch(style: str, label: str) -> str:
    return f"<div><span class='bm-sw' style='{style}'></span>{html.escape(label)}</div>"


SELECTED_ENTRY = "bm-legend-selected"  # the legend's "Selected pair" entry, shown while a selection is drawn


def legend_html(
    countries: list[str],
    points: bool,
    story_markers: bool,
    clickable: bool,
    attribution: str,
    tr: Translator,
    selected: bool | None = None,
) -> str:
    """The legend lists what the map draws. `selected`: does it draw a selected pair? True or False for a map
    drawn once with its selection (an export); None for a base map shared by every selection (the app's, a
    deck's), which carries the entry hidden for the selection to show (map_elements.LegendEntry, the deck's
    script)."""
    shape = "border-radius:50%;" if points else ""
    items = [_swatch(f"{shape}background:{COLOURS[c]};opacity:.8", tr(queries.COUNTRY_NAMES[c])) for c in countries]
    items.append(_swatch(f"height:0;border-top:2px dashed {LINK_COLOUR};width:16px", tr("Parallel-area link")))
    if selected is not False:
        entry = _swatch(f"border:3px solid {HIGHLIGHT};background:transparent", tr("Selected pair"))
        hidden = " hidden" if selected is None else ""
        items.append(entry.replace("<div>", f"<div class='{SELECTED_ENTRY}'{hidden}>", 1))
    if story_markers:  # our own glyph, no font fetch
        items.append("<div><span class='bm-story-key'>★</span>" + html.escape(tr("Model-area story")) + "</div>")
    if clickable:
        items.append(_swatch(f"border:1px solid {PROVINCE_COLOUR};background:transparent", tr("Province (click)")))
    return "".join(items) + f"<div class='bm-attr'>{_esc(attribution)}</div>"


MAP_CSS = f"""
<style>
html, body {{ margin: 0; }}
.leaflet-container {{ background: #f3f6f8; font: 13px/1.4 Sarabun, system-ui, sans-serif; }}
.leaflet-bottom.leaflet-right .leaflet-control-scale {{ margin-bottom: 6px; }}
.bm-tooltip table.bm-tip {{ border-collapse: collapse; font: 12px/1.35 Sarabun, system-ui, sans-serif; }}
.bm-tooltip table.bm-tip th {{ text-align: left; color: #555; font-weight: 600; padding: 1px 8px 1px 0; }}
.bm-tooltip table.bm-tip td {{ padding: 1px 0; }}
/* A tooltip is at most its map's width (map_elements.TooltipsInside): its text wraps, between words, and inside
   a word only where one alone is wider than the map. */
.leaflet-tooltip.bm-tooltip {{ white-space: normal; overflow-wrap: break-word; box-sizing: border-box; }}
.leaflet-tooltip.bm-tooltip.bm-moved::before {{ display: none; }}
.bm-legend {{ position: absolute; left: 8px; bottom: 8px; z-index: 1000; background: rgba(255,255,255,.94);
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.45 Sarabun, system-ui, sans-serif;
  max-width: 210px; padding: 3px 8px; }}
.bm-legend summary {{ cursor: pointer; font-weight: 600; }}
.bm-legend-body {{ padding: 2px 0 3px; }}
.bm-sw {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px;
  box-sizing: border-box; }}
.bm-attr {{ color: #555; margin-top: 3px; font-size: 10px; line-height: 1.3; }}
.bm-tile-error {{ position: absolute; top: 10px; left: 50%; transform: translateX(-50%); z-index: 1000;
  width: max-content; max-width: calc(100% - 120px); padding: 6px 10px; border-radius: 4px;
  background: #fff4d6; color: #5c4400; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font: 13px/1.4 Sarabun, system-ui, sans-serif; pointer-events: none; }}
.bm-story, .bm-story-key {{ color: #fff; background: {STORY_COLOUR}; border: 2px solid #fff; border-radius: 50%;
  box-shadow: 0 0 0 1.5px #333; text-align: center; font: bold 13px/20px Sarabun, system-ui, sans-serif; }}
.bm-story-key {{ display: inline-block; width: 14px; height: 14px; line-height: 14px; font-size: 10px;
  margin-right: 5px; border-width: 1px; }}
</style>
"""


# The app serves Sarabun from its wheel (OFL, the Thai government's standard typeface): Thai tooltips and
# legends never depend on the viewer's own fonts.
FONT_CSS = (
    "<style>"
    + "".join(
        f"@font-face {{ font-family: 'Sarabun'; src: url('{FONT_URL}Sarabun-{style}.ttf') format('truetype'); "
        f"font-weight: {weight}; font-style: normal; font-display: swap; }}"
        for style, weight in (("Regular", 400), ("SemiBold", 600), ("Bold", 700))
    )
    + "</style>"
)


def short_attribution(data: Dataset, tr: Translator) -> str:
    """The map's credit line; a layer the user supplied (build --boundary) is named after it, with its file."""
    licences = ", ".join(sorted({s["licence"] for s in data.sources if s.get("licence")}))
    text = tr(
        "Boundaries: RTSD/OCHA COD-AB, geoBoundaries (ODC, NGD Lao PDR, © OpenStreetMap contributors); {licences}",
        licences=licences,
    )
    supplied = [programme.source_text(s, "attribution", tr.lang) for s in data.sources if s.get("supplied")]
    return "; ".join([text, *supplied])


def _source(store, name: str, collection: dict) -> dict | str:
    """Inline, or handed to `store`, which keeps it where the browser can fetch it and returns the URL."""
    return collection if store is None else store(name, collection)


def scale_units(tr: Translator) -> dict[str, str]:
    """The scale bar's units in the map's language, `{n}` for Leaflet's number (map_elements.Scale)."""
    return {"m": tr("{m} m", m="{n}"), "km": tr("{km} km", km="{n}")}


def base_map(
    data: Dataset,
    view: MapView = MapView(),
    store=None,
    font_css: str | None = None,
    selected: bool | None = None,
) -> folium.Map:
    """Everything for one border: provinces, districts, links, optional story markers and legend.

    Fitted to the border's districts; an overlay fits it elsewhere. Depends only on (data, view), so
    one rendering serves every session that shows the same view. `store(name, collection) -> url`
    moves the shapes out of the map into files the browser fetches; without it they are inline (a map
    that must work on its own, such as an export). `font_css` replaces the served Sarabun (an export inlines it).
    `selected`: whether a selected pair is drawn on it, for the legend (`legend_html`); None, shown by the overlay.
    """
    feats, tr = features(data, view.lang), translator(view.lang)
    countries = queries.BORDERS[view.border]
    shown = queries.links_for_border(data, view.border)
    ids = queries.district_ids(shown)
    fmap = folium.Map(
        location=[15.5, 103.0], zoom_start=6, tiles=None, control_scale=False, zoom_control=True, zoom_snap=0.25
    )
    fmap.add_child(Scale(scale_units(tr)))
    fmap.add_child(SelectionPane())
    fmap.add_child(TooltipsInside())
    fmap.add_child(FocusTooltipsFromKeys())
    fmap.add_child(WheelAfterChoice())
    if view.basemap:
        # The app's pages send no Referer (Referrer-Policy: same-origin, web/server/security.py); OSM's tile usage
        # policy asks browsers' tile requests for one, so the tiles alone send the app's origin (not its path).
        tiles = folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19, referrer_policy=OSM_REFERRER_POLICY
        ).add_to(fmap)
        fmap.add_child(TileErrors(tiles, tr(TILES_FAILED)))
    fmap.get_root().header.add_child(Element(MAP_CSS))
    fmap.get_root().header.add_child(Element(FONT_CSS if font_css is None else font_css))

    clickable = view.clickable_provinces
    in_table, context = province_shapes(feats.provinces, clickable)
    province_style = {"color": PROVINCE_COLOUR, "weight": 0.8, "opacity": 0.8, "fillOpacity": 0.0, "fill": False}
    if context:
        name = "provinces-context" if clickable else "provinces-outline"
        fmap.add_child(
            Layer(
                _source(store, name, memo(data, ("map_outlines", name), lambda: outline_collection(context))),
                province_style,
                tooltips=False,
                interactive=False,
            )
        )
    if in_table:
        fmap.add_child(
            Layer(
                _source(store, "provinces-table", _collection(in_table)),
                {**province_style, "fill": True},
                highlight={"weight": 2.2, "color": "#444444"},
                order=1,
            )
        )

    points = not data.has_boundaries
    for country in ("THA", "LAO", "KHM"):
        part = [f for fid, f in feats.districts.items() if fid in ids and f["properties"]["country"] == country]
        if part:
            colour = COLOURS[country]
            style = {"color": colour, "weight": 1.2, "fillColor": colour, "fillOpacity": 0.75 if points else 0.45}
            fmap.add_child(
                Layer(
                    _source(store, f"districts-{country}", _collection(part)),
                    style,
                    highlight={"weight": 3, "fillOpacity": 0.7},
                    points="circle" if points else None,
                    order=2,
                )
            )
    links = [f for f in feats.links.values() if f["properties"]["nb_country"] in countries]
    if links:
        fmap.add_child(
            Layer(
                _source(store, f"links-{view.border}", _collection(links)),
                {"color": LINK_COLOUR, "weight": 2.5, "dashArray": "6 4", "opacity": 0.9},
                highlight={"weight": 5},
                order=3,
            )
        )
    markers = [f for f in feats.stories if f["properties"]["nb_country"] in countries] if view.story_markers else []
    if markers:
        fmap.add_child(Layer(_collection(markers), {}, points="story"))  # small: always inline

    shown_countries = ["THA"] + [c for c in ("LAO", "KHM") if c in countries and c in set(shown.nb_country)]
    fmap.add_child(
        Legend(
            legend_html(
                shown_countries,
                points,
                view.story_markers,
                view.clickable_provinces,
                short_attribution(data, tr),
                tr,
                selected,
            ),
            title=tr("Legend"),
        )
    )
    target = queries.bounds_of(queries.districts_for_links(data, shown)) or queries.bounds_of(data.districts)
    if target:
        fmap.add_child(FitView(target, fmap.get_name()))
    return fmap


def outlines(items) -> dict:
    """Features drawn as a selection's outlines: without their tooltip text (the base map's features under them
    have it, in the reader's language), so none is carried in any language, nor its bytes."""
    shapes = [{**f, "properties": {k: v for k, v in f["properties"].items() if k != "tip"}} for f in items]
    return {"type": "FeatureCollection", "features": shapes}


def overlay(
    data: Dataset,
    *,
    pairs: tuple[str, ...] = (),
    province: Province | None = None,
    fit: list[list[float]] | None = None,
    map_name: str = LIVE_MAP,
) -> folium.FeatureGroup:
    """The selection drawn on top of a base map: thick outlines (shape, not colour alone) and a view.

    Not interactive, so clicks fall through to the base features. `map_name` is the Leaflet variable
    the group is evaluated against (the app's map widget hands its live map in as `map_div`).
    """
    feats = features(data)
    group = folium.FeatureGroup(name="Selection", control=False)
    quiet = {"tooltips": False, "interactive": False, "pane": SELECTION_PANE}
    _collection = outlines

    if province is not None:
        outline = [
            f
            for f in feats.provinces
            if f["properties"]["province"] == _esc(province.name) and f["properties"]["country"] == province.country
        ]
        if outline:
            style = {"color": "#222222", "weight": 3, "dashArray": "2 5", "fill": False}
            group.add_child(Layer(_collection(outline), style, **quiet))
    selected = data.links[data.links.pair_id.isin(pairs)]
    districts = [feats.districts[fid] for fid in sorted(queries.district_ids(selected)) if fid in feats.districts]
    if districts:
        style = {"color": HIGHLIGHT, "weight": 4.5, "fill": False, "opacity": 1}
        points = None if data.has_boundaries else "circle"
        group.add_child(Layer(_collection(districts), style, points=points, radius=10, **quiet))
    links = [feats.links[p] for p in pairs if p in feats.links]
    if links:
        group.add_child(Layer(_collection(links), {"color": HIGHLIGHT, "weight": 5, "opacity": 1}, **quiet))
    if districts or links:
        group.add_child(LegendEntry(SELECTED_ENTRY))  # the legend's "Selected pair", while this is drawn
    if fit:
        group.add_child(FitView(fit, map_name))
    return group


def build_map(
    data: Dataset,
    view: MapView = MapView(),
    *,
    pairs: tuple[str, ...] = (),
    province: Province | None = None,
    fit: list[list[float]] | None = None,
) -> folium.Map:
    """Base and overlay in one folium.Map: for exports and tests, where nothing is kept mounted."""
    fmap = base_map(data, view, selected=bool(data.links.pair_id.isin(pairs).any()))
    overlay(data, pairs=pairs, province=province, fit=fit, map_name=fmap.get_name()).add_to(fmap)
    return fmap


def feature_counts(data: Dataset, view: MapView = MapView()) -> dict[str, int]:
    """How many shapes a base map draws, for the browser tests and the benchmark to wait for."""
    feats = features(data)
    countries = queries.BORDERS[view.border]
    ids = queries.district_ids(queries.links_for_border(data, view.border))
    shapes, outlined = province_shapes(feats.provinces, view.clickable_provinces)
    return {
        "provinces": len(shapes) + bool(outlined),  # a path each, and one for the outline
        "districts": sum(fid in ids for fid in feats.districts),
        "links": sum(f["properties"]["nb_country"] in countries for f in feats.links.values()),
        "stories": sum(f["properties"]["nb_country"] in countries for f in feats.stories) if view.story_markers else 0,
    }


# --- names and the locator inset, for the browser (map_labels.js) ----------------------------------------------

LABEL_PX = 13  # a screen's names, as the tooltips' text
SLIDE_LABEL_PX = 16  # a slide's: 16 px of a 1280x720 screen, the smallest a room reads from the back
LOCATOR_UNITS = 300  # the locator outline's width in its own units: whole numbers, ~0.04 degrees each
LABELS_JS = Path(__file__).parent / "map_labels.js"  # the browser's placement: the live map's and the exports'


@cache
def labels_js() -> str:
    """The browser's placement (map_labels.js), as the exports inline it."""
    return LABELS_JS.read_text(encoding="utf-8")


@cache
def labels_js_url() -> str:
    """Where the app serves map_labels.js: named by its content, so a browser keeps it for good. A file of its own
    and not the map component's code, which Streamlit sends again with every map on every page load."""
    import hashlib  # noqa: PLC0415

    return f"/vendor/map_labels.{hashlib.sha256(labels_js().encode()).hexdigest()[:12]}.js"


def browser_labels(labels) -> list[dict]:
    """The view model's labels as the browser takes them (`Label.as_dict`), positions to ~1 m."""
    return [{**label.as_dict(), "lon": round(label.lon, 5), "lat": round(label.lat, 5)} for label in labels]


def locator(data: Dataset) -> dict | None:
    """The locator inset's outline (model.labels.border_outline) as one SVG path, every ring drawn (even-odd),
    and how to put a view's extent on it; made once per dataset. None without a provinces layer."""

    def compute():
        outline = border_outline(data)
        if outline is None:
            return None
        west, south, east, north = outline.bounds
        k = math.cos(math.radians((south + north) / 2))
        scale = LOCATOR_UNITS / ((east - west) * k)
        parts = []
        for polygon in getattr(outline, "geoms", [outline]):
            # Its real holes; not the slivers the provinces' union leaves where their edges do not quite meet.
            holes = [ring for ring in polygon.interiors if shapely.Polygon(ring).area > 0.02]
            for ring in [polygon.exterior, *holes]:
                points = [(round((x - west) * k * scale), round((north - y) * scale)) for x, y in ring.coords]
                kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(kept) > 2:
                    parts.append("M" + " ".join(f"{x} {y}" for x, y in kept) + "Z")
        height = math.ceil((north - south) * scale)
        return {"d": "".join(parts), "w": LOCATOR_UNITS, "h": height, "west": west, "north": north, "k": k, "s": scale}

    return memo(data, ("browser_locator",), compute)


def label_options(
    data: Dataset,
    spec,
    lang: str,
    *,
    always: bool,
    size: int = LABEL_PX,
    url: str | None = None,
    with_locator: bool = False,
) -> dict:
    """What map_labels.js takes for a view (briefing.MapSpec): its names from the view model, once per view and
    language. `always`: names at every scale (slides, exports); else from province zoom inwards only, where a
    view at overview scale sends none (its provinces would not be shown) and `url` gives the border's districts
    for a reader who zooms in. `with_locator`: the inset, on views below overview scale."""
    overview = overview_scale(data, spec)
    labels = browser_labels(map_labels(data, spec, lang)) if always or not overview else []
    options: dict = {"labels": labels, "size": size, "always": always, "span": OVERVIEW_SPAN}
    if not always:
        options["box"] = [round(v, 4) for v in label_area(data, spec)]
    if url:
        options["url"] = url
    if with_locator and not overview:
        options["locator"] = locator(data)
    return options
