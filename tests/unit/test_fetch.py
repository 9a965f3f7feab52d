"""Fetching the boundary layers, against a real HTTP server on 127.0.0.1 and a mirror directory."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pooch.core
import pytest

from border_map import paths
from border_map.errors import FetchError
from border_map.pipeline.catalogue import load_catalogue
from border_map.pipeline.fetch import extract_lines, fetch_all, fetch_layer
from tests.support.data import MIRROR, run_cli, unavailable

# The CLI must use the URLs, not the mirror the test run itself points at; and never a proxy.
HTTP_ENV = {"BORDER_MAP_MIRROR": "", "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}
CONFLICT_LINES = (2, 32)


def _require_mirror():
    if MIRROR is None or not MIRROR.is_dir():
        unavailable(f"no mirror at {MIRROR} (set BORDER_MAP_MIRROR)")


class Handler(SimpleHTTPRequestHandler):
    """Static files, plus /drop/<file>: announces the full length, sends half, then hangs up."""

    requests: list[str]

    def log_message(self, format, *args):  # keep test output clean
        pass

    def do_GET(self):
        self.requests.append(self.path)
        if self.path.startswith("/drop/"):
            body = (Path(self.directory) / self.path.removeprefix("/drop/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A copy of the mirror, plus a tampered file and a merge-conflict blob, served over HTTP."""
    _require_mirror()
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(MIRROR, root, dirs_exist_ok=True)
    lao = "geoboundaries/geoBoundaries-LAO-ADM1_simplified.geojson"
    tampered = root / "bad" / lao
    tampered.parent.mkdir(parents=True)
    tampered.write_bytes((root / lao).read_bytes().replace(b"Bokeo", b"Bokeu", 1))
    khm = (root / "geoboundaries/geoBoundaries-KHM-ADM1_simplified.geojson").read_bytes()
    (root / "khm-adm1-blob.geojson").write_bytes(
        b"<<<<<<< HEAD\n" + khm + b"=======\n" + khm + b">>>>>>> 8f79c9b1a2b3c4d5e6f7\n"
    )
    handler = type("BoundHandler", (Handler,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests, root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _catalogue(tmp_path: Path, base: str, overrides: dict[str, str] | None = None) -> Path:
    """The boundary catalogue with every url pointing at the local server (already extracted copies)."""
    data = json.loads(paths.CATALOGUE_PATH.read_text(encoding="utf-8"))
    for layer in data["layers"]:
        layer["url"] = f"{base}/{(overrides or {}).get(layer['id'], layer['file'])}"
        layer.pop("extract_lines", None)
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_fetch_over_http(served, tmp_path):
    base, requests, _ = served
    catalogue = _catalogue(tmp_path, base)
    dest = tmp_path / "dest"
    before = len(requests)
    result = run_cli("fetch", "--catalogue", str(catalogue), "--dest", str(dest), env=HTTP_ENV)
    assert result.returncode == 0, result.stderr
    layers = load_catalogue(catalogue)
    assert len(requests) - before == len(layers)  # really downloaded, once each
    assert _files(dest) == sorted(layer.file for layer in layers)
    for layer in layers:
        assert _sha(dest / layer.file) == layer.sha256
        assert (dest / layer.file).stat().st_size == layer.bytes
    assert result.stderr.count("sha256 verified") == len(layers)
    assert result.stderr.count("download") >= len(layers)
    assert "public URLs" in result.stderr
    assert " / 1.5 MB" in result.stderr  # progress of the 1.5 MB layer
    assert f"All {len(layers)} layers verified" in result.stderr
    # a second run finds everything in place and downloads nothing
    again = run_cli("fetch", "--catalogue", str(catalogue), "--dest", str(dest), env=HTTP_ENV)
    assert again.returncode == 0
    assert again.stderr.count("ok (present") == len(layers)
    assert len(requests) - before == len(layers)


def test_wrong_checksum_stores_nothing_and_continues(served, tmp_path):
    base, _, _ = served
    lao = "geoboundaries/geoBoundaries-LAO-ADM1_simplified.geojson"
    catalogue = _catalogue(tmp_path, base, {"lao-adm1": f"bad/{lao}"})
    dest = tmp_path / "dest"
    result = run_cli("fetch", "--catalogue", str(catalogue), "--dest", str(dest), env=HTTP_ENV)
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 1
    assert "lao-adm1" in failed[0]
    assert "checksum" in failed[0]
    assert "nothing was stored" in failed[0]
    tampered = hashlib.sha256((served[2] / "bad" / lao).read_bytes()).hexdigest()
    assert f"got {tampered[:12]}" in failed[0]
    assert "1 of 6 layers failed" in result.stderr
    assert not (dest / lao).exists()
    others = [layer for layer in load_catalogue(catalogue) if layer.id != "lao-adm1"]
    assert _files(dest) == sorted(layer.file for layer in others)
    for layer in others:
        assert _sha(dest / layer.file) == layer.sha256


def test_dropped_connection_leaves_no_partial_file(served, tmp_path):
    base, requests, _ = served
    khm = "geoboundaries/geoBoundaries-KHM-ADM2_simplified.geojson"
    catalogue = _catalogue(tmp_path, base, {"khm-adm2": f"drop/{khm}"})
    dest = tmp_path / "dest"
    before = [r for r in requests if r.startswith("/drop/")]
    result = run_cli("fetch", "--catalogue", str(catalogue), "--dest", str(dest), env=HTTP_ENV)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 1
    assert "khm-adm2" in failed[0]
    assert "connection dropped" in failed[0]
    assert "retrying" in result.stderr
    assert len([r for r in requests if r.startswith("/drop/")]) - len(before) == 3  # two retries
    others = [layer for layer in load_catalogue(catalogue) if layer.id != "khm-adm2"]
    assert _files(dest) == sorted(layer.file for layer in others)  # no half file, no .part- leftover
    assert not list(dest.rglob(".part-*"))


def test_unreachable_server_names_the_url(tmp_path, monkeypatch):
    catalogue = _catalogue(tmp_path, "http://127.0.0.1:9")  # discard port: connection refused
    layers = load_catalogue(catalogue)[:1]
    lines: list[str] = []
    waits: list[float] = []
    monkeypatch.setattr(pooch.core.time, "sleep", waits.append)  # pooch's 1 s and 2 s between tries, not waited
    failures = fetch_all(layers, tmp_path / "dest", None, report=lines.append)
    assert waits == [1, 2]  # it did retry twice
    assert len(failures) == 1
    assert layers[0].id in failures[0]
    assert "http://127.0.0.1:9/" in failures[0]
    assert "--mirror" in failures[0]
    assert not list((tmp_path / "dest").rglob("*.geojson"))
    assert not list((tmp_path / "dest").rglob(".part-*"))


def test_extract_lines_on_a_merge_conflict_blob():
    copy = b'{"type":"FeatureCollection",\r\n"features":[]\r\n}\n'
    blob = b"<<<<<<< HEAD\n" + copy + b"=======\n" + copy + b">>>>>>> 8f79c9b\n"
    assert extract_lines(blob, 2, 4) == copy
    assert extract_lines(blob, 6, 8) == copy
    assert json.loads(extract_lines(blob, 2, 4)) == {"type": "FeatureCollection", "features": []}
    with pytest.raises(FetchError, match="at least 20 lines, got 9"):
        extract_lines(blob, 2, 20)


def test_fetch_extracts_the_conflicted_khm_blob(served, tmp_path):
    base, _, _ = served
    layer = next(layer for layer in load_catalogue() if layer.id == "khm-adm1")
    assert layer.extract_lines == CONFLICT_LINES
    local = dataclasses.replace(layer, url=f"{base}/khm-adm1-blob.geojson")
    lines: list[str] = []
    how = fetch_layer(local, tmp_path, None, report=lines.append)
    assert how == "download"
    assert _sha(tmp_path / layer.file) == layer.sha256
    assert any(" MB" in line for line in lines)
    # without extraction the blob does not verify, and nothing is stored
    raw = dataclasses.replace(local, extract_lines=None)
    with pytest.raises(FetchError, match="checksum"):
        fetch_layer(raw, tmp_path / "other", None, report=lines.append)
    assert _files(tmp_path / "other") == []


def test_fetch_from_mirror(tmp_path):
    _require_mirror()
    dest = tmp_path / "dest"
    result = run_cli("fetch", "--mirror", str(MIRROR), "--dest", str(dest))
    assert result.returncode == 0, result.stderr
    layers = load_catalogue()
    assert result.stderr.count("ok (mirror") == len(layers)
    for layer in layers:
        assert _sha(dest / layer.file) == layer.sha256
    assert _files(dest) == sorted(layer.file for layer in layers)


def test_missing_file_in_mirror(tmp_path):
    _require_mirror()
    mirror = tmp_path / "mirror"
    shutil.copytree(MIRROR, mirror)
    gone = "geoboundaries/geoBoundaries-LAO-ADM2_simplified.geojson"
    (mirror / gone).unlink()
    dest = tmp_path / "dest"
    result = run_cli("fetch", "--mirror", str(mirror), "--dest", str(dest))
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 1
    assert "lao-adm2" in failed[0]
    assert str(mirror / gone) in failed[0]
    assert "not in the mirror" in failed[0]
    assert not (dest / gone).exists()
    assert len(_files(dest)) == len(load_catalogue()) - 1
    assert not list(dest.rglob(".part-*"))
