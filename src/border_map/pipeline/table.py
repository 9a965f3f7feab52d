"""The pairs table: one row per (Thai district, parallel area), exactly as the seeds state it.

Structural problems stop the build with the line and the problem named (exit status 2 at the CLI);
content doubts (a wrong province, a gap in the numbering) are findings, reported but never fatal.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

from border_map.errors import TableError

COLUMNS = ("no", "thai_province", "thai_district", "nb_country", "nb_province", "nb_district")
COUNTRIES = {"LAO": "Laos", "KHM": "Cambodia"}


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


def _decode(path: Path, raw: bytes) -> str:
    # Strip the BOM before decoding: with "utf-8-sig" the error offset excludes it, which named the
    # wrong line (and byte) when a BOM file held a bad byte early in a line.
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise TableError(str(path), line, f"not UTF-8 (byte 0x{body[exc.start]:02x}); save the file as UTF-8") from None


def read_pairs(path: str | Path) -> list[PairRow]:
    """Read and validate the table; raise TableError on the first structural problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError(str(path), None, f"cannot read the file ({exc.strerror})") from None
    text = _decode(path, raw)
    if not text.strip():
        raise TableError(str(path), None, "the file is empty; expected a header and rows")

    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra or len(header) != len(COLUMNS):
        parts = []
        if missing:
            parts.append(("missing column " if len(missing) == 1 else "missing columns ") + ", ".join(missing))
        if extra:
            unexpected = "unexpected column " if len(extra) == 1 else "unexpected columns "
            parts.append(unexpected + ", ".join(repr(c) for c in extra))
        if not parts:
            parts.append("a column is repeated")
        raise TableError(str(path), 1, "; ".join(parts) + f"; expected header: {','.join(COLUMNS)}")

    rows: list[PairRow] = []
    seen: dict[tuple, int] = {}
    per_no: dict[int, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            raise TableError(str(path), line, f"{len(cells)} cells, expected {len(COLUMNS)}")
        record = {col: cell.strip() for col, cell in zip(header, cells, strict=True)}
        for col in COLUMNS:
            if not record[col]:
                raise TableError(str(path), line, f"empty cell in required column '{col}'")
        try:
            no = int(record["no"])
        except ValueError:
            raise TableError(str(path), line, f"'no' must be a whole number, got {record['no']!r}") from None
        if no < 1:
            raise TableError(str(path), line, f"'no' must be 1 or more, got {no}")
        country = record["nb_country"].upper()
        if country not in COUNTRIES:
            raise TableError(str(path), line, f"unknown nb_country {record['nb_country']!r}; use LAO or KHM")
        key = (
            record["thai_province"].casefold(),
            record["thai_district"].casefold(),
            country,
            record["nb_province"].casefold(),
            record["nb_district"].casefold(),
        )
        if key in seen:
            raise TableError(str(path), line, f"repeats the pair on line {seen[key]}")
        seen[key] = line
        per_no[no] = per_no.get(no, 0) + 1
        rows.append(
            PairRow(
                pair_id=f"{no:02d}-{per_no[no]}",
                line=line,
                no=no,
                thai_province=record["thai_province"],
                thai_district=record["thai_district"],
                nb_country=country,
                nb_province=record["nb_province"],
                nb_district=record["nb_district"],
            )
        )
    if not rows:
        raise TableError(str(path), None, "the table has a header but no rows")
    return rows
