"""Load the catalogued layers into one shape per level, with every problem named.

District frames share the columns in DISTRICT_COLUMNS whatever the source, so matching, building
and the embedded point table treat Thailand, Laos and Cambodia alike.

A catalogued layer can be replaced by a file the user supplies (`build --boundary ID=FILE`): any vector file GDAL
reads (a zipped shapefile, read in place through /vsizip/, a .shp with its .shx/.dbf/.prj, a GeoPackage, GeoJSON).
Its columns are checked against what the build reads from that layer (other names mapped with
`ID=FILE:EXPECTED=ACTUAL,...`), its CRS reprojected to EPSG:4326 (no CRS is an error, and so are coordinates that
land outside the layer's country), and the build records it as supplied by the user.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from border_map import limits
from border_map.errors import BoundaryFileError
from border_map.pipeline.catalogue import Layer, by_id, source_record
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


def load_boundaries(
    layers: list[Layer], directory: Path, supplied: dict[str, SuppliedLayer] | None = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, int]:
    """All districts and provinces of the three countries, plus the number of repaired geometries. A layer in
    `supplied` (read_supplied) is taken from the user's file instead of the fetched one."""
    ids = by_id(layers)
    supplied = supplied or {}
    raw = {
        layer_id: supplied[layer_id].frame if layer_id in supplied else read_layer(layer, directory)
        for layer_id, layer in ids.items()
    }
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


# --- layers the user supplies -------------------------------------------------------------------------

# The columns the build reads from each catalogued layer (thai_districts, neighbour_districts, province_frame).
READS = {
    "tha-adm2": ("ADM1_EN", "ADM1_TH", "ADM2_EN", "ADM2_TH"),
    "tha-adm2-codes": ("ADM1_EN", "ADM1_PCODE", "ADM2_EN", "ADM2_PCODE"),
    "lao-adm1": ("shapeName", "shapeID"),
    "lao-adm2": ("shapeName", "shapeID"),
    "khm-adm1": ("shapeName", "shapeID"),
    "khm-adm2": ("shapeName", "shapeID"),
}
COLUMN_ROLES = {
    "ADM1_EN": "the province's name",
    "ADM1_TH": "the province's Thai name",
    "ADM1_PCODE": "the province's P-code",
    "ADM2_EN": "the district's name",
    "ADM2_TH": "the district's Thai name",
    "ADM2_PCODE": "the district's P-code",
    "shapeName": "the name",
    "shapeID": "a unique id",
}
# Generous boxes (lon/lat) around each country: a layer reprojected outside its country's box was declared in
# the wrong CRS (metres read as degrees, or the other way round).
COUNTRY_BOX = {"THA": (96.0, 4.5, 107.0, 21.5), "LAO": (99.0, 12.9, 108.7, 23.5), "KHM": (101.3, 9.4, 108.7, 15.7)}
COUNTRY_NAME = {"THA": "Thailand", "LAO": "Laos", "KHM": "Cambodia"}
VECTOR_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
SHAPEFILE_PARTS = {".shx": "its index", ".dbf": "its attribute table: names and ids", ".prj": "its coordinate system"}
OPTION = re.compile(
    r"^(?P<id>[A-Za-z0-9_-]+)=(?P<file>.+?)(?::(?P<map>[A-Za-z0-9_]+=[^,:]+(?:,[A-Za-z0-9_]+=[^,:]+)*))?$"
)
HOW = "--boundary ID=FILE[:EXPECTED=COLUMN,...]"


@dataclass(frozen=True)
class Supplied:
    """One `--boundary` option: the layer it replaces, the file, and columns named otherwise in that file."""

    layer_id: str
    path: Path
    columns: dict[str, str] = field(default_factory=dict)  # expected column -> the file's column
    sublayer: str | None = None  # which layer of a GeoPackage (the `layer` key), when it holds several


@dataclass
class SuppliedLayer:
    frame: gpd.GeoDataFrame
    record: dict  # the layer's source record, marked as supplied by the user
    crs: str


