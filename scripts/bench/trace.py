"""One traced load per page: bytes on the wire and a timeline of what happened, from the DevTools protocol and
marks a script in the page records. Slower than a timed load, so kept out of the timings."""

from __future__ import annotations

import base64
import json
import math
import time
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scripts.bench.browser import NAIVE_IFRAME, Tally, Visit
from scripts.bench.protocol import describe
from scripts.bench.specs import Target
from tests.support.browser import MAP_BOX

MARKS_JS = """(() => {
  if (window !== window.top) return;
  const cfg = %s;
  const marks = window.__bmMarks = {};
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.timeOrigin + performance.now(); };
  const stop = performance.now() + 60000;
  const paths = (root) => {
    const n = root.querySelectorAll('.leaflet-overlay-pane path').length;
    if (n > 0) mark('first SVG path drawn');
    if (n >= cfg.minPaths) mark(`${cfg.minPaths} paths drawn (the ready count)`);
    if (n >= cfg.allPaths) mark(`all ${cfg.allPaths} paths drawn`);
  };
  const widget = () => {
    if (document.querySelector('[data-testid^="stBidiComponent"]')) mark('map component element inserted');
    const box = document.querySelector(cfg.box);
    if (box && box.getBoundingClientRect().height > 100) mark(`map box (${cfg.box}) sized > 100 px`);
    if (window.L) mark('Leaflet library evaluated (window.L)');
    const map = window.bmMap;
    if (map && map.getContainer().isConnected) {
      mark('Leaflet map created (window.bmMap)');
      const own = map.getContainer().closest(cfg.box);
      if (own) paths(own);
    }
  };
  const iframe = () => {
    const frames = document.querySelectorAll(cfg.iframe);
    const frame = frames[frames.length - 1];
    if (!frame) return;
    mark('component iframe element inserted');
    if (frame.getBoundingClientRect().height > 100) mark('component iframe sized > 100 px');
    const doc = frame.contentDocument;
    if (doc && doc.URL !== 'about:blank' && doc.body) {
      mark('component document has a body');
      if (frame.contentWindow.L) mark('Leaflet library evaluated in the iframe');
      if (doc.querySelector('.leaflet-container')) mark('Leaflet map created');
      paths(doc);
    }
  };
  const poll = () => {
    if (cfg.iframe) iframe(); else if (cfg.widget) widget();
    if (cfg.text && document.body && document.body.innerText.includes(cfg.text)) mark(`text "${cfg.text}" in page`);
    if (performance.now() < stop) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();"""


@dataclass
class Trace:
    """One load observed through the DevTools protocol: bytes on the wire and a timeline of what happened."""

    page: str
    http_bytes: int = 0
    http_requests: int = 0
    ws_bytes: int = 0
    ws_frames: int = 0
    ws_largest: int = 0
    ws_largest_kind: str = ""
    script_runs: int = 0
    ready_s: float | None = None
    timeline: list[tuple[float, str]] = field(default_factory=list)


def frame_bytes(response: dict) -> bytes:
    """CDP gives binary websocket frames (opcode 2) base64-encoded and text frames as text."""
    data = response["payloadData"]
    return base64.b64decode(data) if response["opcode"] == 2 else data.encode()


class Recorder:
    """Collects the CDP Network events of one page (its same-origin iframes share the page's target)."""

    METHODS = (
        "Network.requestWillBeSent",
        "Network.loadingFinished",
        "Network.webSocketWillSendHandshakeRequest",
        "Network.webSocketHandshakeResponseReceived",
        "Network.webSocketFrameReceived",
    )

    def __init__(self, visit: Visit):
        self.events: list[tuple[str, dict]] = []
        self.session = visit.context.new_cdp_session(visit.page)
        for method in self.METHODS:
            self.session.on(method, lambda params, method=method: self.events.append((method, params)))
        self.session.send("Network.enable")

    def clock(self) -> tuple[float, float]:
        """(monotonic, epoch) of the document request: maps CDP's monotonic timestamps to wall time."""
        for method, params in self.events:
            if method == "Network.requestWillBeSent" and params.get("type") == "Document":
                return params["timestamp"], params["wallTime"]
        raise RuntimeError("no document request was recorded")


