// The side panel (map_widget.py's `side`: Explore's pairs, briefing links and chosen pair): text only, set with
// textContent; links are the server's own relative paths. A choice in it reaches the page as a click on the
// map does: `send({kind, ...})`.
import { drawDownloads } from "./draw_links.js";
import { drawTable, putText } from "./draw_table.js";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function drawSide(side, send) {
  const parts = [el("h3", "bm-side-heading", side.heading)];
  const box = el("div", "bm-table-box");
  const pick = side.table.selectable ? (pair) => send({ kind: "row", pair_id: pair }) : null;
  const table = box.appendChild(drawTable(side.table, pick));
  table.id = "bm-pairs-table"; // the map's description (map_widget.py's SIDE_TABLE_ID)
  parts.push(box);
  if (side.downloads) parts.push(drawDownloads(side.downloads), el("p", "bm-caption", side.downloads.help));
  const pair = side.pair;
  if (pair) {
    const section = el("section", "bm-pair");
    section.setAttribute("aria-label", pair.heading);
    const places = el("p", "bm-places");
    putText(places, pair.places, pair.places_names);
    section.append(el("h3", "bm-side-heading", pair.heading), places);
    section.appendChild(el("div", "bm-table-box")).appendChild(drawTable(pair.facts, null));
    for (const note of pair.findings) {
      const p = section.appendChild(el("p", note.warning ? "bm-note" : "bm-caption"));
      putText(p, note.text, note.names);
    }
    for (const story of pair.stories) {
      const button = el("button", "bm-story-link", story.label);
      button.type = "button";
      button.addEventListener("click", () => send({ kind: "story", story_id: story.id }));
      section.appendChild(button);
    }
    parts.push(section);
  }
  return parts;
}

// With a side panel the component holds both, side by side (one below the other on a narrow screen): one
// element for the page to send and lay out instead of columns, a heading, a table and a line of links. Above
// them, the box Explore's province box is drawn in (province_box.js).
export function hosts(host) {
  let split = host.querySelector(":scope > .bm-split");
  if (!split) {
    split = el("div", "bm-split");
    split.append(el("div", "bm-split-map"), el("div", "bm-side"));
    host.appendChild(split);
  }
  let box = host.querySelector(":scope > .bm-pbox");
  if (!box) {
    box = el("div", "bm-pbox");
    host.insertBefore(box, split);
  }
  return { mapHost: split.firstChild, sideHost: split.lastChild, boxHost: box };
}
