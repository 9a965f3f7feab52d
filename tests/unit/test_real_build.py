"""Integration on the real boundary layers: the packaged table built end to end, checked by hand."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from border_map import paths
from border_map.names import is_thai_script
from border_map.pipeline.catalogue import load_catalogue
from border_map.pipeline.publish import store_of
from border_map.pipeline.table import COLUMNS, read_pairs
from tests.support.data import MIRROR, run_cli, unavailable

pytestmark = pytest.mark.real

RELEASE_PREFIX = {"LAO": "54806243", "KHM": "14789045"}


@pytest.fixture(scope="module")
def links(built_dir) -> gpd.GeoDataFrame:
    return gpd.read_file(built_dir / "links.geojson")


@pytest.fixture(scope="module")
def links_json(built_dir) -> dict:
    return json.loads((built_dir / "links.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def districts(built_dir) -> gpd.GeoDataFrame:
    return gpd.read_file(built_dir / "districts.geojson")


@pytest.fixture(scope="module")
def report(built_dir) -> dict:
    return json.loads((built_dir / "report.json").read_text(encoding="utf-8"))


def _link(links_json, pair_id) -> dict:
    (props,) = [f["properties"] for f in links_json["features"] if f["properties"]["pair_id"] == pair_id]
    return props


def _district(districts, feature_id):
    (record,) = districts[districts.feature_id == feature_id].itertuples()
    return record


# --- links -------------------------------------------------------------------------------------


def test_one_link_per_row_all_matched(links_json):
    rows = read_pairs(paths.PAIRS_CSV)
    features = links_json["features"]
    assert len(features) == len(rows) == 46
    props = [f["properties"] for f in features]
    assert [p["pair_id"] for p in props] == [r.pair_id for r in rows]
    assert len({p["pair_id"] for p in props}) == 46
    assert {p["status"] for p in props} == {"matched"}
    for p, r in zip(props, rows, strict=True):
        # the six columns exactly as stated
        assert {key: p[key] for key in COLUMNS} == r.as_stated()
        assert isinstance(p["no"], int)
        for key in ("pair_id", "thai_feature_id", "nb_feature_id", "distance_km", "status", "findings"):
            assert key in p
        assert isinstance(p["findings"], list)
        assert isinstance(p["distance_km"], float | int)
        assert p["thai_feature_id"].startswith("TH")
        assert p["nb_feature_id"].startswith(RELEASE_PREFIX[p["nb_country"]])
    for feature in features:
        assert feature["geometry"]["type"] == "LineString"


@pytest.mark.parametrize(
    ("thai_district", "code"),
    [
        ("Chiang Khong", "TH5703"),
        ("Chiang Khan", "TH4203"),
        ("Phu Sing", "TH3317"),
        ("Pong Nam Ron", "TH2204"),
        ("Sangkhom", "TH4308"),
        ("Thoeng", "TH5704"),
    ],
)
def test_hand_verified_thai_codes(links_json, districts, thai_district, code):
    ids = {
        f["properties"]["thai_feature_id"]
        for f in links_json["features"]
        if f["properties"]["thai_district"] == thai_district
    }
    assert ids == {code}
    assert _district(districts, code).district == thai_district


@pytest.mark.parametrize(
    ("stated", "source_name"),
    [
        ("Houayxay", "Huoixai"),
        ("Sanakham", "Xanakharm"),
        ("Krom Reang", "Kamrieng"),
        ("Sala Krao", "Sala Krau"),
        ("Poipet", "Paoy Paet"),
    ],
)
def test_counterparts_by_source_name(links_json, districts, stated, source_name):
    props = [f["properties"] for f in links_json["features"] if f["properties"]["nb_district"] == stated]
    assert props
    for p in props:
        assert p["nb_source_name"] == source_name
        assert _district(districts, p["nb_feature_id"]).district == source_name


@pytest.mark.parametrize(
    ("pair_id", "name", "province"), [("35-1", "Samraong", "Oddar Meanchey"), ("26-1", "Phonthong", "Champasak")]
)
def test_duplicate_names_resolved(links_json, districts, pair_id, name, province):
    p = _link(links_json, pair_id)
    record = _district(districts, p["nb_feature_id"])
    assert record.district == name
    assert record.province == province


# --- findings ----------------------------------------------------------------------------------


def _findings(report, kind) -> list[dict]:
    return [f for f in report["findings"] if f["kind"] == kind]


def test_report_findings(report, links_json):
    (numbering,) = _findings(report, "numbering")
    assert "33" in numbering["message"]
    (count,) = _findings(report, "district_count")
    assert "44" in count["message"]
    assert "43" in count["message"]
    (mismatch,) = _findings(report, "province_mismatch")
    assert mismatch["pair_ids"] == ["18-1"]
    assert "Pak Kading" in mismatch["message"]
    assert "Bolikhamsai" in mismatch["message"]
    (far,) = _findings(report, "not_adjacent")
    assert far["pair_ids"] == ["09-1"]
    assert "Pak Chom" in far["message"]
    assert "Sanakham" in far["message"]
    assert _link(links_json, "09-1")["distance_km"] == pytest.approx(3.3, abs=0.3)
    assert "not_adjacent" in _link(links_json, "09-1")["findings"]
    unlisted = _findings(report, "unlisted_neighbour")
    assert len(unlisted) >= 5
    assert all(f["severity"] == "info" for f in unlisted)
    assert _findings(report, "unmatched") == []
    assert _findings(report, "fuzzy_match") == []
    # every other listed pair is within the adjacency tolerance
    others = [f["properties"] for f in links_json["features"] if f["properties"]["pair_id"] != "09-1"]
    assert max(p["distance_km"] for p in others) <= report["stats"]["adjacency_km"]
    assert report["stats"]["matched"] == 46
    assert report["columns"] == list(COLUMNS)


# --- districts and web payload -----------------------------------------------------------------


def test_district_properties(built_dir, districts, links_json):
    data = json.loads((built_dir / "districts.geojson").read_text(encoding="utf-8"))
    for feature in data["features"]:
        p = feature["properties"]
        for key in ("country", "province", "district", "feature_id"):
            assert isinstance(p[key], str)
            assert p[key]
        if p["country"] == "THA":
            assert is_thai_script(p["name_th"])
            assert is_thai_script(p["province_th"])
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    used = {f["properties"][k] for f in links_json["features"] for k in ("thai_feature_id", "nb_feature_id")}
    assert set(districts.feature_id) == used
    assert districts.feature_id.is_unique
    assert (districts.country == "THA").sum() == 43


def test_overview_payload_size(built_dir, report):
    size = (built_dir / "districts.geojson").stat().st_size + (built_dir / "links.geojson").stat().st_size
    assert size < 300 * 1024
    assert size == report["stats"]["overview_bytes"]


def _decimals(coords) -> int:
    if isinstance(coords, int | float):
        text = repr(float(coords))
        return len(text.split(".")[1]) if "e" not in text else 99
    return max((_decimals(c) for c in coords), default=0)


@pytest.mark.parametrize("name", ["districts.geojson", "links.geojson", "provinces.geojson"])
def test_at_most_five_decimals(built_dir, name):
    data = json.loads((built_dir / name).read_text(encoding="utf-8"))
    assert _decimals([f["geometry"]["coordinates"] for f in data["features"]]) <= 5


def test_thai_districts_do_not_overlap_and_keep_borders(districts, sources_dir):
    thai = districts[districts.country == "THA"].to_crs("EPSG:32648").reset_index(drop=True)
    assert thai.is_valid.all()
    worst = 0.0
    for i, j in itertools.combinations(range(len(thai)), 2):
        a, b = thai.geometry[i], thai.geometry[j]
        if a.intersects(b):
            worst = max(worst, a.intersection(b).area)
    assert worst < 100  # m²: at most vertex snapping, nothing a map would show
    # neighbours in the source stay neighbours after simplification
    source = gpd.read_file(sources_dir / next(x for x in load_catalogue() if x.id == "tha-adm2").file)
    source = source.set_geometry(source.geometry.make_valid()).to_crs("EPSG:32648")
    key = {(r.province, r.district): r.Index for r in thai.itertuples()}
    src = {(r.ADM1_EN, r.ADM2_EN): r.geometry for r in source.itertuples() if (r.ADM1_EN, r.ADM2_EN) in key}
    assert len(src) == len(thai)
    shared = 0
    for (ka, ga), (kb, gb) in itertools.combinations(src.items(), 2):
        if ga.intersection(gb).length > 1000:  # share more than 1 km of border in the source
            shared += 1
            built = thai.geometry[key[ka]].intersection(thai.geometry[key[kb]])
            assert built.length > 500, (ka, kb)
    assert shared >= 10
    ck = thai.geometry[key[("Chiang Rai", "Chiang Khong")]]
    cs = thai.geometry[key[("Chiang Rai", "Chiang Saen")]]
    assert ck.intersection(cs).length > 0


# --- packaged data ---------------------------------------------------------------------------


def test_district_points_agree_with_build(districts):
    with open(paths.POINTS_CSV, encoding="utf-8", newline="") as handle:
        points = list(csv.DictReader(handle))
    assert sorted(p["feature_id"] for p in points) == sorted(districts.feature_id)
    by_id = dict(zip(districts.feature_id, districts.geometry, strict=True))
    for p in points:
        point = shapely.Point(float(p["lon"]), float(p["lat"]))
        polygon = by_id[p["feature_id"]]
        assert polygon.distance(point) <= 0.01, p
        record = _district(districts, p["feature_id"])
        assert (p["country"], p["district"], p["province"]) == (record.country, record.district, record.province)


def _rows(path: Path) -> int:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return len(list(csv.DictReader(handle)))
    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data) if isinstance(data, list) else 1


def test_package_data_matches_its_catalogue():
    catalogue = json.loads(paths.DATA_CATALOGUE.read_text(encoding="utf-8"))["files"]
    on_disk = {p.name for p in paths.DATA_DIR.iterdir() if p.suffix in (".csv", ".json") and p.name != "catalogue.json"}
    on_disk.add("points/manifest.json")  # the packaged points build, pinned by its manifest (test_dataset checks it)
    assert set(catalogue) == on_disk
    for name, entry in catalogue.items():
        path = paths.DATA_DIR / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
        assert _rows(path) == entry["rows"], name
        assert entry["source"]
        assert entry["licence"]


def test_boundary_catalogue_records_and_fetched_files(sources_dir):
    raw = json.loads(paths.CATALOGUE_PATH.read_text(encoding="utf-8"))["layers"]
    for record in raw:
        for key in ("url", "licence", "attribution", "sha256", "features", "columns"):
            assert record.get(key), (record["id"], key)
        assert record["url"].startswith("https://")
    for layer in load_catalogue():
        path = sources_dir / layer.file
        assert hashlib.sha256(path.read_bytes()).hexdigest() == layer.sha256
        assert path.stat().st_size == layer.bytes
        info = pyogrio.read_info(path)
        assert info["features"] == layer.features
        assert set(layer.columns) <= set(info["fields"])


def test_fetch_and_build_leave_one_whole_build_behind_a_link(built_dir):
    """The two set-up commands, as scripts/app.sh runs them: the session's sources_dir and built_dir fixtures run
    `fetch --mirror` and `build` exactly so, and fail the session's real tests if either fails (their speed is in
    scripts/bench.sh)."""
    if MIRROR is None:
        unavailable("no boundary mirror (set BORDER_MAP_MIRROR)")
    assert built_dir.is_symlink()  # the name readers use points at one whole build
    assert sorted(p.name for p in built_dir.iterdir()) == [
        "districts.geojson",
        "links.geojson",
        "manifest.json",
        "provinces.geojson",
        "report.json",
    ]
    assert [p.name for p in store_of(built_dir).iterdir()] == [built_dir.resolve().name]  # no litter beside it


def test_points_command_reproduces_the_packaged_table(built_dir, tmp_path):
    out = tmp_path / "points.csv"
    result = run_cli("points", "--build", str(built_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "81 district points" in result.stderr
    assert out.read_bytes() == paths.POINTS_CSV.read_bytes()
