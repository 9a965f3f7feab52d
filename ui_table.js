// The app's light table (ui_table.py): an HTML table built with textContent, so a value from a data file is
// always plain text. Selectable rows answer a click, Enter or Space with their key; the chosen row is marked
// by weight as well as colour. Rebuilt whole on every change: these tables have a few rows.

export default function (component) {
  const data = unpacked(component.data);
  const { parentElement, setTriggerValue } = component;
  const box = ownBox(parentElement, "bm-table-box"); // ownBox: ui_component.js
  const table = document.createElement("table");
  table.className = "bm-table";
  if (data.label) table.setAttribute("aria-label", data.label);
  if (!data.facts) {
    const head = table.createTHead().insertRow();
    for (const name of data.columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      th.title = name;
      head.appendChild(th);
    }
  }
  const body = table.createTBody();
  data.rows.forEach((cells, i) => {
    const row = body.insertRow();
    const key = data.keys ? data.keys[i] : null;
    cells.forEach((value, j) => {
      // A table of facts has no header row: each row is named by its first cell.
      const cell = j === 0 && data.facts ? row.appendChild(document.createElement("th")) : row.insertCell();
      if (cell.tagName === "TH") cell.scope = "row";
      cell.textContent = value === null || value === undefined ? "" : String(value);
      if (cell.textContent.length > 24) cell.title = cell.textContent; // cut to one line: the whole on hover
      if (data.numeric && data.numeric[j]) cell.className = "bm-num";
    });
    if (key !== null && key === data.selected) {
      row.classList.add("bm-selected");
      row.setAttribute("aria-selected", "true");
    }
    if (data.selectable && key !== null) {
      row.classList.add("bm-pick");
      row.tabIndex = 0;
      row.dataset.key = key;
      const pick = () => setTriggerValue("selected", key);
      row.addEventListener("click", pick);
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          pick();
        }
      });
    }
  });
  box.replaceChildren(table);
}
