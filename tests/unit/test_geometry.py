"""Geometry helpers and name normalisation on hand-made shapes and strings."""

from __future__ import annotations

import itertools
import unicodedata

import geopandas as gpd
import pytest
import shapely
from hypothesis import example, given
from hypothesis import strategies as st
from pyproj import Geod

from border_map.names import is_thai_script, normalise
from border_map.pipeline.geometry import (
    WEB_DECIMALS,
    distance_km,
    largest_overlap,
    polygonal,
    repair,
    simplify_coverage,
    vertex_count,
)

GEOD = Geod(ellps="WGS84")


def frame(geoms, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=list(geoms), crs="EPSG:4326")


# --- largest_overlap ---------------------------------------------------------------------------


def test_largest_overlap_assigns_the_largest_share():
    provinces = frame([shapely.box(100.0, 19.0, 101.0, 20.0), shapely.box(101.0, 19.0, 102.0, 20.0)], pid=["A", "B"])
    districts = frame(
        [
            shapely.box(100.6, 19.4, 101.1, 19.6),  # 80 % in A, pokes 20 % into B
            shapely.box(100.95, 19.4, 101.45, 19.6),  # 10 % in A, 90 % in B
            shapely.box(101.2, 19.2, 101.3, 19.3),  # wholly in B
            shapely.box(100.5, 20.5, 100.6, 20.6),  # outside both
            shapely.box(100.7, 19.9, 101.1, 20.3),  # mostly outside; 3/16 in A, 1/16 in B
        ]
    )
    keys, shares = largest_overlap(districts, provinces, "pid")
    assert keys == ["A", "B", "B", None, "A"]
    assert shares[0] == pytest.approx(0.8, abs=0.01)
    assert shares[0] < 1
    assert shares[1] == pytest.approx(0.9, abs=0.01)
    assert shares[2] == pytest.approx(1.0, abs=1e-9)
    assert shares[3] == 0.0
    assert shares[4] == pytest.approx(3 / 16, abs=0.01)


# --- distance_km -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "p", "q"),
    [
        # east-west gap of 0.1 degree; the shortest line runs along the northern edge (17.1 N)
        ((100.0, 17.0, 100.1, 17.1), (100.2, 17.0, 100.3, 17.1), (100.1, 17.1), (100.2, 17.1)),
        # north-south gap of 0.1 degree
        ((102.0, 14.0, 102.1, 14.1), (102.0, 14.2, 102.1, 14.3), (102.05, 14.1), (102.05, 14.2)),
    ],
    ids=["east-west", "north-south"],
)
def test_distance_km_matches_geodesic(a, b, p, q):
    _, _, metres = GEOD.inv(p[0], p[1], q[0], q[1])
    km = distance_km(shapely.box(*a), shapely.box(*b))
    assert km == pytest.approx(metres / 1000, rel=0.01)
    assert 10 < km < 12
    assert distance_km(shapely.box(*a), shapely.box(*a)) == 0


# --- simplify_coverage -------------------------------------------------------------------------


def _wiggly(start, end, steps, amplitude, axis):
    """A zigzag line from start to end: many vertices on what will be a shared edge."""
    points = []
    for k in range(steps + 1):
        t = k / steps
        x = start[0] + (end[0] - start[0]) * t
        y = start[1] + (end[1] - start[1]) * t
        bump = amplitude * (1 if k % 2 else -1) * (0 < k < steps)
        points.append((x + bump, y) if axis == "x" else (x, y + bump))
    return points


def _coverage():
    """Three adjacent polygons with 9-decimal coordinates; each shared edge has 300 vertices."""
    x0, x1, x2 = 100.123456789, 100.623456789, 101.123456789
    y0, y1, y2 = 17.123456789, 17.623456789, 18.123456789
    vertical = _wiggly((x1, y1), (x1, y2), 300, 0.0003, "x")  # between west and east (north half)
    horizontal = _wiggly((x0, y1), (x2, y1), 300, 0.0003, "y")  # between north half and south
    middle = len(horizontal) // 2  # the vertex where the vertical edge meets the horizontal one
    vertical[0] = horizontal[middle]
    west_south, east_south = horizontal[: middle + 1], horizontal[middle:]
    west = shapely.Polygon([*west_south, *vertical[1:], (x0, y2)])
    east = shapely.Polygon([*east_south, (x2, y2), *reversed(vertical[:-1])])
    south = shapely.Polygon([(x0, y0), (x2, y0), *reversed(horizontal)])
    return frame([west, east, south], name=["west", "east", "south"])


