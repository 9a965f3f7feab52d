"""Data & sources: the build's findings, the table as stated, each layer's licence, downloads, and the check of a
revised table (web/upload.py, for the viewer who uploads it only)."""

import json

import pandas as pd
import streamlit as st

from border_map import paths
from border_map.i18n import N_
from border_map.model import programme, queries
from border_map.model.briefing import ExportView
from border_map.model.findings_text import KIND_LABELS, describe
from border_map.model.memo import memo
from border_map.render import export, tables
from border_map.web import data_cache, downloads, entry, messages, state, upload

SOURCE_COLUMNS = {
    "no": N_("No."),
    "thai_province": N_("Thai province"),
    "thai_district": N_("Thai district"),
    "nb_country": N_("Neighbouring country"),
    "nb_province": N_("Neighbouring province"),
    "nb_district": N_("Parallel area"),
}

entry.page_setup()
_ = state.tr()
data = data_cache.dataset()
st.title(_("Data & sources"), anchor=False)
messages.notice(data)

st.header(_("What the build found"), anchor=False)
warnings = [f for f in data.findings if f["severity"] == "warning"]
infos = [f for f in data.findings if f["severity"] != "warning"]
st.write(
    (
        _("{matched} of {rows} table rows matched to boundary polygons; {warnings} points need attention.")
        if data.has_boundaries
        else _("{matched} of {rows} table rows matched to district points; {warnings} points need attention.")
    ).format(
        matched=_.number(data.stats["matched"]), rows=_.number(data.stats["rows"]), warnings=_.number(len(warnings))
    )
)


def kind(finding: dict) -> str:
    label = KIND_LABELS.get(finding["kind"])
    return _(label) if label else finding["kind"].replace("_", " ")


for finding in warnings:
    st.warning(f"**{kind(finding)}** — {messages.md_text(describe(finding, _, data, spelling=True))}")
with st.expander(_.plural("{count} note for information", "{count} notes for information", len(infos))):
    for finding in infos:
        st.text(f"{kind(finding)}: {describe(finding, _, data, spelling=True)}")

st.header(_("The table as stated in the source"), anchor=False)
st.caption(_("Transcribed exactly from the DOPA project text, spellings and errors included."))
stated = pd.read_csv(paths.PAIRS_CSV, dtype=str)
# The values exactly as stated; the file's field names read as words (a field not named here keeps its own).
st.dataframe(
    stated.rename(columns={c: _(SOURCE_COLUMNS[c]) for c in stated.columns if c in SOURCE_COLUMNS}), hide_index=True
)

st.header(_("Programme facts"), anchor=False)
facts = programme.facts()
st.markdown(messages.md_text(programme.localised(facts, "summary", _.lang)))
st.text(
    _(
        "Funder: {funder} · managed by {manager} · proposed by {proposer}",
        funder=programme.localised(facts, "funder", _.lang),
        manager=programme.localised(facts, "fund_manager", _.lang),
        proposer=programme.localised(facts, "proposed_by", _.lang),
    )
)

st.header(_("Boundary layers and licences"), anchor=False)
columns = {
    "id": _("Layer"),
    "country": _("Country"),
    "level": _("Level"),
    "licence": _("Licence"),
    "attribution": _("Attribution"),
    "source": _("Source"),
    "url": _("Address"),
}
LEVELS = {"ADM1": N_("provinces (ADM1)"), "ADM2": N_("districts (ADM2)")}
layers = pd.DataFrame(data.sources)[list(columns)]
# In the reader's language: countries and levels as words, the attribution and source lines as the packaged
# catalogue words them (programme.source_text); licence names, dataset names and addresses stay as they are.
layers["country"] = [_(queries.COUNTRY_NAMES[c]) if c in queries.COUNTRY_NAMES else c for c in layers["country"]]
layers["level"] = [_(LEVELS[level]) if level in LEVELS else level for level in layers["level"]]
for key in ("attribution", "source"):
    layers[key] = [programme.source_text(s, key, _.lang) for s in data.sources]
