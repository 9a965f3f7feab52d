"""Warm at start (border_map.web.warm): a started server has done its first visitor's work before anyone visits.

A real `streamlit run app.py` is started as the tests start it, and only its health check and `/warm` are asked
for: no page is opened, no script runs. What `/warm` reports of the pages' caches is read from them (the
dataset cache the pages use, the base maps memoised on its dataset), so the warm-up is proved to have filled
them, not just to have run. Then a new build (a file of the build replaced, as a rebuild or a repair does) is
warmed again, still with no visitor.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.request

import pytest

from border_map.model.manifest import MANIFEST, current
from tests.support.browser import Server
from tests.support.data import ROOT

pytestmark = pytest.mark.real

WAIT_S = 90


def warm_status(server: Server) -> dict:
    with urllib.request.urlopen(f"{server.url}/warm", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        return json.loads(response.read())


def wait_for(server: Server, done, what: str) -> dict:
    deadline = time.monotonic() + WAIT_S
    status = warm_status(server)
    while not done(status):
        assert time.monotonic() < deadline, f"{what}: not within {WAIT_S} s; /warm says {status}"
        assert status["state"] not in ("failed", "off"), status  # "off": the server was started without it
        time.sleep(0.1)
        status = warm_status(server)
    return status


@pytest.fixture
def build(built_dir, tmp_path):
    """A copy of the real build, which this test may change without touching the shared one."""
    copy = tmp_path / "build"
    shutil.copytree(current(built_dir), copy)
    return copy


def test_a_started_server_is_warm_before_its_first_visit_and_again_after_a_new_build(build, tmp_path):
    build_id = json.loads((build / MANIFEST).read_text(encoding="utf-8"))["build_id"]
    server = Server(ROOT, ROOT / "app.py", {"BORDER_MAP_DATA": str(build)}, tmp_path / "server.log")
    try:
        # At its first answer the build is loaded already: the server loads it before it answers.
        first = warm_status(server)
        assert "dataset at start" in first["seconds"], first
        assert first["cache"]["build_id"] == build_id, first
        status = wait_for(server, lambda s: s["state"] == "warm", "warm-up")

        assert status["build_id"] == build_id
        # Read from the pages' own dataset cache: one build loaded, this one, before any page ran.
        assert status["cache"] == {"datasets": 1, "build_id": build_id}
        # The overview's base maps, both languages, memoised on that dataset: the first run renders nothing.
        views = {(m["border"], m["lang"], m["story_markers"]) for m in status["base_maps"]}
        assert {("both", "en", True), ("both", "th", True)} <= views
        assert status["builds"] == 1
        assert status["modules"] > 10  # the pages' imports, read from their source
        assert {"imports", "dataset", "maps", "first message"} <= set(status["seconds"])

        # A file of the build changes (a repair, a rebuild in place): the stamp the pages key on changes, and the
        # warm-up loads and warms it in the background, with still no visitor.
        later = time.time() + 5
        os.utime(build / "report.json", (later, later))
        status = wait_for(server, lambda s: s["builds"] == 2 and s["state"] == "warm", "warm-up of the new build")
        assert status["cache"] == {"datasets": 2, "build_id": build_id}  # the previous one kept for open pages
        views = {(m["border"], m["lang"], m["story_markers"]) for m in status["base_maps"]}
        assert {("both", "en", True), ("both", "th", True)} <= views  # on the newly loaded dataset
    finally:
        server.stop()
    log = server.log.read_text(errors="replace")
    assert "warm-up failed" not in log
    assert "missing ScriptRunContext" not in log  # the warm-up's thread calls the pages' cache outside a run
