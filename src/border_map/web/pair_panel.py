"""One pair's details, as a panel beside the map, a dialog, or the map widget's side panel."""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

from border_map import i18n
from border_map.model import programme, queries
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe
from border_map.web.components import table_widget
from border_map.web.messages import md_text
from border_map.web.state import global_params, names, present, set_params, tr


def choose_clicked_pair(props: dict, within: set[str] | None = None) -> str | None:
    """A click on a district or link selects its pair (the first one in `within`, the pairs on show, when it
    has several). Returns the pair chosen. Explore shows the chosen pair's details beside the map already: a
    dialog there would repeat them over the map."""
    pairs = clicked_pairs(props)
    if not pairs:
        return None
    pair = next((p for p in pairs if within is not None and p in within), pairs[0])
    set_params(pair=pair)
    return pair


def select_clicked_pair(props: dict, within: set[str] | None = None) -> str | None:
    """As `choose_clicked_pair`, and asks for the pair's details where the user is looking (the overview, whose
    details are below the map); `pair_dialog_if_clicked` then opens them once, on the run that follows."""
    pair = choose_clicked_pair(props, within)
    if pair is not None:
        st.session_state.bm_dialog = pair
    return pair


def pair_dialog_if_clicked(data: Dataset, selected: str | None) -> None:
    if selected and st.session_state.pop("bm_dialog", None) == selected:
        _pair_dialog(data, selected)


def _pair_dialog(data: Dataset, pair_id: str) -> None:
    """Decorated on each call, so the dialog's title is in the current language."""
    _ = tr()
    st.dialog(_("Pair details"), width="medium")(pair_details)(data, pair_id, where="dialog")


def clicked_pairs(props: dict | None) -> list[str]:
    """Pair ids behind a clicked district or link (ids are our own, never user markup)."""
    if not props:
        return []
    if props.get("kind") == "link":
        return [props["pair_id"]]
    return [p for p in (props.get("pair_ids") or "").split(",") if p]


def distance_text(km) -> str:
    _ = tr()
    return "—" if km is None or math.isnan(km) else _("{km} km", km=_.number(km, 1))


@dataclass(frozen=True)
class PairFacts:
    """What the detail panel says of one pair, in the page's language: plain text, drawn as Streamlit elements
    (pair_details: the overview, the dialog) or by the map widget's side panel (Explore, `as_side`)."""

    heading: str
    places: str
    facts: list[tuple[str, str]]
    findings: list[tuple[bool, str]]  # (is a warning, text)
    stories: list[tuple[str, str]]  # (story id, link label)

    def facts_table(self) -> dict:
        _ = tr()
        return table_widget.data(["", _("value")], self.facts, label=_("Pair details"), facts=True)

    def as_side(self) -> dict:
        return {
            "heading": self.heading,
            "places": self.places,
            "facts": self.facts_table(),
            "findings": [{"warning": warning, "text": text} for warning, text in self.findings],
            "stories": [{"id": story_id, "label": label} for story_id, label in self.stories],
        }


def pair_facts(data: Dataset, pair_id: str) -> PairFacts | None:
    link = queries.link_by_pair(data, pair_id)
    if link is None:
        return None
    _, place = tr(), names()
    return PairFacts(
        heading=_("Pair {pair}", pair=link.pair_id),
        places=place.place(_, "THA", link.thai_province, link.thai_district, with_country=True)
        + "\n↔ "
        + place.place(_, link.nb_country, link.nb_province, link.nb_district),
        facts=[
            (_("Table number"), str(link.no)),
            (_("Thai district in boundary data"), str(link.thai_source_name or "—")),
            (_("Counterpart in boundary data"), str(link.nb_source_name or "—")),
            (_("Distance between polygons"), distance_text(link.distance_km)),
            (_("Status"), _(STATUS.get(link.status, link.status))),
        ],
        findings=[
            (finding["severity"] == "warning", describe(finding, _, data))
            for finding in queries.findings_for_pair(data, pair_id)
        ],
        stories=[
            (story["id"], _("Story: {title}", title=programme.localised(story, "title", _.lang)))
            for story in queries.stories_for_pair(programme.stories(), link)
        ],
    )


def pair_details(data: Dataset, pair_id: str, where: str = "panel") -> None:
    """The detail panel for one pair: plain text elements, so data is never markup. `where` tells apart the
    panel and the dialog, which a run may show together."""
    facts = pair_facts(data, pair_id)
    if facts is None:
        return
    st.subheader(md_text(facts.heading), anchor=False)
    st.text(facts.places)
    table_widget.draw(facts.facts_table(), key=f"bm_facts_{where}")
    for warning, text in facts.findings:
        (st.warning if warning else st.caption)(md_text(text))
    for story_id, label in facts.stories:
        st.page_link(
            "pages/stories.py",
            label=md_text(label),
            icon=":material/auto_stories:",
            query_params={"story": story_id, **present(global_params())},
        )


STATUS = {"matched": i18n.N_("matched"), "unmatched": i18n.N_("unmatched")}