def summarise(trace: Trace, recorder: Recorder, started_epoch: float) -> None:
    """Fill the payload numbers and the network half of the timeline (seconds since navigation start)."""
    mono0, wall0 = recorder.clock()

    def at(timestamp: float) -> float:
        return wall0 + (timestamp - mono0) - started_epoch

    urls, seen = {}, set()
    events = trace.timeline
    for method, params in recorder.events:
        if method == "Network.requestWillBeSent":
            trace.http_requests += 1
            urls[params["requestId"]] = params["request"]["url"]
            path = urls[params["requestId"]].split("/", 3)[-1]
            if params.get("type") == "Document" and "document requested" not in seen:
                events.append((at(params["timestamp"]), "document requested"))
                seen.add("document requested")
            if path.startswith("component/") and "component iframe requested" not in seen:
                events.append((at(params["timestamp"]), f"component iframe requested ({path.split('?')[0]})"))
                seen.add("component iframe requested")
        elif method == "Network.loadingFinished":
            trace.http_bytes += int(params["encodedDataLength"])
            path = urls.get(params["requestId"], "").split("?")[0]
            for suffix, label in ((".js", "script"), (".css", "stylesheet")):
                if path.endswith(suffix) and ("/component/" in path or "/vendor/" in path):
                    events.append((at(params["timestamp"]), f"{label} loaded: {path.split('/', 3)[-1]}"))
            if "/layers/" in path:  # the map widget's shapes (routes), fetched by the page
                events.append((at(params["timestamp"]), f"layer file loaded: {path.split('/', 3)[-1]}"))
        elif method == "Network.webSocketWillSendHandshakeRequest":
            events.append((at(params["timestamp"]), "websocket handshake sent"))
        elif method == "Network.webSocketHandshakeResponseReceived":
            events.append((at(params["timestamp"]), "websocket open"))
        elif method == "Network.webSocketFrameReceived":
            frame_received(trace, params, at(params["timestamp"]), seen)
    bundle_event(trace, recorder, at)


def requests_where(recorder: Recorder, keep) -> dict[str, str]:
    """requestId -> file name of the requests for which keep(url, timestamp) holds."""
    return {
        p["requestId"]: p["request"]["url"].split("?")[0].rsplit("/", 1)[-1]
        for m, p in recorder.events
        if m == "Network.requestWillBeSent" and keep(p["request"]["url"], p["timestamp"])
    }


def finished(recorder: Recorder, ids) -> list[tuple[float, int]]:
    """(finish timestamp, bytes) of those requests."""
    return [
        (p["timestamp"], int(p["encodedDataLength"]))
        for m, p in recorder.events
        if m == "Network.loadingFinished" and p["requestId"] in ids
    ]


# Streamlit's chunks that host components: v2 (the app's map widget) and v1 (st_folium, the naive page).
COMPONENT_HOSTS = ("BidiComponent", "ComponentInstance")


