"""Join a stated (country, province, district) to one district feature.

Order of trust: the reviewed alias table, then an exact match of the normalised name (Latin or Thai
script), then fuzzy guessing, which is always reported with its score. Where several districts carry
the name, the stated province decides, then proximity to the already-matched Thai district.

A Lao or Cambodian place written in Thai script (a table typed by a Thai official: ห้วยทราย, ปอยเปต) is read
through the reviewed Thai forms (data/names_th.csv, its `name_th` and `also` forms) as the Latin name they
belong to, and then matched as that name is; a Thai form the review does not list is unmatched, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
from rapidfuzz import fuzz, process

from border_map.model.thaiforms import thai_forms
from border_map.names import is_thai_script, normalise
from border_map.pipeline.aliases import Alias, alias_index
from border_map.pipeline.geometry import METRIC_CRS

FUZZY_CUTOFF = 80.0


@dataclass
class Match:
    index: int | None = None
    method: str = "none"
    score: float | None = None
    province: str | None = None
    province_resolved: str | None = None
    in_stated_province: bool = False
    candidates: list[int] = field(default_factory=list)
    reason: str = ""

    @property
    def matched(self) -> bool:
        return self.index is not None


class Matcher:
    """Index one districts frame (any country mix) for repeated lookups."""

    def __init__(self, districts: gpd.GeoDataFrame, aliases: list[Alias]):
        self.districts = districts.reset_index(drop=True)
        self.metric = self.districts.geometry.to_crs(METRIC_CRS)
        self.aliases = alias_index(aliases)
        self.by_name: dict[tuple[str, str], list[int]] = {}
        self.provinces: dict[str, dict[str, str]] = {}
        for i, row in self.districts.iterrows():
            for name in (row.district, row.name_th):
                if isinstance(name, str) and name:
                    self.by_name.setdefault((row.country, normalise(name)), []).append(i)
            names = self.provinces.setdefault(row.country, {})
            for name in (row.province, row.province_th):
                if isinstance(name, str) and name:
                    names[normalise(name)] = row.province
        # (country, level, normalised Thai form) -> the Latin name the reviewed forms give it
        self.thai_forms: dict[tuple[str, str, str], str] = {}
        for (country, level, name), form in thai_forms().items():
            for thai in (form.name_th, *form.also):
                self.thai_forms.setdefault((country, level, normalise(thai)), name)
        self.latin_names: dict[str, dict[str, str]] = {}
        for country, group in self.districts.groupby("country"):
            self.latin_names[country] = {normalise(n): n for n in group.district}

    def latin(self, country: str, level: str, stated: str) -> str:
        """A neighbour's place stated in Thai script, as the Latin name its reviewed Thai form belongs to."""
        if country == "THA" or not is_thai_script(stated):
            return stated
        return self.thai_forms.get((country, level, normalise(stated)), stated)

    def resolve_province(self, country: str, stated: str) -> str | None:
        names = self.provinces.get(country, {})
        key = normalise(self.latin(country, "province", stated))
        if key in names:
            return names[key]
        for alias in self.aliases.get((country, "province", key), []):
            if normalise(alias.source_name) in names:
                return names[normalise(alias.source_name)]
        best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=85)
        return names[best[0]] if best else None

    def _candidates(self, country: str, stated: str) -> tuple[list[int], str, float | None]:
        stated = self.latin(country, "district", stated)
        key = normalise(stated)
        aliased: list[int] = []
        for alias in self.aliases.get((country, "district", key), []):
            found = self.by_name.get((country, normalise(alias.source_name)), [])
            if alias.source_province:
                scoped = [i for i in found if self.districts.province[i] == alias.source_province]
                found = scoped or found
            aliased += found
        if aliased:
            return sorted(set(aliased)), "alias", None
        exact = self.by_name.get((country, key), [])
        if exact:
            return exact, "thai-script" if is_thai_script(stated) else "exact", None
        if is_thai_script(stated):
            return [], "none", None
        hits = process.extract(
            key,
            list(self.latin_names.get(country, {})),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=5,
        )
        if not hits:
            return [], "none", None
        top = hits[0][1]
        found = []
        for name, score, _ in hits:
            if score >= top - 0.01:
                found += self.by_name[(country, name)]
        return found, "fuzzy", round(top, 1)

    def match(self, country: str, province: str, district: str, near_index: int | None = None) -> Match:
        resolved = self.resolve_province(country, province)
        found, method, score = self._candidates(country, district)
        result = Match(method=method, score=score, province_resolved=resolved, candidates=found)
        if not found:
            result.method = "none"
            result.reason = f"no {country} district named {district!r}"
            return result
        in_province = [i for i in found if resolved and self.districts.province[i] == resolved]
        pool = in_province or found
        if len(pool) > 1:
            if near_index is None:
                result.reason = (
                    f"{len(pool)} {country} districts match {district!r} "
                    f"({', '.join(sorted(self.districts.province[i] for i in pool))}) and the province "
                    f"{province!r} does not decide"
                )
                result.method = "none"
                return result
            near = self.metric.iloc[near_index]
            pool = [min(pool, key=lambda i: self.metric.iloc[i].distance(near))]
        result.index = pool[0]
        result.province = self.districts.province[pool[0]]
        result.in_stated_province = bool(in_province)
        return result
