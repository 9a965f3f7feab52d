"""Explore's province box: a combobox of the app's own (province_box.js), where a viewer chooses or types a
province.

It was Streamlit's select box with `accept_new_options`, whose list led with "Add: {typed}", in English on the
Thai page too, whenever the text was not exactly a label, and which found nothing for a spelling the labels do
not hold ("Si Sa Ket", บันทายมีชัย) though the server's resolver knows it. Here the list filters by every
spelling the resolver accepts (model/resolve.py: `Province.spellings`, normalised on the server as
`match_keys` are, and the typed text normalised alike in the browser: normalise.js), and says in the page's
language when nothing matches and that Enter searches every spelling. Enter on such a text sends it as typed,
and the page reads it as a link's.

The WAI-ARIA APG pattern "combobox with listbox popup": an input with role combobox, a visible label, the hint
as its description, a listbox of options; the keyboard is described in province_box.js. Its data, the options
and words of a border and language, is packed once per build, border, language and province shown (`pack`,
memoised by the page). A choice arrives as an event (a trigger, seen by one run only). Its look: page.css.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from border_map.model.resolve import Province
from border_map.names import normalise
from border_map.web.components.base import component, mount_with_event, packed

COMPONENT = "border_map.province_box"
KEY = "bm_province_box"
_box = component("province_box")


@dataclass(frozen=True)
class Option:
    """One province as the box lists it: its key (what a choice sends), its label, and every spelling a viewer
    may type for it, normalised (names.normalise)."""

    key: str
    label: str
    spellings: tuple[str, ...]


def option(province: Province, label: str, shown: Iterable[str] = ()) -> Option:
    """`province` with `label`: typed, any spelling of the resolver's finds it, and any name the label shows
    (`shown`)."""
    forms = dict.fromkeys(normalise(s) for s in (*province.spellings, *shown))
    return Option(province.key, label, tuple(f for f in forms if f))


@dataclass(frozen=True)
class Words:
    """What the box says: its label, the text shown while it is empty, the hint under it and the line shown
    when no province matches the text (`{typed}` stands for the text)."""

    label: str
    placeholder: str
    hint: str
    no_match: str


def content(options: Iterable[Option], words: Words, value: str | None) -> dict:
    """The box's data: the options in order, its words, and `value`, the key of the province shown (None: the
    field is empty). Packed alone (`pack`) for the box on its own, or carried in Explore's map panel."""
    return {
        "options": [[o.key, o.label, list(o.spellings)] for o in options],
        "label": words.label,
        "placeholder": words.placeholder,
        "hint": words.hint,
        "noMatch": words.no_match,
        "value": value,
    }


def pack(box: dict) -> bytes:
    """`content` as the component's data."""
    return packed(box)


def show(data: bytes, on_choose: Callable[[str], None]) -> None:
    """Draw the box `data` (`pack`) describes, on its own: Explore with no province on its map (a name that
    matched none, a province the border leaves out). With a map, the map panel draws it (map_widget.show's
    `box`): one element fewer in every run of every explorer. `on_choose(sent)` runs once for each choice: an
    option's key, the text typed when it matched none, or "" for an emptied field."""
    mount_with_event(_box, key=KEY, data=data, event="chose", kind=str, handle=on_choose)
