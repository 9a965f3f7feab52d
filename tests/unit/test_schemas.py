"""The catalogue, a build report and a manifest are checked against schemas, with one sentence naming the place."""

from __future__ import annotations

import json

import pytest

from border_map import paths
from border_map.errors import CatalogueError
from border_map.model import schemas
from border_map.pipeline.catalogue import load_catalogue


def catalogue_with(tmp_path, change) -> str:
    data = json.loads(paths.CATALOGUE_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "boundaries.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_packaged_catalogue_is_valid():
    layers = load_catalogue()
    assert {layer.country for layer in layers} == {"THA", "LAO", "KHM"}
    assert str(paths.CATALOGUE_PATH).startswith(str(paths.PACKAGE_DIR))  # package data: any install finds it


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.clear(), "'layers' is a required property"),
        (lambda d: d["layers"][1].pop("licence"), "at layers[1]: 'licence' is a required property"),
        (lambda d: d["layers"][0].update(sha256="abc"), "at layers[0].sha256: 'abc' does not match"),
        (lambda d: d["layers"][2].update(bytes="big"), "at layers[2].bytes: 'big' is not of type 'integer'"),
        (lambda d: d["layers"][0].update(url="ftp://x"), "at layers[0].url"),
        (lambda d: d.update(layers=[]), "at layers: [] should be non-empty"),
    ],
)
def test_a_bad_catalogue_is_refused_with_the_place_named(tmp_path, change, said):
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_with(tmp_path, change))
    assert said in str(caught.value)
    assert str(caught.value).startswith("boundaries.json: not a valid boundary catalogue")
    assert str(tmp_path) not in str(caught.value)


def test_repeated_layer_ids_are_refused(tmp_path):
    path = catalogue_with(tmp_path, lambda d: d["layers"].append(dict(d["layers"][0])))
    with pytest.raises(CatalogueError, match="repeated layer ids"):
        load_catalogue(path)


def test_report_and_manifest_schemas():
    report = {"findings": [], "stats": dict.fromkeys(schemas.STATS, 0), "sources": []}
    assert schemas.problem(report, schemas.REPORT) is None
    assert schemas.problem({**report, "stats": {"rows": -1}}, schemas.REPORT).startswith("at stats")
    manifest = {
        "format": 1,
        "build_id": "20260101T000000-abc",
        "created": "x",
        "files": {"a": {"sha256": "0" * 64, "bytes": 3}},
    }
    assert schemas.problem(manifest, schemas.MANIFEST) is None
    assert "at build_id" in schemas.problem({**manifest, "build_id": "../../etc"}, schemas.MANIFEST)
    assert "at format" in schemas.problem({**manifest, "format": 2}, schemas.MANIFEST)


def test_a_wheel_carries_the_catalogue_and_the_messages(tmp_path):
    """Installed without the source tree (a wheel, not editable), the package still finds its boundary
    catalogue, data and Thai messages: they are package data."""
    import shutil
    import subprocess
    import sys
    import zipfile

    from tests.support.data import ROOT

    source = tmp_path / "source"  # setuptools writes build/ beside pyproject.toml: not in the checkout
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)]
    built = subprocess.run(command, check=False, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("border_map-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in ("boundaries.json", "catalogue.json", "pairs.csv", "stories.json", "names_th.csv"):
        assert f"border_map/data/{packaged}" in names
    assert "border_map/locales/th/LC_MESSAGES/border_map.po" in names
