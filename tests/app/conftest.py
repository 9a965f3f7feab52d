"""Fixtures of the AppTest tests: which build the app reads (BORDER_MAP_DATA), the real one or none (the packaged
points build).

The app keeps one loaded dataset per build folder and what it holds (data_cache.dataset, keyed on the build's stamp),
so tests that read the same folder share one load and its rendered maps, as a server's sessions do; a test that
changes a build uses a folder of its own, which the stamp tells apart. Nothing here clears that cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def nothing_built(tmp_path_factory) -> Path:
    """A build folder that does not exist: the app falls back to the packaged points build."""
    return tmp_path_factory.mktemp("nothing-built") / "build"


@pytest.fixture
def points(monkeypatch, nothing_built):
    """The embedded default: quick, and the same table and names as a real build."""
    monkeypatch.setenv("BORDER_MAP_DATA", str(nothing_built))


@pytest.fixture
def boundaries(monkeypatch, built_dir):
    """The real build of the packaged table."""
    monkeypatch.setenv("BORDER_MAP_DATA", str(built_dir))


@pytest.fixture(params=["boundaries", "points"])
def mode(request):
    """Point the app at a real build, or at no build so it falls back to the points."""
    request.getfixturevalue(request.param)
    return request.param
