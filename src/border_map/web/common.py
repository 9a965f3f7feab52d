"""Streamlit wiring shared by the pages: navigation, cached data, the sidebar, URL state, messages.

Everything that decides *what* to show lives in border_map; this module only connects widgets to it.
The sidebar lives in the entry script (app.py), so its choices survive page switches; every page writes
its current state back into the URL, so a copied link always shows what is on screen.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import functools
import gc
import io
import math
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from PIL import Image, ImageDraw

from border_map import i18n, paths
from border_map.i18n import Translator
from border_map.model import programme, queries, resolve
from border_map.model.briefing import ExportView
from border_map.model.dataset import Dataset, build_stamp, load_dataset
from border_map.model.findings_text import describe
from border_map.model.localnames import PlaceNames, place_names
from border_map.render import maps
from border_map.web.components import controls, table_widget
from border_map.web.server import routes

APP_DIR = Path(__file__).resolve().parent
BORDER_OPTIONS = list(resolve.BORDERS)
LANGUAGE_LABELS = {"th": "ไทย", "en": "English"}  # each language in its own script, in both interfaces
_TRUE = {"1", "true", "on", "yes", "osm"}
_run = threading.local()  # while app.py runs: that it started the page (legacy mode does not), its settings


@functools.cache
def favicon() -> str:
    """Drawn here so the browser never fetches an icon from a font CDN (":material/..." icons do). A data: URL,
    not an image: Streamlit would keep an image in one process's media store, and a page left open across a
    server restart would ask the new process for it."""
    icon = Image.new("RGB", (32, 32), "#0072B2")
    ImageDraw.Draw(icon).rectangle((16, 0, 31, 31), fill="#E69F00")
    buffer = io.BytesIO()
    icon.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


PRESENT_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html body [data-testid="stMainBlockContainer"] { padding: 14px 18px 0 !important; max-width: 100% !important; }
[data-testid="stMain"] { background: #fff; }
html body .bm-map-box { height: calc(100vh - 24px) !important; pointer-events: none; }
.st-key-bm_slide_text h1 { font-size: clamp(44px, 3.4vw, 68px) !important; line-height: 1.15 !important;
  color: #111; padding: 0 0 6px; }
.st-key-bm_slide_text, .st-key-bm_slide_text p, .st-key-bm_slide_text li { font-size: clamp(26px, 2vw, 38px) !important;
  line-height: 1.32 !important; color: #111; }
.st-key-bm_slide_text [data-testid="stCaptionContainer"] p { font-size: clamp(24px, 1.8vw, 34px) !important;
  color: #333 !important; }
.st-key-bm_slide_text li { margin-bottom: 6px; }
.st-key-bm_slide_controls p { font-size: 24px !important; margin: 0; }
.st-key-bm_slide_controls button { font-size: 22px !important; min-height: 44px; }
.st-key-bm_slide_keys { display: none !important; }
</style>
"""
WIDE_TEXT_CSS = """<style>.st-key-bm_slide_text li { font-size: clamp(24px, 1.8vw, 34px) !important; }</style>"""


def present_css(wide: bool) -> str:
    """The projector layout: no Streamlit chrome, large type, the map to the window's height."""
    return PRESENT_CSS + (WIDE_TEXT_CSS if wide else "")


def pages() -> list:
    """The app's pages, in the current language. Made once per language (`st.Page` looks each file up on disk:
    10% of an Explore run's script time in a profile of 50 explorers); each run gets copies, because
    `st.navigation` marks the page it picks as runnable and running it clears the mark: two sessions must
    never share that flag."""
    return [copy.copy(page) for page in _pages(language())]


# The app's pages in the order the sidebar lists them: URL name, file, title. The first is the default (at /).
PAGES = (
    ("overview", "pages/overview.py", i18n.N_("Overview")),
    ("explore", "pages/explore.py", i18n.N_("Explore by province")),
    ("stories", "pages/stories.py", i18n.N_("Model-area stories")),
    ("data", "pages/data_sources.py", i18n.N_("Data & sources")),
    ("present", "pages/present.py", i18n.N_("Present")),
)
PAGE_FILES = {name: file for name, file, _title in PAGES}


@functools.cache
def _pages(lang: str) -> tuple:
    """No page icons: Streamlit makes a page's ":material/..." icon the favicon, fetched from fonts.gstatic.com."""
    _ = i18n.translator(lang)
    return tuple(
        st.Page(file, title=_(title), default=i == 0, url_path=name) for i, (name, file, title) in enumerate(PAGES)
    )


