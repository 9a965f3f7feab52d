"""Exports: views by name, standalone HTML and the static site opened from file:// with every request
blocked, PDFs checked with poppler (text, embedded fonts, vector drawing, page counts), the CLI's errors.

Real build, real Chromium, real poppler: the PDF checks read what a reader's viewer would read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from border_map.i18n import translator
from border_map.model import programme
from border_map.model.briefing import ExportView, ViewError, all_views, build_briefing, parse_view
from border_map.model.dataset import load_dataset
from border_map.model.findings_text import KIND_LABELS
from border_map.render import maps
from border_map.render.export import export_site, html_bytes, site_path
from border_map.render.export_pdf import MARGIN, TABLE_COLUMNS, pdf_bytes
from tests.support.data import ARTIFACTS, run_cli
from tests.support.pdf import pdf_text, plain, table_cells
from tests.unit.conftest import THAI_PDF_DAY

pytestmark = pytest.mark.real
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def data(built_dir):
    return load_dataset(built_dir)


def poppler(tool: str):
    if not shutil.which(tool):
        if os.environ.get("CI"):
            pytest.fail(f"{tool} missing in CI: scripts/test.sh installs poppler-utils")
        pytest.skip(f"{tool} not installed (scripts/test.sh installs poppler-utils)")
    return tool


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


# --- views -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "key"),
    [
        ("overview", "overview", ""),
        ("province:Loei", "province", "THA:Loei"),
        ("province:เลย", "province", "THA:Loei"),
        ("province: si sa ket", "province", "THA:Sisaket"),
        ("province:Xaignabouli", "province", "LAO:Xayaburi"),
        ("pair:8-1", "pair", "08-1"),
        ("story:2", "story", "phu-sing-health"),
        ("story:phu sing", "story", "phu-sing-health"),
    ],
)
def test_views_by_the_names_links_accept(data, typed, kind, key):
    view = parse_view(typed, data)
    assert (view.kind, view.key) == (kind, key)


@pytest.mark.parametrize("typed", ["province:Atlantis", "pair:99-9", "story:nowhere", "map", "booklet", ""])
def test_unknown_views_name_what_was_given_and_what_is_close(data, typed):
    with pytest.raises(ViewError) as caught:
        parse_view(typed, data)
    assert repr(typed) in str(caught.value)
    assert "closest valid views" in str(caught.value)


def test_booklet_is_a_pdf_view_only(data):
    assert parse_view("booklet", data, allow_booklet=True).kind == "booklet"


def test_cli_bad_view_exits_2_and_writes_nothing(built_dir, tmp_path):
    out = tmp_path / "x.html"
    result = run_cli(
        "export", "html", "--view", "province:Atlantis", "--out", str(out), env={"BORDER_MAP_DATA": str(built_dir)}
    )
    assert result.returncode == 2
    assert "province:Atlantis" in result.stderr
    assert "closest valid views" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder/x.pdf", "a-file/x.pdf"])
def test_cli_unwritable_output_exits_1_with_a_clear_message(built_dir, tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder")
    result = run_cli(
        "export", "pdf", "--view", "pair:08-1", "--out", str(tmp_path / where), env={"BORDER_MAP_DATA": str(built_dir)}
    )
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


# --- briefings ---------------------------------------------------------------------------------------------


def test_briefings_agree_with_the_table(data):
    loei = build_briefing(data, parse_view("province:Loei", data), "en", TODAY)
    assert loei.table.pairs == ("07-1", "08-1", "09-1", "10-1", "11-1")
    assert loei.title == "Loei (Thailand)"
    assert any("09-1" in f.text for f in loei.findings)  # the not-adjacent pair's finding travels with it
    thai = build_briefing(data, parse_view("province:Loei", data), "th", TODAY)
    assert thai.title == "จังหวัดเลย (ไทย)"
    assert thai.generated == "23 พฤศจิกายน 2569"
    story = build_briefing(data, parse_view("story:2", data), "th", TODAY)
    assert story.story is not None
    assert "อำเภอภูสิงห์" in story.subtitle


# --- standalone HTML from file:// ---------------------------------------------------------------------------

LOADED_FONTS_JS = """async () => {
  await document.fonts.ready;
  return Array.from(document.fonts).filter((f) => f.status === 'loaded').length;
}"""
OPEN_TIP_JS = """() => {
  let text = null;
  const map = Object.values(window).find((v) => v && v instanceof L.Map);
  map.eachLayer((layer) => {
    const p = layer.feature && layer.feature.properties;
    if (!text && p && p.kind === 'district' && layer.getTooltip()) {
      layer.openTooltip(layer.getBounds().getCenter());
      text = layer.getTooltip().getElement().innerText;
    }
  });
  return text;
}"""


class Offline:
    """A page that may read files under `root` and nothing else: every other request is refused and kept."""

    def __init__(self, browser, root: Path, width: int = 1400, height: int = 900):
        self.root = root.resolve()
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        path = Path(unquote(urlparse(url).path)) if url.startswith("file://") else None
        if path is not None and path.resolve().is_relative_to(self.root):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def open(self, file: Path) -> None:
        self.page.goto(file.resolve().as_uri())
        self.wait_for_paths(1)

    def wait_for_paths(self, count: int) -> None:
        """Every shape drawn, the selection's own pane included."""
        script = "document.querySelectorAll('.leaflet-map-pane path').length"
        try:
            self.page.wait_for_function(f"{script} >= {count}", timeout=15_000)
        except Exception as error:
            raise AssertionError(f"{self.page.evaluate(script)} shapes drawn, {count} expected") from error

    def close(self) -> None:
        self.context.close()
        assert not self.refused, f"requests left the file: {self.refused[:5]}"
        assert not self.errors, f"console errors: {self.errors[:5]}"


