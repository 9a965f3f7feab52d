"""What the app's own Streamlit components (the map, the table) share: how a viewer's action reaches a page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def on_trigger(key: str, name: str, kind: type, handle: Callable | None) -> Callable[[], None]:
    """The callback for a component's trigger value `name`: `handle(value)` once per action, when the value has
    the expected `kind`. A trigger is seen by one run only, so an action can never come back on a later run and
    undo a choice made since elsewhere (the table, a link)."""

    def changed() -> None:
        result = st.session_state.get(key)
        value = getattr(result, name, None) if result is not None else None
        if isinstance(value, kind) and handle is not None:
            handle(value)

    return changed
