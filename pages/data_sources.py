"""Data & sources: the build's findings, the table as stated, each layer's licence, and downloads."""

import json

import pandas as pd
import streamlit as st

import ui_common
from border_map import paths, programme
from border_map.findings import KIND_LABELS, describe

ui_common.page_setup()
_ = ui_common.tr()
data = ui_common.dataset()
st.title(_("Data & sources"), anchor=False)
ui_common.notice(data)

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
    st.warning(f"**{kind(finding)}** — {ui_common.md_text(describe(finding, _))}")
with st.expander(_.plural("{count} note for information", "{count} notes for information", len(infos))):
    for finding in infos:
        st.text(f"{kind(finding)}: {describe(finding, _)}")

st.header(_("The table as stated in the source"), anchor=False)
st.caption(_("Transcribed exactly from the DOPA project text, spellings and errors included."))
st.dataframe(pd.read_csv(paths.PAIRS_CSV, dtype=str), hide_index=True)

st.header(_("Programme facts"), anchor=False)
facts = programme.facts()
st.markdown(ui_common.md_text(programme.localised(facts, "summary", _.lang)))
st.text(
    _(
        "Funder: {funder} · managed by {manager} · proposed by {proposer}",
        funder=facts["funder"],
        manager=facts["fund_manager"],
        proposer=facts["proposed_by"],
    )
)

st.header(_("Boundary layers and licences"), anchor=False)
columns = {
    "id": _("layer"),
    "country": _("country"),
    "level": _("level"),
    "licence": _("licence"),
    "attribution": _("attribution"),
    "source": _("source"),
    "url": _("address"),
}
st.dataframe(
    pd.DataFrame(data.sources)[list(columns)].rename(columns=columns),
    hide_index=True,
    column_config={columns["url"]: st.column_config.LinkColumn(columns["url"])},
)
st.text(
    "geoBoundaries: Runfola, D. et al. (2020) geoBoundaries: A global database of political "
    "administrative boundaries. PLoS ONE 15(4): e0231866."
)

st.header(_("Downloads"), anchor=False)
joined = pd.DataFrame(data.links.drop(columns="geometry"))
joined["findings"] = joined["findings"].map(lambda f: ";".join(f) if isinstance(f, list) else (f or ""))
cols = st.columns(3)
cols[0].download_button(
    _("Pairs joined (CSV)"),
    joined.to_csv(index=False).encode("utf-8"),
    "border_map_pairs.csv",
    "text/csv",
    key="bm_dl_csv",
)
cols[1].download_button(
    _("Links (GeoJSON)"),
    data.links.to_json(drop_id=True, ensure_ascii=False).encode(),
    "border_map_links.geojson",
    "application/geo+json",
    key="bm_dl_links",
)
cols[2].download_button(
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
