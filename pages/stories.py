"""Model-area stories: a tour; the map moves to each story's pair, its summary and figures beside it."""

from datetime import date

import streamlit as st

import ui_common
import ui_map
from border_map import maps, programme, resolve, views

ui_common.page_setup()
_, place = ui_common.tr(), ui_common.names()
data = ui_common.dataset()
stories = list(programme.stories())
ids = [s["id"] for s in stories]

st.title(_("Model-area stories"), anchor=False)
workshop = programme.facts()["workshop"]
st.caption(
    _(
        "Five model areas presented at the 10th-anniversary P-to-P workshop, {start} to {end}.",
        start=_.date(date.fromisoformat(workshop["start"])),
        end=_.date(date.fromisoformat(workshop["end"])),
    )
)
ui_common.notice(data)
position = 0
raw = ui_common.param("story")
if raw is not None:
    found = resolve.resolve_story(raw, stories)
    if found.ok:
        position = ids.index(found.value)
    else:
        ui_common.link_problem("story", found, _("Starting the tour at the first story."))


def step(to: int) -> None:
    """Runs before the rerun draws the page, so both buttons reflect the new position."""
    st.query_params["story"] = ids[to]


nav = st.columns([1, 1, 4], vertical_alignment="center")
nav[0].button(
    _("◀ Previous"),
    disabled=position == 0,
    key="bm_prev",
    width="stretch",
    on_click=step,
    args=(max(position - 1, 0),),
)
nav[1].button(
    _("Next ▶"),
    disabled=position == len(ids) - 1,
    key="bm_next",
    width="stretch",
    on_click=step,
    args=(min(position + 1, len(ids) - 1),),
)
nav[2].markdown("**" + _("Story {number} of {total}", number=position + 1, total=len(ids)) + "**")
story = stories[position]
ui_common.set_params(story=story["id"])

links = views.story_links(data, story)
map_col, side = st.columns([3, 2])
with map_col:
    # One base map for the whole tour: each step only swaps the overlay and moves the view.
    ui_map.show(
        data,
        maps.MapView(border="both", basemap=ui_common.basemap(), story_markers=True, lang=_.lang),
        page="stories",
        pairs=tuple(links.pair_id),
        fit=views.bounds_of(views.districts_for_links(data, links)),
    )
with side:
    lang = _.lang
    st.subheader(ui_common.md_text(programme.localised(story, "title", lang)), anchor=False)
    counterpart = ", ".join(place.place(_, r.nb_country, r.nb_province, r.nb_district) for r in links.itertuples())
    st.text(place.place(_, "THA", story["thai_province"], story["thai_district"]) + " ↔ " + counterpart)
    theme = programme.THEMES.get(story["theme"])
    st.caption(ui_common.md_text(_("Theme: {theme}", theme=_(theme) if theme else story["theme"])))
    st.markdown(ui_common.md_text(programme.localised(story, "summary", lang)))
    if story.get("key_figures"):
        st.markdown("**" + _("Key figures") + "**")
        for figure in story["key_figures"]:
            value = figure["value"]
            value = (
                f"{_.number(value[0])}–{_.number(value[1])}"
                if isinstance(value, list)
                else (_.number(value) if isinstance(value, (int, float)) else str(value))
            )
            note, unit = programme.localised(figure, "note", lang), programme.localised(figure, "unit", lang)
            # Thai puts some units first: มาตรา 64, not 64 มาตรา.
            words = [note, unit, value] if _.thai and figure.get("unit_before_th") else [note, value, unit]
            st.text(f"• {programme.localised(figure, 'label', lang)}: " + " ".join(w for w in words if w))
    if story.get("dates"):
        st.markdown("**" + _("Dates") + "**")
        for when in story["dates"]:
            st.text(f"• {_.partial_date(when['date'])}: {programme.localised(when, 'what', lang)}")
    if not links.empty:
        ui_common.page_link(
            "pages/explore.py",
            ui_common.md_text(_("Explore {province}", province=place.province("THA", story["thai_province"]))),
            ":material/travel_explore:",
            province=story["thai_province"],
            pair=links.pair_id.iloc[0],
        )
