"""Fixtures of the unit tests (the library and the command line, no app server): the packaged points build,
loaded once. The real build (built_dir, sources_dir) and Chromium (browser) are tests/conftest.py's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from border_map.model.dataset import Dataset, load_dataset
from tests.support.shared import made_once


@pytest.fixture(scope="session")
def embedded(tmp_path_factory) -> Dataset:
    """The embedded point dataset: the same table and source names as a real build, no mirror needed."""
    return load_dataset(tmp_path_factory.mktemp("nothing-built") / "build")


@pytest.fixture(scope="session")
def real_data(built_dir) -> Dataset:
    """The real build, loaded once for the modules that read it without a server."""
    return load_dataset(built_dir)


@pytest.fixture(scope="session")
def thai_pdfs(real_data, tmp_path_factory) -> dict[str, Path]:
    """The Thai booklet and deck PDF, made once per run (tests/support/shared.py): the line-breaking checks, the
    Latin-script scan and the PDF checks of test_export read them."""
    from border_map.model.briefing import parse_view
    from border_map.render.export_deck import deck_pdf
    from border_map.render.export_pdf import pdf_bytes

    def make(out: Path) -> None:
        booklet = parse_view("booklet", real_data, allow_booklet=True)
        (out / "booklet.pdf").write_bytes(pdf_bytes(real_data, booklet, "th", THAI_PDF_DAY))
        (out / "deck.pdf").write_bytes(deck_pdf(real_data, "th"))

    out = made_once(tmp_path_factory, "thai-pdfs", make)
    return {"booklet": out / "booklet.pdf", "deck": out / "deck.pdf"}


THAI_PDF_DAY = date(2026, 11, 23)  # the day the booklet says it was made: fixed, so a run is a run
