"""What the app and the build write gets the permissions the user's umask gives, as any other program's files
do: a site copied to a shared drive, or served by a web server running as another user, can be read. And a
private umask (0o077) keeps them private. Checked for the exports (render/export.py), the build's publish
(pipeline/publish.py) and the fetched layers (pipeline/fetch.py), on the packaged points build: no network."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from border_map.model.dataset import load_dataset
from border_map.pipeline import publish
from border_map.pipeline.catalogue import Layer
from border_map.pipeline.fetch import fetch_layer
from border_map.render import export


@pytest.fixture(params=[0o022, 0o077, 0o002], ids=["022", "077", "002"])
def umask(request):
    """The process's umask set for the test, and put back after."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(tmp_path_factory.mktemp("nothing-built"))  # the packaged points build


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def expected(path: Path, umask: int) -> int:
    return (0o777 if path.is_dir() else 0o666) & ~umask


def wrong_modes(paths, umask: int) -> list[str]:
    return [f"{p}: {oct(mode(p))}, not {oct(expected(p, umask))}" for p in paths if mode(p) != expected(p, umask)]


def test_an_exported_file_has_the_umask_s_permissions(data, tmp_path, umask):
    out = tmp_path / "overview.html"
    export.export_html(data, "overview", "en", out)
    assert wrong_modes([out], umask) == []


def test_an_atomic_write_has_the_umask_s_permissions(tmp_path, umask):
    """The deck and the PDFs are written the same way (write_atomic)."""
    out = tmp_path / "deck.html"
    export.write_atomic(out, b"<!DOCTYPE html>")
    assert wrong_modes([out], umask) == []
    assert [p.name for p in tmp_path.iterdir()] == ["deck.html"]


def test_an_exported_site_its_folders_and_files_have_the_umask_s_permissions(data, tmp_path, umask):
    out = tmp_path / "site"
    export.export_site(data, "en", out)
    inside = list(out.rglob("*"))
    assert any(p.is_dir() for p in inside)
    assert wrong_modes([out, *inside], umask) == []
    export.export_site(data, "en", out)  # replaced whole: the new one too
    assert wrong_modes([out, *out.rglob("*")], umask) == []


def test_a_published_build_has_the_umask_s_permissions(tmp_path, umask):
    out = tmp_path / "build"
    final, _manifest = publish.publish(out, {"a.json": "{}", "b.json": "[]"})
    store = publish.store_of(out)
    assert wrong_modes([store, final, *final.iterdir()], umask) == []
    fixed = tmp_path / "points"
    publish.write_fixed(fixed, {"a.json": "{}"}, created="2026-01-01")
    assert wrong_modes([fixed, *fixed.iterdir()], umask) == []


def test_a_fetched_layer_has_the_umask_s_permissions(tmp_path, umask):
    mirror = tmp_path / "mirror"
    (mirror / "cod").mkdir(parents=True)
    content = b'{"type": "FeatureCollection", "features": []}'
    (mirror / "cod" / "layer.geojson").write_bytes(content)
    layer = Layer(
        id="test",
        country="THA",
        level="ADM2",
        role="districts",
        file="cod/layer.geojson",
        url="https://example.invalid/layer.geojson",
        source="test",
        licence="test",
        licence_url="https://example.invalid",
        attribution="test",
        sha256=hashlib.sha256(content).hexdigest(),
        bytes=len(content),
        features=0,
        columns=(),
        name_column="name",
    )
    dest = tmp_path / "sources"
    assert fetch_layer(layer, dest, mirror=mirror, report=lambda _line: None) == "mirror"
    fetched = dest / "cod" / "layer.geojson"
    assert fetched.read_bytes() == content
    assert wrong_modes([fetched], umask) == []


def test_the_site_zip_s_files_say_they_are_readable_by_all(data):
    """A zip has no umask: it says what its files' permissions are, and `unzip` gives them. The Data page offers
    the site as a zip."""
    with zipfile.ZipFile(io.BytesIO(export.site_zip(data, "en"))) as archive:
        entries = archive.infolist()
    assert entries
    assert {oct(stat.S_IMODE(e.external_attr >> 16)) for e in entries} == {oct(0o644)}
    assert all(stat.S_ISREG(e.external_attr >> 16) for e in entries)
    assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
