"""One pair's details, in a dialog (the overview) or the map widget's side panel (Explore): the model's
`PairFacts` (model/briefing.py, the same the pair's briefing prints), laid out here."""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

from border_map.model import briefing
from border_map.model.briefing import PairFacts
from border_map.model.dataset import Dataset
from border_map.render.linebreak import name_spans
from border_map.web.components import table_widget
from border_map.web.messages import md_text
from border_map.web.state import global_params, present, set_params, tr


def choose_clicked_pair(props: dict, within: Collection[str] | None = None) -> str | None:
    """A click on a district or link selects its pair (the first one in `within`, the pairs on show, when it
    has several). Returns the pair chosen. Explore shows the chosen pair's details beside the map already: a
    dialog there would repeat them over the map."""
    pairs = clicked_pairs(props)
    if not pairs:
        return None
    pair = next((p for p in pairs if within is not None and p in within), pairs[0])
    set_params(pair=pair)
    return pair


def select_clicked_pair(props: dict, within: Collection[str] | None = None) -> str | None:
    """As `choose_clicked_pair`, and asks for the pair's details where the user is looking (the overview's
    dialog); `pair_dialog_if_clicked` then opens them once, on the run that follows."""
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
    st.dialog(_("Pair details"), width="medium")(pair_details)(data, pair_id)


def clicked_pairs(props: dict | None) -> list[str]:
    """Pair ids behind a clicked district or link (ids are our own, never user markup)."""
    if not props:
        return []
    if props.get("kind") == "link":
        return [props["pair_id"]]
    return [p for p in (props.get("pair_ids") or "").split(",") if p]


def pair_facts(data: Dataset, pair_id: str) -> PairFacts | None:
    """The pair's facts in the page's language: the model's (briefing.pair_facts), which the pair's briefing
    files print too."""
    return briefing.pair_facts(data, pair_id, tr().lang)


def facts_table(facts: PairFacts) -> dict:
    _ = tr()
    return table_widget.data(["", _("value")], facts.facts, label=_("Pair details"), facts=True)


def places(facts: PairFacts) -> str:
    return f"{facts.thai}\n↔ {facts.neighbour}"


def as_side(facts: PairFacts) -> dict:
    """The pair as the map widget's side panel draws it (Explore)."""
    return {
        "heading": facts.heading,
        "places": places(facts),
        "places_names": name_spans(places(facts)),  # kept whole where the line wraps (draw_table.js putText)
        "facts": facts_table(facts),
        "findings": [{"warning": f.warning, "text": f.text, "names": name_spans(f.text)} for f in facts.findings],
        "stories": [{"id": story_id, "label": label} for story_id, label in facts.stories],
    }


def pair_details(data: Dataset, pair_id: str) -> None:
    """One pair's details in the overview's dialog: plain text elements, so data is never markup."""
    facts = pair_facts(data, pair_id)
    if facts is None:
        return
    st.subheader(md_text(facts.heading), anchor=False)
    st.text(places(facts))
    table_widget.draw(facts_table(facts), key="bm_facts")
    for finding in facts.findings:
        (st.warning if finding.warning else st.caption)(md_text(finding.text))
    for story_id, label in facts.stories:
        st.page_link(
            "pages/stories.py",
            label=md_text(label),
            icon=":material/auto_stories:",
            query_params={"story": story_id, **present(global_params())},
        )
