"""The embedded default: one rounded point per district, committed, so the app works anywhere.

`python -m border_map points` rewrites district_points.csv from a real build, then the packaged points build
(data/points/) from it: the table matched to those points, in the same files and manifest as a real build,
so the app reads it with the same loader and never needs the pipeline to draw a map. Both are derived files,
never edited by hand; the points build is made at set-up (`points --from-csv`, by scripts/_venv.sh and the
Dockerfile) and not committed, since it carries the boundary layers' names and ids. Three decimals of a
degree (about 100 m) locate a district for drawing without carrying any boundary geometry.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from border_map.paths import DATA_CATALOGUE, PAIRS_CSV, POINTS_BUILD, POINTS_CSV
from border_map.pipeline.boundaries import DISTRICT_COLUMNS

FIELDS = [
    "country",
    "feature_id",
    "district",
    "name_th",
    "province",
    "province_th",
    "province_id",
    "lat",
    "lon",
]
DECIMALS = 3


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def write_points(build_dir: Path, out: Path = POINTS_CSV) -> int:
    districts = gpd.read_file(Path(build_dir) / "districts.geojson")
    rows = []
    for record in districts.sort_values(["country", "feature_id"]).itertuples():
        point = record.geometry.representative_point()
        rows.append(
            {
                **{key: _text(getattr(record, key)) for key in FIELDS[:7]},
                "lat": f"{point.y:.{DECIMALS}f}",
                "lon": f"{point.x:.{DECIMALS}f}",
            }
        )
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if out == POINTS_CSV:
        _update_catalogue(out.name, out, len(rows))
    return len(rows)


def _update_catalogue(name: str, path: Path, count: int) -> None:
    catalogue = json.loads(DATA_CATALOGUE.read_text(encoding="utf-8"))
    entry = catalogue["files"][name]
    entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    entry["rows"] = count
    DATA_CATALOGUE.write_text(json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_points(path: Path = POINTS_CSV) -> gpd.GeoDataFrame:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = gpd.GeoDataFrame(
        [{**{k: (r[k] or None) for k in FIELDS[:7]}, "province_share": 1.0} for r in rows],
        geometry=[shapely.Point(float(r["lon"]), float(r["lat"])) for r in rows],
        crs="EPSG:4326",
    )
    return frame[DISTRICT_COLUMNS]


POINTS_CREATED = "packaged"  # the packaged build carries no date: made twice from the same inputs, it is the same


def write_points_build(out: Path = POINTS_BUILD, points: Path = POINTS_CSV, table: Path = PAIRS_CSV) -> dict:
    """The fallback build: the packaged table matched to the district points, with the findings a points
    build can make and the catalogued sources. Returns its manifest."""
    from border_map.model.programme import facts  # noqa: PLC0415 - the stated district count
    from border_map.pipeline.aliases import load_aliases  # noqa: PLC0415
    from border_map.pipeline.build import assemble, geojson_text  # noqa: PLC0415 - build imports this module
    from border_map.pipeline.catalogue import load_catalogue, source_record  # noqa: PLC0415
    from border_map.pipeline.publish import write_fixed  # noqa: PLC0415
    from border_map.pipeline.table import COLUMNS, read_pairs  # noqa: PLC0415

    rows = read_pairs(table)
    stated = facts().get("districts_stated")
    assembly = assemble(rows, load_points(points), load_aliases(), districts_stated=stated, polygons=False)
    report = {
        "table": table.name,
        "columns": list(COLUMNS),
        "stats": assembly.stats,
        "findings": [f.as_dict() for f in assembly.findings],
        "sources": [source_record(layer) for layer in load_catalogue()],
    }
    texts = {
        "districts.geojson": geojson_text(assembly.districts),
        "links.geojson": geojson_text(assembly.links),
        "report.json": json.dumps(report, ensure_ascii=False, indent=1) + "\n",
    }
    manifest = write_fixed(Path(out), texts, created=POINTS_CREATED)
    if Path(out) == POINTS_BUILD:
        _update_catalogue("points/manifest.json", POINTS_BUILD / "manifest.json", 1)
    return manifest