def run_app() -> None:
    """The entry script: language and filters from the link, page config, the shared sidebar, the page."""
    _init_from_url()
    with settings_kept():
        # Streamlit's own page menu hidden: the sidebar's controls list the pages (controls), as links that
        # carry the language and filters, so a page opened in a new tab keeps them; and the browser draws one
        # component there instead of Streamlit's menu, a Markdown element per page, before the map.
        page = st.navigation(pages(), position="hidden")
        _ = tr()
        st.set_page_config(page_title=_("border_map · P2P parallel areas"), page_icon=favicon(), layout="wide")
        sidebar(dataset(), page.url_path or PAGES[0][0])  # the default page's URL name reads as ""
        follow_asked_page()  # a click on one of those links, or a page asked for by the last run's callback
        _run.active = True
        try:
            page.run()
        finally:
            _run.active = False


def page_setup() -> None:
    """First call of every page. With a `pages/` folder beside app.py, Streamlit runs a deep link that is a
    fresh server's first request in its legacy mode, without app.py. Declaring the app's navigation
    (public `st.navigation`) ends that mode for the server; the rerun then goes through app.py."""
    if not getattr(_run, "active", False):
        _init_from_url()
        st.navigation(pages(), position="hidden")
        st.rerun()


def dataset() -> Dataset:
    """The current build, loaded once per build and shared by every session; pages never mutate it.

    Keyed on what the build folder holds, so `python -m border_map build` (or restoring a damaged file) is
    picked up by the next page a viewer opens, and the embedded fallback is not kept once layers exist.
    Kept here rather than by `st.cache_resource`, which inspects and hashes its arguments on every call:
    every run of every page asks for the dataset, and a room of viewers runs pages many times a second."""
    stamp = _stamp(str(paths.build_dir()))
    found = _datasets.get(stamp)
    if found is None:
        with _datasets_lock:  # one load per build, however many sessions ask at the same moment
            found = _datasets.get(stamp)
            if found is None:
                with st.spinner("Loading the map layers… · กำลังโหลดข้อมูลแผนที่…"):
                    found = _load()
                _datasets[stamp] = found
                while len(_datasets) > DATASETS_KEPT:  # the previous build, for pages still open on it
                    _datasets.popitem(last=False)
    return found


DATASETS_KEPT = 2
_datasets: OrderedDict[tuple, Dataset] = OrderedDict()
_datasets_lock = threading.Lock()
_STAMP_TTL_S = 1.0
_stamps: dict[str, tuple[float, tuple]] = {}


def _stamp(build_dir: str) -> tuple:
    """The build's stamp, looked at most once a second per process: a room of viewers runs pages many
    times a second, and a rebuild is still seen by the next page opened a second later."""
    now = time.monotonic()
    seen = _stamps.get(build_dir)
    if seen is None or now - seen[0] > _STAMP_TTL_S:
        seen = _stamps[build_dir] = (now, build_stamp(Path(build_dir)))
    return seen[1]


def _load() -> Dataset:
    data = load_dataset()
    for lang in i18n.LANGUAGES:  # tooltips, ids and names, once, before any session waits on them
        maps.features(data, lang)
    # The dataset's frames and feature dicts live as long as the process: frozen, Python's full collections
    # no longer walk them.
    gc.freeze()
    return data


def _clear_datasets() -> None:
    with _datasets_lock:
        _datasets.clear()
    _stamps.clear()


dataset.clear = _clear_datasets  # tests reset the cache as before


# --- URL state -------------------------------------------------------------------------------------


def param(name: str) -> str | None:
    return st.query_params.get(name)


def set_params(**values: str | None) -> None:
    """Write the current view into the URL; only what changed, so the browser history stays clean. The URL is
    read once: each access to `st.query_params` looks up the run's context."""
    params = st.query_params
    current = params.to_dict()
    for name, value in values.items():
        if value is None:
            if name in current:
                del params[name]
        elif current.get(name) != value:
            params[name] = value


def _start() -> dict:
    return st.session_state.get("bm_start", {})


@dataclass(frozen=True)
class Settings:
    """The sidebar's choices: what every page and link of a run is made for."""

    lang: str
    border: str
    basemap: bool


def settings() -> Settings:
    """This run's choices, read from the session once per run of app.py: they change only between runs
    (`choose`), and each read of session state goes through Streamlit's run context: about ten a run were 7%
    of an Explore run's script time in a profile of 50 explorers (yappi)."""
    found = getattr(_run, "settings", None)
    return found if found is not None else _read_settings()


