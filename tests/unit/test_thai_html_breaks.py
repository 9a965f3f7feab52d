"""Thai in the exported HTML breaks where the segmenter allows, in a real Chromium: Chrome's own dictionary (ICU)
cuts "ความร่วมมือด้านสิ่ง / แวดล้อม" and "บันเตียเมีย / นเจย", so the exports keep each Thai word in a no-break span
with `<wbr>` between (render/linebreak.py). Each line of each text is read back from where its characters stand
on the page and every break is checked with `tests.support.pdf.breaks_inside`, as the PDFs' are."""

from __future__ import annotations

from pathlib import Path

import pytest

from border_map.model.briefing import build_briefing, parse_view
from border_map.model.dataset import load_dataset
from border_map.render.export import html_bytes
from border_map.render.export_deck import deck_html
from tests.support.pdf import breaks_inside

pytestmark = [pytest.mark.real, pytest.mark.browser]

# Each element's text as the lines it stands on: a character whose box starts lower than the one before it
# begins a new line.
LINES_JS = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const lines = [];
  let line = "", top = null;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box && top !== null && box.top > top + 4) { lines.push(line); line = ""; }
      if (box) top = box.top;
      line += node.data[i];
    }
  }
  lines.push(line);
  return lines;
})"""


@pytest.fixture(scope="module")
def data(built_dir):
    return load_dataset(built_dir)


def _page(browser, width: int, height: int):
    """A page that may open files and nothing else."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    return context, context.new_page()


def _check(page, selector: str) -> tuple[int, list[str]]:
    wrapped, bad = 0, []
    for lines in page.evaluate(LINES_JS, selector):
        if len(lines) > 1:
            wrapped += 1
            text = "".join(lines)
            bad += [f"{cut}   in {text[:60]!r}" for cut in breaks_inside(text, lines)]
    return wrapped, bad


@pytest.mark.parametrize(("view", "width"), [("province:Sa Kaeo", 1400), ("province:Sa Kaeo", 380), ("story:2", 380)])
def test_thai_html_briefing_breaks_between_words(data, browser, tmp_path, view, width):
    parsed = parse_view(view, data)
    assert build_briefing(data, parsed, "th").title
    file = Path(tmp_path) / "page.html"
    file.write_bytes(html_bytes(data, parsed, "th"))
    context, page = _page(browser, width, 900)
    try:
        page.goto(file.as_uri())
        page.evaluate("document.fonts.ready")
        wrapped, bad = _check(page, ".bm-panel h1, .bm-panel p, .bm-panel dt, .bm-panel dd, .bm-panel li, .bm-panel td")
    finally:
        context.close()
    assert wrapped >= 3, f"only {wrapped} texts wrap at {width} px: this test would test little"
    assert not bad, "Thai broken inside a word:\n" + "\n".join(bad)


def test_thai_html_deck_breaks_between_words(data, browser, tmp_path):
    file = Path(tmp_path) / "deck.html"
    file.write_bytes(deck_html(data, "th"))
    context, page = _page(browser, 1280, 720)
    wrapped, bad = 0, []
    try:
        page.goto(file.as_uri())
        page.evaluate("document.fonts.ready")
        for number in range(1, page.evaluate("window.bmDeck.total") + 1):
            page.evaluate(f"window.bmDeck.show({number})")
            found, cuts = _check(page, "#bm-panel h1, #bm-panel .bm-sub, #bm-panel li, #bm-panel .bm-fig")
            wrapped, bad = wrapped + found, bad + [f"slide {number}: {c}" for c in cuts]
    finally:
        context.close()
    assert wrapped >= 5, f"only {wrapped} texts wrap in the deck"
    assert not bad, "Thai broken inside a word:\n" + "\n".join(bad)
