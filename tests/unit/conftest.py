"""Fixtures of the unit tests (the library and the command line, no app server): the packaged points build,
loaded once. The real build (built_dir, sources_dir) and Chromium (browser) are tests/conftest.py's."""

from __future__ import annotations

import pytest

from border_map.model.dataset import Dataset, load_dataset


@pytest.fixture(scope="session")
def embedded(tmp_path_factory) -> Dataset:
    """The embedded point dataset: the same table and source names as a real build, no mirror needed."""
    return load_dataset(tmp_path_factory.mktemp("nothing-built") / "build")
