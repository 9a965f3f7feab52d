"""A revised pairs table checked for one viewer (the Data & sources page): validation, matching, differences from
the served table, a preview map and the briefing of the revised table.

The check runs in a child process (upload_check.py). Its result lives in this viewer's session only: every
other viewer keeps seeing the served build, and a new upload replaces the previous one. Text from the file is
data: shown as text or in tables, never as Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from border_map import limits
from border_map.i18n import N_
from border_map.model import queries
from border_map.model.briefing import ExportView
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe
from border_map.model.revision import FIELDS, differences
from border_map.render import maps
from border_map.web import look
from border_map.web.components import map_widget
from border_map.web.messages import md_text
from border_map.web.state import tr
from border_map.web.upload_check import CHECK_TIMEOUT_S, TYPES, Checked, run_check

STATE = "bm_upload"  # this viewer's checked upload (upload_check.Checked)
PUBLISH = "python -m border_map build --table FILE"

WHERE = {
    ("line", False): N_("line {line}"),
    ("row", False): N_("row {line}"),
    ("line", True): N_("sheet '{sheet}', line {line}"),
    ("row", True): N_("sheet '{sheet}', row {line}"),
}
HEADINGS = {"project": N_("the project's column names"), "document": N_("the source document's headings")}
SIDES = {"thai": N_("Thai district"), "neighbour": N_("Parallel area")}
STATUS = {"matched": N_("matched"), "unmatched": N_("unmatched")}


def error_text(error: dict, file: str, _) -> str:
    """One problem of the file in the reader's language: the file, the place in it, what is wrong and what to do.
    A problem without a template (an English-only one) is said as the check said it."""
    if error.get("template"):
        values = {k: _(v) if k in ("save_as", "expected") else v for k, v in error["values"].items()}
        template = error["template"]
        problem = _(template, **values)
    else:
        problem = error["problem"]
    where = ""
    if error.get("line"):
        place = WHERE[error.get("unit", "line"), bool(error.get("sheet"))]
        where = _(place, line=error["line"], sheet=error.get("sheet") or "")
    elif error.get("sheet"):
        where = _("sheet '{sheet}'", sheet=error["sheet"])
    return _("{file}, {where}: {problem}", file=file, where=where, problem=problem) if where else f"{file}: {problem}"


def section(served: Dataset) -> None:
    """The upload and, for this viewer, what the check of the uploaded table found."""
    _ = tr()
    st.header(_("Check a revised table"), anchor=False)
    st.caption(
        _(
            "Upload next year's list as CSV, XLSX or ODS (at most {limit} MB) to see, before it is published: its "
            "problems by row, the names the boundary data does not know, how it differs from the table served "
            "here, its map and its briefing. Only you see the result; nothing is written to the served build, "
            "and every other viewer keeps seeing the served table. The file is checked in a private temporary "
            "folder on the server, deleted as soon as the result is read.",
            limit=limits.UPLOAD_MB,
        )
    )
    st.html(
        look.uploader_words_css(
            "bm_upload_file",
            _("Upload"),
            _("At most {limit} MB · CSV, XLSX or ODS", limit=limits.UPLOAD_MB),
        )
    )
    upload = st.file_uploader(
        _("Revised pairs table"), type=TYPES, key="bm_upload_file", max_upload_size=limits.UPLOAD_MB
    )
    if upload is None:
        st.session_state.pop(STATE, None)
        return
    checked: Checked | None = st.session_state.get(STATE)
    if checked is None or checked.file_id != upload.file_id:
        st.session_state.pop(STATE, None)  # a new upload replaces the previous one, even if its check fails
        doing = _("Checking {file}: reading it, then matching every name to the boundaries…", file=md_text(upload.name))
        with st.spinner(doing):
            checked = run_check(upload.getvalue(), upload.name, upload.file_id)
        st.session_state[STATE] = checked
    show(served, checked)


def show(served: Dataset, checked: Checked) -> None:
    _ = tr()
    report, file = checked.report, checked.name
    if report.get("failure"):
        failure = report["failure"]
        st.error(md_text(_(failure, seconds=CHECK_TIMEOUT_S)), icon=":material/error:")
        return
    if report.get("problem"):
        st.error(
            _("The table could not be checked on this server: {reason}", reason=md_text(report["problem"])),
            icon=":material/error:",
        )
        return
    if report["errors"]:
        st.subheader(_("Problems in the file"), anchor=False)
        st.error(
            md_text(
                _.plural(
                    "{file} cannot be used as it is: {count} problem to fix.",
                    "{file} cannot be used as it is: {count} problems to fix.",
                    len(report["errors"]),
                    file=file,
                )
            ),
            icon=":material/error:",
        )
        for error in report["errors"]:
            st.text(error_text(error, file, _))
        return
    revised = checked.data
    table = report["table"]
    read_in = table["encoding"] or _("sheet '{sheet}'", sheet=table["sheet"])
    headings = HEADINGS[table.get("headings", "project")]
    how = ", ".join([table["format"], read_in, _(headings)])
    stats = report["stats"]
    st.success(
        md_text(
            _(
                "{file} read as {how}: {matched} of {rows} pairs matched to boundary polygons, checked in {seconds} s.",
                file=file,
                how=how,
                matched=_.number(stats["matched"]),
                rows=_.number(stats["rows"]),
                seconds=_.number(checked.seconds, 1),
            )
        ),
        icon=":material/task_alt:",
    )
    _findings(revised, report, _)
    _unmatched(report, _)
    changes = _differences(served, revised, _)
    st.subheader(_("Map of the revised table"), anchor=False)
    st.caption(_("Pairs added or changed are highlighted."))
    # Fitted to what changed: at the whole border's scale a changed pair is a few pixels.
    changed_links = revised.links[revised.links.pair_id.isin(changes)]
    fit = queries.bounds_of(queries.districts_for_links(revised, changed_links)) if changes else None
    map_widget.show(revised, maps.MapView(border="both", lang=_.lang), page="upload", pairs=tuple(changes), fit=fit)
    _downloads(revised, _)
    st.info(
        _(
            "To publish this table, run `{command}` on the server with the file: the app then serves it to everyone.",
            command=PUBLISH,
        ),
        icon=":material/publish:",
    )


def _findings(revised: Dataset, report: dict, _) -> None:
    lines = report.get("lines", {})
    warnings = [f for f in revised.findings if f["severity"] == "warning" and f.get("kind") != "unmatched"]
    st.subheader(_("Validation"), anchor=False)
    if not warnings:
        st.text(_("No problems by row."))
        return
    unit = "row" if report["table"]["format"] != "CSV" else "line"
    for finding in warnings:
        rows = sorted({lines[p] for p in finding.get("pair_ids", []) if p in lines})
        where = ", ".join(_(WHERE[unit, False], line=line) for line in rows)
        text = describe(finding, _, revised, spelling=True)
        st.text(f"{where}: {text}" if where else text)


def _unmatched(report: dict, _) -> None:
    st.subheader(_("Names the boundary data does not know"), anchor=False)
    if not report["unmatched"]:
        st.text(_("Every name matched a boundary polygon."))
        return
    unit = "row" if report["table"]["format"] != "CSV" else "line"
    rows = []
    for item in report["unmatched"]:
        side, place = SIDES[item["side"]], WHERE[unit, False]
        rows.append(
            {
                _("Where"): _(place, line=item["line"]),
                _("Pair"): item["pair_id"],
                _("Side"): _(side),
                _("Name in the file"): item["district"],
                _("Province in the file"): item["province"],
                _("Closest names in the boundary data"): "; ".join(
                    f"{c['district']} ({c['province']}, {c['score']})" for c in item["candidates"]
                ),
            }
        )
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, key="bm_upload_unmatched")


def _differences(served: Dataset, revised: Dataset, _) -> list[str]:
    """The differences, shown; returns the revised table's pairs added or changed (highlighted on the map)."""
    found = differences(served.links, revised.links)
    st.subheader(_("Differences from the served table"), anchor=False)
    st.text(
        _(
            "Compared with the served table by Thai district and parallel area: added {added}, removed {removed}, "
            "changed {changed}.",
            added=_.number(len(found.added)),
            removed=_.number(len(found.removed)),
            changed=_.number(len(found.changed_pairs)),
        )
    )

    def pairs(rows: list[dict]) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    _("Pair"): row["pair_id"],
                    _("Thai province"): row["thai_province"],
                    _("Thai district"): row["thai_district"],
                    _("Neighbouring province"): row["nb_province"],
                    _("Parallel area"): row["nb_district"],
                }
                for row in rows
            ]
        )

    def value(field: str, text: str) -> str:
        return _(STATUS[text]) if field == "status" and text in STATUS else text

    if found.changed:
        st.markdown("**" + md_text(_("Changed")) + "**")
        changed = pd.DataFrame(
            [
                {
                    _("Pair"): c.pair_id,
                    _("Thai district"): c.thai_district,
                    _("Parallel area"): c.nb_district,
                    _("Field"): _(FIELDS[c.field]),
                    _("Served"): value(c.field, c.served),
                    _("Revised"): value(c.field, c.revised),
                }
                for c in found.changed
            ]
        )
        st.dataframe(changed, hide_index=True, key="bm_upload_changed")
    if found.added:
        st.markdown("**" + md_text(_("Added")) + "**")
        st.dataframe(pairs(found.added), hide_index=True, key="bm_upload_added")
    if found.removed:
        st.markdown("**" + md_text(_("Removed")) + "**")
        st.dataframe(pairs(found.removed), hide_index=True, key="bm_upload_removed")
    return [*found.changed_pairs, *(row["pair_id"] for row in found.added)]


def _downloads(revised: Dataset, _) -> None:
    """The revised table's briefing, made when asked for (Streamlit's deferred download), for this viewer."""
    lang = _.lang
    view = ExportView("overview")

    def html() -> bytes:
        from border_map.render import export  # noqa: PLC0415 - the exports load on the first download only

        return export.html_bytes(revised, view, lang)

    def pdf() -> bytes:
        from border_map.render.export_pdf import pdf_bytes  # noqa: PLC0415

        return pdf_bytes(revised, view, lang)

    st.subheader(_("Briefing of the revised table"), anchor=False)
    left, right = st.columns(2)
    left.download_button(
        _("Briefing (HTML)"),
        html,
        f"border_map-revised-overview-{lang}.html",
        "text/html",
        key="bm_upload_html",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        _("Briefing (PDF)"),
        pdf,
        f"border_map-revised-overview-{lang}.pdf",
        "application/pdf",
        key="bm_upload_pdf",
        on_click="ignore",
        icon=":material/download:",
    )