def parse_boundary(text: str, layers: list[Layer]) -> Supplied:
    """`lao-adm2=districts.gpkg` or `lao-adm2=districts.zip:shapeName=DNAME,shapeID=DCODE` (`layer=NAME` picks a
    GeoPackage's layer). An unknown layer id is refused naming the ids there are."""
    found = OPTION.match(text.strip())
    if not found:
        raise BoundaryFileError(text, "is not a boundary option", f"write it as {HOW}, e.g. lao-adm2=districts.gpkg")
    layer_id, path = found["id"], Path(found["file"])
    if layer_id not in by_id(layers):
        known = ", ".join(layer.id for layer in layers)
        raise BoundaryFileError(str(path), f"was given for an unknown layer '{layer_id}'", f"use one of: {known}")
    columns = dict(pair.split("=", 1) for pair in found["map"].split(",")) if found["map"] else {}
    sublayer = columns.pop("layer", None)
    return Supplied(layer_id, path, columns, sublayer)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _zip_source(path: Path) -> str:
    """The GDAL path of the vector file inside a zip, read in place (/vsizip/), after checking the zip's declared
    sizes and, for a shapefile, that its parts are all there."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BoundaryFileError(
            str(path), "is not a zip archive (damaged, or another kind of file renamed)", "zip the layer's files again"
        ) from None
    if len(infos) > limits.ZIP_ENTRIES:
        raise BoundaryFileError(str(path), f"holds {len(infos):,} files", "zip only the one layer's files")
    declared = sum(info.file_size for info in infos)
    if declared > limits.BOUNDARY_BYTES:
        raise BoundaryFileError(
            str(path),
            f"inflates to {limits.megabytes(declared)} (the sizes its zip directory declares); a boundary layer may "
            f"be at most {limits.BOUNDARY_MB} MB",
            "simplify the layer or keep only the border provinces",
        )
    names = [info.filename for info in infos if not Path(info.filename).name.startswith(".")]
    vectors = [n for n in names if Path(n).suffix.casefold() in VECTOR_SUFFIXES]
    if len(vectors) != 1:
        listed = ", ".join(names[:12]) or "nothing"
        problem = "holds no vector layer" if not vectors else f"holds {len(vectors)} vector layers"
        raise BoundaryFileError(
            str(path), f"{problem} (.shp, .gpkg, .geojson); it holds: {listed}", "zip exactly one layer's files"
        )
    inner = vectors[0]
    if inner.casefold().endswith(".shp"):
        present = {n.casefold() for n in names}
        stem = inner[:-4]
        absent = [ext for ext in SHAPEFILE_PARTS if f"{stem}{ext}".casefold() not in present]
        if absent:
            parts = ", ".join(f"{Path(stem).name}{ext} ({SHAPEFILE_PARTS[ext]})" for ext in absent)
            raise BoundaryFileError(
                str(path),
                f"holds {Path(inner).name} but not {parts}",
                "zip every part of the shapefile (.shp, .shx, .dbf, .prj) together",
            )
    return f"/vsizip/{path.resolve()}/{inner}"


def _source(path: Path) -> str:
    if not path.is_file():
        raise BoundaryFileError(str(path), "does not exist", "check the path given to --boundary")
    size = path.stat().st_size
    if size > limits.BOUNDARY_BYTES:
        raise BoundaryFileError(
            str(path),
            f"is {limits.megabytes(size)}; a boundary layer may be at most {limits.BOUNDARY_MB} MB",
            "simplify the layer or keep only the border provinces",
        )
    suffix = path.suffix.casefold()
    if suffix == ".zip":
        return _zip_source(path)
    if suffix == ".shp":
        absent = [ext for ext in SHAPEFILE_PARTS if not any(path.with_suffix(e).is_file() for e in (ext, ext.upper()))]
        if absent:
            parts = ", ".join(f"{path.stem}{ext} ({SHAPEFILE_PARTS[ext]})" for ext in absent)
            raise BoundaryFileError(
                str(path), f"has no {parts} beside it", "keep every part of the shapefile in one folder"
            )
    return str(path)


def read_supplied(layer: Layer, supplied: Supplied) -> SuppliedLayer:
    """The user's file in the catalogued layer's shape (its columns, EPSG:4326), or a BoundaryFileError naming
    the file and what to do."""
    path = supplied.path
    source = _source(path)
    try:
        names = [str(name) for name, _kind in pyogrio.list_layers(source)]
        if len(names) > 1 and supplied.sublayer is None:
            raise BoundaryFileError(
                str(path),
                f"holds {len(names)} layers ({', '.join(names)})",
                f"name one: --boundary {layer.id}={path.name}:layer=NAME",
            )
        if supplied.sublayer is not None and supplied.sublayer not in names:
            raise BoundaryFileError(str(path), f"has no layer '{supplied.sublayer}'; its layers: {', '.join(names)}")
        frame = gpd.read_file(source, layer=supplied.sublayer, engine="pyogrio")
    except BoundaryFileError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError, OSError) as exc:
        raise BoundaryFileError(
            str(path),
            f"cannot be read as a vector layer ({str(exc).replace(source, path.name)})",
            "export it from QGIS or ArcGIS as a GeoPackage or a zipped shapefile",
        ) from None
    if frame.empty:
        raise BoundaryFileError(str(path), "holds no features", "check that the right layer was exported")
    renamed = {}
    for expected, actual in supplied.columns.items():
        if actual not in frame.columns:
            found = ", ".join(c for c in frame.columns if c != "geometry")
            raise BoundaryFileError(
                str(path),
                f"has no column '{actual}' (mapped to {expected}); columns found: {found}",
                f"map {expected} to one of them: --boundary {layer.id}={path.name}:{expected}=COLUMN",
            )
        renamed[actual] = expected
    frame = frame.rename(columns=renamed)
    needed = READS.get(layer.id, layer.columns)
    absent = [c for c in needed if c not in frame.columns]
    if absent:
        found = ", ".join(c for c in frame.columns if c != "geometry" and c not in renamed.values())
        what = ", ".join(f"{c} ({COLUMN_ROLES.get(c, 'read by the build')})" for c in absent)
        column = "column" if len(absent) == 1 else "columns"
        raise BoundaryFileError(
            str(path),
            f"lacks the {column} {what} that layer {layer.id} needs; columns found: {found or 'none'}",
            f"name the file's own column: --boundary {layer.id}={path.name}:{absent[0]}=COLUMN",
        )
    if frame.crs is None:
        raise BoundaryFileError(
            str(path),
            "has no coordinate reference system (a shapefile's .prj, or the CRS of a GeoPackage or GeoJSON)",
            "set the layer's CRS in QGIS (Layer > Set CRS) and export it again",
        )
    crs = frame.crs.to_string()
    kinds = set(frame.geometry.geom_type.dropna())
    if not kinds or not kinds <= {"Polygon", "MultiPolygon"}:
        raise BoundaryFileError(
            str(path), f"holds {', '.join(sorted(kinds)) or 'no'} geometries, not polygons", "supply the boundaries"
        )
    try:
        frame = frame.to_crs("EPSG:4326")
    except Exception as exc:  # pyproj cannot transform: the CRS is unusable
        raise BoundaryFileError(
            str(path), f"its CRS {crs} cannot be reprojected ({exc})", "export it in EPSG:4326"
        ) from None
    west, south, east, north = frame.total_bounds
    box = COUNTRY_BOX[layer.country]
    if not (box[0] <= west and east <= box[2] and box[1] <= south and north <= box[3]):
        raise BoundaryFileError(
            str(path),
            f"lies at {west:.2f}..{east:.2f} E, {south:.2f}..{north:.2f} N in its declared CRS {crs}, outside "
            f"{COUNTRY_NAME[layer.country]} (layer {layer.id})",
            "the CRS in the file is probably wrong: set the right one in QGIS (Layer > Set CRS) and export again",
        )
    digest = _sha256(path)
    record = {
        **source_record(layer),
        "source": f"supplied by the user: {path.name} (sha256 {digest[:12]}…), replacing: {layer.source}",
        "url": "",
        "licence": "",  # the supplier's terms: border_map cannot know them
        "licence_url": "",
        "attribution": f"{layer.attribution.split(': ', 1)[0]}: supplied by the user ({path.name})",
        "sha256": digest,
        "supplied": {"file": path.name, "sha256": digest, "features": len(frame), "crs": crs},
    }
    return SuppliedLayer(frame, record, crs)
