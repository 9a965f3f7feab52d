"""Reading an AppTest run as a viewer sees it: the app's own components' data, and events sent to them."""

from __future__ import annotations

import json
import re

import pandas as pd

from tests.support import apptest_internals


def component_data(element):
    """What an app component (base.packed) sent: its JSON bytes, read back."""
    return json.loads(element.proto.bytes or element.proto.json)


def component_event(at, key: str, event: str, value, first_run_after=None):
    """Run the app again as if the component with `key` had sent `event` with `value`: a click on a sidebar
    control, a map feature or a table row. AppTest has no API for Streamlit's v2 components, so the event goes
    into the run's widget states the way the browser sends it (apptest_internals, the one place that uses
    AppTest's private names).

    `first_run_after`: another AppTest that showed the component; the event is then `at`'s first run, as when
    a page left open across a server restart sends its next click to a fresh session."""
    seen = at if first_run_after is None else first_run_after
    element = next(e for e in seen.get("bidi_component") if e.proto.id.endswith("-" + key))
    states = apptest_internals.widget_states(at) if first_run_after is None else apptest_internals.no_widget_states()
    apptest_internals.add_component_event(states, element.proto.id, event, value)
    return apptest_internals.run_with(at, states)


def unescaped(markdown: str) -> str:
    """Data inside Markdown is backslash-escaped and a Thai place name in it glued with invisible word joiners
    (messages.md_text); read it back as a user sees it."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def choose(at, name: str, value):
    """A click on one of the sidebar's controls (controls): lang, border or basemap."""
    return component_event(at, "bm_controls", "chose", {"name": name, "value": value})


def sidebar_panel(at) -> dict:
    """The sidebar's controls and notes as they were sent (controls): `choices` (name, label, value, options,
    help of each) and `notes`."""
    for element in at.sidebar.get("bidi_component"):
        if element.proto.component_name == "border_map.controls":
            return component_data(element)
    raise AssertionError("the sidebar has no controls")


def box_data(at) -> dict:
    """Explore's province box as it was sent (province_box.content), in the map's panel or on its own (no
    province on the map): `options` ([key, label, spellings] each), `value` (the key of the province shown, or
    None) and its words (`label`, `placeholder`, `hint`, `noMatch`)."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.province_box":
            return component_data(element)
        if element.proto.component_name == "border_map.map_panel" and component_data(element).get("box"):
            return component_data(element)["box"]
    raise AssertionError("the page has no province box")


def choose_in_box(at, sent: str):
    """Run the app again as if the viewer had chosen in Explore's province box: `sent` is what province_box.js
    sends (an option's key, the text typed, or "" for an emptied field), through the map panel's event when the
    box is in it, else the box's own."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.province_box":
            return component_event(at, "bm_province_box", "chose", sent)
    return component_event(at, "bm_map_explore", "clicked", {"kind": "box", "value": sent})


def map_payload(at) -> dict:
    """What the map widget sent on this run (map_widget.show's payload): `chip` (the selection named on the map)
    among the rest."""
    for element in at.get("bidi_component"):
        if element.proto.component_name in ("border_map.map", "border_map.map_panel"):
            return component_data(element)
    raise AssertionError("the page has no map")


def side_panel(at) -> dict | None:
    """The panel the map widget draws beside the map (Explore's pairs, briefing links and chosen pair), as it
    was sent (map_widget.show's `side`); None when the run had none."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.map_panel":
            return component_data(element).get("side")
    return None


def side_texts(at) -> list[str]:
    """Every text the map's side panel and the figures' small print show (the elements that draw text of their
    own beside Streamlit's), in order."""
    parts = []
    figures = figures_panel(at)
    if figures:
        parts += [figures.get("title") or "", figures["intro"] or ""]
        if figures.get("downloads"):
            parts += [figures["downloads"]["label"], figures["downloads"]["help"]]
    side = side_panel(at)
    if side is None:
        return parts
    parts += [side["heading"]]
    downloads = side.get("downloads")
    if downloads:
        parts += [downloads["label"], *(link["label"] for link in downloads["links"]), downloads["help"]]
    pair = side.get("pair")
    if pair:
        parts += [pair["heading"], pair["places"], *(n["text"] for n in pair["findings"])]
        parts += [story["label"] for story in pair["stories"]]
    return parts


def app_tables(at) -> list:
    """The app's light tables in an AppTest run (table_widget, and the map's side panel: its pairs, then the chosen
    pair's facts), as DataFrames of the text they show. AppTest knows Streamlit's own elements only; the
    component's data is the table, so it is read from there."""
    found = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.table":
            found.append(component_data(element))
        elif element.proto.component_name == "border_map.map_panel":
            side = component_data(element).get("side")
            if side:
                found.append(side["table"])
                if side.get("pair"):
                    found.append(side["pair"]["facts"])
    return [pd.DataFrame(table["rows"], columns=table["columns"]) for table in found]


def page_titles(at) -> list[str]:
    """The page's headings of the first level, as a viewer reads them: Streamlit's titles, and those the app's
    elements draw: the overview's figures (figures_widget's `title`), Explore's map panel or province box
    (`heading`)."""
    titles = [title.value for title in at.title]
    for element in at.get("bidi_component"):
        data = component_data(element)
        if not isinstance(data, dict):
            continue
        if element.proto.component_name == "border_map.figures" and data.get("title"):
            titles.append(data["title"])
        if element.proto.component_name in ("border_map.map_panel", "border_map.province_box") and data.get("heading"):
            titles.append(data["heading"])
    return titles


def page_title(at) -> str:
    """The page's one first-level heading (`page_titles`)."""
    (title,) = page_titles(at)
    return title


def figures_panel(at) -> dict | None:
    """The overview's figures element as it was sent (figures_widget): `title`, `figures`, `intro` and
    `downloads`."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.figures":
            return component_data(element)
    return None


def app_figures(at) -> list[dict]:
    """The overview's headline figures (figures_widget) in an AppTest run: label, value and help of each."""
    panel = figures_panel(at)
    return [] if panel is None else panel["figures"]


def briefing_lines(at) -> list[str]:
    """Each place a run offers its briefings, as one line of Markdown links: a Markdown element (Stories), the
    map's side panel (Explore) or the figures (the overview)."""
    lines = [m.value for m in at.markdown if "download/" in m.value]
    for panel in (side_panel(at), figures_panel(at)):
        if panel and panel.get("downloads"):
            lines.append(" · ".join(f"[{link['label']}]({link['href']})" for link in panel["downloads"]["links"]))
    return lines
