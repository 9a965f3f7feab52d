"""The current build, loaded once per build and shared by every session of this process."""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from border_map import i18n, paths
from border_map.model.dataset import Dataset, build_stamp, load_dataset
from border_map.render import maps


def dataset() -> Dataset:
    """The current build, loaded once per build and shared by every session; pages never mutate it.

    Keyed on what the build folder holds, so `python -m border_map build` (or restoring a damaged file) is
    picked up by the next page a viewer opens, and the embedded fallback is not kept once layers exist.
    Kept here rather than by `st.cache_resource`, which inspects and hashes its arguments on every call:
    every run of every page asks for the dataset, and a room of viewers runs pages many times a second."""
    stamp = _stamp(str(paths.build_dir()))
    found = _datasets.get(stamp)
    if found is None:
        with _datasets_lock:  # one load per build, however many sessions ask at the same moment
            found = _datasets.get(stamp)
            if found is None:
                with st.spinner("Loading the map layers… · กำลังโหลดข้อมูลแผนที่…"):
                    found = _load()
                _datasets[stamp] = found
                while len(_datasets) > DATASETS_KEPT:  # the previous build, for pages still open on it
                    _datasets.popitem(last=False)
    return found


DATASETS_KEPT = 2


_datasets: OrderedDict[tuple, Dataset] = OrderedDict()


_datasets_lock = threading.Lock()


_STAMP_TTL_S = 1.0


_stamps: dict[str, tuple[float, tuple]] = {}


def _stamp(build_dir: str) -> tuple:
    """The build's stamp, looked at most once a second per process: a room of viewers runs pages many
    times a second, and a rebuild is still seen by the next page opened a second later."""
    now = time.monotonic()
    seen = _stamps.get(build_dir)
    if seen is None or now - seen[0] > _STAMP_TTL_S:
        seen = _stamps[build_dir] = (now, build_stamp(Path(build_dir)))
    return seen[1]


def _load() -> Dataset:
    data = load_dataset()
    # Tooltips, ids and names in the default language, once, before any session waits on them; the other
    # language's are made by its first map (the warm-up's, web/warm.py, on a server), memoised the same way.
    maps.features(data, i18n.DEFAULT)
    # The dataset's frames and feature dicts live as long as the process: frozen, Python's full collections
    # no longer walk them.
    gc.freeze()
    return data


def _clear_datasets() -> None:
    with _datasets_lock:
        _datasets.clear()
    _stamps.clear()


dataset.clear = _clear_datasets  # tests reset the cache as before


def timed(work) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started
