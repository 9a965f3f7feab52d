"""Findings: doubts about the source table, stated in plain language, never silently fixed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from border_map.i18n import N_, plural

if TYPE_CHECKING:  # the table reader belongs to the build; the app only reads findings
    from border_map.pipeline.table import PairRow

ADJACENCY_KM = 1.0
WARNING_KINDS = {"numbering", "district_count", "unmatched", "province_mismatch", "not_adjacent"}


DISTRICT_COUNT = N_(
    "The programme text speaks of {stated} target districts, but the table lists {listed} distinct Thai districts."
)


@dataclass
class Finding:
    """`template` is an English message id with `{name}` placeholders filled from `values`: the report
    keeps both, so a page can say the same finding in Thai; `message` is the English sentence. A finding
    that counts something has the plural form too (`plural`), and its count as `values["count"]`: the report
    carries both forms, as a catalogue does, and the reader's language picks one (findings_text.describe)."""

    kind: str
    template: str
    values: dict = field(default_factory=dict)
    pair_ids: list[str] = field(default_factory=list)
    # Values that name places, as references (localnames.PlaceNames.named): a page in Thai writes those names in
    # Thai script, where the English sentence in `message` keeps the table's and the source's spellings.
    places: dict = field(default_factory=dict)
    plural: str = ""  # the English plural of `template`, for a count other than one

    @property
    def severity(self) -> str:
        return "warning" if self.kind in WARNING_KINDS else "info"

    @property
    def message(self) -> str:
        one = not self.plural or self.values["count"] == 1
        return (self.template if one else self.plural).format(**self.values)

    def as_dict(self) -> dict:
        found = {**asdict(self), "message": self.message, "severity": self.severity}
        if not self.plural:
            del found["plural"]  # a report's findings without a count read as before
        return found


def numbering_findings(rows: list[PairRow]) -> list[Finding]:
    """Gaps in 1..max(no), and one number used for different Thai districts."""
    out: list[Finding] = []
    numbers = sorted({row.no for row in rows})
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    if missing:
        one, more = plural(
            "The numbering skips {missing}: rows run from 1 to {last} but {count} number never appears.",
            "The numbering skips {missing}: rows run from 1 to {last} but {count} numbers never appear.",
        )
        out.append(
            Finding(
                "numbering",
                one,
                {"missing": ", ".join(map(str, missing)), "last": numbers[-1], "count": len(missing)},
                plural=more,
            )
        )
    districts_by_no: dict[int, set] = defaultdict(set)
    ids_by_no: dict[int, list[str]] = defaultdict(list)
    numbers_by_district: dict[tuple, set] = defaultdict(set)
    for row in rows:
        districts_by_no[row.no].add((row.thai_province, row.thai_district))
        ids_by_no[row.no].append(row.pair_id)
        numbers_by_district[(row.thai_province, row.thai_district)].add(row.no)
    for no, districts in sorted(districts_by_no.items()):
        if len(districts) > 1:
            listed = sorted(districts)
            names = " and ".join(f"{d} ({p})" for p, d in listed)
            out.append(
                Finding(
                    "numbering",
                    N_("Number {no} is used for different Thai districts: {names}."),
                    {"no": no, "names": names},
                    ids_by_no[no],
                    # Named again in the reader's language, and joined with its "and" (findings_text.describe).
                    {"names": ["and", [[["district", "THA", p, d], ["province", "THA", p]] for p, d in listed]]},
                )
            )
    for (province, district), nos in sorted(numbers_by_district.items()):
        if len(nos) > 1:
            ids = [r.pair_id for r in rows if (r.thai_province, r.thai_district) == (province, district)]
            out.append(
                Finding(
                    "numbering",
                    N_("{district} ({province}) appears under several numbers: {numbers}."),
                    {"district": district, "province": province, "numbers": ", ".join(map(str, sorted(nos)))},
                    ids,
                    {"district": ["district", "THA", province, district], "province": ["province", "THA", province]},
                )
            )
    return out


def district_count_finding(rows: list[PairRow], stated: int | None) -> list[Finding]:
    listed = len({(row.thai_province, row.thai_district) for row in rows})
    if stated is None or stated == listed:
        return []
    return [
        Finding(
            "district_count",
            DISTRICT_COUNT,
            {"stated": stated, "listed": listed},
        )
    ]
