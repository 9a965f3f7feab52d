"""border_map: Thailand's People-to-People border programme on a map. Entry point.

Run with `streamlit run app.py` (or `bash scripts/app.sh`). The pages live in pages/, the navigation and
shared sidebar in ui_common, the data and maps in src/border_map.
"""

import ui_common

ui_common.run_app()
