"""A revised table against the served one: the pairs added, removed and changed.

Pairs are compared by their Thai district and its counterpart (the parallel area), as written, ignoring case,
spaces and accents (names.normalise): the two names say which pair a row is, whatever its number or provinces. A
pair in both tables whose number, provinces, country or match differs is changed, field by field. Pure: frames in,
records out; the Data & sources page shows them for an uploaded table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from border_map.i18n import N_
from border_map.names import normalise

# The fields compared, and their names as the page shows them.
FIELDS = {
    "no": N_("No."),
    "thai_province": N_("Thai province"),
    "nb_country": N_("Neighbouring country"),
    "nb_province": N_("Neighbouring province"),
    "status": N_("Match"),
}


@dataclass(frozen=True)
class Change:
    key: tuple[str, str]
    pair_id: str  # in the revised table
    thai_district: str
    nb_district: str
    field: str
    served: str
    revised: str


@dataclass
class Differences:
    added: list[dict] = field(default_factory=list)  # links of the revised table (as_stated fields + pair_id)
    removed: list[dict] = field(default_factory=list)  # links of the served table
    changed: list[Change] = field(default_factory=list)

    @property
    def changed_pairs(self) -> list[str]:
        """The revised table's pair ids with a change, in order, once each."""
        return list(dict.fromkeys(change.pair_id for change in self.changed))

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _key(row: dict) -> tuple[str, str]:
    return normalise(str(row["thai_district"])), normalise(str(row["nb_district"]))


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _records(links: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = {}
    columns = ["pair_id", "thai_district", "nb_district", *FIELDS]
    for row in links[columns].to_dict("records"):
        found.setdefault(_key(row), []).append({key: _text(value) for key, value in row.items()})
    return found


def differences(served: pd.DataFrame, revised: pd.DataFrame) -> Differences:
    """What `revised` (a build's links) adds to, removes from and changes in `served`, in the revised order. A pair
    listed twice under one key is matched in order; extra ones are added or removed."""
    before, after = _records(served), _records(revised)
    out = Differences()
    for key, rows in after.items():
        old = before.get(key, [])
        for index, row in enumerate(rows):
            if index >= len(old):
                out.added.append(row)
                continue
            for name in FIELDS:
                if old[index][name] != row[name]:
                    served, now = old[index][name], row[name]
                    out.changed.append(
                        Change(key, row["pair_id"], row["thai_district"], row["nb_district"], name, served, now)
                    )
    for key, rows in before.items():
        out.removed += rows[len(after.get(key, [])) :]
    return out
