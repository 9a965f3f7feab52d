"""The app's light table: a few rows of plain text, optionally one of them chosen by a click.

Streamlit's data grid costs a page 1.6 MB of JavaScript (its code, fetched and compiled when the first grid
appears), which on Explore held the map back by a fifth of the page's load (docs/benchmarks.md). The pair
tables have a handful of rows and need no sorting, scrolling or editing: here they are an HTML table drawn by a
small `st.components.v2` component (ui_table.js) that shares Streamlit's component code with the map widget.
Values are set as text, never parsed as HTML or Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from ui_component import component_js, mount_with_event, packed

COMPONENT = "border_map.table"
_JS = component_js("ui_table.js")
_CSS = """
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
_table = st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def show(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    key: str,
    label: str | None = None,
    row_keys: Sequence[str] | None = None,
    selected: str | None = None,
    on_select: Callable[[str], None] | None = None,
    numeric: Sequence[bool] | None = None,
    facts: bool = False,
) -> None:
    """Draw the table; `on_select(row_key)` runs once for each row the viewer picks (a trigger, not state).
    `facts`: a two-column table of named values, drawn without a header row, each row named by its first cell."""

    mount_with_event(
        _table,
        key=key,
        data=packed(
            {
                "columns": [str(c) for c in columns],
                "rows": [[None if v is None else str(v) for v in row] for row in rows],
                "keys": None if row_keys is None else [str(k) for k in row_keys],
                "selected": selected,
                "selectable": on_select is not None,
                "numeric": list(numeric) if numeric is not None else None,
                "label": label,
                "facts": facts,
            }
        ),
        event="selected",
        kind=str,
        handle=on_select,
    )
