"""Model-area stories: a tour; the map moves to each story's pair, its summary and figures beside it."""

import streamlit as st

import ui_common
import ui_map
from border_map import maps, programme, resolve, views

ui_common.page_setup()
data = ui_common.dataset()
stories = list(programme.stories())
ids = [s["id"] for s in stories]

st.title("Model-area stories", anchor=False)
st.caption("Five model areas presented at the 10th-anniversary P-to-P workshop, 9–11 September 2024.")
ui_common.notice(data)
position = 0
raw = ui_common.param("story")
if raw is not None:
    found = resolve.resolve_story(raw, stories)
    if found.ok:
        position = ids.index(found.value)
    else:
        ui_common.link_problem("story", found, "Starting the tour at the first story.")


def step(to: int) -> None:
    """Runs before the rerun draws the page, so both buttons reflect the new position."""
    st.query_params["story"] = ids[to]


nav = st.columns([1, 1, 4], vertical_alignment="center")
nav[0].button(
    "◀ Previous",
    disabled=position == 0,
    key="bm_prev",
    width="stretch",
    on_click=step,
    args=(max(position - 1, 0),),
)
nav[1].button(
    "Next ▶",
    disabled=position == len(ids) - 1,
    key="bm_next",
    width="stretch",
    on_click=step,
    args=(min(position + 1, len(ids) - 1),),
)
nav[2].markdown(f"**Story {position + 1} of {len(ids)}**")
story = stories[position]
ui_common.set_params(story=story["id"])

links = views.story_links(data, story)
map_col, side = st.columns([3, 2])
with map_col:
    # One base map for the whole tour: each step only swaps the overlay and moves the view.
    ui_map.show(
        data,
        maps.MapView(border="both", basemap=ui_common.basemap(), story_markers=True),
        page="stories",
        pairs=tuple(links.pair_id),
        fit=views.bounds_of(views.districts_for_links(data, links)),
    )
with side:
    st.subheader(ui_common.md_text(story["title"]), anchor=False)
    counterpart = ", ".join(f"{link.nb_district} ({link.nb_province})" for link in links.itertuples())
    st.text(f"{story['thai_district']} ({story['thai_province']}) ↔ {counterpart}")
    st.caption(ui_common.md_text(f"Theme: {story['theme']}"))
    st.markdown(ui_common.md_text(story["summary"]))
    if story.get("key_figures"):
        st.markdown("**Key figures**")
        for figure in story["key_figures"]:
            value = figure["value"]
            value = (
                f"{value[0]:,}–{value[1]:,}"
                if isinstance(value, list)
                else (f"{value:,}" if isinstance(value, (int, float)) else str(value))
            )
            note = f"{figure['note']} " if figure.get("note") else ""
            st.text(f"• {figure['label']}: {note}{value} {figure.get('unit', '')}".rstrip())
    if story.get("dates"):
        st.markdown("**Dates**")
        for date in story["dates"]:
            st.text(f"• {date['date']}: {date['what']}")
    if not links.empty:
        ui_common.page_link(
            "pages/explore.py",
            ui_common.md_text(f"Explore {story['thai_province']}"),
            ":material/travel_explore:",
            province=story["thai_province"],
            pair=links.pair_id.iloc[0],
        )
