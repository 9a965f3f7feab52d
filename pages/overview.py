"""Overview: every pair on one map, the five stories marked, headline figures; a click shows the pair.

The map is sent before the heading, figures and selection bar (which fill a container placed above it):
the browser starts drawing the map while it lays out the rest, instead of after. No other container: each
is one more element for every viewer's browser to lay out before the map shows. The heading is the figures
element's (figures_widget); a notice about the link follows it, above the map it is about.
"""

import streamlit as st

from border_map.model import queries
from border_map.model.briefing import ExportView, briefing
from border_map.render import maps
from border_map.web import data_cache, downloads, entry, messages, navigation, pair_panel, state
from border_map.web.components import figures_widget, map_widget

entry.page_setup()
_, place = state.tr(), state.names()
data, border = data_cache.dataset(), state.border()
header = st.container()  # filled after the map is sent, above it

asked = state.pair(offered=queries.pair_ids(data, border))
selected = asked.value


def on_click(props: dict) -> None:
    if props.get("kind") == "story":
        if props.get("story_id"):
            navigation.ask_for_page("pages/stories.py", story=props["story_id"])
        return
    pair_panel.select_clicked_pair(props)


def clear() -> None:
    state.set_params(pair=None)


map_widget.show(
    data,
    maps.MapView(border=border, basemap=state.basemap(), story_markers=True, lang=_.lang),
    page="overview",
    pairs=(selected,) if selected else (),
    on_click=on_click,
)

with header:
    view = ExportView("overview", border=border)
    brief = briefing(data, view, _.lang)
    figures_widget.show(
        brief.figures,
        key="bm_figures",
        label=_("Headline figures"),
        title=brief.title,
        intro=brief.subtitle + " " + _("Click a district or link for its pair, a numbered marker for its story."),
        downloads=downloads.briefing_links(downloads.offer_briefings(data, view)),
    )
    messages.notice(data)
    if asked.problem is not None:
        messages.link_problem("pair", asked.problem, _("Showing all pairs."))
    elif asked.outside is not None:
        st.info(
            _(
                "Pair {pair} is not on the border chosen in the sidebar; choose both borders to see it.",
                pair=messages.md_text(asked.outside),
            )
        )
    if selected:
        bar = st.columns([6, 1, 1], vertical_alignment="center")
        link = queries.link_by_pair(data, selected)
        bar[0].text(
            _(
                "Selected: pair {pair} · {thai} ↔ {neighbour}",
                pair=selected,
                thai=place.district("THA", link.thai_province, link.thai_district),
                neighbour=place.district(link.nb_country, link.nb_province, link.nb_district),
            )
        )
        if bar[1].button(_("Details"), key="bm_details", icon=":material/info:"):
            st.session_state.bm_dialog = selected
        bar[2].button(_("Clear"), key="bm_clear_pair", icon=":material/close:", on_click=clear)


# The pair's details have one place: the dialog a click on the map (or Details) opens. The selection bar
# above the map names the pair and reopens them; nothing below the map repeats them.
pair_panel.pair_dialog_if_clicked(data, selected)