@contextlib.contextmanager
def settings_kept():
    """Read the choices once for a run of app.py, or of a fragment (which runs without app.py when it reruns
    alone); inside a run that already holds them, nothing changes."""
    if getattr(_run, "settings", None) is not None:
        yield _run.settings
        return
    _run.settings = _read_settings()
    try:
        yield _run.settings
    finally:
        _run.settings = None


def _read_settings() -> Settings:
    state, start = st.session_state, _start()
    return Settings(
        lang=state.get("bm_lang") or start.get("lang", i18n.DEFAULT),
        border=state.get("bm_border") or start.get("border", "both"),
        basemap=bool(state.get("bm_basemap", start.get("basemap", False))),
    )


def border() -> str:
    return settings().border


def language() -> str:
    return settings().lang


def tr() -> Translator:
    """The current language's messages: `_ = common.tr()` at the top of a page, then `_("Pairs")`."""
    return i18n.translator(language())


def names() -> PlaceNames:
    return place_names(dataset(), language())


def basemap() -> bool:
    return settings().basemap


def global_params() -> dict[str, str | None]:
    """The sidebar's part of every link the app writes."""
    return {"lang": language(), "border": resolve.border_for_url(border()), "basemap": "1" if basemap() else None}


def _init_from_url() -> None:
    """Once per session: where the sidebar's choices start, from the link. Kept apart from the choices made
    since (`choose`), which win: a click answered by a fresh session (a server restarted under an open page)
    is applied before this first run reads the link, and must not be undone by it."""
    if st.session_state.get("bm_url_read"):
        return
    st.session_state.bm_url_read = True
    params = st.query_params
    for name in list(params):
        values = params.get_all(name)
        if len(values) > 1:  # `?province=Loei&province=Nan`: the value the pages read (the last), written once
            params[name] = values[-1]
    problems = []
    raw_lang = param("lang")
    lang = i18n.resolve_language(raw_lang) if raw_lang is not None else None
    if raw_lang is not None and lang is None:
        problems.append(("language", resolve.Resolution(resolve.clean_typed(raw_lang), None, i18n.LANGUAGES)))
    start = {"lang": lang or i18n.from_locale(st.context.locale), "border": "both"}
    raw = param("border")
    if raw is not None:
        found = resolve.resolve_border(raw)
        if found.ok:
            start["border"] = found.value
        else:
            problems.append(("border", found))
    st.session_state.bm_link_problems = problems
    start["basemap"] = (param("basemap") or "").strip().lower() in _TRUE
    st.session_state.bm_start = start


def sidebar(data: Dataset, current: str = "") -> None:
    """The one shared sidebar: the pages (`current` marked), language, border filter, the opt-in online
    basemap, and what the map is made of."""
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
    with st.sidebar:
        controls.show(
            choices, notes, help_label=_("Help"), on_choose=choose, links=links, links_label=_("Pages"), on_link=go_to
        )
        if not data.has_boundaries:
            st.warning(_("No boundary polygons installed: districts are shown as points."), icon=":material/warning:")
    set_params(**global_params())


def go_to(page: str) -> None:
    """A page link of the sidebar clicked (its URL name, checked by controls): that page, with the filters."""
    ask_for_page(PAGE_FILES[page])


def choose(name: str, value: str | bool) -> None:
    """A choice made in the sidebar (already checked against its options by controls): kept for the session,
    so it holds on every page, and written into the URL by the run that follows."""
    st.session_state[f"bm_{name}"] = value


# --- messages ------------------------------------------------------------------------------------


def md_text(text: str) -> str:
    """Text from data files inside an element that renders Markdown (headings, warnings, captions, link
    labels): every ASCII punctuation mark backslash-escaped, which CommonMark defines as literal, so a
    name can never become a link, an image, markup or a colour. It reads exactly as written."""
    return str(text).translate(_MD_ESCAPES)


# Every ASCII character that is neither a letter, a digit nor a space, with a backslash before it.
_MD_ESCAPES = {i: "\\" + chr(i) for i in range(128) if not chr(i).isalnum() and not chr(i).isspace()}


