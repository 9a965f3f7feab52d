"""Every Thai line the PDFs wrap ends between words: the one-pagers (a province, a pair, a story), the booklet
and the deck, read back with poppler's `pdftotext -layout` and checked with the segmenter (`linebreak.units`).

A text counts as wrapped when the start of it stands on one line and the rest below it in the same column
(`tests.support.pdf.wrapped`); each break is then checked: the end of one line and the start of the next
must not be one word, one place name, or a number and its unit. The texts are the briefings' and slides'
own, from the same view models the PDFs are made from.
"""

from __future__ import annotations

import pytest

from border_map.model.briefing import Briefing, all_views, build_briefing, parse_view
from border_map.model.deck import slides
from border_map.render.export_pdf import pdf_bytes
from tests.support.pdf import breaks_inside, wrapped
from tests.unit.conftest import THAI_PDF_DAY

pytestmark = pytest.mark.real

VIEWS = ("province:Sa Kaeo", "province:Loei", "pair:08-1", "story:2")


@pytest.fixture(scope="module")
def data(real_data):
    return real_data


def briefing_texts(brief: Briefing) -> list[str]:
    """Every text of a briefing that its PDF page sets with room to wrap."""
    texts = [brief.title, brief.subtitle]
    texts += [t for f in brief.figures for t in (f.label, f.value, f.note)]
    if brief.pair:
        texts += [t for fact in brief.pair.facts for t in fact]
    if brief.story:
        texts += [brief.story.summary, *brief.story.figures, *brief.story.dates]
    texts += list(brief.table.columns) + [c for row in brief.table.rows for c in row.cells]
    texts += [label for _sid, label in brief.stories] + [f.text for f in brief.findings]
    return [t for t in texts if t]


def report(found: list[tuple[str, list[str]]]) -> list[str]:
    bad = []
    for text, lines in found:
        print(" / ".join(lines))
        bad += [f"{cut}   in {text[:60]!r}" for cut in breaks_inside(text, lines)]
    return bad


@pytest.mark.parametrize("view", VIEWS)
def test_thai_one_pagers_wrap_between_words(data, view, tmp_path):
    parsed = parse_view(view, data)
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf_bytes(data, parsed, "th", THAI_PDF_DAY))
    found = wrapped(path, briefing_texts(build_briefing(data, parsed, "th", THAI_PDF_DAY)))
    bad = report(found)
    assert found, f"no Thai text wraps on the {view} page: this test would test nothing"
    assert not bad, "Thai lines broken inside a word:\n" + "\n".join(bad)


def test_thai_booklet_wraps_between_words(data, thai_pdfs):
    path = thai_pdfs["booklet"]
    texts = [t for view in all_views(data) for t in briefing_texts(build_briefing(data, view, "th", THAI_PDF_DAY))]
    found = wrapped(path, sorted(set(texts)))
    bad = report(found)
    assert len(found) >= 20, f"only {len(found)} wrapped Thai texts found in the booklet"
    assert not bad, "Thai lines broken inside a word:\n" + "\n".join(bad)


def test_thai_deck_pdf_wraps_between_words(data, thai_pdfs):
    """Titles at 26 pt and subtitles at 13 pt in a third of the slide (or half, on a slide of text)."""
    path = thai_pdfs["deck"]
    texts = []
    for slide in slides(data, "th"):
        texts += [slide.title, slide.subtitle, *slide.points]
        texts += [f"{f.label}: {f.value}" for f in slide.figures]
    found = wrapped(path, [t for t in texts if t])
    bad = report(found)
    assert len(found) >= 5, f"only {len(found)} wrapped Thai texts found in the deck"
    assert not bad, "Thai lines broken inside a word:\n" + "\n".join(bad)
