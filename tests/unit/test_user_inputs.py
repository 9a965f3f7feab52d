"""The user's own table and boundaries, built end to end on the real layers: the packaged table as XLSX, ODS (the
source document's headings), UTF-8-BOM CSV and cp874 CSV with Thai-script names lands every pair on the same
polygons as the CSV; a Lao and a Cambodian district layer replaced by a zipped shapefile and a GeoPackage of the
same data give the same 46/46, and the build names them as supplied by the user; each bad file is refused with
exit status 2 (table) or 1 (boundaries), naming the file and what to do, and nothing is written.

A build takes about 2.5 s on this machine; each form is built once for the module (`builds`), in this process
through the command line's own `main`, so the layers' libraries load once."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import shutil
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest

from border_map import cli, paths
from border_map.model.dataset import load_dataset
from border_map.model.programme import source_text
from border_map.model.thaiforms import thai_form
from border_map.pipeline.table import CP874
from tests.support.data import MIRROR, run_cli
from tests.support.sheets import ods_bytes, workbook_bomb, xlsx_bytes
from tests.unit.test_table_formats import as_sheet, document_form, packaged_rows

pytestmark = pytest.mark.real

LAYERS = ("districts.geojson", "links.geojson", "provinces.geojson")
VARYING = ("table", "table_read", "built_at")  # the report's fields that say where and when, not what


def build(*args: str) -> tuple[int, str]:
    """`python -m border_map build ...` run in this process; (exit status, what it printed on stderr)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(["build", *args])
    return status, err.getvalue()


def report_of(folder: Path) -> dict:
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    report["stats"].pop("build_seconds")
    return {key: value for key, value in report.items() if key not in VARYING}


def polygons(folder: Path) -> list[tuple]:
    """Each pair and the two polygons it landed on."""
    links = json.loads((folder / "links.geojson").read_text(encoding="utf-8"))["features"]
    return [
        (f["properties"]["pair_id"], f["properties"]["thai_feature_id"], f["properties"]["nb_feature_id"])
        for f in links
    ]


def thai_script_table(reference: Path) -> list[list[str]]:
    """The packaged table written wholly in Thai script: Thai provinces and districts as the Thai boundary
    source names them, the neighbours' as the reviewed Thai forms (names_th.csv) write them."""
    districts = gpd.read_file(reference / "districts.geojson").set_index("feature_id")
    rows = packaged_rows()
    out = [rows[0]]
    for (no, _tp, _td, country, nb_province, nb_district), (_pair, thai_id, _nb) in zip(
        rows[1:], polygons(reference), strict=True
    ):
        thai = districts.loc[thai_id]
        out.append(
            [
                no,
                thai.province_th,
                thai.name_th,
                country,
                thai_form(country, "province", nb_province).name_th,
                thai_form(country, "district", nb_district).name_th,
            ]
        )
    return out


def zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, name: str, leave_out: str | None = None) -> Path:
    parts = folder / f"{name}-parts"
    parts.mkdir()
    frame.to_file(parts / f"{name}.shp")
    target = folder / f"{name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(parts.iterdir()):
            if part.suffix != leave_out:
                archive.write(part, f"{name}/{part.name}")
    shutil.rmtree(parts)  # the zip is read in place: nothing of it stays unpacked on disk
    return target


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, built_dir) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    rows = packaged_rows()
    files = {
        "xlsx": ("pairs.xlsx", xlsx_bytes({"Pairs": as_sheet(rows)})),
        "ods-document": ("pairs.ods", ods_bytes({"P2P": document_form(rows)})),
        "csv-bom": ("pairs-bom.csv", codecs.BOM_UTF8 + paths.PAIRS_CSV.read_bytes()),
        "csv-cp874-thai": (
            "pairs-thai.csv",
            "\r\n".join(",".join(r) for r in thai_script_table(built_dir)).encode("cp874") + b"\r\n",
        ),
    }
    out = {}
    for key, (name, data) in files.items():
        (folder / name).write_bytes(data)
        out[key] = folder / name
    return out


