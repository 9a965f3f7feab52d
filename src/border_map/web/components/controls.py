"""The sidebar's page links, its controls (language, border, online basemap) and its note on the data, as one
small component.

They were three Streamlit widgets and a caption. Every run of every page draws the sidebar, and those four
elements were a third of an Explore run's script time in a CPU profile of 50 explorers (yappi: 6.4 of 21 ms),
and in the browser each of their labels and options went through Streamlit's Markdown renderer before the map
could be shown. Here they are native radio buttons and a switch, drawn by a `st.components.v2` component
(controls.js) that shares Streamlit's component code with the map, the table and the figures.

A choice arrives as an event (a trigger, seen by one run only) and is kept in the session by the page code
(state.choose), so it survives page switches, and a page open across a server restart answers with its
link's state plus the click that found the server gone. Labels and notes are set as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from border_map.web.components.base import component_js, mount_with_event, packed

COMPONENT = "border_map.controls"
KEY = "bm_controls"
_JS = component_js("controls.js")
_CSS = """
.bm-controls { font-size: 1rem; line-height: 1.5; color: rgb(49, 51, 63); }
.bm-controls .bm-group { margin: 0 0 1rem; }
.bm-controls .bm-head { display: flex; align-items: center; gap: .35rem; margin-bottom: .25rem; font-size: .875rem; }
.bm-controls .bm-options { display: flex; flex-direction: column; gap: .3rem; }
.bm-controls .bm-row { flex-direction: row; flex-wrap: wrap; column-gap: 1rem; }
.bm-controls label { display: inline-flex; align-items: center; gap: .5rem; cursor: pointer; }
.bm-controls input[type="radio"] { accent-color: #0072B2; width: 1rem; height: 1rem; margin: 0; cursor: pointer; }
.bm-controls input:focus-visible, .bm-controls .bm-help:focus-visible { outline: 2px solid #0072B2;
  outline-offset: 2px; }
.bm-controls input[role="switch"] { appearance: none; position: relative; flex: none; width: 2rem; height: 1.1rem;
  margin: 0; border-radius: 1rem; background: #a3a8b4; cursor: pointer; transition: background .15s; }
.bm-controls input[role="switch"]::before { content: ""; position: absolute; top: 2px; left: 2px;
  width: calc(1.1rem - 4px); height: calc(1.1rem - 4px); border-radius: 50%; background: #fff;
  transition: transform .15s; }
.bm-controls input[role="switch"]:checked { background: #0072B2; }
.bm-controls input[role="switch"]:checked::before { transform: translateX(.9rem); }
.bm-controls .bm-help { flex: none; width: 1.15rem; height: 1.15rem; padding: 0; border: 1px solid #a3a8b4;
  border-radius: 50%; background: #fff; color: rgba(49, 51, 63, .75); font: inherit; font-size: .72rem;
  line-height: 1; cursor: pointer; }
.bm-controls .bm-help[aria-expanded="true"] { background: #0072B2; border-color: #0072B2; color: #fff; }
.bm-controls .bm-help-text, .bm-controls .bm-note { margin: 0 0 .4rem; font-size: .875rem;
  color: rgba(49, 51, 63, .7); }
.bm-controls .bm-note { margin: 0; overflow-wrap: anywhere; }
.bm-controls .bm-ctl-note { margin: .3rem 0 0; font-size: .8rem; color: rgba(49, 51, 63, .7); }
.bm-controls .bm-nav { display: flex; flex-direction: column; gap: 2px; margin: 0 0 1rem; padding-bottom: 1rem;
  border-bottom: 1px solid rgba(49, 51, 63, .2); }
.bm-controls .bm-nav a { display: block; padding: .25rem .5rem; border-radius: .5rem; color: rgb(49, 51, 63);
  text-decoration: none; font-size: .95rem; }
.bm-controls .bm-nav a:hover { background: rgba(151, 166, 195, .15); }
.bm-controls .bm-nav a[aria-current="page"] { background: rgba(151, 166, 195, .25); font-weight: 600; }
.bm-controls .bm-nav a:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
"""
_controls = st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


@dataclass(frozen=True)
class PageLink:
    """A link to one of the app's pages, listed above the controls: a real link (a new tab opens the page with
    its `href`'s language and filters), which a plain click follows inside the open page, in the browser alone
    (controls.js, component.js's follow): the server sees the new page's run, not a click."""

    name: str  # the page's URL name
    label: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class Choice:
    """One control: radio buttons when it has options, else a switch (value True or False)."""

    name: str  # what the page code calls it (lang, border, basemap), also the event's name for it
    label: str
    value: str | bool
    options: Sequence[tuple[str, str]] = ()  # (value, label)
    help: str | None = None  # behind the control's "?" button
    note: str | None = None  # always shown under the control: what a viewer must know before choosing
    row: bool = False  # options side by side

    def accepts(self, value: object) -> bool:
        if self.options:
            return isinstance(value, str) and value in {option for option, _ in self.options}
        return isinstance(value, bool)


def chosen(raw: object, choices: Sequence[Choice]) -> tuple[str, str | bool] | None:
    """The (name, value) a click asked for, if it names one of `choices` and one of its values; None for
    anything else. It comes from the browser, so it is checked like any other input."""
    if not isinstance(raw, dict) or "page" in raw:
        return None
    found = next((c for c in choices if c.name == raw.get("name")), None)
    if found is None or not found.accepts(raw.get("value")):
        return None
    return found.name, raw["value"]


def show(
    choices: Sequence[Choice],
    notes: Sequence[str],
    help_label: str,
    on_choose: Callable,
    links: Sequence[PageLink] = (),
    links_label: str = "",
) -> None:
    """Draw the page links, the controls and the notes below them; `on_choose(name, value)` runs once for each
    accepted click on a control."""

    def handle(raw: object) -> None:
        found = chosen(raw, choices)
        if found is not None:
            on_choose(*found)

    mount_with_event(
        _controls,
        key=KEY,
        data=packed(
            {
                "choices": [
                    {
                        "name": c.name,
                        "label": c.label,
                        "value": c.value,
                        "options": [list(option) for option in c.options],
                        "help": c.help,
                        "note": c.note,
                        "row": c.row,
                    }
                    for c in choices
                ],
                "notes": list(notes),
                "helpLabel": help_label,
                "links": [[link.name, link.label, link.href, link.current] for link in links],
                "linksLabel": links_label,
            }
        ),
        event="chose",
        kind=dict,
        handle=handle,
    )