def expected_paths(data, brief) -> int:
    counts = maps.feature_counts(data, maps.MapView(border=brief.map.border))
    overlay = 0
    if brief.map.pairs:
        chosen = data.links[data.links.pair_id.isin(brief.map.pairs)]
        overlay = len(set(chosen.thai_feature_id) | set(chosen.nb_feature_id)) + len(chosen)
    return counts["provinces"] + counts["districts"] + counts["links"] + overlay + (1 if brief.map.province else 0)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("view", "lang", "title"),
    [
        ("overview", "en", "People-to-People parallel areas"),
        ("province:เลย", "th", "จังหวัดเลย (ไทย)"),
        ("story:2", "en", "Healthcare Cooperation"),
    ],
)
def test_standalone_html_works_from_file_with_every_request_blocked(data, browser, tmp_path, view, lang, title):
    parsed = parse_view(view, data)
    brief = build_briefing(data, parsed, lang)
    content = html_bytes(data, parsed, lang)
    if parsed.kind == "overview":
        assert len(content) <= 1.5 * 1024 * 1024, f"overview HTML is {len(content) / 1024:.0f} KB"
    assert not re.search(rb"<(script|link)[^>]+(src|href)=\"?https?:", content), "an external script or style"
    file = tmp_path / f"{parsed.slug}-{lang}.html"
    file.write_bytes(content)
    page = Offline(browser, tmp_path)
    try:
        page.open(file)
        page.wait_for_paths(expected_paths(data, brief))
        assert title in page.page.locator(".bm-panel h1").inner_text()
        tip = page.page.evaluate(OPEN_TIP_JS)
        assert tip
        if lang == "th":
            assert "อำเภอ" in tip
            fonts = page.page.evaluate(LOADED_FONTS_JS)
            assert fonts >= 1, "the inlined Sarabun did not load"
        assert "Sources and licences" in page.page.locator(".bm-panel").inner_text() or lang == "th"
        page.page.screenshot(path=str(ARTIFACTS / f"export-{parsed.slug}-{lang}.png"))
    finally:
        page.close()


@pytest.mark.parametrize(("view", "selected"), [("province:Loei", False), ("pair:08-1", True)])
def test_the_briefing_legend_names_a_selected_pair_only_when_its_map_draws_one(data, view, selected):
    """The legend lists what the map draws: a province's briefing selects no pair, a pair's draws its own."""
    page = html_bytes(data, parse_view(view, data), "en").decode("utf-8")
    legend = page[page.index('<details class="bm-legend"') :]
    legend = legend[: legend.index("</details>")]
    assert ("Selected pair" in legend) == selected
    assert " hidden>" not in legend


# --- the static site ---------------------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("#", "data:")):
                self.found.append(value)


