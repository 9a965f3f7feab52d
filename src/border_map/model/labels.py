"""What a map names: the label candidates of one map view in one language, for every renderer.

A printed or projected map cannot be hovered, so it names what it shows. This module says *what* may be
named, where and how important it is; each renderer decides what fits (render/labels.py places them on a PDF
page; a browser renderer can place the same candidates). Plain data: a name as the tables name it (Thai in
Thai script), a point inside its shape in longitude/latitude, a kind and a priority.

What is named, most important first:
- the selected pair's districts (a pair's view, a story's pairs, the findings slide's flagged pairs);
- the districts of the model-area stories, where the view shows story markers;
- at overview scale (a view more than `OVERVIEW_SPAN` degrees tall), the Thai border provinces, then the
  neighbour provinces; districts are left to the table there;
- otherwise the Thai district and the parallel area of each of the view's pairs, in the table's order, then
  the districts of the border's other pairs that fall inside the view.

`border_labels` is the same at district scale for a whole border: what a live map names once its reader zooms in
away from the view it opened on. `border_outline` is the shape a locator inset draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.ops import polylabel

from border_map.model import programme, queries
from border_map.model.briefing import MapSpec, provinces
from border_map.model.dataset import Dataset
from border_map.model.localnames import place_names
from border_map.model.memo import memo

OVERVIEW_SPAN = 3.0  # degrees of latitude: a view taller than this shows provinces, not districts

# Priorities: lower is more important, and is placed first.
SELECTED, STORY, THAI_PROVINCE, NEIGHBOUR_PROVINCE, VIEW_PAIR, OTHER_PAIR = range(6)


@dataclass(frozen=True)
class Label:
    """One name a map may show. `kind`: district | province; `selected` and `story` mark why it matters."""

    text: str
    lon: float
    lat: float
    kind: str
    priority: int
    ref: str  # the district's feature id or the province's key: one label per place
    country: str

    def as_dict(self) -> dict:
        """For a browser renderer: JSON-ready."""
        return {
            "text": self.text,
            "lon": self.lon,
            "lat": self.lat,
            "kind": self.kind,
            "priority": self.priority,
            "ref": self.ref,
            "country": self.country,
        }


def view_bounds(data: Dataset, spec) -> tuple[float, float, float, float]:
    """(west, south, east, north) a map of `spec` (briefing.MapSpec) fits: its `fit`, else every district of
    its border's pairs."""
    if spec.fit:
        (south, west), (north, east) = spec.fit
        return west, south, east, north
    west, south, east, north = queries.districts_for_links(
        data, queries.links_for_border(data, spec.border)
    ).total_bounds
    return float(west), float(south), float(east), float(north)


LABEL_MARGIN = 0.08  # a view's names include places this share of its width or height beyond it


def label_area(data: Dataset, spec) -> tuple[float, float, float, float]:
    """(west, south, east, north) a view's candidates are taken from: its bounds and a margin."""
    west, south, east, north = view_bounds(data, spec)
    pad_x, pad_y = (east - west) * LABEL_MARGIN, (north - south) * LABEL_MARGIN
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def overview_scale(data: Dataset, spec) -> bool:
    _w, south, _e, north = view_bounds(data, spec)
    return north - south > OVERVIEW_SPAN


def _spec_key(spec) -> tuple:
    fit = tuple(tuple(corner) for corner in spec.fit) if spec.fit else None
    province = spec.province.key if spec.province is not None else None
    return (spec.border, spec.story_markers, tuple(spec.pairs), province, fit)


def map_labels(data: Dataset, spec, lang: str) -> tuple[Label, ...]:
    """The candidates of a map view (briefing.MapSpec) in `lang`, most important first; made once per
    dataset, view and language. Shared, never to be modified."""
    return memo(data, ("map_labels", _spec_key(spec), lang), lambda: _labels(data, spec, lang))


def border_labels(data: Dataset, border: str, story_markers: bool, lang: str) -> tuple[Label, ...]:
    """Every district of the border's pairs, at district scale whatever the border's extent (story districts
    first where the map shows story markers): the names a live map shows where its reader zooms in, away from
    the view it opened on. Made once per dataset, border and language, by the same code as `map_labels`."""
    spec = MapSpec(border=border, story_markers=story_markers)
    return memo(
        data, ("border_labels", border, story_markers, lang), lambda: _labels(data, spec, lang, district_scale=True)
    )


