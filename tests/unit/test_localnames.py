"""One name per place in each language, with the right level word: the reviewed Thai forms (names_th.csv) cover
every place the product names, and the table's spelling wins over the boundary source's wherever both name
the same place: findings, table rows, pair facts and map tooltips say it alike."""

from __future__ import annotations

import csv
import html
import re

import pytest

from border_map.i18n import translator
from border_map.model import resolve, thaiforms
from border_map.model.briefing import ExportView, all_views, briefing, pair_facts
from border_map.model.dataset import load_dataset
from border_map.model.findings_text import describe
from border_map.model.localnames import place_names
from border_map.paths import NAMES_TH_CSV, PAIRS_CSV
from border_map.render import maps

LATIN = re.compile(r"[A-Za-z]")


def outside_parentheses(text: str) -> str:
    """The text with every parenthesised part removed (nested ones too)."""
    while True:
        shorter = re.sub(r"\([^()]*\)", "", text)
        if shorter == text:
            return text
        text = shorter


def table_places() -> tuple[set, set]:
    with PAIRS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["nb_country"], r["nb_district"]) for r in rows}, {(r["nb_country"], r["nb_province"]) for r in rows}


def refs(finding: dict):
    """Every place reference of a finding, lists opened: (kind, country, name, feature id or None)."""
    for ref in finding.get("places", {}).values():
        if ref[0] == "source_districts":
            for country, fid, district, province in ref[1]:
                yield "district", country, district, fid
                yield "province", country, province, None
        elif ref[0] in ("district", "source_district"):
            yield "district", ref[1], ref[-1], ref[2] if ref[0] == "source_district" else None
        else:
            yield "province", ref[1], ref[-1], None


@pytest.fixture(scope="module")
def data(built_dir):
    return load_dataset(built_dir)


# --- the reviewed table ----------------------------------------------------------------------------


def test_every_neighbour_place_of_the_table_has_a_reviewed_thai_form():
    districts, provinces = table_places()
    forms = thaiforms.thai_forms()
    missing = {d for d in districts if (d[0], "district", d[1]) not in forms}
    missing |= {p for p in provinces if (p[0], "province", p[1]) not in forms}
    assert not missing, f"no Thai form for {sorted(missing)}"


def test_each_thai_form_is_one_place_and_its_alternatives_are_no_other_places():
    forms = thaiforms.thai_forms()
    for level in ("district", "province"):
        chosen = {}
        for (_country, lv, name), form in forms.items():
            if lv == level:
                assert chosen.setdefault(form.name_th, name) == name, (form.name_th, name, chosen[form.name_th])
        for (_country, lv, name), form in forms.items():
            if lv == level:
                for other in form.also:
                    assert chosen.get(other, name) == name, (name, other)


def test_a_row_without_a_source_or_in_latin_script_stops_the_app(tmp_path, monkeypatch):
    good = NAMES_TH_CSV.read_text(encoding="utf-8")
    for broken in (
        good.replace(",ละคอนเพ็ง,", ",Lakhonpheng,"),  # not Thai script
        good.replace("Thai news usage for the border area (border_map review)", ""),  # no source
        good.replace(",ปอยเปต,krong,", ",ปอยเปต,city,"),  # no such unit
        good.replace("unit,also,basis", "unit,also,kind"),  # a column renamed
    ):
        assert broken != good
        path = tmp_path / "names_th.csv"
        path.write_text(broken, encoding="utf-8")
        monkeypatch.setattr(thaiforms, "NAMES_TH_CSV", path)
        thaiforms.thai_forms.cache_clear()
        with pytest.raises(thaiforms.ThaiFormError):
            thaiforms.thai_forms()
    monkeypatch.undo()
    thaiforms.thai_forms.cache_clear()
    assert thaiforms.thai_forms()


