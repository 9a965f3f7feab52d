"""Selections over a Dataset: by border, by province, by pair, by story. Pure and cheap.

Pages and exports ask these questions; keeping the answers here means the map, the table beside it
and a future PDF briefing always agree on which pairs a view contains.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from border_map.i18n import N_
from border_map.model.dataset import Dataset
from border_map.model.memo import memo
from border_map.model.programme import facts

BORDERS = {"both": ("LAO", "KHM"), "LAO": ("LAO",), "KHM": ("KHM",)}
# English message ids: translate where shown (`tr(COUNTRY_NAMES[code])`).
BORDER_LABELS = {"both": N_("Laos and Cambodia"), "LAO": N_("Laos"), "KHM": N_("Cambodia")}
BORDER_SIDES = {"LAO": N_("Thai–Lao"), "KHM": N_("Thai–Cambodian")}  # "the Thai–Lao border"
COUNTRY_NAMES = {"THA": N_("Thailand"), "LAO": N_("Laos"), "KHM": N_("Cambodia")}


def links_for_border(data: Dataset, border: str = "both") -> gpd.GeoDataFrame:
    """Shared, never to be modified by the caller."""
    return memo(data, ("links_for_border", border), lambda: data.links[data.links.nb_country.isin(BORDERS[border])])


def pair_ids(data: Dataset, border: str = "both", province: tuple[str, str] | None = None) -> frozenset[str]:
    """The pair ids of a border, or of one (country, province) on it: what a page offers to select. Asked on
    every run, and a set made from a data frame's column costs more than the rest of the page's own reading."""
    if province is None:
        return memo(data, ("pair_ids", border), lambda: frozenset(links_for_border(data, border).pair_id))
    country, name = province
    return memo(
        data,
        ("pair_ids", border, country, name),
        lambda: frozenset(links_for_province(data, country, name, border).pair_id),
    )


def district_ids(links: pd.DataFrame) -> set[str]:
    return set(pd.concat([links.thai_feature_id, links.nb_feature_id]).dropna())


def districts_for_links(data: Dataset, links: pd.DataFrame) -> gpd.GeoDataFrame:
    return data.districts[data.districts.feature_id.isin(district_ids(links))]


def province_choices(data: Dataset, border: str = "both") -> list[tuple[str, str]]:
    """(country, province as stated) for every province named in the table, Thai ones first. Shared, never to
    be modified by the caller."""

    def compute() -> list[tuple[str, str]]:
        links = links_for_border(data, border)
        thai = sorted(set(links.thai_province))
        nb = sorted(set(zip(links.nb_country, links.nb_province, strict=True)))
        return [("THA", p) for p in thai] + list(nb)

    return memo(data, ("province_choices", border), compute)


def links_for_province(data: Dataset, country: str, province: str, border: str = "both") -> pd.DataFrame:
    """Shared, never to be modified by the caller."""

    def compute():
        links = links_for_border(data, border)
        if country == "THA":
            return links[links.thai_province == province]
        return links[(links.nb_country == country) & (links.nb_province == province)]

    return memo(data, ("links_for_province", country, province, border), compute)


def province_fit(data: Dataset, country: str, province: str, border: str = "both") -> list[list[float]] | None:
    """Where the map fits for a province: the bounds of every district of its pairs, both sides."""
    return memo(
        data,
        ("province_fit", country, province, border),
        lambda: bounds_of(districts_for_links(data, links_for_province(data, country, province, border))),
    )


def link_by_pair(data: Dataset, pair_id: str) -> pd.Series | None:
    found = data.links[data.links.pair_id == pair_id]
    return None if found.empty else found.iloc[0]


def pair_for_feature(data: Dataset, feature_id: str, border: str = "both") -> list[str]:
    """Pairs a clicked district belongs to (a counterpart can serve several Thai districts)."""
    links = links_for_border(data, border)
    hit = links[(links.thai_feature_id == feature_id) | (links.nb_feature_id == feature_id)]
    return hit.pair_id.tolist()


def findings_for_pair(data: Dataset, pair_id: str) -> list[dict]:
    return [f for f in data.findings if pair_id in f.get("pair_ids", [])]


def stories_for_pair(stories, link) -> list[dict]:
    return [s for s in stories if s["thai_district"] == link.thai_district and s["thai_province"] == link.thai_province]


def story_links(data: Dataset, story: dict) -> pd.DataFrame:
    links = data.links
    return links[(links.thai_district == story["thai_district"]) & (links.thai_province == story["thai_province"])]


def bounds_of(frame: gpd.GeoDataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] for Leaflet's fitBounds, padded for points."""
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.empty:
        return None
    west, south, east, north = frame.total_bounds
    pad = 0.05 if (east - west) < 0.1 else 0.0
    return [[south - pad, west - pad], [north + pad, east + pad]]


def headline(data: Dataset, border: str = "both") -> dict:
    """Figures for the overview header, computed from the table and the facts."""
    return dict(memo(data, ("headline", border), lambda: _headline(data, border)))


def _distinct_thai(links: pd.DataFrame) -> int:
    return len(set(zip(links.thai_province, links.thai_district, strict=True)))


def _headline(data: Dataset, border: str) -> dict:
    """The counts are the table's (`thai_districts` on the border shown, `thai_districts_table` on both); the
    budget and the number of target districts are the programme text's. No total is computed here: the text
    states 80,000 THB for each of 44 districts, and the table lists 43 (the build's district_count finding), so
    a total from the table would be a figure nobody stated."""
    links = links_for_border(data, border)
    info = facts()
    return {
        "thai_districts": _distinct_thai(links),
        "thai_districts_table": _distinct_thai(data.links),
        "counterparts": len(set(zip(links.nb_country, links.nb_province, links.nb_district, strict=True))),
        "pairs": len(links),
        "matched": int((links.status == "matched").sum()),
        "budget_per_district": info["budget_per_district"]["amount"],
        "currency": info["budget_per_district"]["currency"],
        "districts_stated": info.get("districts_stated"),
        "period": (info["period"]["start"], info["period"]["end"]),
    }
