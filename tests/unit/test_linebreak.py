"""Line breaking: Thai between words (PyThaiNLP's newmm and the product's place names), numbers with their
units whole, Latin at its spaces; the same units for the PDF (fpdf2), the HTML and `wrap`.

The examples are the breaks the issue found: "ความร่วมมือด้านสิ่ง / แวดล้อม", "…ประชาชนสู่ / ประชาชน",
"บันเตียเมีย / นเจย", "มคก./ / ลบ.ม."."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise

import pytest
from fpdf import FPDF
from hypothesis import example, given, settings
from hypothesis import strategies as st

from border_map.render import linebreak
from border_map.render.export_html import font_file
from border_map.render.export_pdf import BriefingPDF
from tests.support.pdf import breaks_inside

TEXT = st.text(
    alphabet=st.sampled_from([*"กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮะาำิีึืุูเแโใไ่้๊๋็์ๆ ABCxyz019.,/()–-\n", "\u00a0"]),
    max_size=60,
)


@settings(deadline=None)  # the first example reads the dictionary
@given(TEXT)
@example("ความร่วมมือด้านสิ่งแวดล้อม 80,000 บาท (Krom Reang) มคก./ลบ.ม. ")
def test_units_put_together_are_the_text(text):
    """Cutting never loses, adds or reorders a character."""
    assert "".join(linebreak.units(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ความร่วมมือด้านสิ่งแวดล้อม", ("ความร่วมมือ", "ด้าน", "สิ่งแวดล้อม")),
        ("จากประชาชนสู่ประชาชน", ("จาก", "ประชาชนสู่ประชาชน")),  # the programme's name is one unit
        ("ในบันเตียเมียนเจย", ("ใน", "บันเตียเมียนเจย")),  # a place name is one unit
        ("ร่วมกับอำเภอภูสิงห์", ("ร่วมกับ", "อำเภอภูสิงห์")),  # with its level word
        ("กว่า 100 มคก./ลบ.ม.", ("กว่า ", "100 มคก./ลบ.ม.")),
        ("อำเภอละ 80,000 บาท ให้แก่", ("อำเภอ", "ละ ", "80,000 บาท ", "ให้", "แก่")),
        ("3.5 ลบ.ม. ต่อวัน", ("3.5 ลบ.ม. ", "ต่อ", "วัน")),
        ("ตาม พ.ร.ก. ฉบับนี้", ("ตาม ", "พ.ร.ก. ", "ฉบับ", "นี้")),
        ("9–11 กันยายน 2567", ("9–11 กันยายน ", "2567")),
        ("Total budget 3,520,000 THB", ("Total ", "budget ", "3,520,000 THB")),
        ("อำเภอ Krom Reang (Kamrieng)", ("อำเภอ ", "Krom ", "Reang ", "(Kamrieng)")),
        ("ไปๆ มาๆ", ("ไปๆ ", "มาๆ")),
        ("ใน สปป.ลาว และกัมพูชา", ("ใน ", "สปป.ลาว ", "และ", "กัมพูชา")),
    ],
)
def test_units(text, expected):
    assert linebreak.units(text) == expected


# A fixed-width measure: every character one unit wide, marks none, as a reader counts letters.
def letters(text: str) -> int:
    return sum(1 for c in text if c not in "่้๊๋็์ิีึืุูั")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # "ความร่วมมือด้านสิ่ง" fits 17 letters: the old break fell inside สิ่งแวดล้อม
        ("ความร่วมมือด้านสิ่งแวดล้อม", 17, ["ความร่วมมือด้าน", "สิ่งแวดล้อม"]),
        ("จากประชาชนสู่ประชาชน", 16, ["จาก", "ประชาชนสู่ประชาชน"]),
        ("ตามมาตรา 64 แห่งพระราชกำหนด", 13, ["ตาม", "มาตรา 64 แห่ง", "พระราชกำหนด"]),
        ("ในจังหวัดบันเตียเมียนเจย", 18, ["ใน", "จังหวัดบันเตียเมียนเจย"]),
        ("ลดจากกว่า 200 เหลือกว่า 100 มคก./ลบ.ม.", 24, ["ลดจากกว่า 200 เหลือกว่า", "100 มคก./ลบ.ม."]),
        ("งบประมาณอำเภอละ 80,000 บาท", 19, ["งบประมาณอำเภอละ", "80,000 บาท"]),
        ("Total budget 3,520,000 THB", 20, ["Total budget", "3,520,000 THB"]),
    ],
)
def test_wrap_breaks_between_words_never_inside_one(text, width, lines):
    assert linebreak.wrap(text, width, letters) == lines
    assert all(letters(line) <= width for line in lines)


def test_wrap_cuts_a_unit_longer_than_a_line_between_letters_not_marks():
    lines = linebreak.wrap("สิ่งแวดล้อม", 4, letters)
    assert "".join(lines) == "สิ่งแวดล้อม"
    assert all(letters(line) <= 4 for line in lines)
    assert not any(line[0] in "่้๊๋็์ิีึืุูั" for line in lines)  # no line starts with a mark


@settings(deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=30))
def test_wrap_keeps_every_character_and_each_line_fits(text, width):
    lines = linebreak.wrap(text, width, letters)
    assert all(letters(line) <= width or len(linebreak._clusters(line)) == 1 for line in lines)
    squeezed = "".join(lines).replace(" ", "").replace("\n", "").replace("\u00a0", "")
    assert squeezed == text.replace(" ", "").replace("\n", "").replace("\u00a0", "")


# --- the PDF: fpdf2 with Sarabun and HarfBuzz, as the exports set text -------------------------------------


def fpdf2_lines(text: str, width: float, size: float, segmented: bool) -> list[str]:
    """The lines of `text` in a `width` mm cell at `size` pt, as the exports set it, or as fpdf2 alone would."""
    if segmented:
        pdf = BriefingPDF("th")
    else:
        pdf = FPDF(unit="mm")
        pdf.add_font("Sarabun", "B", str(font_file("Bold")))
        pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("Sarabun", "B", size)
    return pdf.multi_cell(width, size * 0.5, text, dry_run=True, output="LINES")


def _cut(lines: list[str], word: str) -> bool:
    """Is `word` cut between two lines (at a space or not)?"""
    return any(
        word not in a and word not in b and any(word in a.rstrip() + gap + b.lstrip() for gap in ("", " "))
        for a, b in pairwise(lines)
    )


@pytest.mark.parametrize(
    ("text", "size", "word"),
    [
        ("ความร่วมมือด้านสิ่งแวดล้อม", 26, "สิ่งแวดล้อม"),
        ("ความร่วมมือจากประชาชนสู่ประชาชน", 26, "ประชาชนสู่ประชาชน"),
        ("ชายแดนด้านบันเตียเมียนเจยและพระตะบอง", 8, "บันเตียเมียนเจย"),
        ("งบประมาณอำเภอละ 80,000 บาท ให้แก่อำเภอชายแดน", 10, "80,000 บาท"),
    ],
)
def test_pdf_lines_end_between_words(text, size, word):
    """At every width where fpdf2 alone cut `word` in two, the exports' PDF breaks before or after it, and each
    of its lines ends where `units` allows a break."""
    pdf = BriefingPDF("th")
    pdf.set_font("Sarabun", "B", size)
    full = pdf.get_string_width(text)
    widest = max(pdf.get_string_width(unit.strip()) for unit in linebreak.units(text))  # a line holds any unit
    tried = 0
    for percent in range(20, 100, 2):
        width = full * percent / 100
        if width - 2 * pdf.c_margin <= widest * 1.02:
            continue
        if not _cut(fpdf2_lines(text, width, size, segmented=False), word):
            continue
        tried += 1
        lines = fpdf2_lines(text, width, size, segmented=True)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
        assert not _cut(lines, word), lines
        assert breaks_inside(text, lines) == [], lines
    assert tried, f"fpdf2 alone never cut {word!r}: this test would test nothing"


def test_pdf_text_has_no_invisible_marks_left(tmp_path):
    """The break marks steer fpdf2's breaking; the PDF's own text is the words (copy, search)."""
    pdf = BriefingPDF("th")
    pdf.add_page()
    pdf.set_font("Sarabun", "B", 26)
    pdf.multi_cell(60, 11, "ความร่วมมือด้านสิ่งแวดล้อม งบ 80,000 บาท")
    path = tmp_path / "t.pdf"
    pdf.output(str(path))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=False).stdout
    if not text:
        pytest.skip("pdftotext not installed")
    assert linebreak.ZWSP not in text
    assert "80,000 บาท" in text.replace("\u00a0", " ")


# --- HTML ------------------------------------------------------------------------------------------------


def test_html_escapes_then_marks_breaks_and_keeps_names_and_units_whole():
    out = linebreak.html("ในบันเตียเมียนเจย 80,000 บาท <b>&")
    assert out == (
        '<span class="bm-nb">ใน</span><wbr><span class="bm-nb">บันเตียเมียนเจย</span> '
        '<span class="bm-nb">80,000 บาท</span> &lt;b&gt;&amp;'
    )
    assert linebreak.html("100 มคก./ลบ.ม.") == '<span class="bm-nb">100 มคก./ลบ.ม.</span>'
    assert linebreak.html("Total budget 3,520,000") == "Total budget 3,520,000"


def test_deck_pieces_mark_what_stays_whole():
    assert linebreak.pieces("ในบันเตียเมียนเจย 3.5 ลบ.ม. (Krom Reang)") == [
        ("ใน", True),
        ("บันเตียเมียนเจย ", True),
        ("3.5 ลบ.ม. ", True),
        ("(Krom ", False),
        ("Reang)", False),
    ]


# --- the segmenter: offline, writes nothing --------------------------------------------------------------

OFFLINE = """
import json, socket, sys
def refuse(*a, **k):
    raise OSError("network used")
socket.socket = refuse
socket.create_connection = refuse
from border_map.render import linebreak
print(json.dumps(linebreak.units("ความร่วมมือด้านสิ่งแวดล้อม")))
"""


def test_segmenter_needs_no_network_and_writes_no_data_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.splitlines()[0]) == ["ความร่วมมือ", "ด้าน", "สิ่งแวดล้อม"]
    assert list(tmp_path.iterdir()) == [], "PyThaiNLP wrote into HOME or the working folder"


def test_segmenter_is_not_loaded_by_importing_the_module():
    code = "import sys; import border_map.render.linebreak; print('pythainlp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
