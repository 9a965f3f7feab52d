// The map widget's browser half (ui_map.py): a folium base map mounted once in the page itself, no iframe.
//
// Streamlit calls this function whenever the widget's data changes, with the same parent element. The base
// map (Leaflet script and legend rendered by folium, shared by every session) is built once per base id; a
// new selection only swaps the small overlay. Leaflet comes from the app's own server: the page's head names it
// (ui_routes.PageHints); without that it is loaded here, while the base map's layer files are being fetched.
//
// Everything written into the page was rendered on the server from the dataset, with every data string
// escaped (border_map.maps); nothing from a URL reaches here.

// Kept on the window: Streamlit may evaluate this module again, and each file must be asked for once a page.
const loaded = (window.__bmLoaded = window.__bmLoaded || {});

function load(tag, attrs) {
  const url = attrs.src || attrs.href;
  if (!loaded[url]) {
    loaded[url] = new Promise((resolve, reject) => {
      const el = document.createElement(tag);
      Object.assign(el, attrs);
      el.onload = resolve;
      el.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.appendChild(el);
    });
  }
  return loaded[url];
}

function build(host, data) {
  const box = document.createElement("div");
  box.className = "bm-map-box";
  box.innerHTML = data.html;
  host.appendChild(box);
  const map = new Function(`${data.script}\nreturn ${data.id};`)();
  // Leaflet follows the window's size, not its box's: the box also changes with the sidebar, the page's
  // columns and the projector layout, so the map is told (its fit follows while nobody has moved it).
  const resized = new ResizeObserver(() => map.invalidateSize({ pan: false }));
  resized.observe(box);
  map.on("unload", () => resized.disconnect());
  return { id: data.id, map, box, overlay: null, overlayKey: undefined };
}

// The side panel (ui_map.py's `side`: Explore's pairs, briefing links and chosen pair): text only, set with
// textContent; links are the server's own relative paths. A choice in it reaches the page as a click on the
// map does: `send({kind, ...})`.
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawSide(side, send) {
  const parts = [el("h3", "bm-side-heading", side.heading)];
  const box = el("div", "bm-table-box");
  box.appendChild(drawTable(side.table, (pair) => send({ kind: "row", pair_id: pair })));
  parts.push(box);
  if (side.downloads) parts.push(drawDownloads(side.downloads), el("p", "bm-caption", side.downloads.help));
  const pair = side.pair;
  if (pair) {
    const section = el("section", "bm-pair");
    section.setAttribute("aria-label", pair.heading);
    section.append(el("h3", "bm-side-heading", pair.heading), el("p", "bm-places", pair.places));
    section.appendChild(el("div", "bm-table-box")).appendChild(drawTable(pair.facts, null));
    for (const note of pair.findings) section.appendChild(el("p", note.warning ? "bm-note" : "bm-caption", note.text));
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
// element for the page to send and lay out instead of columns, a heading, a table and a line of links.
function hosts(host, withSide) {
  if (!withSide) return { mapHost: host, sideHost: null };
  let split = host.querySelector(":scope > .bm-split");
  if (!split) {
    split = el("div", "bm-split");
    split.append(el("div", "bm-split-map"), el("div", "bm-side"));
    host.appendChild(split);
  }
  return { mapHost: split.firstChild, sideHost: split.lastChild };
}

function setOverlay(state, data) {
  if (state.overlayKey === data.overlayKey) return;
  if (state.overlay) state.map.removeLayer(state.overlay);
  state.overlay = data.overlay ? new Function("map_div", data.overlay)(state.map) : null;
  if (state.overlay && !state.map.hasLayer(state.overlay)) state.map.addLayer(state.overlay);
  state.overlayKey = data.overlayKey;
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  // JSON bytes (unpacked: ui_component.js), made once per view and selection, not serialised per run.
  const data = unpacked(component.data);
  const send = (props) => setTriggerValue("clicked", props);
  const { mapHost: host, sideHost } = hosts(parentElement, Boolean(data.side));
  if (sideHost) {
    // Redrawn whole; a keyboard user's place (the row they chose) is kept.
    const focused = sideHost.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    sideHost.replaceChildren(...drawSide(data.side, send));
    if (focused !== undefined) sideHost.querySelector(`tr[data-key="${CSS.escape(focused)}"]`)?.focus();
  }
  // The shapes are fetched now, in parallel with Leaflet; the layers' own fetch() then reads the HTTP cache.
  for (const url of data.prefetch || []) load("link", { rel: "preload", as: "fetch", href: url, crossOrigin: "anonymous" }).catch(() => {});
  load("link", { rel: "stylesheet", href: data.leafletCss }).catch(() => {});
  (window.L ? Promise.resolve() : load("script", { src: data.leafletJs })).then(() => {
    let state = host.__bmMap;
    if (!state || state.id !== data.id || !state.box.isConnected) {
      if (state) {
        state.map.remove();
        state.box.remove();
      }
      state = host.__bmMap = build(host, data);
    }
    // Features call this on click (border_map.map_elements.Layer); the newest callback is the live one.
    state.map._bmClick = (props) => {
      const { tip, ...rest } = props;
      send(rest);
    };
    setOverlay(state, data);
    window.bmMap = state.map; // the live map, for the browser tests and the benchmark
  });
}
