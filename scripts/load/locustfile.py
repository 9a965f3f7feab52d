"""Locust users that speak Streamlit's websocket protocol, as a browser tab does on load.

Each user is one session: it connects to `/_stcore/stream`, sends the `rerun_script` BackMsg the frontend sends
when a page opens (built by scripts/bench/protocol.py's `rerun_message`), and reads ForwardMsgs until the run's
`script_finished`. Every run is reported to Locust as a request event (type "WS"); it fails on a connection
failure, a timeout, an exception element in the run, or a map page's run without the app's map widget (the
`border_map.map` or `border_map.map_panel` component, a `bidi_component` element) or under
`protocol.MAP_MIN_BYTES` (protocol's `take` and `judge`).

- `FloorUser` opens the one-line app; `FloorTwiceUser` opens it and runs it again with a new query string
  (what an explorer does, on the one-line app); `OverviewUser` opens the overview (`/`); `ExploreUser` opens
  `/explore?province=X` (X varies per user) and then picks another province in the page's province box: a
  second run on the same session, sent as the frontend sends it (the box's event, the chosen province's key, and
  the fragment the box is in, so only that fragment reruns, as in a browser). It reports "explore: open",
  "explore: change" and "explore", the whole session from connect to the second run's end.

From the command line, in the project root, the users loop (open, hold the page a few seconds like a reader,
close, again):

    locust -f scripts/load/locustfile.py --host http://127.0.0.1:8501 OverviewUser ExploreUser

Locust loads a locustfile by its path, as a module named after the file, once it has put the working directory
first on `sys.path` (locust.util.load_locustfile): from the project root, `scripts.bench` imports by name, with
no path edited here. The driver imports this file as `scripts.load.locustfile`.

with the provinces in BORDER_MAP_PROVINCES (comma-separated; default Loei). scripts/load/driver.py runs the
same users programmatically for the benchmark and sets `plan` instead, so each user opens once and holds its
session until the batch is done (`Batch`), or one user opens and closes sessions one after another
(`Sequence`).
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import gevent
from gevent.event import Event
from locust import User, constant, task
from locust.exception import StopUser
from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

from scripts.bench import protocol, specs  # Streamlit's protocol and the pages: one copy for the benchmark and Locust

PROVINCES = [p for p in os.environ.get("BORDER_MAP_PROVINCES", "Loei").split(",") if p]
HOLD_S = 5.0  # command-line runs: how long a user keeps a page open before closing it
_numbers = itertools.count()


class RunFailed(Exception):
    """What Locust records as the failure of a run."""


class StreamlitClient:
    """One browser-less Streamlit session; each run it asks for is reported to Locust."""

    def __init__(self, host: str, environment) -> None:
        parts = urlsplit(host)
        self.port = parts.port or 80
        self.url = f"ws://{parts.hostname}:{self.port}/_stcore/stream"
        self.environment = environment
        self.ws: ClientConnection | None = None

    def run(self, spec: specs.PageSpec, message: bytes | None = None) -> protocol.Session:
        """Ask for a run of the page (or send `message`, a rerun the page's widgets ask for) and read it to its
        end. The clock starts before connecting when this is the session's first run (what a new tab waits
        for), before sending otherwise."""
        result, started = protocol.Session(), time.perf_counter()
        try:
            if self.ws is None:
                self.ws = connect(
                    self.url,
                    subprotocols=["streamlit"],
                    max_size=None,
                    open_timeout=protocol.WS_TIMEOUT_S,
                    legacy=True,
                )
            self.ws.send(message if message is not None else protocol.rerun_message(spec, self.port))
            deadline = started + protocol.WS_TIMEOUT_S
            while not protocol.take(result, self.ws.recv(timeout=max(0.0, deadline - time.perf_counter())), started):
                pass
        except TimeoutError:
            result.error = "timeout"
        except (OSError, WebSocketException) as error:
            result.error = f"{type(error).__name__}: {error}"
        protocol.judge(spec, result)
        if result.seconds is None:
            result.seconds = time.perf_counter() - started
        return result

    def fire(self, name: str, seconds: float, size: int, error: str | None) -> None:
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=seconds * 1000,
            response_length=size,
            exception=RunFailed(error) if error else None,
            context={},
        )

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None


class Batch:
    """Users opened at once, each holding its session (like an open tab) until every one has finished."""

    def __init__(self, sessions: int) -> None:
        self.sessions = sessions
        self.finished = 0
        self.closed = 0
        self.all_finished, self.release, self.all_closed = Event(), Event(), Event()

    def run(self, user: StreamlitUser) -> None:
        try:
            user.session(user.kind)
        finally:
            self.finished += 1
            if self.finished >= self.sessions:
                self.all_finished.set()
        self.release.wait()
        user.client.close()
        self.closed += 1
        if self.closed >= self.sessions:
            self.all_closed.set()
        raise StopUser


class Sequence:
    """One user opening sessions one after another (open, finish, close), cycling through `kinds`;
    `after(count)` is called after each close."""

    def __init__(self, sessions: int, kinds: list[str], after: Callable[[int], None]) -> None:
        self.sessions, self.kinds, self.after = sessions, kinds, after
        self.count = 0
        self.done = Event()

    def run(self, user: StreamlitUser) -> None:
        while self.count < self.sessions:
            user.session(self.kinds[self.count % len(self.kinds)])
            user.client.close()
            self.count += 1
            self.after(self.count)
        self.done.set()
        raise StopUser


class StreamlitUser(User):
    abstract = True
    wait_time = constant(1)
    kind = "floor"
    plan: Batch | Sequence | None = None  # set by scripts/load/driver.py; None under the locust command line

    def on_start(self) -> None:
        self.client = StreamlitClient(self.host, self.environment)
        self.number = next(_numbers)

    def on_stop(self) -> None:
        self.client.close()

    @task
    def visit(self) -> None:
        if self.plan is not None:
            self.plan.run(self)
            return
        self.session(self.kind)
        gevent.sleep(HOLD_S)
        self.client.close()

    def session(self, kind: str) -> None:
        """Open a page on a new session (a new tab); an explorer then changes province on it, and the
        one-line app's "open + change" user does the same to its page (a second run, a new query string)."""
        if kind == "floor2":
            started = time.perf_counter()
            opened = self.client.run(specs.FLOOR)
            size, error = opened.bytes, opened.error
            if error is None:
                changed = self.client.run(specs.FLOOR_CHANGE)
                size, error = size + changed.bytes, changed.error
            self.client.fire(specs.FLOOR_TWICE, time.perf_counter() - started, size, error)
            return
        if kind != "explore":
            spec = specs.FLOOR if kind == "floor" else specs.PAGES[0]
            result = self.client.run(spec)
            self.client.fire(kind, result.seconds, result.bytes, result.error)
            return
        first = PROVINCES[self.number % len(PROVINCES)]
        second = PROVINCES[(self.number + max(1, len(PROVINCES) // 2)) % len(PROVINCES)]
        started = time.perf_counter()
        opened = self.client.run(protocol.explore_spec(first))
        self.client.fire("explore: open", opened.seconds, opened.bytes, opened.error)
        size, error = opened.bytes, opened.error
        if error is None:
            # The viewer picks the second province in the page's box, as a browser sends it (the box's value
            # and the fragment it is in); the URL follows from the page.
            spec = protocol.explore_spec(first)
            choice = protocol.choice_message(opened, spec, self.client.port, second)
            if choice is None:
                changed = protocol.Session(seconds=0.0, error=f"no province box offering {second}")
            else:
                changed = self.client.run(spec, choice)
            self.client.fire("explore: change", changed.seconds, changed.bytes, changed.error)
            size, error = size + changed.bytes, changed.error
        self.client.fire("explore", time.perf_counter() - started, size, error)
        self.number += 1


class FloorUser(StreamlitUser):
    kind = "floor"


class FloorTwiceUser(StreamlitUser):
    kind = "floor2"


class OverviewUser(StreamlitUser):
    kind = "overview"


class ExploreUser(StreamlitUser):
    kind = "explore"
