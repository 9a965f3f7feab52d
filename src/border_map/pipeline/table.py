"""The pairs table: one row per (Thai district, parallel area), exactly as the seeds state it.

Read from the forms officials keep it in: CSV (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode Text", or
Thai Windows cp874/TIS-620), XLSX and ODS (the first visible sheet, or one named). The header is either the
project's column names (`no,thai_province,thai_district,nb_country,nb_province,nb_district`, any order) or the
source document's own headings (`No. | Thai Province | District | Lao Province | Town`, and the Cambodian
section's `No. | Thai Province | District | Cambodian Province | District`), both sections may follow each other
in one sheet. In the document's form a row without a number continues the row above, as the document's merged
cells do (pair 1's second town, pair 42's Malai).

`read_table(data, name)` reads bytes under a file name (the command line and the app's upload share it);
`read_table_file(path)` checks the size first. Structural problems raise TableError naming the line (CSV) or the
sheet and row (workbooks) as the user sees them (exit status 2 at the CLI); content doubts (a wrong province, a
gap in the numbering) are findings, reported but never fatal. Nothing here writes anything.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import python_calamine

from border_map import limits
from border_map.errors import TableError
from border_map.i18n import N_

COLUMNS = ("no", "thai_province", "thai_district", "nb_country", "nb_province", "nb_district")
COUNTRIES = {"LAO": "Laos", "KHM": "Cambodia"}
# The source document's headings, in its order (normalised: case, spaces and a final full stop ignored).
DOCUMENT_HEADINGS = {
    "LAO": ("no", "thai province", "district", "lao province", "town"),
    "KHM": ("no", "thai province", "district", "cambodian province", "district"),
}
DOCUMENT_COLUMNS = ("no", "thai_province", "thai_district", "nb_province", "nb_district")
EXPECTED_HEADER = N_(
    "expected the project's columns (no,thai_province,thai_district,nb_country,nb_province,nb_district) or the "
    "source document's headings (No. | Thai Province | District | Lao Province | Town, or No. | Thai Province | "
    "District | Cambodian Province | District)"
)
SPREADSHEETS = {".xlsx": "XLSX", ".xlsm": "XLSX", ".ods": "ODS"}
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SAVE_AS = N_("save it again from Excel or LibreOffice as .xlsx, .ods or CSV UTF-8")
# Values of a problem that are themselves messages (a remedy said in several problems): translated with it.
MESSAGE_VALUES = ("save_as", "expected")
ROW_ERRORS = 50  # problems of single rows gathered before the check stops (the first is the error raised)
CHUNK = 1 << 16


@dataclass(frozen=True)
class PairRow:
    pair_id: str
    line: int
    no: int
    thai_province: str
    thai_district: str
    nb_country: str
    nb_province: str
    nb_district: str

    def as_stated(self) -> dict:
        """The six table columns, as the source wrote them."""
        data = asdict(self)
        return {key: data[key] for key in COLUMNS}


@dataclass(frozen=True)
class Table:
    """A table read: its rows and how it was read (said in the build's report and on the upload page)."""

    rows: list[PairRow]
    name: str
    format: str  # "CSV", "XLSX", "ODS"
    encoding: str | None = None  # CSV only: "UTF-8", "UTF-8 with BOM", "UTF-16", "cp874 (Thai Windows, TIS-620)"
    sheet: str | None = None  # workbooks only
    headings: str = "project"  # "project" or "document" (the source document's own headings)

    def describe(self) -> str:
        """'XLSX, sheet 'Pairs', the source document's headings' / 'CSV, cp874 (Thai Windows, TIS-620), the
        project's column names'."""
        how = [self.format, self.encoding if self.format == "CSV" else f"sheet '{self.sheet}'"]
        how.append("the source document's headings" if self.headings == "document" else "the project's column names")
        return ", ".join(how)


@dataclass(frozen=True)
class _Grid:
    """Cells as the user sees them: (line or row number, cells) in order, and how to name a place in them."""

    rows: list[tuple[int, list[str]]]
    unit: str
    sheet: str | None
    ragged: bool  # CSV: rows may have fewer or more cells than the header


class _Place:
    """Raises TableError for one file, naming lines or sheet rows as the file's reader sees them."""

    def __init__(self, name: str, unit: str = "line", sheet: str | None = None):
        self.name, self.unit, self.sheet = name, unit, sheet

    def error(self, line: int | None, problem: str, **values) -> TableError:
        """`problem` is a message template (N_) filled with `values`."""
        return TableError(self.name, line, problem, unit=self.unit, sheet=self.sheet, values=values)


# --- reading ------------------------------------------------------------------------------------------


def read_pairs(path: str | Path, sheet: str | None = None) -> list[PairRow]:
    """Read and validate the table; raise TableError on the first structural problem."""
    return read_table_file(path, sheet).rows


def read_table_file(path: str | Path, sheet: str | None = None) -> Table:
    """The table in a file, its size checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.TABLE_BYTES:
            raise _too_big(str(path), size)
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError(
            str(path), None, N_("cannot read the file ({reason})"), values={"reason": str(exc.strerror or exc)}
        ) from None
    return read_table(raw, str(path), sheet)


def read_table(data: bytes, name: str, sheet: str | None = None) -> Table:
    """The table in `data`, a file named `name` (its extension says the format; the content must agree).
    Errors name `name` as given, so the app can pass the uploaded file's own name."""
    if len(data) > limits.TABLE_BYTES:
        raise _too_big(name, len(data))
    # A zip holding a workbook is read as the workbook it is, whatever its name says (an .xlsx saved as .ods,
    # a workbook renamed .csv); other content is what the name says it is: CSV, or a workbook that is not one.
    suffix = Path(name).suffix.casefold()
    kind = _sniff(data) if data.startswith(b"PK\x03\x04") else SPREADSHEETS.get(suffix, "CSV")
    kind = SPREADSHEETS.get(suffix, "CSV") if kind == "CSV" else kind
    if kind == "CSV":
        if sheet is not None:
            raise TableError(name, None, f"--sheet {sheet!r} was given, but this is a CSV file, which has no sheets")
        text, encoding = decode(data, name)
        grid = _csv_grid(text)
        rows, headings = _parse(grid, _Place(name))
        return Table(rows, name, "CSV", encoding=encoding, headings=headings)
    grid = _sheet_grid(data, name, kind, sheet)
    rows, headings = _parse(grid, _Place(name, "row", grid.sheet))
    return Table(rows, name, kind, sheet=grid.sheet, headings=headings)


def _too_big(name: str, size: int) -> TableError:
    return TableError(
        name,
        None,
        N_(
            "the file is {size}; a pairs table may be at most {limit} MB (the programme's 46 rows take 2 KB): keep "
            "only the pairs table in it, or save that sheet as CSV UTF-8"
        ),
        values={"size": limits.megabytes(size), "limit": limits.TABLE_MB},
    )


def _sniff(data: bytes) -> str:
    """What a zip holds: 'XLSX' or 'ODS' when it is a workbook, else 'CSV' (the name then decides)."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return "CSV"
    if "xl/workbook.xml" in names:
        return "XLSX"
    if "content.xml" in names:
        return "ODS"
    return "CSV"


# --- CSV ----------------------------------------------------------------------------------------------

_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
_THAI = "\u0e01-\u0e5b"
# A Thai vowel sign or tone mark must sit on a Thai character; a Thai character glued to a Latin letter is not
# Thai writing either. Both happen when a Western (Windows-1252, Latin-1) file is read as cp874: é becomes ้.
_NOT_THAI = re.compile(rf"(?<![{_THAI}])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|[A-Za-z][{_THAI}]|[{_THAI}][A-Za-z]")
CP874 = "cp874 (Thai Windows, TIS-620)"


def reads_as_thai(text: str) -> bool:
    """Text decoded as cp874 that holds Thai and reads as Thai writing."""
    return bool(_THAI_LETTER.search(text)) and not _NOT_THAI.search(text)


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was read in, tried in a strict order: UTF-8 with a BOM, UTF-16 with a BOM
    (Excel's "Unicode Text"), UTF-8, then cp874 (Thai Windows, a superset of TIS-620) when the bytes decode as
    cp874 and read as Thai. Anything else is refused naming the line of the first byte UTF-8 cannot read."""
    if raw.startswith(codecs.BOM_UTF8):
        # Strip the BOM before decoding: with "utf-8-sig" the error offset excludes it, which named the
        # wrong line (and byte) when a BOM file held a bad byte early in a line.
        return _utf8(raw[len(codecs.BOM_UTF8) :], name, bom=True), "UTF-8 with BOM"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise TableError(
                name, None, N_("starts as UTF-16 text but is not; {save_as}"), values={"save_as": SAVE_AS}
            ) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc
    try:
        text = raw.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_thai(text):
        return text, CP874
    raise _not_text(raw, first_bad, name)


def _utf8(body: bytes, name: str, *, bom: bool) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_text(body, exc, name) from None


def _not_text(body: bytes, exc: UnicodeDecodeError, name: str) -> TableError:
    line = body[: exc.start].count(b"\n") + 1
    return TableError(
        name,
        line,
        N_("not UTF-8 (byte {byte}), nor Thai Windows text (cp874); save the file as CSV UTF-8"),
        values={"byte": f"0x{body[exc.start]:02x}"},
    )


def _csv_grid(text: str) -> _Grid:
    first = [line for line in text.splitlines()[:20] if line.strip()]
    # The delimiter is the one that makes a first line a header we know (Excel writes ';' in some locales and
    # tabs as "Unicode Text"); else a comma, and the header check says what is wrong.
    delimiter = next(
        (
            d
            for d in (",", "\t", ";")
            if any(_header_form([c.strip() for c in next(csv.reader([line], delimiter=d))]) for line in first)
        ),
        ",",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, [cell.strip() for cell in cells]))
        if len(rows) > limits.ROWS + 100:
            break  # _parse says the table is too long; no need to read the rest
    return _Grid(rows, "line", None, ragged=True)


