// What the app's components (map_widget.js, table.js, figures.js, controls.js) share, imported by each.

// The element Streamlit hands a component also holds the component's <style>: each draws into a box of its
// own inside it, made on the first call and reused after, so replacing the drawing never drops the style.
export function ownBox(parent, className) {
  let box = parent.querySelector(`:scope > .${className}`);
  if (!box) {
    box = document.createElement("div");
    box.className = className;
    parent.appendChild(box);
  }
  return box;
}

// The data as the component sends it (base.packed): JSON bytes.
export function unpacked(raw) {
  return raw instanceof Uint8Array || raw instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(raw)) : raw;
}

// Another page of the app, opened the way the browser's Back and Forward open one: the address becomes one new
// history entry, and Streamlit's own page code (it listens to popstate) runs that page with that address's
// query, writing any change of the URL it then makes in place. A switch made by the server instead pushes the
// old page's path with the new query first, an entry where Back showed the wrong view.
export function follow(href) {
  history.pushState({}, "", href);
  dispatchEvent(new PopStateEvent("popstate", { state: {} }));
}