@pytest.fixture(scope="module")
def site(data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "briefing"
    result = export_site(data, "th", out)
    assert result.files > len(all_views(data))
    return out


def test_site_has_a_page_per_view_and_every_link_resolves_inside_it(data, site):
    for view in all_views(data):
        assert (site / site_path(view)).is_file(), site_path(view)
    broken = []
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.found:
            assert not urlparse(link).scheme, f"{page.name} links outside the site: {link}"
            target = (page.parent / unquote(link)).resolve()
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, broken[:10]


def test_site_pages_link_both_ways(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="provinces/tha-loei.html"' in index
    assert 'href="stories/phu-sing-health.html"' in index
    loei = (site / "provinces" / "tha-loei.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in loei
    assert 'href="../pairs/08-1.html"' in loei
    pair = (site / "pairs" / "08-1.html").read_text(encoding="utf-8")
    assert 'href="../provinces/tha-loei.html"' in pair
    assert 'href="../stories/chiang-khan-security.html"' in pair


@pytest.mark.browser
def test_site_province_opened_from_the_index_draws_its_map(data, browser, site):
    page = Offline(browser, site)
    try:
        page.open(site / "index.html")
        page.page.get_by_role("link", name="เลย", exact=True).first.click()
        page.page.wait_for_url("**/provinces/tha-loei.html")
        page.page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
        assert page.page.locator(".bm-panel h1").inner_text() == "จังหวัดเลย (ไทย)"
    finally:
        page.close()


def test_site_replaces_an_old_export_whole(data, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old")
    export_site(data, "en", out)
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folders left


# --- PDF ---------------------------------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """pdftotext splits shaped Thai at its combining marks; compare without whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdfs(data, thai_pdfs, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """A PDF of each kind of view in both languages; the Thai booklet is the run's shared one (same day)."""
    assert THAI_PDF_DAY == TODAY
    folder = tmp_path_factory.mktemp("pdf")
    made = {("booklet", "th"): thai_pdfs["booklet"]}
    for view in ("province:Loei", "pair:08-1", "story:2", "booklet"):
        for lang in ("en", "th"):
            if (view, lang) in made:
                continue
            path = folder / f"{view.replace(':', '_')}-{lang}.pdf"
            path.write_bytes(pdf_bytes(data, parse_view(view, data, allow_booklet=True), lang, TODAY))
            made[view, lang] = path
    return made


def pages(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run(poppler("pdfinfo"), str(path))).group(1))


@pytest.mark.parametrize(
    ("view", "lang", "expected"),
    [
        (
            "province:Loei",
            "en",
            ["Loei (Thailand)", "Chiang Khan (Loei)", "Sanakham (Vientiane, Laos)", "CC BY 3.0 IGO"],
        ),
        ("province:Loei", "th", ["จังหวัดเลย", "เชียงคาน", "สานะคาม", "CC BY 3.0 IGO"]),
        ("pair:08-1", "th", ["08-1", "เชียงคาน", "จังหวัดเลย", "Xanakharm"]),
        ("story:2", "en", ["Healthcare Cooperation", "Phu Sing", "Anlong Veng", "Key figures"]),
        ("story:2", "th", ["ภูสิงห์", "อันลองเวง"]),
    ],
)
def test_pdf_text_names_fonts_and_one_page(pdfs, view, lang, expected):
    path = pdfs[view, lang]
    text = squeeze(run(poppler("pdftotext"), str(path), "-"))
    for name in expected:
        assert squeeze(name) in text, f"{name!r} not in the {view} {lang} PDF"
    assert pages(path) == 1
    fonts = run(poppler("pdffonts"), str(path)).splitlines()[2:]
    assert fonts, "no fonts"
    assert all(line.split()[-5] == "yes" for line in fonts), f"a font is not embedded:\n{fonts}"


def test_pdf_map_is_vector_drawing(pdfs):
    svg = run(poppler("pdftocairo"), "-svg", "-f", "1", "-l", "1", str(pdfs["province:Loei", "en"]), "-")
    assert svg.count("<path") > 150, "the map should be drawn as paths"
    assert "<image" not in svg, "the map must not be a picture"


def test_booklet_has_cover_contents_every_province_and_story(data, pdfs):
    path = pdfs["booklet", "en"]
    text = run(poppler("pdftotext"), str(path), "-")
    views = all_views(data)
    provinces = sum(v.kind == "province" for v in views)
    assert pages(path) >= 2 + 1 + provinces + 5 + 2
    assert "Contents" in text
    assert "Page 3 of" in text
    for story in ("Leading the Way", "Healthcare Cooperation"):
        assert text.count(story) >= 2  # in the contents and on its page
    assert pages(pdfs["booklet", "th"]) == pages(path)


def test_pdf_pages_rendered_for_review(pdfs):
    tool = poppler("pdftoppm")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for (view, lang), path in pdfs.items():
        if view != "booklet":
            stem = ARTIFACTS / f"pdf-{view.replace(':', '-')}-{lang}"
            run(tool, "-r", "60", "-png", "-singlefile", str(path), str(stem))
            assert stem.with_suffix(".png").stat().st_size > 10_000


# --- a province's PDF says what its HTML says -----------------------------------------------------------------


class Panel(HTMLParser):
    """An HTML briefing as a reader sees its panel: the text, and the cells of each row of its pairs table."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "aside"
        if self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        self.depth -= tag == "aside"
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def html_panel(data, view: str, lang: str) -> Panel:
    panel = Panel()
    panel.feed(html_bytes(data, parse_view(view, data), lang).decode("utf-8"))
    panel.rows = [row for row in panel.rows if row]  # the header row has no td
    return panel


@pytest.mark.parametrize("lang", ["en", "th"])
def test_province_pdf_names_the_stories_its_html_names(data, pdfs, lang):
    """Loei's HTML briefing lists Chiang Khan's model-area story; its PDF left the story out."""
    titles = [programme.localised(s, "title", lang) for s in programme.stories() if s["thai_province"] == "Loei"]
    assert titles
    html = plain(" ".join(html_panel(data, "province:Loei", lang).text))
    pdf = pdf_text(pdfs["province:Loei", lang])
    for title in titles:
        assert plain(title) in html
        assert plain(title) in pdf, f"{title!r} is in the {lang} HTML briefing of Loei, not in its PDF"


@pytest.mark.parametrize("lang", ["en", "th"])
def test_province_pdf_says_its_count_of_pairs_once(data, pdfs, lang):
    """The PDF printed 'Pairs 5' just above the 'Pairs' heading of the table of those five pairs (and the
    subtitle says '5 pairs in Loei' too)."""
    label = re.escape(plain(translator(lang)("Pairs")))
    # A count, not the table's first pair id (07-1), nor the Thai subtitle's sentence, which says the count once
    # with its classifier: จังหวัดเลย มีคู่พื้นที่ 5 คู่.
    count = re.compile(label + r"\d+(?![\d-])(?!" + re.escape(plain("คู่")) + ")")
    assert not count.search(pdf_text(pdfs["province:Loei", lang]))
    assert not count.search(plain(" ".join(html_panel(data, "province:Loei", lang).text)))


@pytest.mark.parametrize("lang", ["en", "th"])
def test_province_pdf_notes_name_the_findings_it_lists(data, pdfs, lang):
    """The PDF's Findings column was empty for pairs its Findings section lists findings for (Loei's 'also
    borders' notes): each row names the kind of every finding listed for its pair, in the HTML and the PDF."""
    tr = translator(lang)
    rows = html_panel(data, "province:Loei", lang).rows
    pairs = [row[0] for row in rows]
    listed = [f for f in data.findings if set(pairs) & set(f.get("pair_ids", []))]
    assert any(f["severity"] != "warning" for f in listed)  # notes as well as warnings
    lefts = [MARGIN + sum(TABLE_COLUMNS[:i]) for i in range(len(TABLE_COLUMNS))]
    printed = table_cells(pdfs["province:Loei", lang], lefts, pairs)
    for kind in {f["kind"] for f in listed}:
        label = plain(tr(KIND_LABELS[kind]))
        named = {p for f in listed if f["kind"] == kind for p in f["pair_ids"]} & set(pairs)
        assert {row[0] for row in rows if label in plain(row[-1])} == named, f"{label!r} in the HTML table"
        assert {row[0] for row in printed if label in row[-1]} == named, f"{label!r} in the PDF table"


def test_export_view_slugs_are_file_names():
    assert ExportView("province", "THA:Si Sa Ket").slug == "province-tha-si-sa-ket"
    assert ExportView("pair", "08-1").slug == "pair-08-1"
    assert ExportView("overview", border="LAO").slug == "overview-laos"
    assert ExportView("province", "THA:Si Sa Ket", border="KHM").slug == "province-tha-si-sa-ket-cambodia"
    assert ExportView("pair", "08-1", border="KHM").slug == "pair-08-1"  # one place: the same under any filter


def test_briefings_keep_to_the_border_filter_they_were_made_under(data):
    """A page filtered to one border offers a briefing of what it shows, not of both borders."""
    view = parse_view("province:Ubon Ratchathani", data)
    both = build_briefing(data, view, "en", TODAY)
    laos = build_briefing(data, replace(view, border="LAO"), "en", TODAY)
    cambodia = build_briefing(data, replace(view, border="KHM"), "en", TODAY)
    assert set(laos.table.pairs) | set(cambodia.table.pairs) == set(both.table.pairs)
    assert laos.table.pairs
    assert cambodia.table.pairs
    assert not set(laos.table.pairs) & set(cambodia.table.pairs)
    assert laos.subtitle == f"{len(laos.table.pairs)} pairs in Ubon Ratchathani"
    assert (laos.map.border, cambodia.map.border) == ("LAO", "KHM")
    overview = build_briefing(data, ExportView("overview", border="KHM"), "en", TODAY)
    khm = data.links[data.links.nb_country == "KHM"]
    assert overview.table.pairs == tuple(khm.pair_id)
    assert {f.label: f.value for f in overview.figures}["Pairs"] == str(len(khm))
    assert "Laos" not in overview.subtitle
    assert all(key.split(":")[0] in ("THA", "KHM") for key, _name in overview.provinces)


# --- the deck ----------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_exported_deck_runs_from_file_with_keys_and_no_network(data, browser, tmp_path):
    from border_map.model.deck import slides
    from border_map.render.export_deck import deck_html

    deck = slides(data, "th")
    file = tmp_path / "deck-th.html"
    file.write_bytes(deck_html(data, "th"))
    page = Offline(browser, tmp_path, width=1280, height=720)
    try:
        page.open(file)
        assert page.page.locator("#bm-panel h1").inner_text() == deck[0].title
        assert page.page.locator("#bm-count").inner_text() == f"1 / {len(deck)}"
        for key, expected in [("ArrowRight", 2), ("PageDown", 3), ("Space", 4), ("PageUp", 3), ("End", len(deck))]:
            page.page.keyboard.press(key)
            page.page.wait_for_function(f"location.hash === '#{expected}'")
            assert page.page.locator("#bm-panel h1").inner_text() == deck[expected - 1].title
        story = next(i for i, s in enumerate(deck, start=1) if s.kind == "story")
        page.page.keyboard.press("Home")
        page.page.evaluate(f"window.bmDeck.show({story})")
        centre = page.page.evaluate(
            "(() => { const m = Object.values(window).find((v) => v instanceof L.Map); const c = m.getCenter();"
            " return [c.lat, c.lng]; })()"
        )
        (south, west), (north, east) = deck[story - 1].map.fit
        assert south < centre[0] < north
        assert west < centre[1] < east
        page.page.screenshot(path=str(ARTIFACTS / "deck-th-story.png"))
    finally:
        page.close()


def test_deck_pdf_has_a_16_9_page_per_slide_with_fonts_embedded(data, tmp_path):
    from border_map.model.deck import slides
    from border_map.render.export_deck import deck_pdf

    path = tmp_path / "deck.pdf"
    path.write_bytes(deck_pdf(data, "th"))
    info = run(poppler("pdfinfo"), str(path))
    assert f"Pages:           {len(slides(data, 'th'))}" in info
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(width / height - 16 / 9) < 0.01
    fonts = run(poppler("pdffonts"), str(path)).splitlines()[2:]
    assert all(line.split()[-5] == "yes" for line in fonts)
    assert "จังหวัดเลย" in squeeze(run("pdftotext", str(path), "-"))
    run(
        poppler("pdftoppm"),
        "-r",
        "40",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(path),
        str(ARTIFACTS / "deck-pdf-th-01"),
    )


def test_cli_exports_the_deck_as_html_or_pdf(built_dir, tmp_path):
    env = {"BORDER_MAP_DATA": str(built_dir)}
    for name in ("deck.html", "deck.pdf"):
        result = run_cli("export", "deck", "--lang", "en", "--border", "laos", "--out", str(tmp_path / name), env=env)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "deck.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert (tmp_path / "deck.pdf").read_bytes().startswith(b"%PDF-")
