"""Thai outputs read as Thai: the exported site, booklet, deck and one-file HTML in Thai name every place in
Thai script and keep Latin script to the short list a Thai reader accepts (tests/support/latin.py). The app's
pages are read the same way in a browser (tests/browser/test_thai.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from border_map.render import export
from tests.support.latin import file_text, latin_words, report

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def thai_exports(real_data, thai_pdfs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("thai-exports")
    export.export_site(real_data, "th", out / "site")
    export.export_deck(real_data, "th", "both", out / "deck.html")
    export.export_html(real_data, "overview", "th", out / "overview.html")
    for path in thai_pdfs.values():  # the booklet and the deck PDF, as the line-breaking checks read them
        shutil.copy(path, out / path.name)
    return out


def test_thai_exports_keep_latin_script_to_the_allowed_words(thai_exports):
    files = sorted(p for p in thai_exports.rglob("*") if p.suffix in (".html", ".pdf") or p.parent.name == "layers")
    assert len(files) > 40  # the site's pages and layer files, the booklet, the deck twice, the one-file HTML
    assert any(p.parent.name == "layers" for p in files)
    found = {str(p.relative_to(thai_exports)): latin_words(file_text(p)) for p in files}
    assert not any(found.values()), "Latin script on Thai outputs:\n" + report(found)
