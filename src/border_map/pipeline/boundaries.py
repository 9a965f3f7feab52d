"""Load the catalogued layers into one shape per level, with every problem named.

District frames share the columns in DISTRICT_COLUMNS whatever the source, so matching, building
and the embedded point table treat Thailand, Laos and Cambodia alike.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from border_map.errors import BoundaryFileError
from border_map.pipeline.catalogue import Layer, by_id
from border_map.pipeline.fetch import sha256_of
from border_map.pipeline.geometry import METRIC_CRS, largest_overlap, repair

DISTRICT_COLUMNS = [
    "country",
    "feature_id",
    "district",
    "name_th",
    "province",
    "province_th",
    "province_id",
    "province_share",
    "geometry",
]
PROVINCE_COLUMNS = ["country", "feature_id", "province", "name_th", "geometry"]
FETCH_HINT = "run `python -m border_map fetch` (offline: add --mirror DIR)"
ACCEPTED_CRS = {"EPSG:4326", "OGC:CRS84"}


def read_layer(layer: Layer, directory: Path) -> gpd.GeoDataFrame:
    """Read one layer, checking it is the file the catalogue describes; diagnose it if not."""
    path = Path(directory) / layer.file
    if not path.is_file():
        raise BoundaryFileError(str(path), f"missing (layer {layer.id})", FETCH_HINT)
    with open(path, "rb") as handle:
        head = handle.read(200)
    if head.startswith(b"version https://git-lfs"):
        raise BoundaryFileError(str(path), "is a Git LFS pointer, not boundary data", "delete it and " + FETCH_HINT)
    checksum_ok = sha256_of(path) == layer.sha256
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise BoundaryFileError(
            str(path), f"cannot be read as GeoJSON, probably truncated ({exc})", "delete it and " + FETCH_HINT
        ) from None
    crs = frame.crs.to_string() if frame.crs else "none"
    if crs not in ACCEPTED_CRS:
        raise BoundaryFileError(str(path), f"unexpected CRS {crs}, expected EPSG:4326", FETCH_HINT)
    absent = [c for c in layer.columns if c not in frame.columns]
    if absent:
        columns = "column" if len(absent) == 1 else "columns"
        raise BoundaryFileError(str(path), f"lacks the {columns} {', '.join(absent)}", FETCH_HINT)
    if not checksum_ok:
        raise BoundaryFileError(
            str(path),
            f"checksum differs from the catalogue (layer {layer.id}); the file was changed",
            "delete it and " + FETCH_HINT,
        )
    if len(frame) != layer.features:
        problem = f"has {len(frame)} features, expected {layer.features}"
        raise BoundaryFileError(str(path), problem, FETCH_HINT)
    return frame


def thai_districts(geometry: gpd.GeoDataFrame, codes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fine Thai geometry with the stable P-codes of the coarse copy.

    The two copies hold the same (province, district) name pairs; where a pair repeats within a
    province (two Bang Sai in Ayutthaya) the coarse polygon overlapping most gives the code.
    """
    geometry, _ = repair(geometry)
    keyed = codes.assign(_key=list(zip(codes.ADM1_EN, codes.ADM2_EN, strict=True)))
    groups = keyed.groupby("_key").groups
    pcodes, ppcodes = [], []
    for _idx, row in geometry.iterrows():
        candidates = keyed.loc[groups.get((row.ADM1_EN, row.ADM2_EN), [])]
        if len(candidates) > 1:
            overlap = (
                candidates.geometry.to_crs(METRIC_CRS)
                .intersection(gpd.GeoSeries([row.geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0])
                .area
            )
            candidates = candidates.loc[[overlap.idxmax()]]
        if candidates.empty:
            pcodes.append(None)
            ppcodes.append(None)
        else:
            pcodes.append(candidates.ADM2_PCODE.iloc[0])
            ppcodes.append(candidates.ADM1_PCODE.iloc[0])
    out = gpd.GeoDataFrame(
        {
            "country": "THA",
            "feature_id": pcodes,
            "district": geometry.ADM2_EN.values,
            "name_th": geometry.ADM2_TH.values,
            "province": geometry.ADM1_EN.values,
            "province_th": geometry.ADM1_TH.values,
            "province_id": ppcodes,
            "province_share": 1.0,
        },
        geometry=geometry.geometry.values,
        crs="EPSG:4326",
    )
    return out[DISTRICT_COLUMNS]


def neighbour_districts(country: str, districts: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    districts, _ = repair(districts)
    provinces, _ = repair(provinces)
    pid, share = largest_overlap(districts, provinces, "shapeID")
    names = dict(zip(provinces.shapeID, provinces.shapeName, strict=True))
    out = gpd.GeoDataFrame(
        {
            "country": country,
            "feature_id": districts.shapeID.values,
            "district": districts.shapeName.values,
            "name_th": None,
            "province": [names.get(p) for p in pid],
            "province_th": None,
            "province_id": pid,
            "province_share": share,
        },
        geometry=districts.geometry.values,
        crs="EPSG:4326",
    )
    return out[DISTRICT_COLUMNS]


def province_frame(country: str, provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    provinces, _ = repair(provinces)
    return gpd.GeoDataFrame(
        {
            "country": country,
            "feature_id": provinces.shapeID.values,
            "province": provinces.shapeName.values,
            "name_th": None,
        },
        geometry=provinces.geometry.values,
        crs="EPSG:4326",
    )[PROVINCE_COLUMNS]


def thai_provinces(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Thai provinces dissolved from the districts, so outlines and districts agree exactly."""
    dissolved = districts.dissolve(by="province_id", as_index=False, aggfunc="first")
    return gpd.GeoDataFrame(
        {
            "country": "THA",
            "feature_id": dissolved.province_id.values,
            "province": dissolved.province.values,
            "name_th": dissolved.province_th.values,
        },
        geometry=dissolved.geometry.values,
        crs="EPSG:4326",
    )[PROVINCE_COLUMNS]


def load_boundaries(layers: list[Layer], directory: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, int]:
    """All districts and provinces of the three countries, plus the number of repaired geometries."""
    ids = by_id(layers)
    raw = {layer_id: read_layer(layer, directory) for layer_id, layer in ids.items()}
    repaired = int((~raw["tha-adm2"].geometry.is_valid).sum())
    tha = thai_districts(raw["tha-adm2"], raw["tha-adm2-codes"])
    lao = neighbour_districts("LAO", raw["lao-adm2"], raw["lao-adm1"])
    khm = neighbour_districts("KHM", raw["khm-adm2"], raw["khm-adm1"])
    districts = gpd.GeoDataFrame(pd.concat([tha, lao, khm], ignore_index=True), crs="EPSG:4326")
    provinces = gpd.GeoDataFrame(
        pd.concat(
            [
                thai_provinces(tha),
                province_frame("LAO", raw["lao-adm1"]),
                province_frame("KHM", raw["khm-adm1"]),
            ],
            ignore_index=True,
        ),
        crs="EPSG:4326",
    )
    return districts, provinces, repaired
