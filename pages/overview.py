"""Overview: every pair on one map, the five stories marked, headline figures; a click shows the pair.

The map is sent before the heading and figures (which fill a container placed above it):
the browser starts drawing the map while it lays out the rest, instead of after. No other container: each
is one more element for every viewer's browser to lay out before the map shows. The heading is the figures
element's (figures_widget); a notice about the link follows it, above the map it is about. A chosen pair is
named on the map itself (map_widget's chip), so choosing one never moves the map.
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
    kind = props.get("kind")
    if kind == "story":
        if props.get("story_id"):
            navigation.ask_for_page("pages/stories.py", story=props["story_id"])
    elif kind == "details":  # the selection's own buttons, on the map
        if selected:
            st.session_state.bm_dialog = selected
    elif kind == "clear":
        state.set_params(pair=None)
    else:
        pair_panel.select_clicked_pair(props)


def chip() -> dict:
    """The selected pair named on the map, with its Details and Clear (map_widget's `chip`)."""
    link = queries.link_by_pair(data, selected)
    text = _(
        "Selected: pair {pair} · {thai} ↔ {neighbour}",
        pair=selected,
        thai=place.district("THA", link.thai_province, link.thai_district),
        neighbour=place.district(link.nb_country, link.nb_province, link.nb_district),
    )
    return {"text": text, "details": _("Details"), "clear": _("Clear")}


map_widget.show(
    data,
    maps.MapView(border=border, basemap=state.basemap(), story_markers=True, lang=_.lang),
    page="overview",
    pairs=(selected,) if selected else (),
    on_click=on_click,
    chip=chip if selected else None,
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
        messages.link_problem(
            "pair", asked.problem, _("Showing all pairs."), offer=lambda pair: state.set_params(pair=pair)
        )
    elif asked.outside is not None:
        st.info(
            _(
                "Pair {pair} is not on the border chosen in the sidebar; choose both borders to see it.",
                pair=messages.md_text(asked.outside),
            )
        )


# The pair's details have one place: the dialog a click on the map (or Details) opens. The selection, named on
# the map, reopens them; nothing below the map repeats them.
pair_panel.pair_dialog_if_clicked(data, selected)