# --- workbooks ----------------------------------------------------------------------------------------


def _not_a_workbook(name: str, kind: str, raw: bytes) -> TableError:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return TableError(
            name,
            None,
            N_(
                "is an Excel 97-2003 workbook (.xls) or a password-protected one, which border_map does not read; "
                "open it in Excel and save it as .xlsx (Excel Workbook) without a password, or as CSV UTF-8"
            ),
            values={},
        )
    return TableError(
        name,
        None,
        N_(
            "is not an {kind} workbook ({kind} files are zip archives of the sheets; this one is not: damaged, or "
            "another kind of file renamed); {save_as}"
        ),
        values={"kind": kind, "save_as": SAVE_AS},
    )


def checked_zip(raw: bytes, name: str, kind: str) -> bytes:
    """The workbook's parts re-packed uncompressed, once their sizes are known to be within the limits.

    The sizes the archive declares are summed before anything is inflated; each part is then inflated by
    Python's zipfile, which stops at the declared size and checks the CRC, so a part that lies about its size
    is refused too. The spreadsheet reader gets the stored copy and never inflates anything itself."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _not_a_workbook(name, kind, raw) from None
    if len(infos) > limits.ZIP_ENTRIES:
        raise TableError(
            name,
            None,
            N_("holds {parts} parts; a workbook has a few dozen (limit {limit}); {save_as}"),
            values={"parts": f"{len(infos):,}", "limit": limits.ZIP_ENTRIES, "save_as": SAVE_AS},
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.INFLATED_BYTES:
        raise TableError(
            name,
            None,
            N_(
                "inflates to {size} (the sizes its zip directory declares); a workbook may inflate to at most "
                "{limit} MB: keep only the pairs table in it, or save that sheet as CSV UTF-8"
            ),
            values={"size": limits.megabytes(declared), "limit": limits.INFLATED_MB},
        )
    names = {info.filename for info in infos}
    if kind == "XLSX" and "xl/workbook.xml" not in names:
        raise TableError(
            name,
            None,
            N_("is a zip archive but not an Excel workbook (no xl/workbook.xml); {save_as}"),
            values={"save_as": SAVE_AS},
        )
    if kind == "ODS" and "content.xml" not in names:
        raise TableError(
            name,
            None,
            N_("is a zip archive but not an OpenDocument spreadsheet (no content.xml); {save_as}"),
            values={"save_as": SAVE_AS},
        )
    stored = io.BytesIO()
    try:
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as clean:
            for info in infos:
                if not info.is_dir():
                    clean.writestr(info.filename, _inflated(archive, info))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise TableError(
            name,
            None,
            N_("is a damaged or encrypted {kind} workbook ({reason}); {save_as}"),
            values={"kind": kind, "reason": str(exc), "save_as": SAVE_AS},
        ) from None
    return stored.getvalue()


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One part, inflated a chunk at a time: zipfile stops at the declared size (and checks the CRC), and a chunk
    bounds what one step inflates (a whole-part read() would inflate a lying part in one go)."""
    chunks, size = [], 0
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            size += len(chunk)
            if size > info.file_size:  # zipfile does not let this happen; never rely on one check alone
                raise zipfile.BadZipFile(f"{info.filename} inflates beyond its declared size")
            chunks.append(chunk)
    return b"".join(chunks)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return ""
    return str(value).strip()


