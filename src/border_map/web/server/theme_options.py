"""Streamlit's theme read once per configuration, not six times in every script run.

Streamlit 1.67 sends the theme in each run's first message (`AppSession._create_new_session_message`): six
sections ([theme], [theme.light], [theme.dark] and their sidebars), each read by
`config.get_options_for_section`, which walks every one of Streamlit's 367 options to pick the section's out.
That was 0.20 ms a run on this machine (timeit of the six reads with the app's config.toml), about a tenth of
what the server spends on an explorer's run beyond the floor's (docs/benchmarks.md).

The theme changes only when Streamlit parses its configuration again (it watches config.toml), and
`on_config_parsed` drops the copy then. No script can change it: `st.set_option` takes client options only.
The reads are still copies, as Streamlit's are. `streamlit run` imports app.py, which calls `cache_theme`
once per server; tests/unit/test_theme_options.py fails if Streamlit stops reading its theme this way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streamlit import config

_MARK = "_border_map_theme_cache"


def cache_theme() -> Callable[[], None]:
    """Keep the theme sections' options until the configuration is parsed again; returns what undoes it."""
    original = config.get_options_for_section
    if getattr(original, _MARK, False):
        return lambda: None
    kept: dict[str, dict[str, Any]] = {}

    def get_options_for_section(section: str) -> dict[str, Any]:
        if section != "theme" and not section.startswith("theme."):
            return original(section)
        found = kept.get(section)
        if found is None:
            found = kept[section] = original(section)
        return dict(found)

    setattr(get_options_for_section, _MARK, True)
    config.get_options_for_section = get_options_for_section
    disconnect = config.on_config_parsed(kept.clear, force_connect=True)

    def undo() -> None:
        disconnect()
        config.get_options_for_section = original

    return undo
