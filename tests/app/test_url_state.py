"""One owner of URL state (web/state.py): pages ask it for parameters and tell it the view; it writes the URL
once per run. Checked in AppTest, where each run's URL is visible; history is checked in a browser
(tests/browser/test_history.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import apptest_internals
from tests.support.app import box_data, choose, choose_in_box, unescaped
from tests.support.data import ROOT


def _query_params_uses(path: Path) -> list[int]:
    """Lines where a file reads or writes `st.query_params` itself (a keyword argument named query_params,
    as st.switch_page and st.page_link take, is not a use)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "query_params"]


def test_only_the_state_module_touches_the_url():
    files = [*(ROOT / "pages").glob("*.py"), ROOT / "app.py", *(ROOT / "src/border_map").rglob("*.py")]
    owner = ROOT / "src/border_map/web/state.py"
    found = {str(p.relative_to(ROOT)): _query_params_uses(p) for p in files if p != owner}
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert _query_params_uses(owner)  # and the owner does (the scan would find a use)


def _explore(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/explore.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _problems(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "link_off" in m.value]


def _box_sends(at: AppTest, sent: str) -> AppTest:
    """The province box sends `sent`, as the browser's box does with an option chosen (its key) or a name typed
    that matches none of them and Enter pressed (the text). AppTest cannot drive the app's own component: the
    event goes into the run the way the browser sends it (tests/support/app.py)."""
    return choose_in_box(at, sent)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_border_without_the_province_and_back_keeps_the_province(points, lang):
    """Sa Kaeo has no pairs on the Lao border: the page says so and the box is empty (not a value left over
    from the other border), and Sa Kaeo is not among its options. A choice made in the box before its options
    changed under it still sends Sa Kaeo's key: it must read as Sa Kaeo, never as a name no province goes by.
    Choosing Cambodia again shows Sa Kaeo."""
    at = _explore(province="Sa Kaeo", lang=lang)
    assert box_data(at)["value"] == "THA:Sa Kaeo"
    choose(at, "border", "LAO")
    assert box_data(at)["value"] is None
    assert "THA:Sa Kaeo" not in [key for key, _label, _spellings in box_data(at)["options"]]
    assert at.query_params["province"] in ("Sa Kaeo", ["Sa Kaeo"])
    at = _box_sends(at, "THA:Sa Kaeo")
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["province"] in ("Sa Kaeo", ["Sa Kaeo"]), at.query_params
    assert _problems(at) == []
    assert any("Sa Kaeo" in i.body or "สระแก้ว" in unescaped(i.body) for i in at.info)  # no pairs on this border
    choose(at, "border", "KHM")
    assert at.query_params["province"] in ("Sa Kaeo", ["Sa Kaeo"])
    assert box_data(at)["value"] == "THA:Sa Kaeo"
    assert _problems(at) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("บันทายมีชัย", "Banteay Meanchey"), ("บันเตียเมียนเจย", "Banteay Meanchey"), ("จำปาศักดิ์", "Champasak")],
)
def test_the_province_box_takes_either_thai_form_of_a_name(points, typed, expected):
    """Typed into the box and Enter pressed, the Thai form the app writes and the other one in official use
    open the same province."""
    at = _box_sends(_explore(lang="th"), typed)
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["province"] in (expected, [expected]), at.query_params
    assert _problems(at) == []


def test_one_step_writes_the_url_once(points):
    """A province chosen in the box drops the pair and names the province: both in the run's one URL write,
    so the browser gets one history entry for the step (Streamlit's browser code pushes one entry per
    query-string message that changes the URL)."""
    at = _explore(province="Loei", pair="08-1")
    assert at.query_params["pair"] in ("08-1", ["08-1"])
    sent = _count_url_messages(at, lambda: _box_sends(at, "THA:Nong Khai"))
    assert at.query_params["province"] in ("Nong Khai", ["Nong Khai"])
    assert "pair" not in at.query_params
    assert sent == 1


def _count_url_messages(at: AppTest, step) -> int:
    """How many times the step's runs sent the URL to the browser (st.query_params' message to it)."""
    with apptest_internals.url_messages() as sent:
        step()
    return len(sent)


