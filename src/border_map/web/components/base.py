"""What the app's own Streamlit components (the map, the table, the figures, the controls) share: where their
code comes from, how their data travels and how a viewer's action reaches a page."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import streamlit as st

from border_map.web.server import component_files


def component(name: str) -> Callable:
    """Streamlit's component `border_map.<name>`, its code served as a file (component_files).

    Declared on its first mount, not on import: a component served from files is looked up in the manifests
    the running server found at its start, and a module imported with no server (a unit test, the warm-up's
    imports) has none."""

    @functools.cache
    def declared() -> Callable:
        return st.components.v2.component(
            f"border_map.{name}", js=component_files.COMPONENTS[name], isolate_styles=False
        )

    def mount(**kwargs):
        return declared()(**kwargs)

    return mount


def packed(data: object) -> bytes:
    """A component's data as JSON bytes, which Streamlit forwards as they are. A dict it walks value by value,
    looking for data frames, on every run of every session: 7% of an Explore run's script time in a profile
    of 50 explorers (yappi), for the table alone."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def mount_with_event(component, *, key: str, data: bytes, event: str, kind: type, handle: Callable | None) -> None:
    """Mount `component` with `data`; `handle(value)` runs once for each action it reports as `event`, when the
    value has the expected `kind`. The one way the app's components report a viewer's action.

    An action is a trigger, seen by one run only, so it can never come back on a later run and undo a choice
    made since elsewhere (the table, a link). Streamlit calls a trigger's callback only when the session's
    previous run registered it; a page left open across a server restart reconnects without a run, so its next
    click is the new session's first run and arrives with no callback (seen in the restart browser test: the
    click was lost). Such an action is handled after the mount, once, and the page drawn again."""
    seen = f"bm_seen_{key}_{event}"

    def changed() -> None:
        st.session_state[seen] = True
        result = st.session_state.get(key)
        value = getattr(result, event, None) if result is not None else None
        if isinstance(value, kind) and handle is not None:
            handle(value)

    result = component(key=key, data=data, **{f"on_{event}_change": changed})
    value = getattr(result, event, None)
    if st.session_state.pop(seen, False) or handle is None or not isinstance(value, kind):
        return
    handle(value)
    st.rerun()
