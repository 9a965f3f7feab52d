"""The embedded default: one rounded point per district, committed, so the app works anywhere.

Rebuilt from a real build by `python -m border_map points`; never edited by hand. Three decimals of a
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

from .boundaries import DISTRICT_COLUMNS
from .paths import DATA_CATALOGUE, POINTS_CSV

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
        _update_catalogue(out, len(rows))
    return len(rows)


def _update_catalogue(path: Path, count: int) -> None:
    catalogue = json.loads(DATA_CATALOGUE.read_text(encoding="utf-8"))
    entry = catalogue["files"][path.name]
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