def bundle_event(trace: Trace, recorder: Recorder, at) -> None:
    """Streamlit's own files: those it needs to boot (before the websocket) and element code it fetches later.

    The later ones matter: the frontend fetches an element's code (the component host, the data grid) only
    when the first such element arrives, so that download sits between the delta and the drawing. The app's
    page announces its component host code (BidiComponent) in its head (hints.page_hints), so there it may
    load before the websocket opens; the naive page's (ComponentInstance) is fetched on demand.
    """
    handshake = min(
        (p["timestamp"] for m, p in recorder.events if m == "Network.webSocketWillSendHandshakeRequest"),
        default=math.inf,
    )

    def own(url: str) -> bool:
        return "/static/" in url and "/component/" not in url and "/app/static/" not in url

    boot = finished(recorder, requests_where(recorder, lambda url, ts: own(url) and ts < handshake))
    if boot:
        label = f"Streamlit frontend files loaded ({len(boot)} files, {sum(n for _t, n in boot) / 1024:.0f} KB)"
        trace.timeline.append((at(max(t for t, _n in boot)), label))
    late = requests_where(recorder, lambda url, ts: own(url) and "/js/" in url and ts >= handshake)
    hosts = requests_where(
        recorder, lambda url, ts: own(url) and url.split("?")[0].rsplit("/", 1)[-1].startswith(COMPONENT_HOSTS)
    )
    for request_id, name in hosts.items():
        how = "on demand" if request_id in late else "before the websocket (preloaded)"
        for m, p in recorder.events:
            if m == "Network.requestWillBeSent" and p["requestId"] == request_id:
                trace.timeline.append((at(p["timestamp"]), f"Streamlit's component host code requested ({name})"))
        for when, _n in finished(recorder, {request_id}):
            trace.timeline.append((at(when), f"Streamlit's component host code loaded {how} ({name})"))
    done = finished(recorder, late)
    if done:
        label = f"last of {len(done)} element code files fetched on demand ({sum(n for _t, n in done) / 1024:.0f} KB)"
        trace.timeline.append((at(max(t for t, _n in done)), label))


def frame_received(trace: Trace, params: dict, when: float, seen: set[str]) -> None:
    """Count one websocket frame and put the interesting ForwardMsgs on the timeline."""
    payload = frame_bytes(params["response"])
    trace.ws_bytes += len(payload)
    trace.ws_frames += 1
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    label = describe(msg)
    if len(payload) > trace.ws_largest:
        trace.ws_largest, trace.ws_largest_kind = len(payload), label
    if label.startswith("component"):
        trace.timeline.append((when, f"{label} delta received ({len(payload) / 1024:.0f} KB)"))
    elif label == "new_session":
        trace.script_runs += 1
        trace.timeline.append((when, f"ForwardMsg new_session (script run {trace.script_runs} starts)"))
    elif label == "script_finished":
        trace.timeline.append((when, f"ForwardMsg script_finished (status {msg.script_finished})"))
    elif label.startswith("element") and "first element delta" not in seen:
        seen.add("first element delta")
        trace.timeline.append((when, f"first element delta ({label})"))


def traced_load(browser, tally: Tally, target: Target, all_paths: int) -> Trace:
    """A load with CDP and in-page marks on: slower than a timed load, so it is kept out of the timings."""
    spec = target.spec
    config = {
        "iframe": NAIVE_IFRAME if spec.frame else None,
        "widget": spec.widget and not spec.text,  # the map widget's marks, on map pages only
        "box": MAP_BOX,
        "minPaths": target.min_paths,
        "allPaths": all_paths,
        "text": spec.text,
    }
    visit = Visit(browser, tally, init_script=MARKS_JS % json.dumps(config))
    recorder = Recorder(visit)
    trace = Trace(spec.name)
    try:
        started_epoch = time.time()
        trace.ready_s, _seen = visit.open(target)
        trace.timeline.append((trace.ready_s, "harness saw the page ready"))
        visit.page.wait_for_timeout(1500)  # let late requests and frames arrive: they are part of the load
        marks = visit.page.evaluate("() => window.__bmMarks || {}")
        timing = visit.page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return [performance.timeOrigin, n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd]; }"
        )
    except PlaywrightError as error:
        tally.failures.append(f"trace {spec.name}: {str(error).splitlines()[0]}")
        visit.close()
        return trace
    summarise(trace, recorder, started_epoch)
    origin = timing[0]
    for offset, label in zip(timing[1:], ("document received", "DOMContentLoaded", "load event"), strict=True):
        if offset:
            trace.timeline.append(((origin + offset) / 1000 - started_epoch, label))
    trace.timeline += [(epoch_ms / 1000 - started_epoch, name) for name, epoch_ms in marks.items()]
    trace.timeline.sort(key=lambda event: event[0])  # stable: marks of one frame keep the order they were seen
    visit.close()
    return trace
