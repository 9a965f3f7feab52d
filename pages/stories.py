"""Model-area stories: a tour; the map moves to each story's pair, its summary and figures beside it."""

import streamlit as st

import ui_common
from border_map import maps, programme, views

data, border, basemap = ui_common.view()
stories = list(programme.stories())
ids = [s["id"] for s in stories]

st.title("Model-area stories", anchor=False)
st.caption("Five model areas presented at the 10th-anniversary P-to-P workshop, 9–11 September 2024.")
ui_common.notice(data)
wanted = ui_common.param("story")
if wanted and wanted not in ids:
    st.warning(f"The link names story {wanted!r}, which does not exist; starting the tour at the first.")
position = ids.index(wanted) if wanted in ids else 0


def step(to: int) -> None:
    """Runs before the rerun draws the page, so both buttons reflect the new position."""
    ui_common.set_param("story", ids[to])


nav = st.columns([1, 1, 4])
nav[0].button(
    "◀ Previous",
    disabled=position == 0,
    key="bm_prev",
    use_container_width=True,
    on_click=step,
    args=(max(position - 1, 0),),
)
nav[1].button(
    "Next ▶",
    disabled=position == len(ids) - 1,
    key="bm_next",
    use_container_width=True,
    on_click=step,
    args=(min(position + 1, len(ids) - 1),),
)
nav[2].markdown(f"**Story {position + 1} of {len(ids)}**")
story = stories[position]
ui_common.set_param("story", story["id"])

links = views.story_links(data, story)
map_col, side = st.columns([3, 2])
with map_col:
    fmap = maps.build_map(
        data,
        links,
        selected_pairs=tuple(links.pair_id),
        bounds=views.bounds_of(views.districts_for_links(data, links)),
        basemap=basemap,
        context_links=views.links_for_border(data, "both"),
    )
    ui_common.show_map(fmap, key=f"story_map_{story['id']}_{basemap}", basemap=basemap)
with side:
    st.subheader(story["title"], anchor=False)
    counterpart = ", ".join(f"{link.nb_district} ({link.nb_province})" for link in links.itertuples())
    st.text(f"{story['thai_district']} ({story['thai_province']}) ↔ {counterpart}")
    st.caption(f"Theme: {story['theme']}")
    st.write(story["summary"])
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
