"""Explore by province: pick a Thai or neighbour province, see its pairs on the map and in a table."""

import pandas as pd
import streamlit as st

import ui_common
from border_map import maps, programme, views

data, border, basemap = ui_common.view()
choices = views.province_choices(data, border)
labels = [f"{province} ({views.COUNTRY_NAMES[country]})" for country, province in choices]
keys = [f"{country}:{province}" for country, province in choices]

st.title("Explore by province", anchor=False)
ui_common.notice(data)
wanted = ui_common.param("province")
if wanted and wanted not in keys:
    st.warning(f"The link names province {wanted!r}, which has no pairs under this border filter.")
index = keys.index(wanted) if wanted in keys else 0
choice = st.selectbox(
    "Province", range(len(keys)), index=index, format_func=labels.__getitem__, key=f"bm_province_{border}"
)
country, province = choices[choice]
ui_common.set_param("province", keys[choice])

links = views.links_for_province(data, country, province, border)
selected = ui_common.param("pair")
if selected not in set(links.pair_id):
    selected = None

stories = programme.stories()
table = pd.DataFrame(
    {
        "Pair": links.pair_id,
        "Thai district": links.thai_district + " (" + links.thai_province + ")",
        "Parallel area": links.nb_district
        + " ("
        + links.nb_province
        + ", "
        + links.nb_country.map(views.COUNTRY_NAMES)
        + ")",
        "Distance km": links.distance_km,
        "Findings": links.findings.map(lambda f: ", ".join(f) if isinstance(f, list) else (f or "")),
        "Story": [", ".join(s["title"] for s in views.stories_for_pair(stories, link)) for link in links.itertuples()],
    }
).reset_index(drop=True)

map_col, side = st.columns([3, 2])
with map_col:
    fmap = maps.build_map(
        data,
        links,
        selected_pairs=(selected,) if selected else (),
        bounds=views.bounds_of(views.districts_for_links(data, links)),
        basemap=basemap,
        context_links=views.links_for_border(data, border),
    )
    props = ui_common.show_map(fmap, key=f"explore_map_{keys[choice]}_{selected}_{border}_{basemap}", basemap=basemap)
clicked = [p for p in ui_common.clicked_pairs(props) if p in set(links.pair_id)]
if clicked and selected not in clicked:
    ui_common.set_param("pair", clicked[0])
    st.rerun()

with side:
    st.subheader(f"{len(links)} pair{'s' if len(links) != 1 else ''} in {province}", anchor=False)
    picked = st.dataframe(
        table.style.apply(
            lambda row: ["background-color: #fde2d2" if row["Pair"] == selected else ""] * len(row), axis=1
        ),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=f"bm_table_{keys[choice]}",
        column_config={"Distance km": st.column_config.NumberColumn(format="%.1f")},
    )
    rows = picked.selection.rows if picked else []
    if rows and table.Pair[rows[0]] != selected:
        ui_common.set_param("pair", table.Pair[rows[0]])
        st.rerun()
    if selected:
        ui_common.pair_details(data, selected)
        for story in views.stories_for_pair(stories, views.link_by_pair(data, selected)):
            st.page_link(
                "pages/stories.py",
                label=f"Story: {story['title']}",
                icon=":material/auto_stories:",
                query_params={"story": story["id"]},
            )
