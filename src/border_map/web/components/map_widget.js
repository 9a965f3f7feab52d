// The map widget's browser half (map_widget.py): a folium base map mounted once in the page itself, no iframe.
//
// Streamlit calls this function whenever the widget's data changes, with the same parent element. The base
// map (Leaflet script and legend rendered by folium, shared by every session) is built once per base id; a
// new selection only swaps the small overlay. Leaflet comes from the app's own server: the page's head names it
// (routes.PageHints); without that it is loaded here, while the base map's layer files are being fetched.
//
// Everything written into the page was rendered on the server from the dataset, with every data string
// escaped (render.maps); nothing from a URL reaches here.

import { follow, setHeading, unpacked } from "./component.js";

// Kept on the window: Streamlit may evaluate this module again, and each file must be asked for once a page.
const loaded = (window.__bmLoaded = window.__bmLoaded || {});

// A failed file is forgotten (its element removed), so the next run, after a server restart say, asks again.
function load(tag, attrs) {
  const url = attrs.src || attrs.href;
  if (!loaded[url]) {
    loaded[url] = new Promise((resolve, reject) => {
      const el = document.createElement(tag);
      Object.assign(el, attrs);
      el.onload = resolve;
      el.onerror = () => {
        delete loaded[url];
        el.remove();
        reject(new Error(`could not load ${url}`));
      };
      document.head.appendChild(el);
    });
  }
  return loaded[url];
}

// A script file of the layer store (map_widget.stored, map_widget.overlay): run once a page, it registers what it
// defines under its own URL. Nothing is run from a string: the app's CSP has no 'unsafe-eval'.
const scripts = (window.__bmScripts = window.__bmScripts || {});

function script(url) {
  return load("script", { src: url }).then(() => {
    const found = scripts[new URL(url, document.baseURI).href];
    if (!found) throw new Error(`${url} registered nothing`);
    return found;
  });
}

function build(host, id, base) {
  const box = document.createElement("div");
  box.className = "bm-map-box";
  box.innerHTML = base.html; // rendered on the server, every data string escaped (render.maps)
  // Every shape of the map takes the keyboard's focus (Enter chooses it), often a hundred of them: a link
  // before the map, shown when focused, takes the keyboard past them, to what follows (on Explore, the table
  // of pairs, the map's text equivalent).
  const skip = document.createElement("a");
  skip.className = "bm-skip";
  skip.href = "#";
  const end = document.createElement("span");
  end.className = "bm-map-end";
  end.tabIndex = -1;
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    end.focus();
  });
  host.append(skip, box, end);
  const map = base.draw();
  // Leaflet focuses the map on a press and then puts back the window's scroll; but Streamlit scrolls its main
  // section, not the window. A map running past the screen's edge (Thai headings are taller) moved under the
  // pointer on the press, and the click landed on whatever came under it: a story marker did nothing. Focused
  // here first without scrolling, the map is already focused when Leaflet looks, and nothing moves.
  const container = map.getContainer();
  container.addEventListener("mousedown", () => container.focus({ preventScroll: true }), { capture: true });
  // The mouse wheel scrolls the page until the viewer chooses the map (a press on it, or the keyboard's focus):
  // the base map does that itself (render.map_elements.WheelAfterChoice), as every exported map does.
  // Leaflet follows the window's size, not its box's: the box also changes with the sidebar, the page's
  // columns and the projector layout, so the map is told (its fit follows while nobody has moved it).
  const resized = new ResizeObserver(() => map.invalidateSize({ pan: false }));
  resized.observe(box);
  map.on("unload", () => resized.disconnect());
  return { id, map, box, skip, end, overlay: null, overlayKey: undefined, chip: null };
}

// The selection named on the map itself, at its top (map_widget.py's `chip`): text set as text, two buttons whose
// presses reach the page as the map's own events. Over the map, not above it: a bar inserted above moved the
// map under the pointer each time a pair was chosen or cleared.
function setChip(state, chip, send) {
  if (!chip) {
    state.chip?.remove();
    state.chip = null;
    return;
  }
  if (!state.chip) {
    state.chip = document.createElement("div");
    state.chip.className = "bm-chip";
    state.chip.setAttribute("role", "status");
    // Presses and the wheel on it stay off the map (Leaflet would take them as the map's).
    L.DomEvent.disableClickPropagation(state.chip);
    L.DomEvent.disableScrollPropagation(state.chip);
    state.box.appendChild(state.chip);
  }
  const text = document.createElement("span");
  text.className = "bm-chip-text";
  text.textContent = chip.text;
  const button = (label, kind) => {
    const pressed = document.createElement("button");
    pressed.type = "button";
    pressed.textContent = label;
    pressed.addEventListener("click", () => send({ kind }));
    return pressed;
  };
  state.chip.replaceChildren(text, button(chip.details, "details"), button(chip.clear, "clear"));
}

