"""Data & sources: the build's findings, the table as stated, each layer's licence, and downloads."""

import json

import pandas as pd
import streamlit as st

import ui_common
from border_map import paths, programme

ui_common.page_setup()
data = ui_common.dataset()
st.title("Data & sources", anchor=False)
ui_common.notice(data)

st.header("What the build found", anchor=False)
warnings = [f for f in data.findings if f["severity"] == "warning"]
infos = [f for f in data.findings if f["severity"] != "warning"]
st.write(
    f"{data.stats['matched']} of {data.stats['rows']} table rows matched to boundary "
    f"{'polygons' if data.has_boundaries else 'points'}; {len(warnings)} points need attention."
)
for finding in warnings:
    st.warning(f"**{finding['kind'].replace('_', ' ')}** — {ui_common.md_text(finding['message'])}")
with st.expander(f"{len(infos)} notes for information"):
    for finding in infos:
        st.text(f"{finding['kind'].replace('_', ' ')}: {finding['message']}")

st.header("The table as stated in the source", anchor=False)
st.caption("Transcribed exactly from the DOPA project text, spellings and errors included.")
st.dataframe(pd.read_csv(paths.PAIRS_CSV, dtype=str), hide_index=True)

st.header("Programme facts", anchor=False)
facts = programme.facts()
st.markdown(ui_common.md_text(facts["summary"]))
st.text(f"Funder: {facts['funder']} · managed by {facts['fund_manager']} · proposed by {facts['proposed_by']}")

st.header("Boundary layers and licences", anchor=False)
st.dataframe(
    pd.DataFrame(data.sources)[["id", "country", "level", "licence", "attribution", "source", "url"]],
    hide_index=True,
    column_config={"url": st.column_config.LinkColumn("url")},
)
st.caption(
    "geoBoundaries: Runfola, D. et al. (2020) geoBoundaries: A global database of political "
    "administrative boundaries. PLoS ONE 15(4): e0231866."
)

st.header("Downloads", anchor=False)
joined = pd.DataFrame(data.links.drop(columns="geometry"))
joined["findings"] = joined["findings"].map(lambda f: ";".join(f) if isinstance(f, list) else (f or ""))
cols = st.columns(3)
cols[0].download_button(
    "Pairs joined (CSV)",
    joined.to_csv(index=False).encode("utf-8"),
    "border_map_pairs.csv",
    "text/csv",
    key="bm_dl_csv",
)
cols[1].download_button(
    "Links (GeoJSON)",
    data.links.to_json(drop_id=True, ensure_ascii=False).encode(),
    "border_map_links.geojson",
    "application/geo+json",
    key="bm_dl_links",
)
cols[2].download_button(
    "Districts (GeoJSON)",
    data.districts.to_json(drop_id=True, ensure_ascii=False).encode(),
    "border_map_districts.geojson",
    "application/geo+json",
    key="bm_dl_districts",
)
st.download_button(
    "Findings (JSON)",
    json.dumps(data.findings, ensure_ascii=False, indent=1).encode(),
    "border_map_findings.json",
    "application/json",
    key="bm_dl_findings",
)
