// A table of plain text (table_widget.py, and the side panel of map_widget.js): cells are set with textContent, so a
// value from a data file is never read as HTML. `pick(key)` answers a click, Enter or Space on a row that has
// a key; the chosen row is marked by weight as well as colour. A table of facts has no header row: each row is
// named by its first cell.
// Text with the place names it holds (`spans`: [start, end] pairs, linebreak.name_spans) each in a span that
// does not wrap: the browser breaks the rest as it would, but never inside a name.
export function putText(node, text, spans) {
  if (!spans || !spans.length) {
    node.textContent = text;
    return;
  }
  let at = 0;
  node.textContent = "";
  for (const [start, end] of spans) {
    if (start > at) node.append(text.slice(at, start));
    const name = document.createElement("span");
    name.className = "bm-nb";
    name.textContent = text.slice(start, end);
    node.append(name);
    at = end;
  }
  if (at < text.length) node.append(text.slice(at));
}

export function drawTable(data, pick) {
  const table = document.createElement("table");
  table.className = data.facts ? "bm-table bm-facts" : "bm-table";
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
      const cell = j === 0 && data.facts ? row.appendChild(document.createElement("th")) : row.insertCell();
      if (cell.tagName === "TH") cell.scope = "row";
      putText(cell, value === null || value === undefined ? "" : String(value), data.names && data.names[`${i},${j}`]);
      if (cell.textContent.length > 24) cell.title = cell.textContent; // cut to one line: the whole on hover
      if (data.numeric && data.numeric[j]) cell.className = "bm-num";
    });
    if (key !== null && key === data.selected) {
      row.classList.add("bm-selected");
      row.setAttribute("aria-selected", "true");
    }
    if (pick && key !== null) {
      row.classList.add("bm-pick");
      row.tabIndex = 0;
      row.dataset.key = key;
      row.addEventListener("click", () => pick(key));
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          pick(key);
        }
      });
    }
  });
  return table;
}
