"""Fixtures of the deploy tests: Debian's nginx, the briefing site as the image exports it, and one deployment
(two app replicas behind nginx) per module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deploy.nginx_local import nginx_binary
from tests.support.data import run_cli
from tests.support.deploy import Deployment


@pytest.fixture(scope="module")
def nginx_installed() -> str:
    found = nginx_binary()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx missing in CI: scripts/test.sh installs it")
        pytest.skip("no nginx (scripts/test.sh installs Debian nginx)")
    return found


@pytest.fixture(scope="module")
def site_root(nginx_installed, built_dir, tmp_path_factory) -> Path:
    """The briefing site as the image exports it (BM_SITE_ROOT/en/); English only, to keep the test short."""
    root = tmp_path_factory.mktemp("briefing")
    result = run_cli(
        "export", "site", "--lang", "en", "--out", str(root / "en"), env={"BORDER_MAP_DATA": str(built_dir)}
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def deployment(nginx_installed, built_dir, site_root, tmp_path_factory):
    """Two replicas behind nginx, shared by the module's tests; the test that stops a replica runs last."""
    running = Deployment(built_dir, site_root, tmp_path_factory.mktemp("deployment"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def overview_paths(built_dir) -> int:
    """Paths of the fully drawn overview: provinces, districts and links, by the app's own count."""
    from border_map.model.dataset import load_dataset
    from border_map.render import maps

    found = maps.feature_counts(load_dataset(built_dir), maps.MapView(border="both", story_markers=True))
    return found["provinces"] + found["districts"] + found["links"]
