"""The reviewed Thai forms of the neighbours' places (`data/names_th.csv`), read once.

One row per place the product names in Thai that the Thai boundary source (RTSD) does not name: every
neighbour province and district of the pairs table (keyed by the table's spelling) and every boundary-layer
district a finding can name (keyed by the boundary source's spelling). Each row carries:

- `name_th`: the one Thai form every output writes, without its level word (the app adds that);
- `unit`: what kind of unit it is where that is not a plain district or province: `krong` for a Cambodian
  town (krong), titled เมือง in Thai, not อำเภอ; `capital` for Vientiane Capital, whose Thai form carries its
  own title (นครหลวง);
- `also`: other Thai forms in official use, `|`-separated: never written, but accepted wherever a place is
  typed or linked (resolve.provinces_of);
- `basis`: `usage` when the form is established in Thai government or news usage; `transcribed` when no
  form is established and border_map transcribed the Lao or Khmer spelling: a table or a tooltip then gives
  the romanised name beside it (localnames.PlaceNames.place);
- `source` and `note`: where the form comes from and what else a reader should know.

A malformed row stops the app at once (ThaiFormError), rather than showing a half-reviewed name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from border_map.errors import BorderMapError
from border_map.names import is_thai_script
from border_map.paths import NAMES_TH_CSV

UNITS = ("", "krong", "capital")
BASES = ("usage", "transcribed")
COLUMNS = ("country", "level", "name", "name_th", "unit", "also", "basis", "source", "note")


class ThaiFormError(BorderMapError):
    """A row of names_th.csv that cannot be used as it stands."""


@dataclass(frozen=True)
class ThaiForm:
    name_th: str
    unit: str = ""
    also: tuple[str, ...] = ()
    established: bool = True


def _form(row: dict, line: int) -> ThaiForm:
    name_th, unit, basis = row["name_th"].strip(), row["unit"].strip(), row["basis"].strip()
    also = tuple(a.strip() for a in row["also"].split("|") if a.strip())
    problems = []
    if row["country"] not in ("LAO", "KHM") or row["level"] not in ("district", "province"):
        problems.append("country must be LAO or KHM and level district or province")
    if not is_thai_script(name_th) or not all(is_thai_script(a) for a in also):
        problems.append("name_th and also must be Thai script")
    if unit not in UNITS or basis not in BASES:
        problems.append(f"unit must be one of {UNITS} and basis one of {BASES}")
    if not row["source"].strip():
        problems.append("every form needs its source")
    if problems:
        raise ThaiFormError(f"{NAMES_TH_CSV.name} line {line} ({row['name']}): " + "; ".join(problems))
    return ThaiForm(name_th, unit, also, basis == "usage")


@cache
def thai_forms() -> dict[tuple[str, str, str], ThaiForm]:
    """(country, level, name as in the table or, for a place the table does not list, the boundary source)
    -> its reviewed Thai form."""
    with NAMES_TH_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ThaiFormError(f"{NAMES_TH_CSV.name}: columns must be {', '.join(COLUMNS)}")
        forms: dict[tuple[str, str, str], ThaiForm] = {}
        for line, row in enumerate(reader, start=2):
            key = (row["country"], row["level"], row["name"])
            if key in forms:
                raise ThaiFormError(f"{NAMES_TH_CSV.name} line {line}: {key} is listed twice")
            forms[key] = _form(row, line)
    return forms


def thai_form(country: str, level: str, name: str) -> ThaiForm | None:
    return thai_forms().get((country, level, name))
