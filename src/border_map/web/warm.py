"""Warm at start: the server does its first visitor's work before the first visitor arrives.

A fresh server's first page view used to pay for everything a process does once: importing what the pages
import (folium, geopandas, shapely, Babel), loading the build, computing every feature's tooltip in both
languages and rendering the overview's base maps. That visitor waited 1.7-2.1x what a fresh one-line Streamlit
app takes to show its line, where later visitors wait 0.95x (docs/benchmarks.md, cold start).

The work is split by what it depends on:
- **Code**, once per process: the modules app.py and the default page import, and Streamlit's first-message
  stack scan (`warm_first_message`). Done while the server starts, before it answers its health check (about
  0.2 s). Done in a thread instead, it ran while the first visitor's browser fetched Streamlit's scripts, and
  Python's lock made every one of those responses wait on it: the visitor's page connected 0.3 s later than a
  one-line app's.
- **The build at start**: the dataset with its default-language features, also before the health check
  answers (about 0.1 s alone, three to four times that in the thread beside a visitor's script fetches).
- **Data**, once per build: the dataset (for a build published later), then the overview's base maps (the
  default language first). A background thread, started when the server is up: the health check answers
  meanwhile, and the thread looks at the build as often as the pages do, so a newly published build is
  warmed before a page asks for it.
  It goes through the very caches the pages read (`data_cache.dataset`, the answers memoised on the dataset,
  the page layers `routes` announces): a page asking for the dataset or a base map meanwhile waits on the
  same locks, and nothing is made twice.

Started by app.py's `st.App` (its `lifespan`): only in a process that serves, never when a tool merely imports
app.py. Nothing here can stop the server: a failure is logged, and the pages do the work themselves as they
always could. `/warm` says where it stands, for the tests, the benchmark and an operator.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import inspect
import logging
import sys
import threading
import time
import weakref
from dataclasses import asdict, dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

log = logging.getLogger("border_map")
WARM_URL = "/warm"
LOOK_EVERY_S = 1.0  # as often as the pages look at the build (data_cache's stamp is kept a second)
OTHERS_AFTER_S = 2.0  # the other languages' base maps, this long after the default language's
RETRY_S = 30.0  # after a failure: the pages do the work meanwhile, and a broken build is not retried every second
THREAD_NAME = "border_map-warm"
# The default page (app.py's first page), whose modules come before the dataset; the others' come after its maps.
FIRST_PAGE = "pages/overview.py"
OVERVIEW = "overview"  # its URL name, under which routes announces the layers its map fetches


@dataclass
class Status:
    """Where the warm-up stands, as `/warm` reports it (times are seconds since the epoch)."""

    state: str = "starting"  # starting, importing, warming, warm, failed
    started: float = field(default_factory=time.time)
    overview_ready: float | None = None  # when the current build's overview was ready in the default language
    finished: float | None = None  # when the current build was last made warm (every language)
    build_id: str | None = None  # the build made warm last
    builds: int = 0  # builds made warm since the server started (a new one is warmed when published)
    seconds: dict[str, float] = field(default_factory=dict)  # per step, for the last build warmed
    modules: int = 0  # modules the pages import, imported here
    error: str | None = None


class Warmer:
    """One background thread: the pages' imports once, then the current build's data and base maps, again for
    each new build. `look_every_s` is how often it looks for a new build."""

    def __init__(self, root: Path, look_every_s: float = LOOK_EVERY_S, others_after_s: float = OTHERS_AFTER_S):
        self.root = Path(root)
        self.look_every_s = look_every_s
        self.others_after_s = others_after_s
        self.status = Status()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._warmed = None  # weak reference to the dataset made warm last: a replaced build must be let go

    def start(self) -> None:
        """The code and the build's dataset now, in the caller's thread (the server's start); the base maps, and
        every later build, in a thread of its own."""
        _quiet_streamlit_about_this_thread()
        if self._thread is None:
            rest = self.load_code()
            self.load_data()
            self._thread = threading.Thread(target=self._run, args=(rest,), name=THREAD_NAME, daemon=True)
            self._thread.start()

    def load_code(self) -> list[str]:
        """app.py's and the default page's modules, and the first message's stack scan; returns the other
        pages' modules, imported by the thread once the overview's maps are ready. Never raises."""
        self.status.state = "importing"
        try:
            first, rest = page_modules(self.root)
            self._step("imports", lambda: self._import(first))
            self._step("first message", warm_first_message)  # before the dataset, which the first run waits for
            return rest
        except Exception as exc:
            self._failed(exc)
            return []

    def load_data(self) -> None:
        """The build's dataset with its default-language features, before the server answers: about 0.1 s
        alone, but three to four times that in the thread, where it ran while the first visitor's browser
        fetched Streamlit's scripts and both waited on Python's lock (cold start, docs/benchmarks.md). Never
        raises: a build that cannot be read is left to the thread, which retries it, and to the pages."""
        from border_map.web import data_cache  # noqa: PLC0415 - as in warm_once

        _QUIET.on = True
        try:
            self._step("dataset at start", data_cache.dataset)
        except Exception:
            log.exception("warm-up could not load the build at start; it tries again while serving")
        finally:
            _QUIET.on = False

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, rest: list[str]) -> None:
        try:
            wait, first = 0.0, True
            while not self._stop.wait(wait):
                wait = self.look_every_s
                try:
                    with _prompt_switching() if first else contextlib.nullcontext():
                        self.warm_once()
                except Exception as exc:
                    self._failed(exc)
                    wait = RETRY_S
                first = False
                if rest:  # the other pages' modules, once the default page's first view is ready
                    self._step("other pages' imports", lambda modules=rest: self._import(modules))
                    rest = []
                    self._step("first message, again", warm_first_message)  # the modules those imports added
        except Exception as exc:  # never let a failure here reach the server: log it and leave the pages to it
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        log.exception("warm-up failed; the pages will load what they need themselves")
        self.status.state, self.status.error = "failed", f"{type(exc).__name__}: {exc}"

    def _import(self, modules: list[str]) -> None:
        """The modules the pages import; one that fails is logged and left for its page to report."""
        for name in modules:
            try:
                importlib.import_module(name)
                self.status.modules += 1
            except Exception:
                log.exception("warm-up could not import %s", name)

    def _step(self, name: str, work) -> object:
        started = time.perf_counter()
        result = work()
        self._took(name, time.perf_counter() - started)
        return result

    def _took(self, name: str, seconds: float) -> None:
        # A new dict, never one changed in place: /warm reads the status from another thread meanwhile.
        self.status.seconds = {**self.status.seconds, name: round(seconds, 3)}

    def warm_once(self) -> bool:
        """Make the current build warm, unless it already is; True when there was work to do."""
        from border_map.web import data_cache  # noqa: PLC0415 - imported by the thread, never on the server's path

        started = time.perf_counter()
        data = data_cache.dataset()  # the pages' own cache: a new build is loaded here, before a page asks for it
        status = self.status
        if self._warmed is not None and self._warmed() is data:
            if status.state == "failed":  # what failed is back (the build was readable again): still warm
                status.state, status.error = "warm", None
            return False
        status.state = "warming"
        self._took("dataset", time.perf_counter() - started)
        first, *others = overview_views()
        self._step("maps", lambda: warm_overview(data, [first]))
        status.overview_ready = time.time()
        # The other languages' maps a little later: made now, they would compete for Python's lock with the
        # first visitor's page, who most likely reads the default language. One asked for meanwhile is made by
        # its page, as without a warm-up; then this finds it made.
        if others and not self._stop.wait(self.others_after_s):
            self._step("other languages' maps", lambda: warm_overview(data, others))
        self._warmed = weakref.ref(data)
        status.state, status.finished, status.build_id, status.error = "warm", time.time(), data.build_id, None
        status.builds += 1
        log.info("warm-up: build %s ready (%s)", data.build_id, status.seconds)
        return True

    def report(self) -> dict:
        """The status, and what the pages' caches hold now, read from them: the build in the pages' dataset
        cache and the base maps memoised on it."""
        found = asdict(self.status)
        found.update(held())
        return found


PROMPT_SWITCH_S = 0.0005  # Python's default is 0.005 s


@contextlib.contextmanager
def _prompt_switching():
    """The first data warm-up runs while the first visitor's browser fetches Streamlit's scripts from the event
    loop. Python's lock passes between threads every `sys.getswitchinterval()` seconds at most, so each time
    the event loop waits for it behind this thread's work it may wait 5 ms, and serving those scripts takes
    many such waits. A shorter interval for these few tenths of a second gives the event loop the lock back
    sooner (cold start: about 0.05-0.1 s off the first map; docs/benchmarks.md); the default comes back after."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, PROMPT_SWITCH_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def page_modules(root: Path) -> tuple[list[str], list[str]]:
    """The modules app.py and the pages import, in their order: those of app.py and of the default page first,
    then the other pages'. Read from their source, so the list follows the pages as they change."""
    first = _imports(root / "app.py") + _imports(root / FIRST_PAGE)
    rest = [name for page in sorted((root / "pages").glob("*.py")) for name in _imports(page)]
    first = list(dict.fromkeys(first))
    return first, [name for name in dict.fromkeys(rest) if name not in first]


def _imports(script: Path) -> list[str]:
    """Modules a script imports when it runs, in order: its top-level imports, also those under `if` and `try`
    (app.py's page branch), not those inside functions, which a page may keep lazy on purpose. A name imported
    from a package counts as a module when it is one (`from border_map.web.components import map_widget`)."""
    try:
        tree = ast.parse(script.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        log.warning("warm-up could not read %s", script)
        return []
    found: list[str] = []

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append(node.module)
                found.extend(f"{node.module}.{alias.name}" for alias in node.names if _is_module(node.module, alias))
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                for part in ("body", "orelse", "finalbody", "handlers"):
                    visit(getattr(node, part, []) or [])
            elif isinstance(node, ast.ExceptHandler):
                visit(node.body)

    visit(tree.body)
    return found


def _is_module(package: str, alias: ast.alias) -> bool:
    from importlib.util import find_spec  # noqa: PLC0415

    try:
        return alias.name != "*" and find_spec(f"{package}.{alias.name}") is not None
    except (ImportError, ValueError):  # `from datetime import date`: the package is a module, not a package
        return False


def overview_views() -> list:
    """The overview's map for a visitor who has chosen nothing yet (web/state: both borders, no online basemap;
    the overview: story markers), in each language, the default first: the first visitor most likely asks
    for one of these."""
    from border_map import i18n  # noqa: PLC0415
    from border_map.render import maps  # noqa: PLC0415

    languages = [i18n.DEFAULT, *(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT)]
    return [maps.MapView(border="both", basemap=False, story_markers=True, lang=lang) for lang in languages]


def warm_overview(data, views: list) -> None:
    """What the overview's first run computes that outlives it, for these views (`overview_views`): the base
    maps (map_widget.base, with their layer files in the layer store), and in the default language the figures
    and the pairs on show. A language's features come with its map; then what was made is frozen for the
    garbage collector as the dataset's first load was. Each language's layer files are announced in the
    overview's page for that language (hints.late_hints), as they are once a visitor has seen the map."""
    from border_map import i18n  # noqa: PLC0415
    from border_map.model import queries  # noqa: PLC0415
    from border_map.web.components import map_widget  # noqa: PLC0415
    from border_map.web.server import hints  # noqa: PLC0415

    for view in views:
        rendered = map_widget.base(data, view)
        hints.remember_page_layers(OVERVIEW, view, rendered.files)
        if view.lang == i18n.DEFAULT:
            queries.headline(data, "both")
            queries.links_for_border(data, "both")
    gc.freeze()


def warm_first_message() -> None:
    """What the process's first script run pays once, whatever the page, beyond the pages' own work.

    Streamlit's first message of a process checks whether it runs in a REPL (`env_util.is_repl`, called by
    `delta_generator._maybe_print_use_warning`), with `inspect.stack()`, whose first call maps the file of
    every loaded module to its module (a realpath each): with the app's 1,600 modules loaded, most of what was
    left of a first run once the data was warm (0.31 of 0.37 s under cProfile, which inflates it; about 0.1 s
    without). The same public call here fills that map; the run's own call then maps only modules imported
    since. And the page icon, drawn once (look.favicon, with Pillow's PNG writer loaded on first use)."""
    from border_map.web import look  # noqa: PLC0415

    inspect.stack()
    look.favicon()


def held() -> dict:
    """What the pages' dataset cache holds (data_cache.dataset's), read without loading or importing anything: the
    newest build's id and the base maps memoised on it (their views)."""
    # Not imported yet, or being imported (a module is in sys.modules while it runs): nothing is held yet.
    held_by_pages = getattr(sys.modules.get("border_map.web.data_cache"), "_datasets", {})
    datasets = list(held_by_pages.values())  # a snapshot: the pages may add a build meanwhile
    newest = datasets[-1] if datasets else None
    base_maps = [] if newest is None else [key[1] for key in list(newest.extra) if key[0] == "map_widget.base"]
    return {
        "cache": {"datasets": len(datasets), "build_id": newest.build_id if newest is not None else None},
        "base_maps": [{"border": v.border, "lang": v.lang, "story_markers": v.story_markers} for v in base_maps],
    }


class _NoScriptRunWarning(logging.Filter):
    """Streamlit warns when a thread without a script run calls it ("missing ScriptRunContext"), as the warm-up
    does through `data_cache.dataset`'s spinner, which does nothing outside a run: expected here, so not logged.
    The warm-up's thread, and the server's own while it loads the build at start (`_QUIET`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME and not getattr(_QUIET, "on", False)


_QUIET = threading.local()  # filters run in the thread that logs


_STREAMLIT_RUN_CONTEXT_LOG = "streamlit.runtime.scriptrunner_utils.script_run_context"


def _quiet_streamlit_about_this_thread() -> None:
    found = logging.getLogger(_STREAMLIT_RUN_CONTEXT_LOG)
    if not any(isinstance(f, _NoScriptRunWarning) for f in found.filters):
        found.addFilter(_NoScriptRunWarning())


WARMER: Warmer | None = None


def lifespan(root: Path):
    """For app.py's `st.App(lifespan=...)`, with app.py's folder (where pages/ is): Streamlit enters it once its
    runtime has started, before serving the first request. The pages' code is loaded there (the server answers
    once it is), the data thread starts and the server goes on. Stopped when the server shuts down."""

    @contextlib.asynccontextmanager
    async def warm_while_serving(_app):
        global WARMER  # noqa: PLW0603 - one warm-up per server process, which /warm reports
        WARMER = Warmer(root)
        WARMER.start()
        try:
            yield
        finally:
            WARMER.stop(timeout=1.0)

    return warm_while_serving


async def serve_status(request: Request) -> JSONResponse:
    """`/warm`: where the warm-up stands, and what the pages' caches hold (read in a worker thread, as Starlette
    runs any blocking work: the event loop keeps answering)."""
    if WARMER is None:
        return JSONResponse({"state": "off"}, headers={"Cache-Control": "no-store"})
    return JSONResponse(await run_in_threadpool(WARMER.report), headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [Route(WARM_URL, serve_status)]
