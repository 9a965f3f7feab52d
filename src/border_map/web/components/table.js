// The app's light table (table_widget.py): drawTable (draw_table.js) in a box of its own, to read. Rebuilt whole
// on every change: these tables have a few rows.

import { ownBox, unpacked } from "./component.js";
import { drawTable } from "./draw_table.js";

export default function (component) {
  ownBox(component.parentElement, "bm-table-box").replaceChildren(drawTable(unpacked(component.data), null));
}
