// Explore's map (map_widget.py's panel component): the map widget with the side panel beside it.
import { drawSide, hosts } from "./draw_side.js";
import { mount } from "./map_widget.js";

export default function (component) {
  mount(component, { drawSide, hosts });
}
