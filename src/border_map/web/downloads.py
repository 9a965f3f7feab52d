"""The briefing files a page offers: made on the first request for them, then served from memory."""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from datetime import date

import streamlit as st

from border_map import i18n
from border_map.model.briefing import ExportView
from border_map.model.dataset import Dataset
from border_map.web.messages import md_text
from border_map.web.server import offers
from border_map.web.state import language, tr

_EXPORTS: OrderedDict = OrderedDict()  # (build, format, view, border, language, day) -> bytes; shared by sessions


_EXPORTS_LOCK = threading.Lock()


EXPORTS_KEPT = 48


def export_bytes(data: Dataset, fmt: str, view: ExportView, lang: str) -> bytes:
    """A briefing file, made once per build, view (its border filter included), language and day, then served
    from memory.

    Runs when the file is asked for (offers.serve_briefing, in a worker thread), so a page never waits
    for a file nobody asked for."""
    from border_map.render import export  # noqa: PLC0415 - fpdf2 and HarfBuzz load on the first download only

    key = (data.build_id, fmt, view.kind, view.key, view.border, lang, date.today())
    with _EXPORTS_LOCK:
        if key in _EXPORTS:
            _EXPORTS.move_to_end(key)
            return _EXPORTS[key]
    if fmt == "html":
        content = export.html_bytes(data, view, lang)
    else:
        from border_map.render.export_pdf import pdf_bytes  # noqa: PLC0415

        content = pdf_bytes(data, view, lang)
    with _EXPORTS_LOCK:
        _EXPORTS[key] = content
        while len(_EXPORTS) > EXPORTS_KEPT:
            _EXPORTS.popitem(last=False)
    return content


def offer_briefings(data: Dataset, view: ExportView) -> dict[str, str]:
    """HTML and PDF of what the page shows, in the page's language (files that open with no server), offered
    to this server's route for the page's links: their URLs by format. Offered again on every run, so a link
    on a page still open is answered after its offer has made way for newer ones."""
    lang = language()
    name = f"border_map-{view.slug}-{lang}"
    held = weakref.ref(data)  # an offer must not keep a replaced build in memory

    def make(fmt: str) -> bytes | None:
        found = held()
        return None if found is None else export_bytes(found, fmt, view, lang)

    return {fmt: offers.OFFERS.offer(f"{name}.{fmt}", functools.partial(make, fmt)) for fmt in offers.BRIEFING_TYPES}


BRIEFING_HELP = i18n.N_("Opens without the app or the internet: map, pairs, findings and sources, in this language.")


def briefing_links(urls: dict[str, str]) -> dict:
    """The briefing links as the app's components draw them (drawDownloads: Explore's panel, the overview's
    figures)."""
    _ = tr()
    return {
        "label": _("Download briefing"),
        "help": _(BRIEFING_HELP),
        "links": [{"label": fmt.upper(), "href": url} for fmt, url in urls.items()],
    }


def download_links(data: Dataset, view: ExportView) -> None:
    """The briefing links, as one line of Markdown. Links to files this server makes when one is asked for
    (offers.serve_briefing), not download buttons: a page's run only names them, and a room of viewers
    never pays for a widget nobody uses."""
    _, urls = tr(), offer_briefings(data, view)
    label = md_text(_("Download briefing"))
    st.markdown(f":material/download: {label}: [HTML]({urls['html']}) · [PDF]({urls['pdf']})", help=_(BRIEFING_HELP))