def _max_decimals(geom) -> int:
    coords = shapely.get_coordinates(geom)
    return max(len(repr(float(v)).split(".")[1]) for v in coords.ravel())


def test_simplify_coverage_keeps_shared_borders():
    original = _coverage()
    assert original.geometry.is_valid.all()
    outline = shapely.union_all(original.geometry.values)
    assert outline.area == pytest.approx(sum(g.area for g in original.geometry), rel=1e-9)
    simplified = simplify_coverage(original, 0.004)
    geoms = list(simplified.geometry)
    assert all(g.is_valid and not g.is_empty for g in geoms)
    assert list(simplified.name) == ["west", "east", "south"]
    # fewer vertices
    assert vertex_count(simplified) < vertex_count(original) / 10
    # no overlaps
    for a, b in itertools.combinations(geoms, 2):
        assert a.intersection(b).area < 1e-10
    # no gaps: the union is as large as the parts together, and equals the original outline
    union = shapely.union_all(geoms)
    assert union.area == pytest.approx(sum(g.area for g in geoms), rel=1e-9)
    assert union.area == pytest.approx(outline.area, rel=1e-3)
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0
    # neighbours still share a border line
    west, east, south = geoms
    assert west.intersection(east).length > 0.4
    assert west.intersection(south).length > 0.4
    assert east.intersection(south).length > 0.4
    # rounded for the web
    assert _max_decimals(union) > 0
    assert max(_max_decimals(g) for g in geoms) <= WEB_DECIMALS
    assert _max_decimals(original.geometry.iloc[0]) > WEB_DECIMALS


def test_repair_fixes_a_bow_tie():
    bow_tie = shapely.Polygon([(100, 17), (101, 18), (101, 17), (100, 18), (100, 17)])
    square = shapely.box(102, 17, 103, 18)
    assert not bow_tie.is_valid
    fixed, count = repair(frame([bow_tie, square], name=["bow", "square"]))
    assert count == 1
    assert fixed.geometry.is_valid.all()
    assert fixed.geometry.iloc[0].geom_type == "MultiPolygon"
    assert fixed.geometry.iloc[0].area == pytest.approx(0.5)
    assert fixed.geometry.iloc[1].equals(square)
    assert list(fixed.name) == ["bow", "square"]
    same, none = repair(fixed)
    assert none == 0
    assert same is fixed


def test_polygonal_drops_lines_and_points():
    mixed = shapely.GeometryCollection(
        [shapely.box(0, 0, 1, 1), shapely.LineString([(2, 2), (3, 3)]), shapely.Point(5, 5)]
    )
    assert polygonal(mixed).equals(shapely.box(0, 0, 1, 1))
    assert polygonal(shapely.LineString([(0, 0), (1, 1)])).is_empty


# --- normalise ---------------------------------------------------------------------------------


def test_normalise_examples():
    assert normalise("Si Sa Ket") == normalise("Sisaket") == "sisaket"
    assert normalise("Chaloem Phra Kiat") == normalise("chaloem-phra-kiat")
    assert normalise("Phnum Prœk") != normalise("Phnum Proek")  # a ligature is a letter, not an accent
    assert normalise("Xiêng Ngeun") == normalise("Xieng Ngeun")
    # Thai vowel and tone marks carry meaning and are kept
    assert normalise("ข้าว") != normalise("ขาว")
    assert normalise(" เชียง ของ ") == "เชียงของ"
    assert is_thai_script("อำเภอ Chiang Khong")
    assert not is_thai_script("Chiang Khong")
    assert normalise(None) == ""


LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'", min_size=1, max_size=30)
ACCENTS = st.sampled_from(["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u0323", ""])


@given(st.text())
@example("Si Sa Ket")
@example("Ubon Ratchathani อุบลราชธานี")
@example("İstanbul ﬁ ²")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@given(LATIN, st.data())
@example("Si Sa Ket", None)
def test_normalise_ignores_case_spacing_and_accents(text, data):
    base = normalise(text)
    assert normalise(text.swapcase()) == base
    assert normalise(text.upper()) == normalise(text.lower()) == base
    assert normalise("  ".join(text)) == base
    assert normalise(text.replace(" ", "")) == base
    if data is None:
        accented = "Sì Sá Kêt"
    else:
        accented = "".join(ch + (data.draw(ACCENTS) if ch.isalpha() else "") for ch in text)
    assert normalise(accented) == base
    assert normalise(unicodedata.normalize("NFC", accented)) == base
