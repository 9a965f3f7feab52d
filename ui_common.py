"""Streamlit wiring shared by the pages: cached data, the sidebar, URL state and the map widget.

Everything that decides *what* to show lives in border_map; this module only connects widgets to it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from border_map import maps, views
from border_map.dataset import Dataset, load_dataset
from border_map.offline import install_leaflet, use_local_leaflet

APP_DIR = Path(__file__).resolve().parent
BORDER_OPTIONS = ["both", "LAO", "KHM"]


@st.cache_resource(show_spinner="Loading the map layers…")
def dataset() -> Dataset:
    """Loaded once per server process; pages filter it and never mutate it."""
    return load_dataset()


@st.cache_resource
def leaflet_ready() -> Path:
    return install_leaflet(APP_DIR / "static")


def param(name: str, default: str | None = None) -> str | None:
    return st.query_params.get(name, default)


def set_param(name: str, value: str | None) -> None:
    if value is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value


def sidebar(data: Dataset) -> tuple[str, bool]:
    """The one shared sidebar: border filter and the opt-in online basemap."""
    with st.sidebar:
        current = param("border", "both")
        border = st.radio(
            "Border",
            BORDER_OPTIONS,
            index=BORDER_OPTIONS.index(current) if current in BORDER_OPTIONS else 0,
            format_func=views.BORDER_LABELS.get,
            key="bm_border",
            help="Show the Thai–Lao pairs, the Thai–Cambodian pairs, or both.",
        )
        set_param("border", None if border == "both" else border)
        basemap = st.toggle(
            "Online basemap (OpenStreetMap)",
            value=param("basemap") == "1",
            key="bm_basemap",
            help="Off by default: the app sends no request beyond this server. Turn on only when connected.",
        )
        set_param("basemap", "1" if basemap else None)
        if data.has_boundaries:
            st.caption(f"{len(data.districts)} district polygons, {len(data.links)} pairs.")
        else:
            st.warning("No boundary polygons installed: districts are shown as points.", icon=":material/warning:")
        st.caption(maps.short_attribution(data))
    return border, basemap


def view() -> tuple[Dataset, str, bool]:
    """What every page starts from: the data, and the shared sidebar's border filter and basemap switch."""
    data = dataset()
    border, basemap = sidebar(data)
    return data, border, basemap


def notice(data: Dataset) -> None:
    if data.notice:
        st.info(data.notice, icon=":material/info:")


def show_map(fmap, key: str, basemap: bool) -> dict | None:
    """Draw a map; return the properties of the clicked feature, if any.

    Only `last_active_drawing` comes back, so panning and zooming do not rerun the script. The key must
    name the view: st_folium keeps the first map drawn under a key even when the folium object changes.
    """
    leaflet_ready()
    if not basemap:
        use_local_leaflet(fmap)
    result = st_folium(
        fmap,
        key=key,
        height=maps.MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
    )
    drawing = (result or {}).get("last_active_drawing") or {}
    return drawing.get("properties") or None


def clicked_pairs(props: dict | None) -> list[str]:
    """Pair ids behind a clicked district or link (ids are our own, never user markup)."""
    if not props:
        return []
    if props.get("kind") == "link":
        return [props["pair_id"]]
    return [p for p in (props.get("pair_ids") or "").split(",") if p]


def pair_details(data: Dataset, pair_id: str) -> None:
    """The detail panel for one pair: plain Streamlit text elements, so data is never markup."""
    link = views.link_by_pair(data, pair_id)
    if link is None:
        st.warning(f"No pair {pair_id!r} in the table.")
        return
    country = views.COUNTRY_NAMES[link.nb_country]
    st.subheader(f"Pair {link.pair_id}", anchor=False)
    st.text(
        f"{link.thai_district} ({link.thai_province}, Thailand)\n↔ {link.nb_district} ({link.nb_province}, {country})"
    )
    rows = {
        "Table number": str(link.no),
        "Thai district in boundary data": str(link.thai_source_name or "—"),
        "Counterpart in boundary data": str(link.nb_source_name or "—"),
        "Distance between polygons": "—"
        if link.distance_km is None or link.distance_km != link.distance_km
        else f"{link.distance_km:.1f} km",
        "Status": str(link.status),
    }
    st.table({"": list(rows), "value": list(rows.values())})
    for finding in views.findings_for_pair(data, pair_id):
        (st.warning if finding["severity"] == "warning" else st.caption)(finding["message"])
