"""How the app looks beyond its page CSS: the favicon, drawn here, Present's projector layout, and the words
Streamlit's file uploader would show in English."""

from __future__ import annotations

import base64
import functools
import io
import json

from PIL import Image, ImageDraw


@functools.cache
def favicon() -> str:
    """Drawn here so the browser never fetches an icon from a font CDN (":material/..." icons do). A data: URL,
    not an image: Streamlit would keep an image in one process's media store, and a page left open across a
    server restart would ask the new process for it."""
    icon = Image.new("RGB", (32, 32), "#0072B2")
    ImageDraw.Draw(icon).rectangle((16, 0, 31, 31), fill="#E69F00")
    buffer = io.BytesIO()
    icon.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


PRESENT_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html body [data-testid="stMainBlockContainer"] { padding: 14px 18px 0 !important; max-width: 100% !important; }
[data-testid="stMain"] { background: #fff; }
/* Streamlit frames the focused page below its header's place; with the header hidden, a click and then an arrow key
   drew that frame across the slide's title. A slide has nothing to frame. */
[data-testid="stMain"]:focus-visible::before { content: none !important; }
html body .bm-map-box { height: calc(100vh - 24px) !important; pointer-events: none; }
.st-key-bm_slide_text h1 { font-size: clamp(44px, 3.4vw, 68px) !important; line-height: 1.15 !important;
  color: #111; padding: 0 0 6px; }
.st-key-bm_slide_text, .st-key-bm_slide_text p, .st-key-bm_slide_text li { font-size: clamp(26px, 2vw, 38px) !important;
  line-height: 1.32 !important; color: #111; }
.st-key-bm_slide_text [data-testid="stCaptionContainer"] p { font-size: clamp(24px, 1.8vw, 34px) !important;
  color: #333 !important; }
.st-key-bm_slide_text li { margin-bottom: 6px; }
.st-key-bm_slide_controls p { font-size: 24px !important; margin: 0; }
.st-key-bm_slide_controls button { font-size: 22px !important; min-height: 44px; }
.st-key-bm_slide_keys { display: none !important; }
</style>
"""


WIDE_TEXT_CSS = """<style>.st-key-bm_slide_text li { font-size: clamp(24px, 1.8vw, 34px) !important; }</style>"""


def present_css(wide: bool) -> str:
    """The projector layout: no Streamlit chrome, large type, the map to the window's height."""
    return PRESENT_CSS + (WIDE_TEXT_CSS if wide else "")


def uploader_words_css(key: str, button: str, limit: str) -> str:
    """Streamlit's file uploader writes its button ("Upload") and its limit ("2MB per file • CSV") in English
    whatever the page's language: these rules show the app's own words in their place, for the uploader
    under `key`. The button's own word stays for screen readers (hidden from view, not from them), as
    generated text alone gives a button no name in axe's reading; its name then holds the shown word too.
    The words are the app's translations, never data; as CSS strings they are JSON-quoted (a quote or
    backslash escaped the same way in both)."""
    box = f".st-key-{key}"
    word = f'{box} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'
    quoted = {name: json.dumps(text, ensure_ascii=False) for name, text in (("button", button), ("limit", limit))}
    return (
        "<style>"
        f"{word} p {{ position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden;"
        " clip-path: inset(50%); white-space: nowrap; }"
        f" {word}::after {{ content: {quoted['button']}; }}"
        f' {box} [data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}'
        f' {box} [data-testid="stFileUploaderDropzoneInstructions"] > div::after'
        f" {{ content: {quoted['limit']}; font-size: 14px; }}"
        "</style>"
    )
