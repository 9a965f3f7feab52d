"""What the app's own Streamlit components (the map, the table, the figures) share: how their data travels,
how a viewer's action reaches a page, and their JavaScript helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

_SHARED_JS = Path(__file__).with_name("ui_component.js").read_text(encoding="utf-8")

# The look of drawTable (ui_component.js), in every component that draws one (the table, the map's side panel).
TABLE_CSS = """
.bm-table-box { overflow-x: auto; max-width: 100%; }  /* one line a row, as a grid: wide tables scroll inside */
.bm-table { border-collapse: collapse; width: 100%; font-size: .875rem; line-height: 1.4; }
.bm-table th { text-align: left; font-weight: 600; color: rgba(49, 51, 63, .75); background: #fafafa; }
.bm-table th[scope="row"] { font-weight: 400; width: 1%; }
.bm-table th, .bm-table td { border: 1px solid rgba(49, 51, 63, .12); padding: 6px 10px; vertical-align: top;
  white-space: nowrap; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
.bm-table td.bm-num { text-align: right; font-variant-numeric: tabular-nums; }
.bm-table tr.bm-pick { cursor: pointer; }
.bm-table tr.bm-pick:hover { background: #f3f6f8; }
.bm-table tr.bm-pick:focus-visible { outline: 2px solid #0072B2; outline-offset: -2px; }
.bm-table tr.bm-selected, .bm-table tr.bm-selected:hover { background: #fde2d2; font-weight: 700; }
"""
# The look of drawDownloads (ui_component.js), and of the small print beside it.
LINKS_CSS = """
.bm-downloads { margin: .8rem 0 0; }
.bm-downloads a { color: #0072B2; }
.bm-caption { font-size: .875rem; color: rgba(49, 51, 63, .65); margin: .2rem 0; }
"""


def component_js(file: str) -> str:
    """A component's module (a file beside this one), after the helpers they share (ui_component.js)."""
    return _SHARED_JS + "\n" + Path(__file__).with_name(file).read_text(encoding="utf-8")


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
