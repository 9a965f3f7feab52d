"""The data the benchmark measures with: the build it makes (or is given), what its maps draw, the district it
clicks, and the provinces the explorers visit."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import unary_union

from border_map.model import queries
from border_map.model.dataset import load_dataset
from border_map.pipeline.catalogue import load_catalogue
from border_map.render import maps
from scripts.bench.servers import run_cli, say
from scripts.bench.specs import CLICK, ROOT


def mirror() -> Path | None:
    """The local boundary mirror: $BORDER_MAP_MIRROR, else ../shared/geodata beside the project, when it exists."""
    found = Path(os.environ.get("BORDER_MAP_MIRROR") or ROOT.parent / "shared" / "geodata")
    return found if found.is_dir() else None


def build_layers(work: Path, timings: dict[str, float]) -> Path:
    """Fetch from the mirror and build into `work`, so the benchmark runs the same on a fresh clone."""
    local = mirror()
    sources, build = work / "sources", work / "build"
    fetch = ["fetch", "--dest", str(sources)]
    if local:
        fetch += ["--mirror", str(local)]
        timings["how"] = "from the local mirror"
    else:
        say("==> no boundary mirror found: fetching the public URLs")
        timings["how"] = "from the public URLs"
    timings["fetch"] = run_cli(*fetch)
    timings["build"] = run_cli("build", "--sources", str(sources), "--out", str(build))
    return build


def national_district_files(sources: Path) -> list[Path]:
    """The fetched district layer of each country, found through the boundary catalogue `fetch` used."""
    layers = [layer for layer in load_catalogue() if layer.role == "districts"]
    countries = sorted(layer.country for layer in layers)
    if countries != ["KHM", "LAO", "THA"]:
        raise SystemExit(f"expected one district layer per country in the catalogue, found {countries}")
    return [sources / layer.file for layer in layers]


def drawn_features(files: list[Path]) -> int:
    """Paths Leaflet draws for these GeoJSON files: one per feature with a (multi)polygon."""
    kinds = ("Polygon", "MultiPolygon")
    return sum(
        (feature.get("geometry") or {}).get("type") in kinds
        for file in files
        for feature in json.loads(file.read_text(encoding="utf-8"))["features"]
    )


def features(build: Path, name: str) -> list[dict]:
    return json.loads((build / name).read_text(encoding="utf-8"))["features"]


def path_counts(build: Path) -> dict[str, int]:
    """How many SVG paths the overview draws of each layer, by the app's own count (maps.feature_counts): a
    district or a link each, the provinces one outline."""
    found = maps.feature_counts(load_dataset(build), maps.MapView(border="both"))
    return {layer: found[layer] for layer in ("districts", "links", "provinces")}


@dataclass(frozen=True)
class ClickTarget:
    """The district to click: its feature id (to hit-test against) and candidate points inside it."""

    feature_id: str
    points: list[tuple[float, float]]  # (lat, lon), the best first


def click_target(build: Path) -> ClickTarget:
    """Points inside the click district, the best first: well inside it and away from link lines.

    The first is shapely's representative point of the district shrunk by 0.01° minus the links buffered by
    0.02°; then grid points of that area, deepest first; then grid points of the whole district. Whatever is
    drawn over the district (a link line, a story marker) is ruled out by hit-testing in the browser, which is
    why there are many candidates: at the overview's zoom a marker can cover the district's middle.
    """
    districts = [f for f in features(build, "districts.geojson") if f["properties"]["district"] == CLICK["district"]]
    if len(districts) != 1:
        raise SystemExit(f"expected one district {CLICK['district']!r} in the build, found {len(districts)}")
    links = features(build, "links.geojson")
    feature_id = districts[0]["properties"]["feature_id"]
    pairs = [f["properties"]["pair_id"] for f in links if f["properties"]["thai_feature_id"] == feature_id]
    if CLICK["pair"] not in pairs:
        raise SystemExit(f"{CLICK['district']} is not in pair {CLICK['pair']} in this build (pairs: {pairs})")
    district = shape(districts[0]["geometry"])
    lines = unary_union([shape(f["geometry"]) for f in links if f["geometry"]])
    free = district.buffer(-0.01).difference(lines.buffer(0.02))
    points = [free.representative_point(), *grid_inside(free), *grid_inside(district)]
    return ClickTarget(feature_id, [(point.y, point.x) for point in points])


def grid_inside(area, cells: int = 30) -> list[Point]:
    """Grid points inside `area`, the farthest from its edge first."""
    west, south, east, north = area.bounds
    grid = [
        Point(west + (east - west) * (i + 0.5) / cells, south + (north - south) * (j + 0.5) / cells)
        for i in range(cells)
        for j in range(cells)
    ]
    return sorted((p for p in grid if area.contains(p)), key=lambda p: -area.boundary.distance(p))


def province_names(build: Path) -> list[str]:
    """Every province the explore page offers with both borders, as its links name them."""
    return [name for _country, name in queries.province_choices(load_dataset(build), "both")]
