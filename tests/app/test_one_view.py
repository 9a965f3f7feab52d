"""One view, one content: the app's page, the HTML briefing, the PDF briefing and the deck of a view show the
same headline figures, pair facts and pairs table, in English and in Thai.

Each test reads the view's `Briefing` once (model/briefing.py) and looks for its fields in what each renderer
puts out: the data the page sends its components (AppTest), the HTML panel's text and table, the PDF's text and
table (pdftotext), the deck's slides. Real build; the app reads the same dataset object the test does.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from border_map.model import deck
from border_map.model.briefing import ExportView, briefing, parse_view
from border_map.render.export import html_bytes
from border_map.render.export_deck import deck_pdf
from border_map.render.export_pdf import MARGIN, TABLE_COLUMNS, pdf_bytes
from border_map.web import data_cache
from tests.support.app import app_figures, side_panel
from tests.support.data import ROOT
from tests.support.pdf import pdf_lines, pdf_text, plain, table_cells

pytestmark = pytest.mark.real
LANGS = ["en", "th"]


@pytest.fixture(scope="module")
def data(built_dir):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDER_MAP_DATA", str(built_dir))
        data_cache.dataset.clear()
        yield data_cache.dataset()  # the object the app's runs read
        data_cache.dataset.clear()


def page(path: str, lang: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class Panel(HTMLParser):
    """The HTML briefing's panel: its text, and the cells of its table rows (the header row has none)."""

    def __init__(self, html: str):
        super().__init__()
        self.inside, self.text, self.rows, self.cell = 0, [], [], None
        self.feed(html)
        self.rows = [row for row in self.rows if row]

    def handle_starttag(self, tag, attrs):
        self.inside += tag == "aside"
        if self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        self.inside -= tag == "aside"
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, text):
        if self.inside:
            self.text.append(text)
            if self.cell is not None:
                self.cell.append(text)


def html_panel(data, view: ExportView, lang: str) -> Panel:
    return Panel(html_bytes(data, view, lang).decode("utf-8"))


class Printed:
    """The PDF briefing of a view: its text, its lines as laid out, and its pairs table's rows."""

    def __init__(self, data, view: ExportView, lang: str, tmp_path):
        self.path = tmp_path / f"{view.slug}-{lang}.pdf"
        self.path.write_bytes(pdf_bytes(data, view, lang))
        self.pairs = list(briefing(data, view, lang).table.pairs)
        self.text, self.lines = pdf_text(self.path), pdf_lines(self.path)

    def rows(self) -> list[list[str]]:
        """The table's rows, when it fits on the first page (a province's does)."""
        lefts = [MARGIN + sum(TABLE_COLUMNS[:i]) for i in range(len(TABLE_COLUMNS))]
        return table_cells(self.path, lefts, self.pairs)

    def has_beside(self, label: str, value: str) -> bool:
        """The value on the label's line (read with the next: pdftotext may push a Thai mark down a line)."""
        pairs = zip(self.lines, [*self.lines[1:], ""], strict=True)
        return any(plain(label + value) in line + after for line, after in pairs)


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_page_html_pdf_and_deck_show_the_same_headline_figures(data, lang, tmp_path):
    view = ExportView("overview")
    brief = briefing(data, view, lang)
    figures = [(f.label, f.value, f.note) for f in brief.figures]
    assert [f.key for f in brief.figures] == ["thai_districts", "pairs", "budget", "period"]

    shown = [(f["label"], f["value"], f["help"] or "") for f in app_figures(page("pages/overview.py", lang))]
    assert shown == figures

    html = plain("".join(html_panel(data, view, lang).text))
    pdf = Printed(data, view, lang, tmp_path)
    for label, value, note in figures:
        assert plain(label + value + note) in html, f"{label} not in the {lang} HTML overview"
        assert pdf.has_beside(label, value), f"{label} {value} not in the {lang} PDF overview"
        assert plain(note) in pdf.text, f"{label}'s note not in the {lang} PDF overview"

    title = deck.slides(data, lang)[0]
    assert title.figures == brief.figures
    slides_pdf = tmp_path / f"deck-{lang}.pdf"
    slides_pdf.write_bytes(deck_pdf(data, lang))
    text = pdf_text(slides_pdf)
    for label, value, _note in figures:
        assert plain(f"{label}: {value}") in text, f"{label} not on the {lang} deck's title slide"


@pytest.mark.parametrize("lang", LANGS)
def test_explore_html_pdf_and_deck_show_the_same_province_table(data, lang, tmp_path):
    view = parse_view("province:Loei", data)
    brief = briefing(data, view, lang)
    rows = [list(row.cells) for row in brief.table.rows]
    assert brief.table.pairs == ("07-1", "08-1", "09-1", "10-1", "11-1")

    side = side_panel(page("pages/explore.py", lang, province="Loei"))
    assert side["heading"] == brief.subtitle
    assert side["table"]["columns"] == list(brief.table.columns)
    assert side["table"]["rows"] == rows

    panel = html_panel(data, view, lang)
    assert panel.rows == rows
    assert plain(brief.subtitle) in plain("".join(panel.text))
    pdf = Printed(data, view, lang, tmp_path)
    assert pdf.rows() == [[plain(cell) for cell in row] for row in rows]
    assert plain(brief.subtitle) in pdf.text

    [slide] = [s for s in deck.slides(data, lang) if s.kind == "province" and s.ref == "THA:Loei"]
    assert slide.subtitle == brief.subtitle
    assert slide.points == [row.short for row in brief.table.rows]  # the same rows, said short on a slide


@pytest.mark.parametrize("lang", LANGS)
def test_the_pair_panel_html_and_pdf_show_the_same_pair_facts(data, lang, tmp_path):
    view = parse_view("pair:08-1", data)
    brief = briefing(data, view, lang)
    facts = brief.pair
    assert facts is not None
    assert facts.findings
    assert facts.stories

    side = side_panel(page("pages/explore.py", lang, province="Loei", pair="08-1"))["pair"]
    assert side["heading"] == facts.heading
    assert side["places"] == f"{facts.thai}\n↔ {facts.neighbour}"
    assert [tuple(row) for row in side["facts"]["rows"]] == list(facts.facts)
    assert [(f["warning"], f["text"]) for f in side["findings"]] == [(f.warning, f.text) for f in facts.findings]
    assert [(s["id"], s["label"]) for s in side["stories"]] == list(facts.stories)

    html = plain("".join(html_panel(data, view, lang).text))
    pdf = Printed(data, view, lang, tmp_path)
    said = [facts.heading, facts.thai, facts.neighbour, *(f.text for f in facts.findings)]
    said += [label for _id, label in facts.stories]
    for where, text in (("HTML", html), ("PDF", pdf.text)):
        missing = [item for item in said if plain(item) not in text]
        assert not missing, f"not in the {lang} {where} of pair 08-1: {missing}"
    for label, value in facts.facts:
        assert plain(label + value) in html, f"{label} not in the {lang} HTML of pair 08-1"
        assert pdf.has_beside(label, value), f"{label} {value} not in the {lang} PDF of pair 08-1"
