"""Overview: every pair on one map, headline figures, and the clicked pair's details."""

from datetime import date

import streamlit as st

import ui_common
from border_map import maps, views

data, border, basemap = ui_common.view()
links = views.links_for_border(data, border)
figures = views.headline(data, border)

st.title("People-to-People parallel areas", anchor=False)
st.caption(
    f"Thai border districts and their parallel areas across the {views.BORDER_LABELS[border]} border"
    " (DOPA, NTS-Mekong Watch)."
)
ui_common.notice(data)
cols = st.columns(4)
cols[0].metric(
    "Thai districts",
    figures["thai_districts"],
    help=f"Distinct Thai districts in the table; the programme text states {figures['districts_stated']}.",
)
cols[1].metric("Pairs", figures["pairs"], help="Rows of the table: a district with two counterparts counts twice.")
cols[2].metric(
    "Total budget",
    f"{figures['budget']:,} {figures['currency']}",
    help=f"{figures['budget_per_district']:,} {figures['currency']} per district × "
    f"{figures['thai_districts']} districts listed.",
)
start, end = (date.fromisoformat(d) for d in figures["period"])
cols[3].metric("Period", f"{start:%-d %b} – {end:%-d %b %Y}", help=f"{start.isoformat()} to {end.isoformat()}")

selected = ui_common.param("pair")
if selected and views.link_by_pair(data, selected) is None:
    st.warning(f"The link names pair {selected!r}, which is not in the table; showing all pairs.")
    selected = None

map_col, side = st.columns([3, 1.25])
with map_col:
    fmap = maps.build_map(data, links, selected_pairs=(selected,) if selected else (), basemap=basemap)
    props = ui_common.show_map(fmap, key=f"overview_map_{selected}_{border}_{basemap}", basemap=basemap)
clicked = ui_common.clicked_pairs(props)
if clicked and selected not in clicked:
    ui_common.set_param("pair", clicked[0])
    st.rerun()
with side:
    if selected:
        ui_common.pair_details(data, selected)
        if st.button("Clear selection", key="bm_clear_pair"):
            ui_common.set_param("pair", None)
            st.rerun()
    else:
        st.subheader("Pair details", anchor=False)
        st.write("Click a district or a link on the map to see its pair.")
        st.caption("Hover for names as stated in the table and as written in the boundary source.")
