"""Broken boundary files are diagnosed by name: truncated, LFS pointer, changed, wrong CRS, columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pytest

from border_map.errors import BoundaryFileError
from border_map.pipeline.boundaries import FETCH_HINT, read_layer
from border_map.pipeline.catalogue import by_id, load_catalogue
from tests.support.data import MIRROR, run_cli, unavailable

LAYERS = by_id(load_catalogue())
LAO1 = LAYERS["lao-adm1"]


@pytest.fixture
def layer_dir(tmp_path):
    """A directory holding a real copy of the LAO ADM1 layer (the smallest with an id column)."""
    if MIRROR is None or not (MIRROR / LAO1.file).is_file():
        unavailable(f"no mirror at {MIRROR} (set BORDER_MAP_MIRROR)")
    target = tmp_path / "sources" / LAO1.file
    target.parent.mkdir(parents=True)
    shutil.copyfile(MIRROR / LAO1.file, target)
    return tmp_path / "sources"


def _broken(layer_dir: Path) -> str:
    with pytest.raises(BoundaryFileError) as info:
        read_layer(LAO1, layer_dir)
    message = str(info.value)
    assert str(layer_dir / LAO1.file) in message
    return message


def test_intact_copy_reads(layer_dir):
    frame = read_layer(LAO1, layer_dir)
    assert len(frame) == LAO1.features == 18
    assert set(LAO1.columns) <= set(frame.columns)
    assert frame.crs.to_epsg() == 4326


def test_truncated(layer_dir):
    path = layer_dir / LAO1.file
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    message = _broken(layer_dir)
    assert "truncated" in message
    assert "fetch" in message


def test_lfs_pointer(layer_dir):
    (layer_dir / LAO1.file).write_text(
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{LAO1.sha256}\nsize {LAO1.bytes}\n",
        encoding="ascii",
    )
    message = _broken(layer_dir)
    assert "LFS" in message
    assert FETCH_HINT in message


def test_changed_but_valid(layer_dir):
    path = layer_dir / LAO1.file
    raw = path.read_bytes()
    assert b'"Bokeo"' in raw
    path.write_bytes(raw.replace(b'"Bokeo"', b'"Bokeu"', 1))
    message = _broken(layer_dir)
    assert "checksum" in message
    assert "lao-adm1" in message


def test_wrong_crs(layer_dir):
    path = layer_dir / LAO1.file
    gpd.read_file(path).to_crs("EPSG:3857").to_file(path, driver="GeoJSON")
    assert gpd.read_file(path).crs.to_epsg() == 3857
    message = _broken(layer_dir)
    assert "CRS" in message
    assert "3857" in message


def test_missing_column(layer_dir):
    path = layer_dir / LAO1.file
    gpd.read_file(path).drop(columns=["shapeISO"]).to_file(path, driver="GeoJSON")
    message = _broken(layer_dir)
    assert "shapeISO" in message
    assert "shapeID" not in message.split("lacks", 1)[1]


def test_missing_file(tmp_path):
    with pytest.raises(BoundaryFileError) as info:
        read_layer(LAO1, tmp_path)
    message = str(info.value)
    assert "missing" in message
    assert str(tmp_path / LAO1.file) in message
    assert "python -m border_map fetch" in message
    assert "--mirror" in message


def test_cli_build_with_broken_sources(layer_dir, tmp_path):
    # every other layer intact, the LAO provinces truncated
    for layer in LAYERS.values():
        if layer.id != LAO1.id:
            target = layer_dir / layer.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(MIRROR / layer.file, target)
    path = layer_dir / LAO1.file
    path.write_bytes(path.read_bytes()[:5000])
    out = tmp_path / "out"
    result = run_cli("build", "--sources", str(layer_dir), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert "truncated" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_with_empty_sources(tmp_path):
    result = run_cli("build", "--sources", str(tmp_path / "nothing"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "missing" in result.stderr
    assert "python -m border_map fetch" in result.stderr
    assert not (tmp_path / "out").exists()