st.dataframe(
    layers.rename(columns=columns),
    hide_index=True,
    column_config={columns["url"]: st.column_config.LinkColumn(columns["url"])},
)
# Layers the user supplied at build time (build --boundary), named with their files: the manifest says which.
supplied = [s for s in data.sources if s.get("supplied")]
if supplied:
    st.info(
        messages.md_text(
            _(
                "This build uses boundary layers supplied by the user in place of the catalogued ones: {layers}. "
                "Their licence and attribution are the supplier's.",
                layers="; ".join(programme.source_text(s, "attribution", _.lang) for s in supplied),
            )
        ),
        icon=":material/upload_file:",
    )
# A citation stays as published; the sentence around it is the reader's.
st.text(
    _(
        "Cite geoBoundaries as: {citation}",
        citation=programme.geoboundaries_citation(),
    )
)

st.header(_("Downloads"), anchor=False)
# Text cells that a spreadsheet would read as a formula begin with ' (render.tables); numbers stay numbers.
# Made once per build: the page is opened again and again, and the workbook costs more than the page's run.
csv_file, xlsx_file = memo(data, ("data.pairs_joined_files",), lambda: tables.pairs_joined_files(data))
cols = st.columns(4)
cols[0].download_button(
    _("Pairs joined (CSV)"),
    csv_file,
    "border_map_pairs.csv",
    "text/csv",
    key="bm_dl_csv",
)
cols[1].download_button(
    _("Pairs joined (XLSX)"),
    xlsx_file,
    "border_map_pairs.xlsx",
    tables.XLSX_MIME,
    key="bm_dl_xlsx",
)
cols[2].download_button(
    _("Links (GeoJSON)"),
    data.links.to_json(drop_id=True, ensure_ascii=False).encode(),
    "border_map_links.geojson",
    "application/geo+json",
    key="bm_dl_links",
)
cols[3].download_button(
    _("Districts (GeoJSON)"),
    data.districts.to_json(drop_id=True, ensure_ascii=False).encode(),
    "border_map_districts.geojson",
    "application/geo+json",
    key="bm_dl_districts",
)
st.download_button(
    _("Findings (JSON)"),
    json.dumps(data.findings, ensure_ascii=False, indent=1).encode(),
    "border_map_findings.json",
    "application/json",
    key="bm_dl_findings",
)

st.header(_("Briefings to take along"), anchor=False)
st.caption(
    _(
        "Made from this build, in the language chosen in the sidebar. The site is a folder of pages that open "
        "from a USB stick or any web server; the booklet is one PDF with every province and story."
    )
)
lang = state.language()
made = st.session_state.setdefault("bm_made", {})


def offer(kind: str, label: str, file_name: str, mime: str) -> None:
    """The download of something prepared on this page, with how long it took and its size."""
    if (kind, lang) not in made:
        return
    content, seconds = made[kind, lang]
    st.download_button(
        label, content, file_name, mime, key=f"bm_dl_{kind}", icon=":material/download:", on_click="ignore"
    )
    size = _.number(len(content) / 1024)
    st.caption(_("Made in {seconds} s · {size} KB", seconds=_.number(seconds, 1), size=size))


left, right = st.columns(2)
with left:
    if st.button(_("Prepare the briefing site (zip)"), key="bm_make_site", icon=":material/folder_zip:"):
        bar = st.progress(0.0, text=_("Writing pages…"))

        def step(done: int, total: int, _path: str) -> None:
            bar.progress(done / total, text=_("Writing pages… {done} of {total}", done=done, total=total))

        made["site", lang] = data_cache.timed(lambda: export.site_zip(data, lang, step))
        bar.empty()
    offer("site", _("Download the site (zip)"), f"border_map-briefing-site-{lang}.zip", "application/zip")
with right:
    if st.button(_("Prepare the booklet (PDF)"), key="bm_make_booklet", icon=":material/menu_book:"):
        with st.spinner(_("Drawing every province and story…")):
            booklet = ExportView("booklet")
            made["booklet", lang] = data_cache.timed(lambda: downloads.export_bytes(data, "pdf", booklet, lang))
    offer("booklet", _("Download the booklet (PDF)"), f"border_map-booklet-{lang}.pdf", "application/pdf")

upload.section(data)