# --- links and the province box accept every Thai form -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("จำปาสัก", "LAO:Champasak"),
        ("จำปาศักดิ์", "LAO:Champasak"),
        ("แขวงจำปาศักดิ์", "LAO:Champasak"),
        ("บันเตียเมียนเจย", "KHM:Banteay Meanchey"),
        ("บันทายมีชัย", "KHM:Banteay Meanchey"),
        ("จังหวัดบันทายมีชัย", "KHM:Banteay Meanchey"),
        ("ไซยะบุรี", "LAO:Xayaburi"),
        ("ไชยะบุรี", "LAO:Xayaburi"),
        ("บริคำไซ", "LAO:Bolikhamxay"),
        ("จังหวัดเลย", "THA:Loei"),
        ("เลย", "THA:Loei"),
    ],
)
def test_a_chosen_or_an_alternative_thai_form_resolves_in_a_link(embedded, typed, key):
    provinces = resolve.provinces_of(embedded.links, embedded.districts)
    found = resolve.resolve_province(typed, provinces)
    assert found.ok, (typed, found)
    assert found.value.key == key, (typed, found)


# --- level words ----------------------------------------------------------------------------------


def test_a_krong_is_titled_mueang_and_a_srok_amphoe(embedded):
    th, tr = place_names(embedded, "th"), translator("th")
    assert th.place(tr, "KHM", "Banteay Meanchey", "Poipet").startswith("เมืองปอยเปต ")
    assert th.place(tr, "KHM", "Banteay Meanchey", "Malai").startswith("อำเภอมาลัย ")
    assert th.named(["source_district", "KHM", "no-such-id", "Pailin"], tr) == "เมืองไพลิน"
    assert th.named(["source_district", "KHM", "no-such-id", "Svay Chek"], tr) == "อำเภอสวายเจก"
    assert th.named(["source_province", "LAO", "Vientiane Capital"], tr) == "นครหลวงเวียงจันทน์"
    assert th.label(tr, "KHM", "district", "krong") == "เมือง"
    en = place_names(embedded, "en")
    assert en.place(translator("en"), "KHM", "Banteay Meanchey", "Poipet") == "Poipet (Banteay Meanchey, Cambodia)"
    assert en.label(translator("en"), "KHM", "district", "krong") == "Town"


def test_a_transcribed_thai_form_carries_its_romanised_name_in_a_table_row(embedded):
    th, tr = place_names(embedded, "th"), translator("th")
    row = th.place(tr, "KHM", "Pailin", "Sala Krao", romanised=True)
    assert row.startswith("อำเภอศาลาเกรา (Sala Krao) ")
    assert not LATIN.search(outside_parentheses(row))
    assert "Krom Reang" not in th.place(tr, "KHM", "Battambang", "Krom Reang", romanised=True)  # established: no
    assert th.place(tr, "KHM", "Pailin", "Sala Krao") == "อำเภอศาลาเกรา จังหวัดไพลิน (กัมพูชา)"  # in a sentence


# --- the real build: every place the product names, one name per place -----------------------------


@pytest.mark.real
def test_every_place_a_finding_or_the_table_names_reads_in_thai_script(data):
    tr = translator("th")
    names = place_names(data, "th")
    latin = {}
    for finding in data.findings:
        text = describe(finding, tr, data)
        for ref in finding.get("places", {}).values():
            named = names.named(ref, tr)
            assert named is not None, ref
            if LATIN.search(outside_parentheses(named)):
                latin[str(ref)] = named
        assert not any(name in outside_parentheses(text) for _kind, _c, name, _f in refs(finding)), text
    assert not latin, latin
    # Every view's places, as its page, HTML, PDF and slides show them: no Latin outside parentheses.
    found = {}
    for view in all_views(data):
        b = briefing(data, view, "th")
        texts = [r.thai + " " + r.neighbour + " " + r.short for r in b.table.rows] + [f.text for f in b.findings]
        texts += [label for _key, label in b.provinces]
        if view.kind in ("province", "pair"):
            texts += [b.title, b.subtitle]
        if b.pair is not None:
            texts += [b.pair.thai, b.pair.neighbour, *(value for _label, value in b.pair.facts)]
        for text in texts:
            if LATIN.search(outside_parentheses(text)):
                found.setdefault(view.key or view.kind, []).append(text)
    print(found)  # what the scan found, when it finds anything
    assert not found, found


