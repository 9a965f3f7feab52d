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

from border_map.web.components.base import component, mount_with_event, packed

COMPONENT = "border_map.controls"
KEY = "bm_controls"
_controls = component("controls")  # its look: page.css


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


def pack(
    choices: Sequence[Choice],
    notes: Sequence[str],
    help_label: str,
    links: Sequence[PageLink] = (),
    links_label: str = "",
    lang: str | None = None,
) -> bytes:
    """The component's data: the page links, the controls and the notes below them. `lang` is the page's
    language, which the component declares on the page's root (`<html lang>`): Streamlit's page says "en"
    whatever it shows, and a screen reader would read Thai with an English voice."""
    return packed(
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
            "lang": lang,
        }
    )


def show(choices: Sequence[Choice], data: bytes, on_choose: Callable) -> None:
    """Draw what `data` (`pack`) holds; `on_choose(name, value)` runs once for each accepted click on one of
    `choices`."""

    def handle(raw: object) -> None:
        found = chosen(raw, choices)
        if found is not None:
            on_choose(*found)

    mount_with_event(_controls, key=KEY, data=data, event="chose", kind=dict, handle=handle)
