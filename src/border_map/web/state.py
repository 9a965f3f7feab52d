"""The one owner of a run's state: the sidebar's choices (language, border, basemap) and what the URL says.

Pages never touch `st.query_params`: they ask here what the link names (`pair`, `province`, `story`, `slide`:
read with the model's resolver, written back in the app's spelling, with what it named that the page cannot
show), and tell here what the view now is (`set_params` for a step). This module writes the URL once at the
end of a run, reads the sidebar's choices from the link and reports those it does not know, and reads the URL
again after Back and Forward."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from border_map import i18n
from border_map.i18n import Translator
from border_map.model import resolve
from border_map.model.localnames import PlaceNames, place_names
from border_map.web.data_cache import dataset

_run = threading.local()  # while app.py or a fragment runs: its settings, read once


# Session keys: what callbacks and the page asked the URL to say, not yet written; and the query this session
# last wrote, to tell the browser's Back and Forward (a URL the app did not write) from the app's own steps.
_PENDING = "bm_url_pending"
_WRITTEN = "bm_url_written"
# A run's own reading of its link (`canonical`), kept apart from the steps' values: it is only true of the run
# that made it. A run cut short by the browser's Back left it behind, and as a step's value it hid the Back
# from the next run (`_browser_moved`), which showed the view before it under the URL after it.
_CANON = "bm_url_canonical"
# Values a page's box sent as typed (not one of its options): the reading that follows says so in the box's
# words ("No province goes by that name") rather than a link's.
_TYPED = "bm_url_typed"


def _param(name: str) -> str | None:
    """What the view says of `name`: a value asked for since the URL was last written (a callback's), else
    the URL's."""
    for key in (_CANON, _PENDING):  # the run's reading of the view is newer than the step it read
        asked = st.session_state.get(key)
        if asked and name in asked:
            return asked[name]
    return _query().get(name)


def _query() -> dict[str, str]:
    """The URL's query as this run found it (the last value of a repeated name), read once per run: each read
    of `st.query_params` goes through Streamlit's run context and its usage metrics, and a run asks for
    parameters a dozen times (3% of the server's time under 200 explorers, py-spy)."""
    found = getattr(_run, "query", None)
    if found is None:
        found = _run.query = st.query_params.to_dict()
    return found


def set_params(**values: str | None) -> None:
    """What the view now is (None: the parameter is dropped). Nothing is sent yet: every value a step asks for,
    from its callback and from the run that follows, is written in one go when the run ends (`write_url`), so
    one step the user takes is one entry in the browser's history."""
    pending = st.session_state.get(_PENDING)
    if pending is None:
        pending = st.session_state[_PENDING] = {}
    pending.update(values)


def _canonical(reading: Reading, **values: str | None) -> None:
    """A page's reading of what the link gave, in the app's own spelling (`?province=loei` becomes `Loei`; a
    pair that names nothing is dropped). Only parameters the link or a step gave are written: a page's default
    (the first province, the first story) is never added, so opening a page from its link is one entry in the
    browser's history and the link itself already shows what is on screen."""
    if reading.given:
        st.session_state.setdefault(_CANON, {}).update(values)


@dataclass(frozen=True)
class Reading:
    """What a link says of one parameter, read once per run: `value`, what the page shows (None: the page's
    own default, or nothing); `problem`, the reading of a value that names nothing known, for the message
    that says so; `outside`, a known value this view does not offer (a pair of another province, a province
    with no pairs on the border chosen), which the page explains in its own words; `typed`, whether the value
    came from the page's own box rather than a link; `given`, whether the link or a step named it at all."""

    value: Any = None
    problem: resolve.Resolution | None = None
    outside: Any = None
    typed: bool = False
    given: bool = False


def _read(name: str, resolver: Callable[[str], resolve.Resolution], offered: Collection | None = None) -> Reading:
    raw = _param(name)
    if raw is None:
        return Reading()
    found = resolver(raw)
    typed = st.session_state.get(_TYPED, {}).pop(name, None) == raw
    if not found.ok:
        return Reading(problem=found, typed=typed, given=True)
    if offered is not None and found.value not in offered:
        return Reading(outside=found.value, typed=typed, given=True)
    return Reading(value=found.value, typed=typed, given=True)


def typed(**values: str) -> None:
    """A step whose value the user typed into the page's own box: `set_params`, remembered as typed."""
    set_params(**values)
    st.session_state.setdefault(_TYPED, {}).update(values)


def pair(offered: Collection[str]) -> Reading:
    """The pair the link names (`08-1`, `8-1`, `8.1`, `pair 8-1`, a row with one pair), if this view offers
    it. Written back as the table's id; a pair that names nothing, or one the view does not offer, is
    dropped from the link."""
    data = dataset()
    reading = _read("pair", lambda raw: resolve.resolve_pair(raw, list(data.links.pair_id)), offered)
    _canonical(reading, pair=reading.value)
    return reading


def province(provinces: Sequence[resolve.Province], offered: Collection[str]) -> Reading:
    """The province the link names, in any spelling of the table's or the boundary source's, in either
    script, if it is among the `offered` keys (`THA:Loei`). Written back as the table states it."""
    reading = _read("province", lambda raw: resolve.resolve_province(raw, provinces))
    if reading.value is not None and reading.value.key not in offered:
        return Reading(outside=reading.value, typed=reading.typed, given=True)
    if reading.value is not None:
        _canonical(reading, province=reading.value.name)
    return reading


def story(stories: Sequence[dict], other_names: dict[str, str]) -> Reading:
    """The story the link names: its id, its place in the tour, its Thai district in either script (other
    names: name -> story id). Written back as the story's id; one that names no story, as the first story's,
    where the tour starts."""
    reading = _read("story", lambda raw: resolve.resolve_story(raw, list(stories), other_names))
    _canonical(reading, story=reading.value or stories[0]["id"])
    return reading


def slide(total: int) -> Reading:
    """The slide the link names, from 1 to `total`. Written back as its number; one the deck does not have
    is reported among the link's problems and the deck starts at its first slide."""

    def number(raw: str) -> resolve.Resolution:
        text = resolve.clean_typed(raw)
        if not text.isdecimal():  # not isdigit: "²" is a digit that int() refuses
            return resolve.Resolution(text)
        nearest = min(max(int(text), 1), total)
        return resolve.Resolution(text, nearest if nearest == int(text) else None, (str(nearest),))

    reading = _read("slide", number)
    if reading.problem is not None:
        st.session_state.bm_link_problems = [*st.session_state.get("bm_link_problems", []), ("slide", reading.problem)]
    _canonical(reading, slide=str(reading.value or 1))
    return reading


def write_url() -> None:
    """The end of a run (app.py's, or a fragment's alone): the URL becomes what the run asked for, in one
    message if anything changed; Streamlit's browser code then adds one history entry (or, during Back and
    Forward, replaces the current one)."""
    pending = {**(st.session_state.pop(_PENDING, None) or {}), **(st.session_state.pop(_CANON, None) or {})}
    params = st.query_params
    current = _query()
    target = {**current, **{k: v for k, v in pending.items() if v is not None}}
    for name in [k for k, v in pending.items() if v is None]:
        target.pop(name, None)
    if needs_writing(target, current, st.session_state.get(_WRITTEN)):
        params.from_dict(target)
        _run.query = None  # read again if anything still asks in this run
    st.session_state[_WRITTEN] = target


def needs_writing(target: dict, current: dict, written: dict | None) -> bool:
    """Whether a run's URL must be sent: it differs from the query the run started with (`current`, as the
    browser sent it), or from the one this session last sent (`written`). The second catches a step taken
    while the last URL was still on its way: the browser's rerun then carried the URL from before it, equal
    to this run's, and the late one arrived after, leaving the address one step behind the page (seen in the
    story tour: Right pressed as the previous step's run ended). The browser adds no history entry for a
    query it already shows. A session's first run has sent nothing yet: a link already in the app's spelling
    is left as it is, one message fewer for every page a visitor opens."""
    return target != current or (written is not None and target != written)


def drop_pending() -> None:
    """A page switch carries its own parameters: what this page asked for no longer applies."""
    st.session_state.pop(_PENDING, None)
    st.session_state.pop(_CANON, None)


def _new_run() -> None:
    """A run of app.py, or of a fragment alone, starts: a reading left by a run cut short is dropped, and the
    URL is read afresh (a thread can serve several runs)."""
    st.session_state.pop(_CANON, None)
    _run.query = None


def _browser_moved() -> bool:
    """The URL differs from the one this session last wrote, and no step of the app's is pending: the
    browser went Back or Forward (or the address was edited), so the URL says what to show again."""
    written = st.session_state.get(_WRITTEN)
    return written is not None and not st.session_state.get(_PENDING) and _query() != written


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
    _new_run()
    _run.settings = _read_settings()
    try:
        yield _run.settings
        write_url()  # not when a rerun or a page switch cut the run short: the next run writes it
    finally:
        _run.settings = _run.query = None  # a callback of the next run on this thread reads its own


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
    """The current language's messages: `_ = state.tr()` at the top of a page, then `_("Pairs")`."""
    return i18n.translator(language())


def names() -> PlaceNames:
    return place_names(dataset(), language())


def basemap() -> bool:
    return settings().basemap


def global_params() -> dict[str, str | None]:
    """The sidebar's part of every link the app writes."""
    return {"lang": language(), "border": resolve.border_for_url(border()), "basemap": "1" if basemap() else None}


def init_from_url() -> None:
    """Once per session, and again when the browser goes Back or Forward: where the sidebar's choices start,
    from the link. Kept apart from the choices made since (`choose`), which win: a click answered by a fresh
    session (a server restarted under an open page) is applied before this first run reads the link, and must
    not be undone by it. After Back or Forward the URL is the view again, choices included."""
    _new_run()
    moved = _browser_moved()
    if st.session_state.get("bm_url_read") and not moved:
        return
    if moved:
        for name in ("bm_lang", "bm_border", "bm_basemap"):
            st.session_state.pop(name, None)
    st.session_state.bm_url_read = True
    params = st.query_params
    for name in list(params):
        values = params.get_all(name)
        if len(values) > 1:  # `?province=Loei&province=Nan`: the value the pages read (the last), written once
            set_params(**{name: values[-1]})
    values = {name: value for name in ("lang", "border", "basemap") if (value := _param(name)) is not None}
    asked = resolve.settings_asked(values, st.context.locale)
    st.session_state.bm_link_problems = list(asked.problems)
    st.session_state.bm_start = {"lang": asked.lang, "border": asked.border, "basemap": asked.basemap}


def choose(name: str, value: str | bool) -> None:
    """A choice made in the sidebar (already checked against its options by controls): kept for the session,
    so it holds on every page, and written into the URL by the run that follows."""
    st.session_state[f"bm_{name}"] = value


def present(values: dict[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in values.items() if v is not None}
