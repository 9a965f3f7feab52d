"""Fixtures every kind of test shares: the real boundary layers fetched once, a real build of the packaged
table, and one Chromium for the session. Each kind's own fixtures are in its folder's conftest.py (unit, app,
browser, deploy); helpers live in tests/support/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.data import MIRROR, run_cli, unavailable
from tests.support.shared import made_once

# The kinds from the longest modules to the shortest. scripts/test.sh gives each of two workers whole modules in
# this order (--dist loadfile --no-loadscope-reorder): the browser modules start first and the short unit
# modules fill the end, so neither worker is left with a long module while the other has finished. (xdist's own
# order, by tests per module, put the long parametrised unit modules first and a browser module last.)
KINDS = ("browser", "deploy", "app", "unit")


def pytest_collection_modifyitems(items):
    def kind(item) -> int:
        parts = Path(item.path).relative_to(item.config.rootpath).parts  # tests/<kind>/test_x.py
        return KINDS.index(parts[1]) if len(parts) > 2 and parts[1] in KINDS else len(KINDS)

    items.sort(key=kind)  # stable: each module's own order is kept


@pytest.fixture(scope="session")
def sources_dir(tmp_path_factory) -> Path:
    """The catalogued layers, fetched once per run (shared by the workers: tests/support/shared.py)."""

    def fetch(dest: Path) -> None:
        args = ["fetch", "--dest", str(dest)] + (["--mirror", str(MIRROR)] if MIRROR else [])
        result = run_cli(*args)
        if result.returncode != 0:
            unavailable(f"fetch failed (set BORDER_MAP_MIRROR to a local mirror): {result.stderr[-500:]}")

    return made_once(tmp_path_factory, "sources", fetch)


@pytest.fixture(scope="session")
def built_dir(sources_dir, tmp_path_factory) -> Path:
    """A real build of the packaged table, made once per run and shared by the integration, app and browser
    tests of every worker; none of them writes into it."""

    def build(folder: Path) -> None:
        result = run_cli("build", "--sources", str(sources_dir), "--out", str(folder / "build"))
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "build", build) / "build"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium headless shell through Playwright (tests.support.browser.CHROMIUM), launched once for
    the session with the flags every browser test and the benchmark use; every test opens its own context
    (tests.support.browser.Page), so nothing is shared but the process. Missing, it fails in CI (scripts/test.sh
    installs it) and skips elsewhere."""
    from tests.support.browser import CHROMIUM, LAUNCH_ARGS, OFFLINE_ARGS

    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: scripts/test.sh installs it")
        pytest.skip(f"no {CHROMIUM} (scripts/test.sh installs it)")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS + OFFLINE_ARGS)
        yield instance
        instance.close()
