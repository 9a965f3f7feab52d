"""The app's light table: a few rows of plain text.

Streamlit's data grid costs a page 1.6 MB of JavaScript (its code, fetched and compiled when the first grid
appears), which on Explore held the map back by a fifth of the page's load (docs/benchmarks.md). The pair
tables have a handful of rows and need no sorting, scrolling or editing: here they are an HTML table drawn by a
small `st.components.v2` component (table.js) that shares Streamlit's component code with the map widget.
Values are set as text, never parsed as HTML or Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from border_map.render.linebreak import name_spans
from border_map.web.components.base import component, packed

COMPONENT = "border_map.table"
_table = component("table")  # its look: page.css


def data(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    label: str | None = None,
    row_keys: Sequence[str] | None = None,
    selected: str | None = None,
    selectable: bool = False,
    numeric: Sequence[bool] | None = None,
    facts: bool = False,
) -> dict:
    """A table as drawTable (draw_table.js) takes it: text only. `facts`: a two-column table of named values,
    drawn without a header row, each row named by its first cell. `names`: where a cell names a place, by
    "row,column", so that a cell that wraps never breaks inside the name (linebreak.name_spans)."""
    cells = [[None if v is None else str(v) for v in row] for row in rows]
    spans = {(i, j): name_spans(v) for i, row in enumerate(cells) for j, v in enumerate(row) if v}
    names = {f"{i},{j}": found for (i, j), found in spans.items() if found}
    return {
        "columns": [str(c) for c in columns],
        "rows": cells,
        "names": names,
        "keys": None if row_keys is None else [str(k) for k in row_keys],
        "selected": selected,
        "selectable": selectable,
        "numeric": list(numeric) if numeric is not None else None,
        "label": label,
        "facts": facts,
    }


def draw(table: dict, *, key: str) -> None:
    """Draw a table made by `data`, to read (the pair's facts); the pairs to choose from are drawn beside the
    map, by the map widget (map_widget.show's side panel)."""
    _table(key=key, data=packed(table))