@pytest.fixture(scope="module")
def layers(tmp_path_factory) -> dict[str, Path]:
    """The mirror's Lao and Cambodian district layers, written again as a zipped shapefile and a GeoPackage,
    and the bad files made from them."""
    folder = tmp_path_factory.mktemp("layers")
    lao = gpd.read_file(MIRROR / "geoboundaries" / "geoBoundaries-LAO-ADM2_simplified.geojson")
    khm = gpd.read_file(MIRROR / "geoboundaries" / "geoBoundaries-KHM-ADM2_simplified.geojson")
    made = {
        "lao-zip": zipped_shapefile(lao, folder, "lao_districts"),
        "khm-gpkg": folder / "khm_districts.gpkg",
        "khm-utm-renamed": folder / "khm_utm.gpkg",
        "lao-no-dbf": zipped_shapefile(lao, folder, "lao_no_dbf", leave_out=".dbf"),
        "khm-no-name": folder / "khm_no_name.gpkg",
        "khm-no-crs": folder / "khm_no_crs.gpkg",
        "khm-wrong-crs": folder / "khm_wrong_crs.gpkg",
        "noise-zip": folder / "noise.zip",
    }
    khm.to_file(made["khm-gpkg"], layer="districts")
    khm.rename(columns={"shapeName": "DIST_NAME", "shapeID": "DIST_CODE"}).to_crs("EPSG:32648").to_file(
        made["khm-utm-renamed"]
    )
    khm.drop(columns="shapeName").to_file(made["khm-no-name"])
    with warnings.catch_warnings():  # GDAL says the file will have no CRS: that is the point
        warnings.simplefilter("ignore", UserWarning)
        khm.set_crs(None, allow_override=True).to_file(made["khm-no-crs"])
    # metres labelled as degrees: the UTM coordinates declared EPSG:4326
    khm.to_crs("EPSG:32648").set_crs("EPSG:4326", allow_override=True).to_file(made["khm-wrong-crs"])
    made["noise-zip"].write_bytes(bytes((i * 31 + 7) % 256 for i in range(5000)))
    return made


@pytest.fixture(scope="module")
def builds(inputs, layers, sources_dir, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """One build per form, each into its own folder: (the build, what the command printed)."""
    root = tmp_path_factory.mktemp("builds")
    runs = {key: ["--table", str(path)] for key, path in inputs.items()}
    runs["boundaries"] = [
        "--boundary",
        f"lao-adm2={layers['lao-zip']}",
        "--boundary",
        f"khm-adm2={layers['khm-gpkg']}",
    ]
    runs["boundaries-mapped"] = [
        "--boundary",
        f"khm-adm2={layers['khm-utm-renamed']}:shapeName=DIST_NAME,shapeID=DIST_CODE",
    ]
    done = {}
    for key, args in runs.items():
        out = root / key
        status, said = build(*args, "--sources", str(sources_dir), "--out", str(out))
        assert status == 0, said
        done[key] = (out, said)
    return done


# --- tables -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["xlsx", "ods-document", "csv-bom"])
def test_the_build_is_identical(builds, built_dir, form):
    out, _said = builds[form]
    for name in LAYERS:
        assert (out / name).read_bytes() == (built_dir / name).read_bytes(), name
    assert report_of(out) == report_of(built_dir)


def test_thai_script_cp874_lands_every_pair_on_the_same_polygons(builds, built_dir):
    out, said = builds["csv-cp874-thai"]
    assert CP874 in said
    assert polygons(out) == polygons(built_dir)
    assert (out / "districts.geojson").read_bytes() == (built_dir / "districts.geojson").read_bytes()
    links = json.loads((out / "links.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["status"] for f in links} == {"matched"}
    assert links[0]["properties"]["nb_district"] == "ห้วยทราย"  # stated as written


def test_the_report_says_how_the_table_was_read(builds):
    expected = {
        "xlsx": "XLSX, sheet 'Pairs', the project's column names",
        "ods-document": "ODS, sheet 'P2P', the source document's headings",
        "csv-bom": "CSV, UTF-8 with BOM, the project's column names",
        "csv-cp874-thai": f"CSV, {CP874}, the project's column names",
    }
    for key, described in expected.items():
        out, said = builds[key]
        assert f"({described})" in said
        assert json.loads((out / "report.json").read_text(encoding="utf-8"))["table_read"] == described


# --- boundaries ---------------------------------------------------------------------------------------


def test_replaced_layers_give_the_same_pairs(builds, built_dir):
    for key in ("boundaries", "boundaries-mapped"):
        out, said = builds[key]
        assert "46/46 pairs matched" in said
        assert polygons(out) == polygons(built_dir)
    assert "EPSG:32648 reprojected to EPSG:4326" in builds["boundaries-mapped"][1]


def test_supplied_layers_are_named_in_report_manifest_and_every_reader(builds):
    out, said = builds["boundaries"]
    assert "Layer lao-adm2 supplied by the user" in said
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(s["layer"], s["file"]) for s in manifest["supplied"]] == [
        ("lao-adm2", "lao_districts.zip"),
        ("khm-adm2", "khm_districts.gpkg"),
    ]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    supplied = {s["id"]: s for s in report["sources"] if s.get("supplied")}
    assert set(supplied) == {"lao-adm2", "khm-adm2"}
    assert supplied["lao-adm2"]["attribution"] == "Lao districts: supplied by the user (lao_districts.zip)"
    data = load_dataset(out)
    assert data.has_boundaries
    assert [s["layer"] for s in data.supplied] == ["lao-adm2", "khm-adm2"]
    lines = {s["id"]: source_text(s, "attribution", "th") for s in data.sources}
    assert lines["lao-adm2"] == "เมืองของ สปป.ลาว: ผู้ใช้จัดหาให้ (lao_districts.zip)"
    assert lines["tha-adm2"].startswith("อำเภอของไทย: กรมแผนที่ทหาร")  # the others as catalogued


def test_exports_name_the_supplied_layers(builds):
    from border_map.i18n import translator
    from border_map.model.briefing import briefing, parse_view, source_labels, source_lines
    from border_map.render.maps import short_attribution

    data = load_dataset(builds["boundaries"][0])
    for lang, words in (("en", "supplied by the user (khm_districts.gpkg)"), ("th", "ผู้ใช้จัดหาให้ (khm_districts.gpkg)")):
        brief = briefing(data, parse_view("overview", data), lang)
        assert any(words in line for line in source_lines(brief.sources))
        assert any(words in label for label in source_labels(brief.sources))
        assert words in short_attribution(data, translator(lang))


# --- bad files: a message naming the file and what to do; exit 2 or 1; nothing written --------------------


def _refused(tmp_path, sources_dir, status: int, args: list[str], *words: str) -> str:
    out = tmp_path / "out"
    code, said = build(*args, "--sources", str(sources_dir), "--out", str(out))
    assert code == status, said
    assert "Traceback" not in said
    for word in words:
        assert word in said
    assert not out.exists()
    return said


def test_bad_tables_exit_2(tmp_path, sources_dir):
    noise = tmp_path / "pairs.xlsx"
    noise.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(40_000)))
    _refused(tmp_path, sources_dir, 2, ["--table", str(noise)], str(noise), "not an XLSX workbook", "save it again")
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(workbook_bomb())
    _refused(tmp_path, sources_dir, 2, ["--table", str(bomb)], str(bomb), "inflates to 1,536 MB")
    sheet = tmp_path / "two.xlsx"
    sheet.write_bytes(xlsx_bytes({"Pairs": as_sheet(packaged_rows())}))
    _refused(tmp_path, sources_dir, 2, ["--table", str(sheet), "--sheet", "2025"], "no sheet named '2025'", "'Pairs'")


