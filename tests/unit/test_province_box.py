"""Explore's province box filters by the spellings the server's resolver accepts: the server sends each
province's spellings normalised, and the browser normalises the text typed the same way (normalise.js). The
JavaScript is run here by Node, where it is installed; tests/browser/test_explore.py runs it in Chromium too."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from border_map.model.resolve import Province, resolve_province
from border_map.names import normalise
from border_map.web.components import province_box
from border_map.web.server.component_files import FOLDER
from tests.support.data import NORMALISE_CASES

BANTEAY = Province("KHM", "Banteay Meanchey", "Banteay Mean Chey", "บันเตียเมียนเจย", ("บันทายมีชัย",))
SISAKET = Province("THA", "Sisaket", "Si Sa Ket", "ศรีสะเกษ")
LOEI = Province("THA", "Loei", "Loei", "เลย")
KALASIN = Province("THA", "Kalasin", None, "กาฬสินธุ์")


def _node(call: str) -> object:
    """`call` evaluated by Node after normalise.js, its result read back as JSON."""
    if shutil.which("node") is None:
        pytest.skip("no Node here: tests/browser/test_explore.py runs the same check in Chromium")
    source = (FOLDER / "normalise.js").read_text(encoding="utf-8")
    script = f"{source}\nconsole.log(JSON.stringify({call}));\n"
    done = subprocess.run(
        ["node", "--input-type=module", "-"], input=script, capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(done.stdout)


def test_the_browser_normalises_a_typed_name_as_the_server_does():
    found = _node(f"{json.dumps(NORMALISE_CASES)}.map(normalise)")
    assert dict(zip(NORMALISE_CASES, found, strict=True)) == {text: normalise(text) for text in NORMALISE_CASES}


def test_an_option_holds_every_spelling_the_resolver_reads_as_its_province():
    option = province_box.option(BANTEAY, "Banteay Meanchey · บันเตียเมียนเจย (Cambodia)", ["Banteay Meanchey"])
    assert set(option.spellings) == BANTEAY.match_keys  # the shown name adds nothing new here
    assert len(option.spellings) == len(set(option.spellings))  # each once
    for spelling in BANTEAY.spellings:
        assert resolve_province(spelling, [BANTEAY, SISAKET]).value == BANTEAY
    assert "" not in province_box.option(KALASIN, "Kalasin", [""]).spellings  # no source name: nothing empty


def test_matches_rank_an_equal_spelling_then_a_start_then_an_inside_else_the_tables_order():
    """Each option is [key, label, spellings] as pack sends it."""
    options = [[p.key, p.name, sorted(p.match_keys)] for p in (KALASIN, SISAKET, LOEI, BANTEAY)]

    typed = ["si sa ket", "บันทายมีชัย", "  เลย", "si", "a", "", "Atlantis"]
    found = _node(f"{json.dumps(typed)}.map((t) => matching({json.dumps(options)}, t).map((o) => o[0]))")
    keys = dict(zip(typed, found, strict=True)).get
    assert keys("si sa ket") == ["THA:Sisaket"]  # the boundary layer's spelling
    assert keys("บันทายมีชัย") == ["KHM:Banteay Meanchey"]  # the other Thai form in official use
    assert keys("  เลย") == ["THA:Loei"]
    assert keys("si") == ["THA:Sisaket", "THA:Kalasin"]  # a start before an inside, whatever the order
    assert keys("a") == ["THA:Kalasin", "THA:Sisaket", "KHM:Banteay Meanchey"]  # all inside: the table's order
    assert keys("") == [p.key for p in (KALASIN, SISAKET, LOEI, BANTEAY)]
    assert keys("Atlantis") == []


def test_the_data_is_packed_once_as_json_bytes():
    words = province_box.Words("Province", "Choose or type a province", "Hint", "No “{typed}”.")
    box = province_box.content([province_box.option(LOEI, "Loei · เลย (Thailand)")], words, "THA:Loei")
    data = json.loads(province_box.pack(box))
    assert data == box  # the same on its own as in the map's panel
    assert data["options"] == [["THA:Loei", "Loei · เลย (Thailand)", ["loei", "เลย"]]]
    assert (data["value"], data["noMatch"], data["label"]) == ("THA:Loei", "No “{typed}”.", "Province")
