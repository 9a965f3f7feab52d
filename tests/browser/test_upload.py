"""The upload on the Data & sources page in a real browser: a revised table with two rows changed is chosen in the
file picker, checked against the real boundaries, and its differences and preview map are shown; a screenshot of
the result is kept in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import time

import pytest

from tests.app.test_upload import revised_rows
from tests.support.browser import Server
from tests.support.data import ARTIFACTS, ROOT
from tests.support.sheets import xlsx_bytes
from tests.unit.test_table_formats import as_sheet

pytestmark = [pytest.mark.browser, pytest.mark.real]


@pytest.fixture(scope="module")
def checking_app(built_dir, sources_dir, logs):
    """The app on the real build, its checks reading the same fetched layers (a server of this module's own)."""
    env = {"BORDER_MAP_DATA": str(built_dir), "BORDER_MAP_GEODATA": str(sources_dir)}
    server = Server(ROOT, ROOT / "app.py", env, logs / f"upload-{time.time_ns()}.log")
    yield server
    server.stop()


def test_an_uploaded_table_shows_its_differences_and_map(page, checking_app, tmp_path):
    table = tmp_path / "pairs-2025.xlsx"
    table.write_bytes(xlsx_bytes({"Pairs": as_sheet(revised_rows())}))
    page.goto(checking_app.url + "/data")
    page.page.get_by_role("heading", name="Check a revised table").wait_for()
    page.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(table))
    page.page.get_by_role("heading", name="Differences from the served table").wait_for(timeout=90_000)
    page.page.get_by_text("added 1, removed 1, changed 1", exact=False).wait_for()
    page.page.get_by_text("pairs-2025.xlsx read as XLSX", exact=False).wait_for()
    # the preview map: drawn by the live map component with the revised build's shapes
    preview = page.page.get_by_role("heading", name="Map of the revised table")
    preview.scroll_into_view_if_needed()
    page.wait_for_map(100)
    page.page.get_by_role("button", name="Briefing (HTML)").wait_for()
    page.page.get_by_role("button", name="Briefing (PDF)").wait_for()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.get_by_role("heading", name="Differences from the served table").scroll_into_view_if_needed()
    page.page.screenshot(path=str(ARTIFACTS / "upload-differences.png"), full_page=False)
    page.page.get_by_role("heading", name="Briefing of the revised table").scroll_into_view_if_needed()
    page.page.screenshot(path=str(ARTIFACTS / "upload-map.png"), full_page=False)
