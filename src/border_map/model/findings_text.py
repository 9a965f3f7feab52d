"""Findings said in the reader's language: the build stores each finding's English template and values
(pipeline/findings.py makes them); pages, exports and the deck phrase them here."""

from __future__ import annotations

from border_map.i18n import N_
from border_map.model.localnames import place_names

# What each kind is called where findings are listed (the map's tooltips, the pairs table).
KIND_LABELS = {
    "numbering": N_("numbering"),
    "district_count": N_("district count"),
    "unmatched": N_("unmatched"),
    "fuzzy_match": N_("matched by similarity"),
    "province_mismatch": N_("province differs"),
    "not_adjacent": N_("not adjacent"),
    "unlisted_neighbour": N_("unlisted neighbour"),
}


def finding_labels(kinds, tr) -> str:
    """A link's finding kinds (`["not_adjacent"]`) as words in the reader's language."""
    if not isinstance(kinds, list):
        return kinds or ""
    return ", ".join(tr(KIND_LABELS[k]) if k in KIND_LABELS else k for k in kinds)


def describe(finding: dict, tr, data=None, spelling: bool = False) -> str:
    """A finding in the reader's language, its places named as that language and the table name them when the
    dataset (`data`) is given; `spelling` (the Data page, where the difference is the point) adds the boundary
    source's own spelling in parentheses where it differs from the table's. A report written before findings
    had templates says it in English."""
    template = finding.get("template")
    if not template:
        return finding["message"]
    values = finding.get("values", {})
    if finding.get("places") and data is not None:
        names = place_names(data, tr.lang)
        named = {key: _named(names, ref, tr, spelling) for key, ref in finding["places"].items() if key in values}
        values = {**values, **{key: text for key, text in named.items() if text is not None}}
    if finding.get("plural"):  # both forms kept by the build: the language picks one for the count
        rest = {key: value for key, value in values.items() if key != "count"}
        return tr.plural(template, finding["plural"], values["count"], **rest)
    return tr(template, **values)


def _named(names, ref: object, tr, spelling: bool = False) -> str | None:
    """A place reference, or a list of districts with their provinces (`["and", [[district, province], …]]`)
    joined as the language joins a list: "A (P) and B (P)" / "อำเภอก จังหวัดข และอำเภอค จังหวัดง"."""
    match ref:
        case ["and", list(items)] if items and all(isinstance(i, list) and len(i) == 2 for i in items):
            parts = [(names.named(d, tr, spelling), names.named(p, tr, spelling)) for d, p in items]
            if any(None in part for part in parts):
                return None
            return tr.and_list(tr("{district} ({province})", district=d, province=p) for d, p in parts)
        case _:
            return names.named(ref, tr, spelling)
