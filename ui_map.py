"""The map widget: streamlit-folium's component, fed with renderings shared by every session.

`st_folium` re-renders its folium map to JavaScript on every script run (about 0.5 s of server CPU for
the overview, 370 KB), so a room of viewers opening the same link queues behind each other. Here the
base map of a view is rendered to the component's arguments once per server process, in a bounded
cache, with streamlit-folium's own helpers; only the small selection overlay is rendered per click.
The base keeps its component key across selections, so the mounted map stays and only the overlay
(streamlit-folium's `feature_group`) is swapped: no reload, no flicker, the view kept.
`tests/test_map_widget.py` checks that these arguments equal what `st_folium` itself would send.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
import streamlit as st
import streamlit_folium as sf

from border_map import maps
from border_map.dataset import Dataset
from border_map.offline import use_local_leaflet, walk
from ui_routes import store_layer

RETURNED = ["last_object_clicked", "last_active_drawing"]  # both change on every click of a feature
# The page sizes the component's iframe to the window (ui_common.CSS); the map fills the iframe.
FILL_FRAME = "<style>#map_div { height: 100vh !important; }</style>"


@dataclass(frozen=True)
class Rendered:
    """The component arguments of one base map."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def links_of(fmap: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JS files the component must load: collected from the map's elements as st_folium does."""
    css, js = [], []
    for element in walk(fmap):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def render(fmap: folium.Map) -> Rendered:
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap) + FILL_FRAME
    script = sf._get_map_string(fmap)
    css, js = links_of(fmap)
    return Rendered(script, header, html, sf.get_full_id(fmap), css, js)


@st.cache_resource(max_entries=24, show_spinner=False)
def base(_data: Dataset, token: str, view: maps.MapView) -> Rendered:
    """One rendering per (dataset, view), shared by all sessions; 24 entries of ~10 KB each. The shapes
    are held by ui_routes and fetched by the component's Leaflet, so the map's websocket message stays small."""
    fmap = maps.base_map(_data, view, store=store_layer)
    use_local_leaflet(fmap)  # with the online basemap too: it adds tiles, never Leaflet or folium's CDN stack
    return render(fmap)


@st.cache_resource(max_entries=512, show_spinner=False)
def overlay(
    _data: Dataset, token: str, pairs: tuple[str, ...], province_key: str | None, fit: tuple | None
) -> str | None:
    """The selection overlay as the JavaScript streamlit-folium evaluates against its `map_div`."""
    if not pairs and province_key is None and fit is None:
        return None
    province = next((p for p in maps.features(_data).province_index if p.key == province_key), None)
    group = maps.overlay(_data, pairs=pairs, province=province, fit=[list(corner) for corner in fit] if fit else None)
    return sf._get_feature_group_string(group, map=folium.Map(tiles=None))


def show(
    data: Dataset,
    view: maps.MapView,
    *,
    page: str,
    pairs: tuple[str, ...] = (),
    province_key: str | None = None,
    fit: list[list[float]] | None = None,
    on_click: Callable[[dict], None] | None = None,
    height: int = maps.MAP_HEIGHT,
) -> None:
    """Draw the view's base map with its overlay; `on_click` gets the properties of a clicked feature.

    Clicks arrive as events (the component's on_change), never as state read on a later run, so a
    click seen once cannot come back and undo a choice made since in the table or a link.
    """
    rendered = base(data, data.build_id, view)
    extra = overlay(data, data.build_id, tuple(pairs), province_key, tuple(map(tuple, fit)) if fit else None)
    key = sf.generate_js_hash(rendered.script, f"bm_{page}", False)

    def changed() -> None:
        value = st.session_state.get(key) or {}
        props = (value.get("last_active_drawing") or {}).get("properties")
        if props and on_click is not None:
            on_click(props)

    sf._component_func(
        script=rendered.script,
        header=rendered.header,
        html=rendered.html,
        id=rendered.map_id,
        key=key,
        height=height,
        width=None,
        returned_objects=RETURNED,
        default=dict.fromkeys(RETURNED),
        zoom=None,
        center=None,
        feature_group=extra,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        on_change=changed,
        wrap_longitude=False,
    )
