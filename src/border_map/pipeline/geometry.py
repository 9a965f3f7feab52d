"""Geometry for matching and for the web: repair, overlap shares, distances, coverage simplification.

Distances and areas are computed in UTM zone 48N, which spans the Thai–Lao–Cambodian border region;
its scale error is under 0.5 % here, far below the 1 km adjacency tolerance.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

METRIC_CRS = "EPSG:32648"
WEB_DECIMALS = 5


def polygonal(geom):
    """Keep only the polygon parts (make_valid can return lines or points beside them)."""
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """Make every geometry valid; return the frame and how many needed it."""
    invalid = ~frame.geometry.is_valid
    if not invalid.any():
        return frame, 0
    frame = frame.copy()
    fixed = shapely.make_valid(frame.geometry[invalid].values)
    frame.loc[invalid, frame.geometry.name] = [polygonal(g) for g in fixed]
    return frame, int(invalid.sum())


def largest_overlap(items: gpd.GeoDataFrame, containers: gpd.GeoDataFrame, key: str) -> tuple[list, list[float]]:
    """For each item, the `key` of the container it overlaps most and the share of its area.

    Used to give Lao and Cambodian districts a province: their ADM2 and ADM1 layers come from
    different producers and do not nest exactly, so "within" would fail where "most of" works.
    """
    a = items.to_crs(METRIC_CRS)
    b = containers.to_crs(METRIC_CRS)
    left, right = b.sindex.query(a.geometry, predicate="intersects")
    areas = shapely.area(shapely.intersection(a.geometry.values[left], b.geometry.values[right]))
    best_key: list = [None] * len(a)
    best_share = [0.0] * len(a)
    own = a.geometry.area.values
    for i, j, area in zip(left, right, areas, strict=True):
        share = float(area / own[i]) if own[i] else 0.0
        if share > best_share[i]:
            best_share[i], best_key[i] = share, b[key].iloc[j]
    return best_key, best_share


def distance_km(a, b) -> float:
    """Shortest distance between two WGS84 geometries, in km."""
    pa, pb = gpd.GeoSeries([a, b], crs="EPSG:4326").to_crs(METRIC_CRS)
    return float(pa.distance(pb)) / 1000.0


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify a country's districts together so neighbours keep one shared border.

    Simplifying polygons one by one moves each side of a shared edge differently and opens slivers;
    coverage simplification moves the shared edge once. Coordinates are then snapped to a
    10^-5 degree grid (about 1 m), which keeps shared vertices identical.
    """
    out = frame.copy()
    simplified = shapely.coverage_simplify(frame.geometry.values, tolerance)
    snapped = shapely.set_precision(simplified, 10**-WEB_DECIMALS)
    out[out.geometry.name] = [polygonal(g) for g in snapped]
    return out


def vertex_count(frame: gpd.GeoDataFrame) -> int:
    return int(np.sum(shapely.get_num_coordinates(frame.geometry.values)))
