"""What the app's own Streamlit components (the map, the table, the figures) share: how their data travels,
how a viewer's action reaches a page, and their JavaScript helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

_SHARED_JS = Path(__file__).with_name("ui_component.js").read_text(encoding="utf-8")


def component_js(file: str) -> str:
    """A component's module (a file beside this one), after the helpers they share (ui_component.js)."""
    return _SHARED_JS + "\n" + Path(__file__).with_name(file).read_text(encoding="utf-8")


def packed(data: object) -> bytes:
    """A component's data as JSON bytes, which Streamlit forwards as they are. A dict it walks value by value,
    looking for data frames, on every run of every session: 7% of an Explore run's script time in a profile
    of 50 explorers (yappi), for the table alone."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def on_trigger(key: str, name: str, kind: type, handle: Callable | None) -> Callable[[], None]:
    """The callback for a component's trigger value `name`: `handle(value)` once per action, when the value has
    the expected `kind`. A trigger is seen by one run only, so an action can never come back on a later run and
    undo a choice made since elsewhere (the table, a link). Pair it with `caught_up` after the mount."""

    def changed() -> None:
        st.session_state[_seen(key, name)] = True
        result = st.session_state.get(key)
        value = getattr(result, name, None) if result is not None else None
        if isinstance(value, kind) and handle is not None:
            handle(value)

    return changed


def caught_up(result: object, key: str, name: str, kind: type, handle: Callable | None) -> None:
    """After a component's mount: an action its callback never saw is handled now, and the page drawn again.

    Streamlit calls a trigger's callback only when the session's previous run registered it. A page left open
    across a server restart reconnects without a run, so its next click is the new session's first run: the
    value arrives with no callback (seen in the restart browser test: the click was lost). Here it still
    counts, once, like any other."""
    seen = st.session_state.pop(_seen(key, name), False)
    value = getattr(result, name, None)
    if seen or handle is None or not isinstance(value, kind):
        return
    handle(value)
    st.rerun()


def _seen(key: str, name: str) -> str:
    return f"bm_seen_{key}_{name}"
