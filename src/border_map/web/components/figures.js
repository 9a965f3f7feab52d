// The overview's heading and headline figures (figures_widget.py), after a line of small print that ends with
// the briefing links: each figure a label, a value and an optional explanation, all set with textContent, so
// nothing from the data is ever markup. The explanation opens on hover, on keyboard focus and on a tap (a tap
// focuses the figure), and screen readers hear it as the figure's description.

import { ownBox, setHeading, unpacked } from "./component.js";
import { drawDownloads } from "./draw_links.js";

export default function (component) {
  const data = unpacked(component.data);
  const { parentElement } = component;
  const box = ownBox(parentElement, "bm-figures-box");
  const row = document.createElement("div");
  row.className = "bm-figures";
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", data.label);
  data.figures.forEach((figure, i) => {
    const item = document.createElement("div");
    item.className = "bm-figure";
    const label = document.createElement("div");
    label.className = "bm-figure-label";
    label.textContent = figure.label;
    const value = document.createElement("div");
    value.className = "bm-figure-value";
    value.textContent = figure.value;
    item.append(label, value);
    if (figure.help) {
      const mark = document.createElement("span");
      mark.className = "bm-figure-mark";
      mark.textContent = "?";
      mark.setAttribute("aria-hidden", "true");
      label.appendChild(mark);
      const help = document.createElement("div");
      help.className = "bm-figure-help";
      help.id = `${component.key || "bm-figure"}-help-${i}`;
      help.setAttribute("role", "tooltip");
      help.textContent = figure.help;
      item.appendChild(help);
      item.tabIndex = 0;
      item.setAttribute("aria-describedby", help.id);
    }
    row.appendChild(item);
  });
  // The small print ends with the briefing links: a line of their own would push the map further down.
  const intro = document.createElement("p");
  intro.className = "bm-caption";
  intro.textContent = data.intro || "";
  if (data.downloads) intro.append(data.intro ? " " : "", drawDownloads(data.downloads, "span"));
  box.replaceChildren(...(intro.childNodes.length ? [intro, row] : [row]));
  setHeading(box, data.title);
}
