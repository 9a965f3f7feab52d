"""Folium maps built from a Dataset. Pure: returns a folium.Map, shows nothing, fetches nothing.

Every string from a data file is HTML-escaped before it enters the map: tooltips are bound as HTML,
and raw JSON inside a <script> block could otherwise be closed early by a name containing markup.
The map carries no tile layer unless the caller opts in; the boundaries are the base layer.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement, Template
from folium.utilities import JsCode

from . import views
from .dataset import Dataset

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
COLOURS = {"THA": "#0072B2", "LAO": "#E69F00", "KHM": "#009E73"}
LINK_COLOUR = "#333333"
HIGHLIGHT = "#D55E00"
PROVINCE_COLOUR = "#9a9a9a"
BASEMAP = {
    "tiles": "OpenStreetMap",
    "attr": "© OpenStreetMap contributors",
}
MAP_HEIGHT = 560


def _esc(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _row(label: str, value) -> str:
    text = _esc(value)
    return f"<tr><th>{html.escape(label)}</th><td>{text}</td></tr>" if text else ""


def district_tip(district, pairs: pd.DataFrame) -> str:
    country = views.COUNTRY_NAMES.get(district.country, district.country)
    stated = sorted(
        {r.thai_district for r in pairs.itertuples() if r.thai_feature_id == district.feature_id}
        | {r.nb_district for r in pairs.itertuples() if r.nb_feature_id == district.feature_id}
    )
    rows = [
        _row("District (source)", district.district),
        _row("Thai name", getattr(district, "name_th", None)),
        _row("As stated", ", ".join(stated)),
        _row("Province", district.province),
        _row("Country", country),
        _row("Pairs", ", ".join(pairs.pair_id)),
    ]
    return f"<table class='bm-tip'>{''.join(rows)}</table>"


def link_tip(link) -> str:
    distance = "" if pd.isna(link.distance_km) else f"{link.distance_km:.1f} km"
    rows = [
        _row("Pair", f"{link.pair_id} (no. {link.no})"),
        _row("Thai district", f"{link.thai_district}, {link.thai_province}"),
        _row(
            "Parallel area",
            f"{link.nb_district}, {link.nb_province} ({views.COUNTRY_NAMES[link.nb_country]})",
        ),
        _row("Distance", distance),
        _row("Findings", ", ".join(link.findings) if isinstance(link.findings, list) else link.findings),
    ]
    return f"<table class='bm-tip'>{''.join(rows)}</table>"


def _features(frame: gpd.GeoDataFrame, props: list[dict]) -> dict:
    features = []
    for geom, extra in zip(frame.geometry, props, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append({"type": "Feature", "geometry": geom.__geo_interface__, "properties": extra})
    return {"type": "FeatureCollection", "features": features}


_BIND_TIP = JsCode(
    "function(feature, layer) {"
    " if (feature.properties && feature.properties.tip) {"
    "  layer.bindTooltip(feature.properties.tip, {sticky: true, className: 'bm-tooltip'});"
    " } }"
)


def _style(colour: str, selected: set[str], weight: float = 1.2, fill: float = 0.45):
    def style(feature: dict) -> dict:
        sel = feature["properties"]["key"] in selected
        return {
            "color": HIGHLIGHT if sel else colour,
            "weight": weight * 3 if sel else weight,
            "fillColor": colour,
            "fillOpacity": min(fill + 0.25, 0.9) if sel else fill,
            "opacity": 0.95,
        }

    return style


def _link_style(selected: set[str]):
    def style(feature: dict) -> dict:
        sel = feature["properties"]["key"] in selected
        return {
            "color": HIGHLIGHT if sel else LINK_COLOUR,
            "weight": 5 if sel else 2.5,
            "dashArray": None if sel else "6 4",
            "opacity": 0.9,
        }

    return style


class Legend(MacroElement):
    """Static legend and source attribution, written by us (no data strings inside unescaped)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="bm-legend" style="position:absolute; top:10px; right:10px; z-index:1000;
             background:rgba(255,255,255,0.92); padding:6px 9px; border-radius:4px; font:12px/1.45 sans-serif;
             box-shadow:0 1px 4px rgba(0,0,0,.3); max-width:230px;">
          {{ this.body }}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str):
        super().__init__()
        self._name = "Legend"
        self.body = body


