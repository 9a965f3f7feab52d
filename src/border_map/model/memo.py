"""Answers kept on a Dataset: made once per dataset, however many sessions ask at once."""

from __future__ import annotations

import threading

from border_map.model.dataset import Dataset

_MEMO_LOCK = threading.RLock()  # re-entrant: answers are made of other answers
_MISSING = object()


def memo(data: Dataset, key: tuple, compute):
    """Answers that depend only on the dataset are kept on it: pages ask them on every run of every session.
    Each is made once, however many sessions ask at the same moment (a room opening one link on a fresh
    server); an answer already kept is read without the lock."""
    found = data.extra.get(key, _MISSING)
    if found is _MISSING:
        with _MEMO_LOCK:
            found = data.extra.get(key, _MISSING)
            if found is _MISSING:
                found = data.extra[key] = compute()
    return found
