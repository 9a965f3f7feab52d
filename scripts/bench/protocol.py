"""Streamlit's websocket protocol, as a browser-less client speaks it: the messages a page sends on load and on a
choice, and how a run's ForwardMsgs are read to its end.

One implementation for the benchmark's traces, the Locust users (scripts/load/locustfile.py) and the replica
benchmark (scripts/bench/replicas.py). Imports neither Playwright nor Locust.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scripts.bench.specs import MAP_COMPONENT, MAP_PANEL_COMPONENT, PageSpec

WS_TIMEOUT_S = 90.0
PROVINCE_BOX_COMPONENT = "border_map.province_box"  # Explore's province box (web/components/province_box.py)
# A map page's run carries the map widget's data: the name of its base map file, its overlay, and on Explore the
# side panel (the base map's script and its shapes load as files; the components' code too). Measured on this
# build with one websocket session per page (Streamlit 1.67): an overview run is 5.5 KB in 12 messages, its
# border_map.map delta 0.8 KB; explore (Loei) 11.1 KB, stories 14.5 KB. A run without the map's delta is an
# error of its own (judge); under this, a page that stopped early (an empty page is fast).
MAP_MIN_BYTES = 3_000


def describe(msg: ForwardMsg) -> str:
    """A short label for a ForwardMsg: its type, and for a new element the element type, or for a component
    its name: "component border_map.map" for the app's map widget (a v2 component: `Element.bidi_component`),
    "component streamlit_folium.st_folium" for the naive page's map (a v1 one: `Element.component_instance`)."""
    kind = msg.WhichOneof("type") or "?"
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element.WhichOneof("type")
        if element == "bidi_component":
            return f"component {msg.delta.new_element.bidi_component.component_name}"
        if element == "component_instance":
            return f"component {msg.delta.new_element.component_instance.component_name}"
        return f"element {element}"
    return kind


@dataclass
class Session:
    """One script run as a client sees it."""

    seconds: float | None = None
    bytes: int = 0
    largest: int = 0
    component: bool = False  # the run carried the app's map widget (the border_map.map component)
    error: str | None = None
    query: str | None = None  # the URL's query as the run left it (page_info_changed)
    page_hash: str = ""  # the page the run was (new_session), which a rerun of a fragment names
    choices: dict[str, ProvinceBox] = field(default_factory=dict)  # Explore's province boxes shown, by element id


@dataclass(frozen=True)
class ProvinceBox:
    """Explore's province box as the run showed it (drawn by the map panel, border_map.map_panel, or on its own,
    border_map.province_box): what a browser needs to send a choice in it."""

    element_id: str
    options: tuple[tuple[str, str], ...]  # (key, label)
    fragment_id: str  # the fragment it is in ("" for none): a choice reruns only that
    event: str  # the component's event a choice goes through ("clicked" in the panel, "chose" on its own)

    def value(self, key: str) -> object:
        """What the box's component sends for a choice of `key`."""
        return {"kind": "box", "value": key} if self.event == "clicked" else key


def explore_spec(province: str) -> PageSpec:
    """The explore page for one province, as the app writes the link (the name alone, percent-encoded)."""
    query = "province=" + quote(province, safe="")
    return PageSpec("explore", f"/explore?{query}", "explore", query)


def _rerun(port: int, path: str) -> tuple[BackMsg, object]:
    """A `rerun_script` BackMsg from a page at `path`, and its rerun part to fill in."""
    msg = BackMsg()
    state = msg.rerun_script
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = f"http://127.0.0.1:{port}{path}"
    return msg, state


def rerun_message(spec: PageSpec, port: int) -> bytes:
    """What the frontend sends on load, and again when the URL changes: run the page with the URL's query."""
    msg, state = _rerun(port, spec.path)
    state.query_string = spec.ws_query
    state.page_script_hash = ""
    state.page_name = spec.ws_page
    return msg.SerializeToString()