def legend_html(countries: list[str], points: bool, attribution: str) -> str:
    swatch = "border-radius:50%;" if points else ""
    items = "".join(
        f"<div><span style='display:inline-block;width:12px;height:12px;{swatch}background:{COLOURS[c]};"
        f"opacity:.8;margin-right:6px;vertical-align:-1px'></span>{views.COUNTRY_NAMES[c]}</div>"
        for c in countries
    )
    items += (
        f"<div><span style='display:inline-block;width:18px;border-top:2px dashed {LINK_COLOUR};"
        "margin-right:6px;vertical-align:3px'></span>Parallel-area link</div>"
        f"<div><span style='display:inline-block;width:12px;height:12px;border:2px solid {HIGHLIGHT};"
        "margin-right:6px;vertical-align:-2px'></span>Selected</div>"
    )
    return items + f"<div style='color:#555;margin-top:3px;font-size:10.5px'>{_esc(attribution)}</div>"


TIP_CSS = """
<style>
.bm-tooltip table.bm-tip { border-collapse: collapse; font: 12px/1.35 sans-serif; }
.bm-tooltip table.bm-tip th { text-align: left; color: #555; font-weight: 600; padding: 1px 8px 1px 0; }
.bm-tooltip table.bm-tip td { padding: 1px 0; }
.leaflet-container { background: #f3f6f8; }
</style>
"""


def short_attribution(data: Dataset) -> str:
    licences = sorted({s["licence"] for s in data.sources})
    return "Boundaries: RTSD/OCHA COD-AB, geoBoundaries (ODC, NGD Lao PDR, © OpenStreetMap contributors); " + (
        ", ".join(licences)
    )


def build_map(
    data: Dataset,
    links: pd.DataFrame,
    *,
    selected_pairs: tuple[str, ...] = (),
    bounds: list[list[float]] | None = None,
    basemap: bool = False,
    context_links: pd.DataFrame | None = None,
) -> folium.Map:
    """One map for every page: districts of `links`, their link lines, provinces as context.

    `context_links` (e.g. all pairs of the border) are drawn faintly under a province view so the
    neighbourhood stays readable; `selected_pairs` are highlighted.
    """
    shown = links if context_links is None else pd.concat([context_links, links]).drop_duplicates("pair_id")
    districts = views.districts_for_links(data, shown)
    fmap = folium.Map(
        location=[15.5, 103.0],
        zoom_start=6,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        zoom_control=True,
    )
    if basemap:
        folium.TileLayer(BASEMAP["tiles"], attr=BASEMAP["attr"], name="OpenStreetMap").add_to(fmap)
    fmap.get_root().header.add_child(Element(TIP_CSS))

    if data.provinces is not None and not data.provinces.empty:
        folium.GeoJson(
            _features(data.provinces, [{"key": "", "name": _esc(p)} for p in data.provinces.province]),
            name="Provinces",
            style_function=lambda _f: {
                "color": PROVINCE_COLOUR,
                "weight": 0.8,
                "fill": False,
                "opacity": 0.8,
            },
            interactive=False,
            control=False,
        ).add_to(fmap)

    selected = links[links.pair_id.isin(selected_pairs)]
    selected_ids = views.district_ids(selected)
    points = not data.has_boundaries
    for country in ("THA", "LAO", "KHM"):
        part = districts[districts.country == country]
        if part.empty:
            continue
        props = []
        for district in part.itertuples():
            pairs = shown[(shown.thai_feature_id == district.feature_id) | (shown.nb_feature_id == district.feature_id)]
            props.append(
                {
                    "key": _esc(district.feature_id),
                    "kind": "district",
                    "feature_id": _esc(district.feature_id),
                    "pair_ids": _esc(",".join(pairs.pair_id)),
                    "tip": district_tip(district, pairs),
                }
            )
        extra = {}
        if points:
            extra["marker"] = folium.CircleMarker(radius=7, weight=1.5)
        folium.GeoJson(
            _features(part, props),
            name=f"Districts – {views.COUNTRY_NAMES[country]}",
            style_function=_style(COLOURS[country], {_esc(i) for i in selected_ids}, fill=0.75 if points else 0.45),
            on_each_feature=_BIND_TIP,
            **extra,
        ).add_to(fmap)

    drawn = shown[shown.geometry.notna()]
    link_props = [
        {"key": _esc(link.pair_id), "kind": "link", "pair_id": _esc(link.pair_id), "tip": link_tip(link)}
        for link in drawn.itertuples()
    ]
    folium.GeoJson(
        _features(drawn, link_props),
        name="Links",
        style_function=_link_style({_esc(p) for p in selected.pair_id}),
        on_each_feature=_BIND_TIP,
    ).add_to(fmap)

    countries = ["THA"] + [c for c in ("LAO", "KHM") if c in set(shown.nb_country)]
    fmap.add_child(Legend(legend_html(countries, points, short_attribution(data))))
    target = bounds or views.bounds_of(districts) or views.bounds_of(data.districts)
    if target:
        fmap.fit_bounds(target)
    return fmap
