"""Place names in the reader's language: one name per place in each language.

English writes every place as the pairs table spells it; a district or province the boundary source spells
otherwise (Mayparkngum, Phnum Proek, Bantey Meanchey) is written as the table writes it wherever it is the
same place (the same feature id as a pair's district, the province the table's rows put there), so a finding
beside a table names the place the table names. Only where the difference is the point (the Data page's
findings, `spelling=True`) does the boundary source's spelling follow, in parentheses.

In Thai, Thai districts and provinces take their Thai-script names from the boundary source (RTSD's
ADM2_TH/ADM1_TH); neighbour provinces and districts take them from `data/names_th.csv` (thaiforms), a
reviewed table with a source per row. A name with no row stays in Latin script rather than a made-up
transliteration passing for an established one; where border_map had to transcribe (no form is established),
tables and tooltips give the romanised name beside the Thai (`place(..., romanised=True)`).

Level words go by country and unit: a Thai or Cambodian district is an อำเภอ, a Lao one a เมือง, a
Cambodian krong (Poipet, Pailin) a เมือง; a Lao province a แขวง; Vientiane Capital carries its own title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from border_map.i18n import N_, Translator
from border_map.model.dataset import Dataset
from border_map.model.memo import memo
from border_map.model.queries import COUNTRY_NAMES
from border_map.model.resolve import provinces_of
from border_map.model.thaiforms import thai_form, thai_forms

# Thai words for the administrative levels: a Lao district is a เมือง, a Lao province a แขวง.
_LEVEL_WORDS = {
    ("THA", "district"): "อำเภอ",
    ("THA", "province"): "จังหวัด",
    ("LAO", "district"): "เมือง",
    ("LAO", "province"): "แขวง",
    ("KHM", "district"): "อำเภอ",
    ("KHM", "province"): "จังหวัด",
}
# Units that are not a plain district or province (names_th.csv's `unit`): their Thai word.
_UNIT_WORDS = {"krong": "เมือง", "capital": "นครหลวง"}
_ALREADY_TITLED = ("นครหลวง", "กรุง")  # นครหลวงเวียงจันทน์, กรุงพนมเปญ, กรุงเทพมหานคร
# Row labels of a tooltip in English (Thai labels a row with the level word itself).
_LABELS = {"district": N_("District"), "province": N_("Province"), "krong": N_("Town")}


def reviewed() -> dict[tuple[str, str, str], str]:
    """(country, level, name as in the table or the boundary source) -> reviewed Thai form."""
    return {key: form.name_th for key, form in thai_forms().items()}


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _thai(name: str) -> bool:
    return "\u0e00" <= name[:1] <= "\u0e7f"


@dataclass(frozen=True)
class PlaceNames:
    """Names for one language over one dataset; ask `place_names(data, lang)` for the shared one."""

    lang: str
    thai_districts: dict[tuple[str, str], str]  # (province, district) as stated -> Thai script
    thai_provinces: dict[str, str]  # province as stated -> Thai script
    source_provinces: dict[tuple[str, str], str]  # (country, province as in the source) -> Thai script
    features: dict[str, str]  # district feature id -> Thai script
    # The table's spellings of the boundary source's places, whatever the language: a district by feature id,
    # a province by (country, source spelling).
    stated: dict[str, str] = field(default_factory=dict)
    stated_provinces: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def thai(self) -> bool:
        return self.lang == "th"

    def district(self, country: str, province: str, district: str) -> str:
        if not self.thai:
            return district
        if country == "THA":
            return self.thai_districts.get((province, district), district)
        form = thai_form(country, "district", district)
        return form.name_th if form else district

    def province(self, country: str, name: str) -> str:
        if not self.thai:
            return name
        if country == "THA":
            return self.thai_provinces.get(name, name)
        form = thai_form(country, "province", name)
        return form.name_th if form else name

    def source_province(self, country: str, name: str) -> str:
        """A province as the boundary source spells it, named as the table names it (the map's context layer,
        a district's tooltip, a finding)."""
        stated = self.stated_provinces.get((country, name))
        if not self.thai:
            return stated or name
        found = self.source_provinces.get((country, name))
        if found:
            return found
        form = thai_form(country, "province", stated or name) if country != "THA" else None
        return form.name_th if form else name

    def source_district(self, country: str, feature_id: str, name: str) -> str:
        """A district as the boundary source spells it: as the table names it when it is a table place."""
        stated = self.stated.get(feature_id)
        if not self.thai:
            return stated or name
        found = self.features.get(feature_id)
        if found:
            return found
        form = thai_form(country, "district", stated or name) if country != "THA" else None
        return form.name_th if form else name

    def feature(self, feature_id: str, fallback: str) -> str:
        """A district of the boundary layers by its id: as the table names it, in the language."""
        if not self.thai:
            return self.stated.get(feature_id, fallback)
        return self.features.get(feature_id, fallback)

    def unit(self, country: str, level: str, name: str) -> str:
        """The kind of unit (names_th.csv's `unit`: "", krong, capital) of a place as the table or source spells it."""
        form = thai_form(country, level, name)
        return form.unit if form else ""

    def source_unit(self, country: str, feature_id: str, name: str) -> str:
        """The kind of unit of a boundary-layer district ("" or krong), by the table's name when it is a table place."""
        return self.unit(country, "district", self.stated.get(feature_id) or name)

    def source_province_unit(self, country: str, name: str) -> str:
        return self.unit(country, "province", self.stated_provinces.get((country, name)) or name)

    def label(self, tr: Translator, country: str, level: str, unit: str = "") -> str:
        """What a row naming the place is labelled (a map tooltip): in Thai its own level word (เมือง for a Lao
        district, แขวง for a Lao province), in English District, Province or Town (a krong)."""
        if self.thai:
            return _UNIT_WORDS.get(unit) or _LEVEL_WORDS.get((country, level)) or tr(_LABELS[level])
        kind = "krong" if unit == "krong" else level
        return tr(_LABELS[kind])

    def titled(self, country: str, level: str, name: str, unit: str = "") -> str:
        """With the Thai level word (อำเภอเชียงคาน, แขวงคำม่วน, เมืองปอยเปต for a krong); a Latin name is set off
        by a space. English names take no level word."""
        if not self.thai or name.startswith(_ALREADY_TITLED):
            return name
        word = _UNIT_WORDS.get(unit) or _LEVEL_WORDS[(country, level)]
        return f"{word}{name}" if _thai(name) else f"{word} {name}"

    def romanised(self, country: str, level: str, name: str) -> str | None:
        """The table's Latin name of a place whose Thai form border_map transcribed (no established one), for
        the first mention: tables and tooltips give it beside the Thai. None in English or for an established
        form."""
        form = thai_form(country, level, name) if self.thai else None
        return name if form is not None and not form.established else None

    def _spelt(self, shown: str, source: str, stated: str | None, spelling: bool) -> str:
        """`shown`, and the boundary source's own spelling in parentheses where the difference is the point."""
        return f"{shown} ({source})" if spelling and stated and stated != source else shown

    def named(self, ref: object, tr: Translator, spelling: bool = False) -> str | None:
        """A place a finding names (findings.Finding.places), with its level word in Thai: a district or
        province as the table states it, or as the boundary source names it (`source_district`, by its
        feature id), or a list of source districts with their provinces. A source place that is a table place
        is named as the table names it; with `spelling` (the Data page) the source's spelling follows in
        parentheses where it differs. None for a reference of another form (a report from a later version):
        the finding then keeps its own spelling."""
        match ref:
            case ["district", str(country), str(province), str(district)]:
                level, name = "district", self.district(country, province, district)
                unit = self.unit(country, level, district)
            case ["province", str(country), str(province)]:
                level, name = "province", self.province(country, province)
                unit = self.unit(country, level, province)
            case ["source_district", str(country), str(feature_id), str(district)]:
                level, name = "district", self.source_district(country, feature_id, district)
                unit = self.source_unit(country, feature_id, district)
                if (country, level) in _LEVEL_WORDS:
                    shown = self.titled(country, level, name, unit)
                    return self._spelt(shown, district, self.stated.get(feature_id), spelling)
            case ["source_province", str(country), str(province)]:
                level, name = "province", self.source_province(country, province)
                stated = self.stated_provinces.get((country, province))
                unit = self.source_province_unit(country, province)
                if (country, level) in _LEVEL_WORDS:
                    return self._spelt(self.titled(country, level, name, unit), province, stated, spelling)
            case ["source_districts", list(items)] if all(isinstance(i, list) and len(i) == 4 for i in items):
                parts = [
                    (
                        self.named(["source_district", c, f, d], tr, spelling),
                        self.named(["source_province", c, p], tr, spelling),
                    )
                    for c, f, d, p in items
                ]
                if any(None in part for part in parts):
                    return None
                listed = [tr("{district} ({province})", district=d, province=p) for d, p in parts]
                return tr.and_list(listed) if tr.thai else ", ".join(listed)  # Thai lists take no commas
            case _:
                return None
        return self.titled(country, level, name, unit) if (country, level) in _LEVEL_WORDS else None

    def titled_district(self, country: str, province: str, district: str) -> str:
        """A district alone with its level word in Thai (อำเภอเมืองบึงกาฬ, เมืองปากซัน), as the table names it in
        English."""
        return self.titled(
            country, "district", self.district(country, province, district), self.unit(country, "district", district)
        )

    def place(
        self,
        tr: Translator,
        country: str,
        province: str,
        district: str,
        with_country: bool = False,
        romanised: bool = False,
    ) -> str:
        """One district with its province and, abroad or when asked, its country, as the language writes it.
        `romanised`: a Thai form border_map transcribed carries the table's Latin name in parentheses (the
        first mention: a table's row, a pair's facts, a tooltip)."""
        d = self.titled(
            country, "district", self.district(country, province, district), self.unit(country, "district", district)
        )
        latin = self.romanised(country, "district", district) if romanised else None
        if latin:
            d = f"{d} ({latin})"
        p = self.titled(country, "province", self.province(country, province), self.unit(country, "province", province))
        if country == "THA" and not with_country:
            return tr("{district} ({province})", district=d, province=p)
        return tr("{district} ({province}, {country})", district=d, province=p, country=tr(COUNTRY_NAMES[country]))


def place_names(data: Dataset, lang: str) -> PlaceNames:
    return memo(data, ("place_names", lang), lambda: _compute(data, lang))


def _compute(data: Dataset, lang: str) -> PlaceNames:
    index = provinces_of(data.links, data.districts)
    stated: dict[str, str] = {}
    for link in data.links.itertuples():
        for fid, name in ((link.thai_feature_id, link.thai_district), (link.nb_feature_id, link.nb_district)):
            if isinstance(fid, str):
                stated.setdefault(fid, name)
    stated_provinces = {(p.country, p.source_name): p.name for p in index if p.source_name}
    if lang != "th":  # English shows the table's own names
        return PlaceNames(lang, {}, {}, {}, {}, stated, stated_provinces)
    districts = data.districts.set_index("feature_id")
    thai_districts: dict[tuple[str, str], str] = {}
    for link in data.links.itertuples():
        fid = link.thai_feature_id
        if isinstance(fid, str) and fid in districts.index:
            name = _text(districts.at[fid, "name_th"]) if "name_th" in districts.columns else None
            if name:
                thai_districts[(link.thai_province, link.thai_district)] = name
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
        elif row.country != "THA":
            form = thai_form(row.country, "district", stated.get(row.feature_id) or row.district)
            if form:
                features[row.feature_id] = form.name_th
    return PlaceNames(lang, thai_districts, thai_provinces, source_provinces, features, stated, stated_provinces)
