"""The files of the app's own Streamlit components (web/components/), as the server serves them.

The code is served as files: pyproject.toml beside the package's __init__ is Streamlit's manifest of the
package's components, which gives each the folder web/components/ to serve, at
/_stcore/bidi-components/border_map.<name>/. Inline code, the other way Streamlit takes it, went with each
element of each run of each session: 22 KB of the overview's 50 KB per load (docs/benchmarks.md). As files,
the browser fetches each once a page (the page's head announces them: hints.component_hints) and a run sends
only the file's name. Their styles are in the page's CSS (web/page.css).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "components"
# Each component's name (under border_map.) and its ES module in FOLDER, which imports what it shares with the
# others (component.js, draw_*.js).
COMPONENTS = {
    "map": "map_widget.js",
    "map_panel": "map_panel.js",  # Explore's map with its side panel: the other maps do not load the panel's code
    "controls": "controls.js",
    "province_box": "province_box.js",  # Explore's province box
    "figures": "figures.js",
    "table": "table.js",
}
_IMPORT = re.compile(r'^import .* from "\./([\w.]+\.js)";$', re.M)


@functools.cache
def modules(name: str) -> tuple[str, ...]:
    """The files the browser loads for component `name`: its module, then what it imports, depth first."""
    found: list[str] = []

    def visit(file: str) -> None:
        if file not in found:
            found.append(file)
            for imported in _IMPORT.findall((FOLDER / file).read_text(encoding="utf-8")):
                visit(imported)

    visit(COMPONENTS[name])
    return tuple(found)