def notice(data: Dataset) -> None:
    _ = tr()
    if data.notice_reason:
        st.info(
            _(
                "Running without boundary polygons: {reason}. Districts are drawn as points. Install the "
                "boundaries with `python -m border_map fetch` then `python -m border_map build` "
                "(offline: `fetch --mirror DIR`).",
                reason=md_text(data.notice_reason),
            ),
            icon=":material/info:",
        )
    elif data.part_notice_reason:
        st.info(
            _(
                "The province outlines are not shown: {reason}. Districts and pairs come from the build as usual.",
                reason=md_text(data.part_notice_reason),
            ),
            icon=":material/info:",
        )
    for what, found in st.session_state.pop("bm_link_problems", []):
        link_problem(what, found)


# What a link can name, for the message that says it named something unknown.
LINK_PROBLEMS = {
    "province": i18n.N_("The link asks for a province that is not in the table."),
    "pair": i18n.N_("The link asks for a pair that is not in the table."),
    "story": i18n.N_("The link asks for a story that is not in the table."),
    "border": i18n.N_("The link asks for a border that the app does not know."),
    "language": i18n.N_("The link asks for a language the app does not have (English: en, Thai: th)."),
    "slide": i18n.N_("The link asks for a slide the deck does not have."),
}


# The same, for a name typed into a page's own box.
TYPED_PROBLEMS = {"province": i18n.N_("No province in the table goes by that name.")}


def link_problem(what: str, found: resolve.Resolution, note: str = "", typed: bool = False) -> None:
    """Say that a link (`typed`: the page's box) named something unknown. What was typed is shown as plain
    text, never as Markdown."""
    _ = tr()
    with st.container(border=True, key=f"bm_problem_{what}"):
        problem = _(TYPED_PROBLEMS[what] if typed else LINK_PROBLEMS[what])
        st.markdown(f":material/link_off: **{problem}** {note}")
        st.text(_("Asked for: {value}", value=found.typed or _("(empty)")))
        if found.suggestions:
            st.text(_("Closest: {names}", names=", ".join(found.suggestions)))


# --- shared panels ---------------------------------------------------------------------------------


def select_clicked_pair(props: dict, within: set[str] | None = None) -> str | None:
    """A click on a district or link selects its pair (the first one in `within`, the pairs on show, when it
    has several) and asks for its details where the user is looking; `pair_dialog_if_clicked` then opens
    them once, on the run that follows. Returns the pair chosen."""
    pairs = clicked_pairs(props)
    if not pairs:
        return None
    pair = next((p for p in pairs if within is not None and p in within), pairs[0])
    st.query_params["pair"] = pair
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


def ask_for_page(page: str, **params: str) -> None:
    """From a callback, where Streamlit ignores a page switch: go to `page` with `params` (and the sidebar's
    choices) on the run that follows. app.py's run follows it (run_app) before the page runs; a fragment's
    run, which has no app.py, follows it where the fragment calls `follow_asked_page` (Explore)."""
    st.session_state.bm_goto = (page, params)


def follow_asked_page() -> None:
    asked = st.session_state.pop("bm_goto", None)
    if asked:
        page, params = asked
        st.switch_page(page, query_params={**params, **present(global_params())})


STATUS = {"matched": i18n.N_("matched"), "unmatched": i18n.N_("unmatched")}


def present(values: dict[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in values.items() if v is not None}


def page_link(page: str, label: str, icon: str, **params: str | None) -> None:
    """A link to another page that carries the sidebar's filters along."""
    st.page_link(page, label=label, icon=icon, query_params=present({**params, **global_params()}))


# --- briefing downloads --------------------------------------------------------------------------------

_EXPORTS: OrderedDict = OrderedDict()  # (build, format, view, border, language, day) -> bytes; shared by sessions
_EXPORTS_LOCK = threading.Lock()
EXPORTS_KEPT = 48


def export_bytes(data: Dataset, fmt: str, view: ExportView, lang: str) -> bytes:
    """A briefing file, made once per build, view (its border filter included), language and day, then served
    from memory.

    Runs when the file is asked for (routes.serve_briefing, in a worker thread), so a page never waits
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

    return {fmt: routes.OFFERS.offer(f"{name}.{fmt}", functools.partial(make, fmt)) for fmt in routes.BRIEFING_TYPES}


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
    (routes.serve_briefing), not download buttons: a page's run only names them, and a room of viewers
    never pays for a widget nobody uses."""
    _, urls = tr(), offer_briefings(data, view)
    label = md_text(_("Download briefing"))
    st.markdown(f":material/download: {label}: [HTML]({urls['html']}) · [PDF]({urls['pdf']})", help=_(BRIEFING_HELP))


def timed(work) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started
