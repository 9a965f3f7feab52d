"""Downloads that cannot run and pages that cannot call out, without a browser: table cells that a spreadsheet
would take for a formula are neutralised in every table download (render/tables.py), read back as a spreadsheet
program's reader would (the csv module, python-calamine); the exports' policy (render/csp.py) and the app's
headers (web/server/security.py) as written. The browser's side is tests/browser/test_security.py."""

from __future__ import annotations

import csv
import dataclasses
import io

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from border_map.render import csp, tables

HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rReturn"]
PLAIN = ["Loei", "Chiang Khong", "a=b", ""]


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def read_xlsx(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


@pytest.fixture
def frame() -> pd.DataFrame:
    names = HOSTILE + PLAIN
    return pd.DataFrame(
        {
            "name": names,
            "amount": [-5, 3, -1, 0, 12, -7, 1, 2, 3, 4],  # numbers, negative ones too: left as numbers
            "km": [-1.5, 0.25, 2.0, -0.0, 3.5, 1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_cell_that_begins_like_a_formula_gets_a_quote(value):
    assert tables.neutral(value) == "'" + value


@pytest.mark.parametrize("value", [*PLAIN, -5, -1.5, 0, None])
def test_anything_else_is_left_as_it_is(value):
    assert tables.neutral(value) == value


def test_the_csv_reads_back_with_every_name_as_text_and_numbers_as_numbers(frame):
    rows = read_csv(tables.csv_bytes(frame))
    assert rows[0] == ["name", "amount", "km"]
    assert [row[0] for row in rows[1:]] == ["'" + v for v in HOSTILE] + PLAIN
    assert [int(row[1]) for row in rows[1:]] == frame["amount"].tolist()  # "-5", not "'-5"
    assert [float(row[2]) for row in rows[1:]] == frame["km"].tolist()
    assert frame["name"].iloc[0] == HOSTILE[0]  # the caller's frame is not changed


def test_the_xlsx_reads_back_with_every_name_as_text_and_numbers_as_numbers(frame):
    rows = read_xlsx(tables.xlsx_bytes(frame, sheet="pairs"))
    assert rows[0] == ["name", "amount", "km"]
    names = [row[0] for row in rows[1:]]
    # The carriage return is kept as it is in the cell's text (the reader may give it as \n: XML's line ends).
    assert [n.replace("\n", "\r") for n in names] == ["'" + v for v in HOSTILE] + PLAIN
    assert all(isinstance(n, str) for n in names)
    assert [row[1] for row in rows[1:]] == [float(v) for v in frame["amount"]]
    assert all(isinstance(row[1], int | float) for row in rows[1:])
    assert [row[2] for row in rows[1:]] == frame["km"].tolist()


def test_a_hostile_column_name_is_neutral_too():
    hostile = pd.DataFrame({"=cmd": ["x"], "n": [1]})
    assert read_csv(tables.csv_bytes(hostile))[0] == ["'=cmd", "n"]
    assert read_xlsx(tables.xlsx_bytes(hostile))[0] == ["'=cmd", "n"]


@pytest.mark.real
def test_the_data_pages_pairs_table_round_trips_through_both_downloads(real_data):
    """The Data page's table (tables.pairs_joined, what its CSV and XLSX buttons offer) with place names that begin
    with =, +, - and @: every one reads back as text beginning with ', the pair numbers and distances as numbers."""
    links = real_data.links.copy()
    starts = ["=", "+", "-", "@"]
    links["thai_district"] = [f"{starts[i % 4]}{name}" for i, name in enumerate(links["thai_district"])]
    links["nb_province"] = [f"{starts[(i + 1) % 4]}1+2" for i in range(len(links))]
    joined = tables.pairs_joined(dataclasses.replace(real_data, links=links))
    expected_districts = ["'" + name for name in links["thai_district"]]
    expected_provinces = ["'" + name for name in links["nb_province"]]

    rows = read_csv(tables.csv_bytes(joined))
    head = rows[0]
    assert [r[head.index("thai_district")] for r in rows[1:]] == expected_districts
    assert [r[head.index("nb_province")] for r in rows[1:]] == expected_provinces
    assert [int(r[head.index("no")]) for r in rows[1:]] == links["no"].tolist()

    rows = read_xlsx(tables.xlsx_bytes(joined, sheet="pairs"))
    head = rows[0]
    assert [r[head.index("thai_district")] for r in rows[1:]] == expected_districts
    assert [r[head.index("nb_province")] for r in rows[1:]] == expected_provinces
    assert [r[head.index("no")] for r in rows[1:]] == [float(n) for n in links["no"]]
    assert all(isinstance(r[head.index("distance_km")], float) for r in rows[1:])


# --- the exports' policy --------------------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><style>p{color:red}</style>"
    '<script src="assets/leaflet.js"></script><script>var a = 1;</script></head>'
    "<body><p>x</p><script type='text/javascript'>\nvar b = 2;\n</script></body></html>"
)


def test_an_export_allows_exactly_its_inline_scripts_and_styles_by_hash():
    html = csp.with_export_policy(PAGE)
    assert html.index('<meta http-equiv="Content-Security-Policy"') == html.index("<head>") + len("<head>")
    policy = {p.split()[0]: p.split()[1:] for p in html.split('content="')[1].split('"')[0].split("; ")}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == [csp.sha256_source("var a = 1;"), csp.sha256_source("\nvar b = 2;\n")]
    assert policy["style-src-elem"] == [csp.sha256_source("p{color:red}")]
    assert policy["img-src"] == ["data:"]
    assert "connect-src" not in policy  # refused by default-src 'none'
    # The hash is the browser's: base64 of SHA-256 over the element's UTF-8 text.
    assert csp.sha256_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_a_site_page_may_load_its_own_folders_files():
    policy = csp.export_policy(PAGE, own_files=True)
    assert "script-src 'self' " in policy
    assert "font-src 'self' data:" in policy
    assert "'self'" not in csp.export_policy(PAGE)


def test_the_apps_policy_has_no_inline_scripts_but_its_own():
    from border_map.web.server import security

    policy = security.app_policy(["'sha256-abc='"])
    assert "frame-ancestors 'self'" in policy
    script = next(p for p in policy.split("; ") if p.startswith("script-src "))
    assert "'unsafe-inline'" not in script
    assert "'sha256-abc='" in script
    assert "https://tile.openstreetmap.org" in policy


def test_streamlits_own_table_export_is_off():
    """Streamlit's table toolbar writes cells as they are (no neutralising): the tables are downloaded from the
    Data page's own buttons only."""
    import tomllib

    from tests.support.data import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