@pytest.mark.parametrize(
    ("case", "option", "words"),
    [
        ("unknown-id", "lao-adm3={lao-zip}", ["unknown layer 'lao-adm3'", "lao-adm2", "khm-adm2"]),
        ("zip-without-dbf", "lao-adm2={lao-no-dbf}", ["lao_no_dbf.dbf (its attribute table", "zip every part"]),
        (
            "no-name-column",
            "khm-adm2={khm-no-name}",
            ["lacks the column shapeName", "columns found: shapeISO", ":shapeName=COLUMN"],
        ),
        ("mapped-column-absent", "khm-adm2={khm-utm-renamed}:shapeName=NAME_EN", ["no column 'NAME_EN'", "DIST_NAME"]),
        ("no-crs", "khm-adm2={khm-no-crs}", ["no coordinate reference system", "Set CRS"]),
        ("wrong-crs", "khm-adm2={khm-wrong-crs}", ["outside Cambodia", "CRS in the file is probably wrong"]),
        ("not-a-zip", "lao-adm2={noise-zip}", ["not a zip archive"]),
        ("missing-file", "lao-adm2=nowhere.gpkg", ["nowhere.gpkg: does not exist"]),
    ],
)
def test_bad_boundaries_exit_1(tmp_path, sources_dir, layers, case, option, words):
    given = option.format(**{key: layers[key] for key in layers})
    file = given.split("=", 1)[1].split(":shapeName")[0]
    said = _refused(tmp_path, sources_dir, 1, ["--boundary", given], *words)
    assert Path(file).name in said


def test_exit_status_through_the_real_entry(tmp_path, layers):
    """The same refusal through `python -m border_map`, as a user runs it."""
    result = run_cli("build", "--boundary", f"xyz={layers['khm-gpkg']}", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "unknown layer 'xyz'" in result.stderr
    assert not (tmp_path / "out").exists()