def choice_message(opened: Session, spec: PageSpec, port: int, option: str) -> bytes | None:
    """What the frontend sends when the viewer picks `option` (a label, or the start of one) in the page's
    province box: the box's event (a trigger: the map panel's `clicked` with `{"kind": "box", "value": key}`,
    or the box's own `chose` with the key), the fragment it is in, and the URL's current query. None when the
    run showed no box with such an option."""
    for box in opened.choices.values():
        key = next((k for k, label in box.options if label == option or label.startswith(option + " ")), None)
        if key is None:
            continue
        msg, state = _rerun(port, f"/{spec.ws_page}")
        state.query_string = opened.query if opened.query is not None else spec.ws_query
        state.page_script_hash = opened.page_hash
        state.fragment_id = box.fragment_id
        widget = state.widget_states.widgets.add()
        widget.id = _make_trigger_id(box.element_id, "events")  # every event of a v2 component goes through it
        widget.json_trigger_value = json.dumps([{"event": box.event, "value": box.value(key)}])
        return msg.SerializeToString()
    return None


def _add_box(result: Session, element_id: str, box: dict, fragment_id: str, event: str) -> None:
    options = tuple((key, text) for key, text, _spellings in box["options"])
    result.choices[element_id] = ProvinceBox(element_id, options, fragment_id, event)


def take(result: Session, payload: bytes, started: float) -> bool:
    """Account one ForwardMsg of a run in `result`; True once the run has ended.

    A shown exception is an error (the run still ends normally). A fragment's run ends like a page's.
    FINISHED_EARLY_FOR_RERUN (the script asked for a rerun) does not end it: the next run's end is the real one.
    """
    result.bytes += len(payload)
    result.largest = max(result.largest, len(payload))
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    label = describe(msg)
    if label == "new_session":
        result.page_hash = msg.new_session.page_script_hash
    elif label == "navigation":  # the page st.navigation ran, which a choice's rerun names as the browser does
        result.page_hash = msg.navigation.page_script_hash
    elif label == "page_info_changed":
        result.query = msg.page_info_changed.query_string
    elif label == f"component {PROVINCE_BOX_COMPONENT}":
        box = msg.delta.new_element.bidi_component
        _add_box(result, box.id, json.loads(box.bytes or box.json), msg.delta.fragment_id, "chose")
    elif label == "element exception":
        result.error = f"exception shown: {msg.delta.new_element.exception.message[:120]}"
    elif label in (f"component {MAP_COMPONENT}", f"component {MAP_PANEL_COMPONENT}"):
        result.component = True
        if label == f"component {MAP_PANEL_COMPONENT}":
            panel = msg.delta.new_element.bidi_component
            found = json.loads(panel.bytes or panel.json).get("box")
            if found:
                _add_box(result, panel.id, found, msg.delta.fragment_id, "clicked")
    elif label == "script_finished":
        if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
            result.seconds = time.perf_counter() - started
            return True
        if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            result.error = "script failed to compile"
            return True
    return False


async def read_run(ws, result: Session, started: float) -> None:
    """Read ForwardMsgs from an asyncio `websockets` connection until this run's end."""
    while not take(result, await ws.recv(), started):
        pass


def judge(spec: PageSpec, result: Session) -> None:
    """After a run: no end is an error, and so is a map page's run without the app's map widget, or under
    MAP_MIN_BYTES (an empty page is fast)."""
    if result.seconds is None and result.error is None:
        result.error = "no script_finished"
    if not spec.text and result.error is None and not result.component:
        result.error = f"no {MAP_COMPONENT} delta ({result.bytes} bytes)"
    elif not spec.text and result.error is None and result.bytes < MAP_MIN_BYTES:
        result.error = f"map page run of {result.bytes} bytes, under {MAP_MIN_BYTES}"


async def ws_session(port: int, spec: PageSpec, done: asyncio.Queue, release: asyncio.Event) -> None:
    """One asyncio session: connect, ask for a run, put the result on `done`, stay connected until `release`.

    Not used by the load test (Locust's users do this, scripts/load/): for scripts that open a few sessions of
    their own (scripts/bench/replicas.py).
    """
    result, started, reported = Session(), time.perf_counter(), False
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=WS_TIMEOUT_S) as ws:
            await ws.send(rerun_message(spec, port))
            async with asyncio.timeout(WS_TIMEOUT_S):
                await read_run(ws, result, started)
            judge(spec, result)
            done.put_nowait(result)
            reported = True
            await release.wait()
    except TimeoutError:
        result.error = "timeout"
    except (OSError, websockets.exceptions.WebSocketException) as error:
        result.error = f"{type(error).__name__}: {error}"
    if not reported:
        judge(spec, result)
        done.put_nowait(result)
