"""Place names in the reader's language.

In English every place keeps the table's spelling. In Thai, Thai districts and provinces take their
Thai-script names from the boundary source (RTSD's ADM2_TH/ADM1_TH); neighbour provinces and districts
take them from `data/names_th.csv`, a reviewed table with a source and note per row. A neighbour name
nobody reviewed stays in Latin script: a made-up transliteration would look authoritative and be wrong.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from border_map.i18n import Translator
from border_map.model.dataset import Dataset
from border_map.model.memo import memo
from border_map.model.queries import COUNTRY_NAMES
from border_map.model.resolve import provinces_of
from border_map.paths import NAMES_TH_CSV

# Thai words for the administrative levels: a Lao district is a เมือง, a Lao province a แขวง.
_LEVEL_WORDS = {
    ("THA", "district"): "อำเภอ",
    ("THA", "province"): "จังหวัด",
    ("LAO", "district"): "เมือง",
    ("LAO", "province"): "แขวง",
    ("KHM", "district"): "อำเภอ",
    ("KHM", "province"): "จังหวัด",
}
_ALREADY_TITLED = ("นครหลวง", "กรุงเทพ")


@cache
def reviewed() -> dict[tuple[str, str, str], str]:
    """(country, level, name as in the table) -> reviewed Thai form."""
    with NAMES_TH_CSV.open(encoding="utf-8", newline="") as handle:
        return {(r["country"], r["level"], r["name"]): r["name_th"].strip() for r in csv.DictReader(handle)}


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class PlaceNames:
    """Names for one language over one dataset; ask `place_names(data, lang)` for the shared one."""

    lang: str
    thai_districts: dict[tuple[str, str], str]  # (province, district) as stated -> Thai script
    thai_provinces: dict[str, str]  # province as stated -> Thai script
    source_provinces: dict[tuple[str, str], str]  # (country, province as in the source) -> Thai script
    features: dict[str, str]  # district feature id -> Thai script

    @property
    def thai(self) -> bool:
        return self.lang == "th"

    def district(self, country: str, province: str, district: str) -> str:
        if not self.thai:
            return district
        if country == "THA":
            return self.thai_districts.get((province, district), district)
        return reviewed().get((country, "district", district), district)

    def province(self, country: str, name: str) -> str:
        if not self.thai:
            return name
        if country == "THA":
            return self.thai_provinces.get(name, name)
        return reviewed().get((country, "province", name), name)

    def source_province(self, country: str, name: str) -> str:
        """A province as the boundary source spells it (the map's context layer)."""
        return self.source_provinces.get((country, name), name) if self.thai else name

    def feature(self, feature_id: str, fallback: str) -> str:
        return self.features.get(feature_id, fallback) if self.thai else fallback

    def titled(self, country: str, level: str, name: str) -> str:
        """With the Thai level word (อำเภอเชียงคาน, แขวงคำม่วน); a Latin name is set off by a space."""
        if not self.thai or name.startswith(_ALREADY_TITLED):
            return name
        word = _LEVEL_WORDS[(country, level)]
        return f"{word}{name}" if "\u0e00" <= name[:1] <= "\u0e7f" else f"{word} {name}"

    def named(self, ref: object, tr: Translator) -> str | None:
        """A place a finding names (findings.Finding.places), with its level word in Thai: a district or
        province as the table states it, or as the boundary source names it (`source_district`, by its
        feature id), or a list of source districts with their provinces. None for a reference of another form
        (a report from a later version): the finding then keeps its own spelling."""
        match ref:
            case ["district", str(country), str(province), str(district)]:
                level, name = "district", self.district(country, province, district)
            case ["province", str(country), str(province)]:
                level, name = "province", self.province(country, province)
            case ["source_district", str(country), str(feature_id), str(district)]:
                level, name = "district", self.feature(feature_id, district)
            case ["source_province", str(country), str(province)]:
                level, name = "province", self.source_province(country, province)
            case ["source_districts", list(items)] if all(isinstance(i, list) and len(i) == 4 for i in items):
                parts = [
                    (self.named(["source_district", c, f, d], tr), self.named(["source_province", c, p], tr))
                    for c, f, d, p in items
                ]
                if any(None in part for part in parts):
                    return None
                return ", ".join(tr("{district} ({province})", district=d, province=p) for d, p in parts)
            case _:
                return None
        return self.titled(country, level, name) if (country, level) in _LEVEL_WORDS else None

    def place(self, tr: Translator, country: str, province: str, district: str, with_country: bool = False) -> str:
        """One district with its province and, abroad or when asked, its country, as the language writes it."""
        d = self.titled(country, "district", self.district(country, province, district))
        p = self.titled(country, "province", self.province(country, province))
        if country == "THA" and not with_country:
            return tr("{district} ({province})", district=d, province=p)
        return tr("{district} ({province}, {country})", district=d, province=p, country=tr(COUNTRY_NAMES[country]))


def place_names(data: Dataset, lang: str) -> PlaceNames:
    return memo(data, ("place_names", lang), lambda: _compute(data, lang))


def _compute(data: Dataset, lang: str) -> PlaceNames:
    if lang != "th":
        return PlaceNames(lang, {}, {}, {}, {})  # English shows the table's own names
    districts = data.districts.set_index("feature_id")
    thai_districts: dict[tuple[str, str], str] = {}
    for link in data.links.itertuples():
        fid = link.thai_feature_id
        if isinstance(fid, str) and fid in districts.index:
            name = _text(districts.at[fid, "name_th"]) if "name_th" in districts.columns else None
            if name:
                thai_districts[(link.thai_province, link.thai_district)] = name
    index = provinces_of(data.links, data.districts)
    thai_provinces = {p.name: p.name_th for p in index if p.country == "THA" and p.name_th}
    source_provinces = {}
    for p in index:
        th = p.name_th if p.country == "THA" else reviewed().get((p.country, "province", p.name))
        if th and p.source_name:
            source_provinces[(p.country, p.source_name)] = th
    if data.provinces is not None and "name_th" in data.provinces.columns:
        for row in data.provinces.itertuples():
            name = _text(row.name_th)
            if name:
                source_provinces.setdefault((row.country, row.province), name)
    features = {}
    for row in data.districts.itertuples():
        name = _text(getattr(row, "name_th", None))
        if name:
            features[row.feature_id] = name
    for link in data.links.itertuples():
        fid = link.nb_feature_id
        th = reviewed().get((link.nb_country, "district", link.nb_district))
        if isinstance(fid, str) and th:
            features.setdefault(fid, th)
    return PlaceNames(lang, thai_districts, thai_provinces, source_provinces, features)