@pytest.mark.real
def test_the_same_place_reads_the_same_in_findings_table_rows_and_tooltips(data):
    for lang in ("en", "th"):
        tr, names = translator(lang), place_names(data, lang)
        feats = maps.features(data, lang)
        described = "\n".join(describe(f, tr, data) for f in data.findings)
        for link in data.links.itertuples():
            country, district = link.nb_country, link.nb_district
            shown = names.district(country, link.nb_province, district)
            titled = names.titled(country, "district", shown, names.unit(country, "district", district))
            row = next(r for r in briefing(data, ExportView("overview"), lang).table.rows if r.pair == link.pair_id)
            assert row.neighbour.startswith(titled), (lang, row.neighbour, titled)
            assert pair_facts(data, link.pair_id, lang).neighbour.startswith(titled)
            tip = feats.districts[link.nb_feature_id]["properties"]["tip"]
            label = html.escape(names.label(tr, country, "district", names.unit(country, "district", district)))
            # Thai leads; a neighbour's place gives the table's Latin spelling beside it, in parentheses.
            first = f"{shown} ({district})" if lang == "th" and shown != district else shown
            assert tip.startswith(f"<table class='bm-tip'><tr><th>{label}</th><td>{html.escape(first)}</td>"), tip
            assert not LATIN.search(outside_parentheses(re.sub("<[^>]+>", " ", tip))) or lang == "en", tip
            assert html.escape(titled) in feats.links[link.pair_id]["properties"]["tip"]
            for finding in data.findings:
                ids = [i[1] for r in finding.get("places", {}).values() if r[0] == "source_districts" for i in r[1]]
                if link.nb_feature_id in ids:
                    assert titled in describe(finding, tr, data), (lang, titled, finding["message"])
        # The boundary source's spellings of table places appear in no finding a page or file shows...
        for source, stated in (("Mayparkngum", "Pak Ngum"), ("Phnum Proek", "Phnom Proek")):
            assert source not in described, (lang, source)
            assert stated in described or lang == "th", (lang, stated)
        for source in ("Bantey Meanchey", "Botene", "Kamrieng", "Xayphoothong", "Chaloem Phra Kiat", "Si Sa Ket"):
            assert source not in described, (lang, source)
    # ...but on the Data page, where the difference is the point, they follow in parentheses.
    tr = translator("en")
    spelt = "\n".join(describe(f, tr, data, spelling=True) for f in data.findings)
    assert "Pak Ngum (Mayparkngum) (Vientiane Capital)" in spelt
    assert "Phnom Proek (Phnum Proek) (Battambang)" in spelt
    assert "the boundary data places Pak Kading (Pakkading) in Bolikhamxay (Bolikhamsai)" in spelt


@pytest.mark.real
def test_map_tooltips_label_a_lao_unit_with_its_own_level_word(data):
    feats = maps.features(data, "th")
    lao = next(link.nb_feature_id for link in data.links.itertuples() if link.nb_country == "LAO")
    tip = feats.districts[lao]["properties"]["tip"]
    assert "<th>เมือง</th>" in tip, tip
    assert "<th>แขวง</th>" in tip, tip
    assert "อำเภอ</th>" not in tip, tip
    poipet = next(link.nb_feature_id for link in data.links.itertuples() if link.nb_district == "Poipet")
    tip = feats.districts[poipet]["properties"]["tip"]
    assert "<th>เมือง</th><td>ปอยเปต (Poipet)</td>" in tip, tip
    assert "<th>จังหวัด</th><td>บันเตียเมียนเจย</td>" in tip, tip
    thai = next(link.thai_feature_id for link in data.links.itertuples())
    assert "<th>อำเภอ</th>" in feats.districts[thai]["properties"]["tip"]
