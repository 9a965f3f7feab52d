"""The reviewed alias table: known spellings of a place mapped to the boundary source's name."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from border_map.errors import BorderMapError
from border_map.names import normalise
from border_map.paths import ALIASES_CSV

FIELDS = ("country", "level", "stated", "source_name", "source_province", "note")


@dataclass(frozen=True)
class Alias:
    country: str
    level: str
    stated: str
    source_name: str
    source_province: str
    note: str


def load_aliases(path: str | Path = ALIASES_CSV) -> list[Alias]:
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise BorderMapError(f"{path}: header must be {','.join(FIELDS)}")
        aliases = []
        for record in reader:
            alias = Alias(**{key: (record[key] or "").strip() for key in FIELDS})
            if not (
                alias.country
                and alias.level in ("district", "province")
                and alias.stated
                and alias.source_name
                and alias.note
            ):
                raise BorderMapError(f"{path}, line {reader.line_num}: incomplete alias {record}")
            aliases.append(alias)
    return aliases


def alias_index(aliases: list[Alias]) -> dict[tuple[str, str, str], list[Alias]]:
    """(country, level, normalised stated name) -> aliases."""
    index: dict[tuple[str, str, str], list[Alias]] = {}
    for alias in aliases:
        index.setdefault((alias.country, alias.level, normalise(alias.stated)), []).append(alias)
    return index