def border_outline(data: Dataset):
    """The build's provinces merged into one simplified shape (islands under ~15 km across left out, the coast
    and border at ~6 km): the whole border as a locator inset draws it. Made once per dataset; None without a
    provinces layer."""

    def compute():
        if data.provinces is None or data.provinces.empty:
            return None
        whole = shapely.union_all([g for g in data.provinces.geometry if g is not None])
        parts = [p for p in getattr(whole, "geoms", [whole]) if p.area > 0.02]
        return shapely.MultiPolygon(parts).simplify(0.06, preserve_topology=True)

    return memo(data, ("locator_outline",), compute)


def anchor(geometry) -> tuple[float, float] | None:
    """A point well inside a shape (its largest part's pole of inaccessibility), or the point itself."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Point":
        return geometry.x, geometry.y
    parts = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon"]
    if not parts:
        point = geometry.representative_point()
        return point.x, point.y
    largest = max(parts, key=lambda g: g.area)
    west, south, east, north = largest.bounds
    point = polylabel(largest, tolerance=max(east - west, north - south) / 50)
    return point.x, point.y


def _district_anchors(data: Dataset) -> dict[str, tuple[float, float]]:
    def compute():
        found = {}
        for row in data.districts.itertuples():
            point = anchor(row.geometry)
            if point is not None:
                found[row.feature_id] = point
        return found

    return memo(data, ("label_anchors", "districts"), compute)


def _province_anchors(data: Dataset) -> dict[tuple[str, str], tuple[float, float]]:
    def compute():
        found = {}
        if data.provinces is not None:
            for row in data.provinces.itertuples():
                point = anchor(row.geometry)
                if point is not None:
                    found[(row.country, row.province)] = point
        return found

    return memo(data, ("label_anchors", "provinces"), compute)


def _labels(data: Dataset, spec, lang: str, district_scale: bool = False) -> tuple[Label, ...]:
    names = place_names(data, lang)
    _west, south, _east, north = view_bounds(data, spec)
    inside = shapely.box(*label_area(data, spec))
    anchors = _district_anchors(data)
    links = queries.links_for_border(data, spec.border)
    found: dict[str, Label] = {}

    def add(ref, text, point, kind, priority, country):
        if point is None or not text or not inside.contains(shapely.Point(point)):
            return
        if ref in found and found[ref].priority <= priority:
            return
        found[ref] = Label(text, float(point[0]), float(point[1]), kind, priority, ref, country)

    def districts(rows, priority):
        for link in rows.itertuples():
            sides = (
                (link.thai_feature_id, "THA", link.thai_province, link.thai_district),
                (link.nb_feature_id, link.nb_country, link.nb_province, link.nb_district),
            )
            for fid, country, province, district in sides:
                if isinstance(fid, str):
                    text = names.district(country, province, district)
                    add(fid, text, anchors.get(fid), "district", priority, country)

    districts(data.links[data.links.pair_id.isin(spec.pairs)], SELECTED)
    if spec.story_markers:
        for story in programme.stories():
            mine = queries.story_links(data, story)
            mine = mine[mine.nb_country.isin(queries.BORDERS[spec.border])]
            if mine.empty or not isinstance(mine.thai_feature_id.iloc[0], str):
                continue
            fid = mine.thai_feature_id.iloc[0]
            text = names.district("THA", story["thai_province"], story["thai_district"])
            add(fid, text, anchors.get(fid), "district", STORY, "THA")
    if north - south > OVERVIEW_SPAN and not district_scale:
        shapes = _province_anchors(data)
        chosen = set(queries.province_choices(data, spec.border))
        for province in provinces(data):
            if (province.country, province.name) not in chosen:
                continue
            point = shapes.get((province.country, province.source_name or province.name))
            priority = THAI_PROVINCE if province.country == "THA" else NEIGHBOUR_PROVINCE
            text = names.province(province.country, province.name)
            add(province.key, text, point, "province", priority, province.country)
    else:
        if spec.province is not None:
            mine = queries.links_for_province(data, spec.province.country, spec.province.name, spec.border)
            districts(mine, VIEW_PAIR)
        districts(links, OTHER_PAIR)
    order = {ref: i for i, ref in enumerate(found)}
    return tuple(sorted(found.values(), key=lambda label: (label.priority, order[label.ref])))
