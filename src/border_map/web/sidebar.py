"""The one shared sidebar: the page links, language, border filter, the opt-in online basemap and what
the map is made of."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from border_map import i18n
from border_map.model import queries, resolve
from border_map.model.dataset import Dataset
from border_map.model.memo import memo
from border_map.render import maps
from border_map.web.components import controls
from border_map.web.navigation import PAGES
from border_map.web.state import basemap, border, choose, global_params, language, present, set_params, tr

BORDER_OPTIONS = list(resolve.BORDERS)


LANGUAGE_LABELS = {"th": "ไทย", "en": "English"}  # each language in its own script, in both interfaces


def sidebar(data: Dataset, current: str = "") -> None:
    """The one shared sidebar: the pages (`current` marked), language, border filter, the opt-in online
    basemap, and what the map is made of."""
    choices, packed = memo(data, ("sidebar", language(), border(), basemap(), current), lambda: _panel(data, current))
    with st.sidebar:
        controls.show(choices, packed, on_choose=choose)
        if not data.has_boundaries:
            _ = tr()
            st.warning(_("No boundary polygons installed: districts are shown as points."), icon=":material/warning:")
    set_params(**global_params())


def _panel(data: Dataset, current: str) -> tuple[list[controls.Choice], bytes]:
    """The sidebar's controls and their component data for this run's choices. Made once per build, page and
    choices: every run of every page draws the sidebar, and making it was 3% of the server's time under 200
    explorers (py-spy)."""
    _ = tr()
    query = urlencode(present(global_params()))
    links = [
        controls.PageLink(
            name, _(title), ("./" if i == 0 else f"./{name}") + (f"?{query}" if query else ""), name == current
        )
        for i, (name, _file, title) in enumerate(PAGES)
    ]
    choices = [
        controls.Choice(
            "lang",
            _("Language · ภาษา"),
            language(),
            [(lang, LANGUAGE_LABELS[lang]) for lang in i18n.LANGUAGES],
            row=True,
        ),
        controls.Choice(
            "border",
            _("Border"),
            border(),
            [(b, _(queries.BORDER_LABELS[b])) for b in BORDER_OPTIONS],
            help=_("Show the Thai–Lao pairs, the Thai–Cambodian pairs, or both."),
        ),
        controls.Choice(
            "basemap",
            _("Online basemap (OpenStreetMap)"),
            basemap(),
            help=_(
                "Off by default: the app sends no request beyond this server. Turn on only when connected; "
                "it adds map tiles from openstreetmap.org and nothing else."
            ),
            note=_("Goes online: map tiles from openstreetmap.org."),
        ),
    ]
    notes = [maps.short_attribution(data, _)]
    if data.has_boundaries:
        counts = _(
            "{districts} district polygons, {pairs} pairs.",
            districts=_.number(len(data.districts)),
            pairs=_.number(len(data.links)),
        )
        notes.insert(0, counts)
    packed = controls.pack(choices, notes, _("Help"), links=links, links_label=_("Pages"), lang=_.lang)
    return choices, packed
