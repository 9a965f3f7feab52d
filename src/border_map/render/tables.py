"""Tables as files to download (CSV and XLSX), safe to open in a spreadsheet program.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as
a formula (or its start), so a place name in a table could run as one: the OWASP rule for CSV injection is to
begin such a cell with a single quote, which the spreadsheet shows as text. Only text is touched: numbers
(negative ones included) stay numbers, in the CSV as in the XLSX.

The XLSX is written with openpyxl, whose cells hold text as text; a text cell that openpyxl itself would read
as a formula (one beginning with `=`) is neutral before it gets there, so none is ever stored as one.
"""

from __future__ import annotations

import io
import math
import numbers

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from border_map.model.dataset import Dataset

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutral(value):
    """`value` as a spreadsheet cannot run it: text beginning like a formula gets a leading `'`; anything else
    (numbers, empty cells, other text) is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and column names) are neutral; numeric columns are left as they are."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])):
            out[column] = out[column].map(neutral)
    out.columns = [neutral(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV, its text cells neutral. Lines end in CRLF (RFC 4180), so a cell holding a lone
    carriage return is quoted, not read as the end of its row."""
    return neutral_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def pairs_joined(data: Dataset) -> pd.DataFrame:
    """The Data page's "pairs joined" table: every pair with its matched features, distance, status and findings
    (a finding list as `a;b`), without geometry."""
    joined = pd.DataFrame(data.links.drop(columns="geometry"))
    joined["findings"] = joined["findings"].map(lambda f: ";".join(f) if isinstance(f, list) else (f or ""))
    return joined


def pairs_joined_files(data: Dataset) -> tuple[bytes, bytes]:
    """The "pairs joined" table as CSV and as XLSX (sheet "pairs"), the Data page's downloads."""
    joined = pairs_joined(data)
    return csv_bytes(joined), xlsx_bytes(joined, sheet="pairs")


# --- XLSX ------------------------------------------------------------------------------------------------


def _cell(value):
    """A value as the workbook stores it: text neutral and without the control characters XML cannot carry
    (openpyxl refuses them), numbers as numbers, an empty or not-a-number value as an empty cell."""
    value = _plain(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Number):
        return None if math.isnan(value) or math.isinf(value) else value
    return ILLEGAL_CHARACTERS_RE.sub("", str(neutral(value) if isinstance(value, str) else value))


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Sheet1") -> bytes:
    """The table as an XLSX workbook of one sheet: a header row, then the rows; text neutral, numbers as numbers."""
    book = Workbook(write_only=True)
    rows = book.create_sheet(sheet)
    rows.append([_cell(str(c)) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        rows.append([_cell(v) for v in record])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(value):
    """numpy scalars as Python's own (a numpy bool is not a `bool`; a numpy int is not an `int`)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value
