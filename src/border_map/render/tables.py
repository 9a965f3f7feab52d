"""Tables as files to download (CSV and XLSX), safe to open in a spreadsheet program.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as
a formula (or its start), so a place name in a table could run as one: the OWASP rule for CSV injection is to
begin such a cell with a single quote, which the spreadsheet shows as text. Only text is touched: numbers
(negative ones included) stay numbers, in the CSV as in the XLSX.

The XLSX is written here with the standard library (a zip of a few XML parts; its text cells are inline
strings, never formulas), so a download needs no writer library.
"""

from __future__ import annotations

import io
import math
import numbers
import re
import zipfile
from xml.sax.saxutils import escape

import pandas as pd

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


# --- XLSX ------------------------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Number):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return ""
        return f'<c r="{ref}"><v>{value!r}</v></c>' if isinstance(value, int) else f'<c r="{ref}"><v>{number!r}</v></c>'
    text = _NOT_XML.sub("", str(neutral(value) if isinstance(value, str) else value))
    text = escape(text, {"\r": "&#13;", "\t": "&#9;"})
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Sheet1") -> bytes:
    """The table as an XLSX workbook of one sheet: a header row, then the rows; text neutral, numbers as numbers."""
    rows = [[neutral(str(c)) for c in frame.columns]]
    rows += [[_plain(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    sheet_xml = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(cells)) + "</row>"
        for r, cells in enumerate(rows, 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
            f"<sheetData>{sheet_xml}</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _plain(value):
    """numpy scalars as Python's own (a numpy bool is not a `bool`; a numpy int is not an `int`)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value
