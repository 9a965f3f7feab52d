// What the app's components (ui_map.js, ui_table.js, ui_figures.js) share; ui_component.component_js puts it
// before each one's module.

// The element Streamlit hands a component also holds the component's <style>: each draws into a box of its
// own inside it, made on the first call and reused after, so replacing the drawing never drops the style.
function ownBox(parent, className) {
  let box = parent.querySelector(`:scope > .${className}`);
  if (!box) {
    box = document.createElement("div");
    box.className = className;
    parent.appendChild(box);
  }
  return box;
}

// The data as the component sends it (ui_component.packed): JSON bytes.
function unpacked(raw) {
  return raw instanceof Uint8Array || raw instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(raw)) : raw;
}

// A table of plain text (ui_table.py, and the side panel of ui_map.js): cells are set with textContent, so a
// value from a data file is never read as HTML. `pick(key)` answers a click, Enter or Space on a row that has
// a key; the chosen row is marked by weight as well as colour. A table of facts has no header row: each row is
// named by its first cell.
function drawTable(data, pick) {
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

// The briefing links (ui_common.briefing_side): "Download briefing: HTML · PDF", the server's own relative
// paths, with what the files are as the line's tooltip. A line of its own, or a `span` to end a paragraph.
function drawDownloads(downloads, tag = "p") {
  const line = document.createElement(tag);
  line.className = "bm-downloads";
  line.title = downloads.help;
  line.append(`${downloads.label}: `);
  downloads.links.forEach((link, i) => {
    if (i) line.append(" · ");
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.label;
    line.appendChild(a);
  });
  return line;
}