function setOverlay(state, data, draw) {
  if (state.overlayKey === data.overlayKey) return;
  if (state.overlay) state.map.removeLayer(state.overlay);
  state.overlay = draw ? draw(state.map) : null;
  if (state.overlay && !state.map.hasLayer(state.overlay)) state.map.addLayer(state.overlay);
  state.overlayKey = data.overlayKey;
}

// The map, alone (`panel` null) or with Explore's side panel beside it (`panel`: draw_side.js's drawSide and
// hosts, which map_panel.js passes, so the other maps do not load the panel's code).
export function mount(component, panel) {
  const { parentElement, setTriggerValue } = component;
  // JSON bytes, made once per view and selection, not serialised per run.
  const data = unpacked(component.data);
  const send = (props) => {
    // A story's marker or link opens the Stories page as a link would (follow), one history entry.
    if (props.kind === "story" && props.story_id && data.storyLink) {
      follow(data.storyLink.replace("STORY_ID", encodeURIComponent(props.story_id)));
      return;
    }
    setTriggerValue("clicked", props);
  };
  const { mapHost: host, sideHost, boxHost } =
    data.side && panel ? panel.hosts(parentElement) : { mapHost: parentElement, sideHost: null, boxHost: null };
  if (panel) setHeading(parentElement, data.heading);
  if (boxHost && data.box && panel.drawBox) {
    panel.drawBox(boxHost, data.box, (value) => setTriggerValue("clicked", { kind: "box", value }));
  }
  if (sideHost) {
    // Redrawn whole; a keyboard user's place (the row they chose) is kept.
    const focused = sideHost.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    sideHost.replaceChildren(...panel.drawSide(data.side, send));
    if (focused !== undefined) sideHost.querySelector(`tr[data-key="${CSS.escape(focused)}"]`)?.focus();
  }
  // The shapes are fetched now, in parallel with Leaflet; the layers' own fetch() then reads the HTTP cache.
  for (const url of data.prefetch || []) load("link", { rel: "preload", as: "fetch", href: url, crossOrigin: "anonymous" }).catch(() => {});
  load("link", { rel: "stylesheet", href: data.leafletCss }).catch(() => {});
  const leaflet = window.L ? Promise.resolve() : load("script", { src: data.leafletJs });
  // The base map's and the overlay's scripts load alongside Leaflet: they only define functions until called.
  const overlay = data.overlay ? script(data.overlay) : Promise.resolve(null);
  Promise.all([leaflet, script(data.base), overlay]).then(([, base, draw]) => {
    // Gone from the page while its files loaded (the viewer moved to another page): nothing to draw into.
    if (!host.isConnected) return;
    let state = host.__bmMap;
    if (!state || state.id !== data.id || !state.box.isConnected) {
      if (state) {
        state.map.remove();
        state.box.remove();
        state.skip.remove();
        state.end.remove();
      }
      state = host.__bmMap = build(host, data.id, base);
    }
    // Features call this on click (render.map_elements.Layer); the newest callback is the live one.
    state.map._bmClick = (props) => {
      const { tip, ...rest } = props;
      send(rest);
    };
    setOverlay(state, data, draw);
    setChip(state, data.chip, send);
    // A text alternative: the map is a named region (Leaflet makes its box focusable, for the arrow keys), and
    // with a side panel its table of pairs is the map's description, the same pairs as text.
    const container = state.map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", data.name);
    state.skip.textContent = data.skip;
    if (data.describedBy) container.setAttribute("aria-describedby", data.describedBy);
    else container.removeAttribute("aria-describedby");
    window.bmMap = state.map; // the live map, for the browser tests and the benchmark
    // The view's names and locator (map_labels.js: a file of its own, which the page's head asks for with
    // Leaflet), placed once the overlay has moved the view, and after every move; the map does not wait for it.
    const named = state.map;
    (window.bmLabels ? Promise.resolve() : load("script", { src: data.labelsJs }))
      .then(() => { if (window.bmMap === named) window.bmLabels(named, data.labels); })
      .catch(() => {});
  }).catch((error) => console.error("border_map: the map could not be drawn:", error));
}

export default function (component) {
  mount(component, null);
}