@pytest.mark.parametrize(
    ("params", "sent_expected"),
    [({"lang": "th", "pair": "08-1"}, 0), ({"lang": "th", "pair": "pair 8-1"}, 1)],
)
def test_a_first_run_sends_the_url_only_when_it_reads_the_link_its_own_way(points, params, sent_expected):
    """A link in the app's spelling is left as the browser shows it: one message fewer for every page a
    visitor opens. One in another spelling is written back in the app's, once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update(params)
    assert _count_url_messages(at, at.run) == sent_expected
    assert not at.exception, [e.value for e in at.exception]
    assert _url(at) == {"lang": "th", "pair": "08-1"}


def test_a_step_taken_while_the_last_url_was_on_its_way_is_written_all_the_same():
    """The story tour's race (tests/browser/test_stories.py): step 1 wrote story=A; Right was pressed before the
    browser showed it, so the next run started from the old URL, story=B, which is also where it ends."""
    from border_map.web.state import needs_writing

    a, b = {"story": "A", "lang": "en"}, {"story": "B", "lang": "en"}
    assert needs_writing(target=b, current=b, written=a)  # the late story=A would otherwise win
    assert needs_writing(target=b, current=a, written=a)  # an ordinary step
    assert not needs_writing(target=a, current=a, written=a)  # nothing changed: nothing sent
    assert not needs_writing(target=a, current=a, written=None)  # a first run on a link in the app's spelling
    assert needs_writing(target=b, current=a, written=None)  # a first run that reads the link its own way


def test_a_reading_left_by_a_run_cut_short_does_not_hide_the_browsers_back(points):
    """Back twice, quickly, from Nong Khai in Thai to Loei (tests/browser/test_history.py): the first Back's
    run read its link (province=Nong Khai, in the app's spelling) and was cut short by the second before it
    wrote the URL. Its reading must not count as a step of the app's: the next run is the browser's Back,
    and shows the URL's province."""
    at = _explore(province="Nong Khai")
    assert box_data(at)["value"] == "THA:Nong Khai"
    at.session_state["bm_url_canonical"] = {"province": "Nong Khai"}  # as the cut-short run left it
    at.query_params["province"] = "Loei"  # the address after the second Back
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert box_data(at)["value"] == "THA:Loei"
    assert at.query_params["province"] in ("Loei", ["Loei"])


def _said(at: AppTest) -> str:
    """Everything the page says in words: headings, Markdown, notes, plain text."""
    parts = [e.value for kind in ("markdown", "info", "text", "caption") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def _url(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


@pytest.mark.parametrize(
    ("page", "params", "said", "url"),
    [
        # What the link names, in any spelling, is written back in the app's.
        ("explore", {"province": "loei", "pair": "8.1"}, None, {"province": "Loei", "pair": "08-1"}),
        ("overview", {"pair": "pair 8-1"}, None, {"pair": "08-1"}),
        ("stories", {"story": "2"}, None, {"story": "phu-sing-health"}),
        ("present", {"slide": " 3 "}, None, {"slide": "3"}),
        # A known value this view does not offer: the page says why, and the link drops it.
        ("explore", {"province": "Loei", "pair": "42-1"}, "Pair 42-1 is not in Loei", {"province": "Loei"}),
        ("overview", {"pair": "42-1", "border": "laos"}, "Pair 42-1 is not on the border", {"border": "laos"}),
        ("explore", {"province": "Sa Kaeo", "border": "laos"}, "pairs are on the Thai–Cambodian border", None),
        # A value that names nothing: the problem and where the page starts instead.
        ("overview", {"pair": "99-9"}, "The link asks for a pair that is not in the table.", {}),
        ("stories", {"story": "nowhere"}, "Starting the tour at the first story.", {"story": "chiang-khan-security"}),
        ("present", {"slide": "99"}, "The link asks for a slide the deck does not have.", {"slide": "1"}),
        ("present", {"slide": "²"}, "The link asks for a slide the deck does not have.", {"slide": "1"}),
        ("present", {"slide": "0"}, "Closest: 1", {"slide": "1"}),
        ("explore", {"province": "Atlantis"}, "The link asks for a province that is not in the table.", None),
    ],
)
def test_each_parameter_is_read_written_back_and_explained_by_the_state_module(points, page, params, said, url):
    """web/state reads each page's parameter (pair, province, story, slide), writes it back in the app's
    spelling, and tells the page what the link named that it cannot show; the page words it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"lang": "en", **params})
    at.run()  # the overview: the app's first page
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = unescaped(_said(at))
    if said is None:
        assert "link_off" not in text, text
        assert "not in" not in text, text
    else:
        assert said in text
    if url is not None:  # None: a province the page does not show stays in the link as given
        assert _url(at) == {"lang": "en", **url}
    else:
        assert _url(at) == {"lang": "en", **params}
