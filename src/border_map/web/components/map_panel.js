// Explore's map (map_widget.py's panel component): the province box above, the map with the side panel beside
// it. One element for all three: the box is drawn here rather than as a component of its own, one mount fewer
// in every run of every explorer (docs/benchmarks.md).
import { drawSide, hosts } from "./draw_side.js";
import { mount } from "./map_widget.js";
import { drawBox } from "./province_box.js";

export default function (component) {
  mount(component, { drawSide, hosts, drawBox });
}
