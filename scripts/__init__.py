"""The project's scripts, importable by name from the project root.

A package so that `python -m scripts.bench` (and `python -m scripts.load.driver`, `python -m
scripts.bench.replicas`), run from the project root, finds `tests.support` and its own modules through the
root that `-m` puts on `sys.path`: no script edits `sys.path` itself.
"""