def _sheet_grid(raw: bytes, name: str, kind: str, sheet: str | None) -> _Grid:
    clean = checked_zip(raw, name, kind)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(clean))
        sheets = [m.name for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        visible = [
            m.name
            for m in book.sheets_metadata
            if m.typ == python_calamine.SheetTypeEnum.WorkSheet
            and m.visible == python_calamine.SheetVisibleEnum.Visible
        ]
        if sheet is not None and sheet not in sheets:
            listed = ", ".join(f"'{s}'" for s in sheets) or "none"
            raise TableError(name, None, f"has no sheet named '{sheet}'; its sheets: {listed}")
        chosen = sheet if sheet is not None else (visible or sheets or [None])[0]
        if chosen is None:
            raise TableError(name, None, N_("has no worksheet; put the pairs table on the first sheet"), values={})
        data = book.get_sheet_by_name(chosen)
        merged = data.merged_cell_ranges or []
        rows: list[tuple[int, list[str]]] = []
        # From cell A1 (not from the first cell holding a value), so row numbers are the ones the sheet shows.
        for number, cells in enumerate(data.to_python(skip_empty_area=False), 1):
            rows.append((number, [_cell(v) for v in cells]))
            if len(rows) > limits.ROWS + 100:
                break
    except TableError:
        raise
    except Exception as exc:  # the reader's own errors (CalamineError, XmlError, ...): a damaged workbook
        raise TableError(
            name,
            None,
            N_("cannot be read as an {kind} workbook (the spreadsheet reader said: {reason}); {save_as}"),
            values={"kind": kind, "reason": str(exc), "save_as": SAVE_AS},
        ) from None
    _fill_merged(rows, merged)
    return _Grid(rows, "row", chosen, ragged=False)


def _fill_merged(rows: list[tuple[int, list[str]]], merged: list) -> None:
    """A merged range shows its first cell's value across the range: read it so."""
    by_number = dict(rows)
    for (r0, c0), (r1, c1) in merged:
        top = by_number.get(r0 + 1)
        if top is None or c0 >= len(top):
            continue
        value = top[c0]
        for r in range(r0 + 1, r1 + 2):
            cells = by_number.get(r)
            if cells is None:
                continue
            for c in range(c0, min(c1 + 1, len(cells))):
                if not cells[c]:
                    cells[c] = value


# --- the rows -----------------------------------------------------------------------------------------


def _norm(heading: str) -> str:
    return " ".join(heading.replace("\ufeff", "").strip().rstrip(".").casefold().split())


def _trimmed(cells: list[str]) -> tuple[int, list[str]]:
    """(first column used, the cells from there to the last one holding a value)."""
    used = [i for i, cell in enumerate(cells) if cell]
    if not used:
        return 0, []
    return used[0], cells[used[0] : used[-1] + 1]


def _header_form(cells: list[str]) -> str | None:
    """'project', 'LAO' or 'KHM' (the document's sections) when `cells` is a header we know."""
    _, cells = _trimmed(cells)
    if sorted(cells) == sorted(COLUMNS):
        return "project"
    normalised = tuple(_norm(c) for c in cells)
    for country, headings in DOCUMENT_HEADINGS.items():
        if normalised == headings:
            return country
    return None


def _parse(grid: _Grid, place: _Place) -> tuple[list[PairRow], str]:
    rows = [(n, cells) for n, cells in grid.rows if any(cells)]
    if not rows:
        raise place.error(None, N_("the file is empty; expected a header and rows"))
    # Title lines before the header (a sheet's heading, "Lao PDR") hold one value; the header holds several.
    start = next((i for i, (_n, cells) in enumerate(rows) if sum(1 for c in cells if c) > 1), None)
    if start is None:
        raise place.error(rows[0][0], N_("no header row found; {expected}"), expected=EXPECTED_HEADER)
    number, header = rows[start]
    form = _header_form(header)
    if form is None:
        template, values = _header_problem(header)
        raise place.error(number, template, **values)
    if form == "project":
        records = _project_records(rows[start:], grid, place)
    else:
        records = _document_records(rows[start:], grid, place)
    if not records:
        raise place.error(None, N_("the table has a header but no rows"))
    if len(records) > limits.ROWS:
        raise place.error(
            None,
            N_("has more than {limit} rows, the limit for a pairs table; check that only the table is in it"),
            limit=f"{limits.ROWS:,}",
        )
    return _pairs(records, place), "project" if form == "project" else "document"


def _header_problem(header: list[str]) -> tuple[str, dict]:
    """The header's problem as a message template and its values."""
    _, cells = _trimmed(header)
    if not any("_" in c for c in cells):
        return (
            N_("the header is not one border_map knows (found: {found}); {expected}"),
            {"found": " | ".join(cells), "expected": EXPECTED_HEADER},
        )
    missing = ", ".join(c for c in COLUMNS if c not in cells)
    extra = ", ".join(repr(c) for c in cells if c not in COLUMNS)
    values = {"missing": missing, "extra": extra, "header": ",".join(COLUMNS)}
    if missing and extra:
        return N_("missing columns: {missing}; unexpected columns: {extra}; expected header: {header}"), values
    if missing:
        return N_("missing columns: {missing}; expected header: {header}"), values
    if extra:
        return N_("unexpected columns: {extra}; expected header: {header}"), values
    return N_("a column is repeated; expected header: {header}"), values


def _cells_of(number: int, cells: list[str], col0: int, width: int, place: _Place, *, whole: bool) -> list[str]:
    """The row's cells under the header; a value outside the header's columns is an error, and so is a short
    row when `whole` (a CSV in the project's form, where each line must have every cell)."""
    if whole and (len(cells) < col0 + width or any(cells[col0 + width :])):
        raise place.error(number, N_("{cells} cells, expected {width}"), cells=len(cells) - col0, width=width)
    outside = [c for c in cells[:col0] + cells[col0 + width :] if c]
    if outside:
        raise place.error(number, N_("a value outside the table's columns ({value})"), value=repr(outside[0]))
    row = cells[col0 : col0 + width]
    return row + [""] * (width - len(row))


def _project_records(rows, grid: _Grid, place: _Place) -> list[tuple[int, dict, dict]]:
    (_, header), *body = rows
    col0, names = _trimmed(header)
    records = []
    for number, cells in body:
        row = _cells_of(number, cells, col0, len(names), place, whole=grid.ragged)
        record = dict(zip(names, row, strict=True))
        records.append((number, record, {c: f"'{c}'" for c in COLUMNS}))
        if len(records) > limits.ROWS:
            break
    return records


def _document_records(rows, grid: _Grid, place: _Place) -> list[tuple[int, dict, dict]]:
    """The document's form: sections (a header per country, a title line before it), continuation rows."""
    records: list[tuple[int, dict, dict]] = []
    country, col0, labels, previous = None, 0, {}, None
    for index, (number, cells) in enumerate(rows):
        form = _header_form(cells)
        if form in DOCUMENT_HEADINGS:
            col0, written = _trimmed(cells)
            country, previous = form, None
            labels = {key: f"'{text}'" for key, text in zip(DOCUMENT_COLUMNS, written, strict=True)}
            labels["nb_country"] = "the country (from the header)"
            continue
        values = [c for c in cells if c]
        following = next((c for _n, c in rows[index + 1 :]), None)
        if len(values) == 1 and not values[0].isdigit() and following is not None and _header_form(following):
            continue  # a section's title ("Cambodia") before its header
        row = _cells_of(number, cells, col0, len(DOCUMENT_COLUMNS), place, whole=False)
        record = dict(zip(DOCUMENT_COLUMNS, row, strict=True))
        if not record["no"]:  # continues the row above (the document's merged cells)
            if previous is None:
                raise place.error(number, N_("empty cell in required column {column}"), column=labels["no"])
            for key in ("no", "thai_province", "thai_district", "nb_province"):
                record[key] = record[key] or previous[key]
        record["nb_country"] = country
        previous = record
        records.append((number, record, labels))
        if len(records) > limits.ROWS:
            break
    return records


def _pairs(records: list[tuple[int, dict, dict]], place: _Place) -> list[PairRow]:
    """The pairs; every row is checked, and the first problem is raised with those of later rows (`more`, up to
    ROW_ERRORS), so a table with several broken rows is fixed in one go."""
    rows: list[PairRow] = []
    errors: list[TableError] = []
    seen: dict[tuple, int] = {}
    per_no: dict[int, int] = {}
    for line, record, labels in records:
        try:
            rows.append(_pair(line, record, labels, place, seen, per_no))
        except TableError as exc:
            errors.append(exc)
            if len(errors) >= ROW_ERRORS:
                break
    if errors:
        first = errors[0]
        first.more = errors[1:]
        raise first
    return rows


def _pair(line: int, record: dict, labels: dict, place: _Place, seen: dict, per_no: dict) -> PairRow:
    for col in COLUMNS:
        if not record[col]:
            raise place.error(line, N_("empty cell in required column {column}"), column=labels[col])
    try:
        no = int(record["no"])
    except ValueError:
        raise place.error(
            line, N_("{column} must be a whole number, got {value}"), column=labels["no"], value=repr(record["no"])
        ) from None
    if no < 1:
        raise place.error(line, N_("{column} must be 1 or more, got {value}"), column=labels["no"], value=no)
    country = record["nb_country"].upper()
    if country not in COUNTRIES:
        raise place.error(line, N_("unknown nb_country {value}; use LAO or KHM"), value=repr(record["nb_country"]))
    key = (
        record["thai_province"].casefold(),
        record["thai_district"].casefold(),
        country,
        record["nb_province"].casefold(),
        record["nb_district"].casefold(),
    )
    if key in seen:
        if place.unit == "row":
            raise place.error(line, N_("repeats the pair on row {other}"), other=seen[key])
        raise place.error(line, N_("repeats the pair on line {other}"), other=seen[key])
    seen[key] = line
    per_no[no] = per_no.get(no, 0) + 1
    return PairRow(
        pair_id=f"{no:02d}-{per_no[no]}",
        line=line,
        no=no,
        thai_province=record["thai_province"],
        thai_district=record["thai_district"],
        nb_country=country,
        nb_province=record["nb_province"],
        nb_district=record["nb_district"],
    )
