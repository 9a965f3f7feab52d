"""Present in a real browser: the keys and the buttons move the slide and the URL, and every slide in both
languages at a projector's size and at full HD is photographed and checked as it is stepped through."""

from __future__ import annotations

import pytest

from tests.support.browser import Page, drawn, script
from tests.support.data import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.real]
PRESENT_LAYOUT_JS = script("present_layout")

# Copies the slide's title as a viewer does (selected, then the browser's copy event) when it holds a word joiner
# (a Thai place name: linebreak.glued_names); what it shows and what the copy holds, as text and as HTML.
COPY_TITLE_JS = """() => {
  const titles = [...document.querySelectorAll('[data-testid="stMain"] h1')];
  const title = titles.find((h) => h.textContent.includes('\\u2060'));
  if (!title) return null;
  const range = document.createRange();
  range.selectNodeContents(title);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  const copy = new ClipboardEvent('copy', {clipboardData: new DataTransfer(), bubbles: true, cancelable: true});
  title.dispatchEvent(copy);
  getSelection().removeAllRanges();
  return {shown: title.textContent, text: copy.clipboardData.getData('text/plain'),
          html: copy.clipboardData.getData('text/html')};
}"""


@pytest.fixture(scope="module")
def decks(built_dir):
    from border_map.model import deck
    from border_map.model.dataset import load_dataset

    data = load_dataset(built_dir)
    return {lang: deck.slides(data, lang) for lang in ("en", "th")}


def test_present_keys_move_the_slide_and_the_url(browser, app, counts, decks):
    total = len(decks["en"])
    page = Page(browser, width=1280, height=720)
    try:
        page.goto(app.url + "/present?slide=1")
        page.wait_for_map(drawn(counts()))
        for key, expected in [
            ("ArrowRight", 2),
            ("PageDown", 3),
            ("Space", 4),
            ("PageUp", 3),
            ("ArrowLeft", 2),
            ("End", total),
            ("Home", 1),
        ]:
            page.page.keyboard.press(key)
            page.wait_for_param("slide", str(expected))
            page.page.get_by_text(f"{expected} / {total}", exact=True).wait_for()
        page.page.get_by_role("button", name="▶").click()  # the mouse works too
        page.wait_for_param("slide", "2")
        # A click on the slide's blank part and then a key: Streamlit's frame of the focused page (a pseudo-element
        # placed below its header, hidden here) drew a grey line through the slide's title.
        page.page.mouse.click(1270, 710)
        page.page.keyboard.press("ArrowRight")
        page.wait_for_param("slide", "3")
        frame = "() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]'), '::before').content"
        assert page.page.evaluate("() => document.activeElement.dataset.testid") == "stMain"
        assert page.page.evaluate(frame) == "none"
    finally:
        page.close()


def assert_made_for_a_projector(page: Page, where: str) -> None:
    got = page.page.evaluate(PRESENT_LAYOUT_JS)
    assert not got["chrome"], f"{where}: Streamlit's sidebar, header or toolbar is visible"
    assert got["title"] >= 40, f"{where}: title {got['title']} px"
    assert got["smallest"] >= 24, f"{where}: text at {got['smallest']} px"
    assert got["mapShare"] >= 0.6, f"{where}: the map covers {got['mapShare']:.0%} of the screen"


@pytest.mark.parametrize("lang", ["en", "th"])
def test_present_every_slide(browser, app, counts, decks, lang):
    """Every slide, stepped through with the right arrow as a presenter does, at 1280x720 (a projector) and
    1920x1080: a screenshot of each once it holds still (tests/artifacts/present/), no sideways scroll, the
    controls on screen. At 1280x720 also: each slide with a map is made for a projector (none of Streamlit's
    chrome, a title of 40 px or more, text of 24 px or more, the map on 60% of the screen or more), and each
    story slide moves the map to its story. At 1920x1080, the first slide of each kind (title, overview,
    province, story, findings, closing), each stepped to as the rest are, in English: the slides keep the
    projector's 16:9 layout at either size, every slide is held to the smaller screen in both languages, and
    the larger screen's type is set from its width whatever the language."""
    slides = decks[lang]
    total = len(slides)
    minimum = drawn(counts())
    first_of_kind = {slide.kind: number for number, slide in reversed(list(enumerate(slides, start=1)))}
    for width, height in ((1280, 720), (1920, 1080)) if lang == "en" else ((1280, 720),):
        projector = width == 1280
        checked = set(range(1, total + 1)) if projector else set(first_of_kind.values())
        page = Page(browser, width=width, height=height)
        copied = None
        try:
            page.goto(app.url + f"/present?slide=1&lang={lang}")
            page.wait_for_map(minimum)
            for number, slide in enumerate(slides, start=1):
                where = f"{lang} slide {number} ({slide.kind}) at {width}x{height}"
                if number > 1:
                    page.page.keyboard.press("ArrowRight")
                    page.wait_for_param("slide", str(number))
                page.page.get_by_text(f"{number} / {total}", exact=True).wait_for()
                if number not in checked:
                    continue
                if projector and slide.kind == "story":
                    (south, west), (north, east) = slide.map.fit
                    page.wait_for_center(south, west, north, east)
                page.settle(minimum)
                page.shot(ARTIFACTS / "present" / f"{lang}-{width}x{height}-{number:02d}.png")
                assert page.page.evaluate("document.documentElement.scrollWidth") <= width + 1, where
                box = page.page.locator(".st-key-bm_forward").bounding_box()
                assert box, where
                assert box["y"] + box["height"] <= height, f"{where}: the controls are below the screen"
                if projector and slide.kind in ("overview", "province", "story"):
                    assert_made_for_a_projector(page, where)
                if lang == "th" and not copied:
                    copied = page.page.evaluate(COPY_TITLE_JS)
                    if copied:  # the first title with a place name: copied without the joiners that keep it whole
                        assert copied["text"] == copied["shown"].replace("\u2060", ""), where
                        assert copied["html"], where
                        assert "\u2060" not in copied["html"], where
            assert copied or lang != "th", "no Thai slide title names a place"
        finally:
            page.close()
