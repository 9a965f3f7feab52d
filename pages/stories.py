"""Model-area stories: a tour; the map moves to each story's pair, its summary and figures beside it."""

from datetime import date

import streamlit as st

from border_map.model import programme, queries
from border_map.model.briefing import ExportView, story_text
from border_map.model.localnames import place_names
from border_map.render import maps
from border_map.web import data_cache, downloads, entry, messages, navigation, state
from border_map.web.components import map_widget

entry.page_setup()
_, place = state.tr(), state.names()
data = data_cache.dataset()
stories = list(programme.stories())
ids = [s["id"] for s in stories]

st.title(_("Model-area stories"), anchor=False)
workshop = programme.facts()["workshop"]
st.caption(
    _(
        "Five model areas presented at the 10th-anniversary P-to-P workshop, {period}.",
        period=_.date_span(date.fromisoformat(workshop["start"]), date.fromisoformat(workshop["end"])),
    )
)
messages.notice(data)
thai = place_names(data, "th")  # a story's district in Thai script names it too
asked = state.story(stories, {thai.district("THA", s["thai_province"], s["thai_district"]): s["id"] for s in stories})
position = ids.index(asked.value) if asked.value else 0
if asked.problem is not None:
    messages.link_problem("story", asked.problem, _("Starting the tour at the first story."))


def step(to: int) -> None:
    """Runs before the rerun draws the page, so both buttons reflect the new position."""
    state.set_params(story=ids[to])


def widen_to_explore(province: str, pair: str) -> None:
    state.choose("border", "both")
    navigation.ask_for_page("pages/explore.py", province=province, pair=pair)


nav = st.columns([1, 1, 4], vertical_alignment="center")
nav[0].button(
    _("◀ Previous"),
    disabled=position == 0,
    key="bm_prev",
    shortcut="Left",  # the arrow keys step through the tour, as in Present
    width="stretch",
    on_click=step,
    args=(max(position - 1, 0),),
)
nav[1].button(
    _("Next ▶"),
    disabled=position == len(ids) - 1,
    key="bm_next",
    shortcut="Right",
    width="stretch",
    on_click=step,
    args=(min(position + 1, len(ids) - 1),),
)
nav[2].markdown("**" + _("Story {number} of {total}", number=position + 1, total=len(ids)) + "**")
story = stories[position]

links = queries.story_links(data, story)
map_col, side = st.columns([3, 2])
with map_col:
    # One base map for the whole tour: each step only swaps the overlay and moves the view.
    map_widget.show(
        data,
        maps.MapView(border="both", basemap=state.basemap(), story_markers=True, lang=_.lang),
        page="stories",
        pairs=tuple(links.pair_id),
        fit=queries.bounds_of(queries.districts_for_links(data, links)),
    )
with side:
    told = story_text(story, _)  # the same words the exported briefings use
    st.subheader(messages.md_text(told.title), anchor=False)
    counterpart = ", ".join(place.place(_, r.nb_country, r.nb_province, r.nb_district) for r in links.itertuples())
    st.text(place.place(_, "THA", story["thai_province"], story["thai_district"]) + " ↔ " + counterpart)
    st.caption(messages.md_text(_("Theme: {theme}", theme=told.theme)))
    st.markdown(messages.md_text(told.summary))
    if told.figures:
        st.markdown("**" + _("Key figures") + "**")
        st.text("\n".join(f"• {figure}" for figure in told.figures))
    if told.dates:
        st.markdown("**" + _("Dates") + "**")
        st.text("\n".join(f"• {when}" for when in told.dates))
    downloads.download_links(data, ExportView("story", story["id"]))
    if not links.empty:
        pair = links.pair_id.iloc[0]
        explore = messages.md_text(_("Explore {province}", province=place.province("THA", story["thai_province"])))
        if pair in set(queries.links_for_border(data, state.border()).pair_id):
            navigation.page_link(
                "pages/explore.py", explore, ":material/travel_explore:", province=story["thai_province"], pair=pair
            )
        else:
            # The story is on the border the sidebar leaves out (the tour shows every story): a link would open
            # Explore on a province it hides, so this one widens the filter to both borders on the way.
            st.button(
                explore,
                icon=":material/travel_explore:",
                key="bm_story_explore",
                help=_("Shows both borders: this story is on the border the sidebar leaves out."),
                on_click=widen_to_explore,
                args=(story["thai_province"], pair),
            )
