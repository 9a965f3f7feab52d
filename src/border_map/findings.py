"""Findings: doubts about the source table, stated in plain language, never silently fixed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from .table import PairRow

ADJACENCY_KM = 1.0
WARNING_KINDS = {"numbering", "district_count", "unmatched", "province_mismatch", "not_adjacent"}


@dataclass
class Finding:
    kind: str
    message: str
    pair_ids: list[str] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return "warning" if self.kind in WARNING_KINDS else "info"

    def as_dict(self) -> dict:
        return {**asdict(self), "severity": self.severity}


def numbering_findings(rows: list[PairRow]) -> list[Finding]:
    """Gaps in 1..max(no), and one number used for different Thai districts."""
    out: list[Finding] = []
    numbers = sorted({row.no for row in rows})
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    if missing:
        out.append(
            Finding(
                "numbering",
                f"The numbering skips {', '.join(map(str, missing))}: rows run from 1 to {numbers[-1]} "
                f"but {len(missing)} number(s) never appear.",
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
            names = " and ".join(f"{d} ({p})" for p, d in sorted(districts))
            out.append(
                Finding("numbering", f"Number {no} is used for different Thai districts: {names}.", ids_by_no[no])
            )
    for (province, district), nos in sorted(numbers_by_district.items()):
        if len(nos) > 1:
            ids = [r.pair_id for r in rows if (r.thai_province, r.thai_district) == (province, district)]
            out.append(
                Finding(
                    "numbering",
                    f"{district} ({province}) appears under several numbers: {', '.join(map(str, sorted(nos)))}.",
                    ids,
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
            f"The programme text speaks of {stated} target districts, but the table lists {listed} "
            f"distinct Thai districts.",
        )
    ]
