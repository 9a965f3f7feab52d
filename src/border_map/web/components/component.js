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

// The page's heading (an h1, styled as Streamlit's st.title: page.css), drawn first in `parent` by the page's
// first element when nothing comes before it (the overview's figures, Explore's map panel or province box): one
// element fewer in every run, and no Markdown renderer loaded before the map. `text` null takes it away.
export function setHeading(parent, text) {
  let heading = parent.querySelector(":scope > h1.bm-title");
  if (!text) {
    heading?.remove();
    return;
  }
  if (!heading) {
    heading = document.createElement("h1");
    heading.className = "bm-title";
  }
  if (heading.textContent !== text) heading.textContent = text;
  if (parent.firstElementChild !== heading) parent.insertBefore(heading, parent.firstElementChild);
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

// Copies without the word joiners. Text the app hands to Streamlit (titles, captions, lists: web/messages.md_text)
// carries U+2060 between the letters of each Thai place name: Streamlit renders it as Markdown, where the app
// writes no markup of its own around data, and the joiner is the one way left to keep Chrome's Thai dictionary
// from breaking a name across lines (linebreak.glued_names). Invisible on screen, it came along in a copy, and a
// name pasted into a search or a document no longer matched. Here, once a page, a copy that holds any gets them
// taken out, as plain text and as HTML (the selection's own markup, Streamlit's; nothing is added to it).
const JOINER = /[\u2060\u200b]/;
const JOINERS = /[\u2060\u200b]/g;
if (!window.__bmCopyClean) {
  window.__bmCopyClean = true;
  document.addEventListener("copy", (event) => {
    const selection = document.getSelection();
    const text = selection ? selection.toString() : "";
    // A copy made elsewhere (an input's own text, a component's handler) is left alone.
    if (!event.clipboardData || !JOINER.test(text) || event.defaultPrevented) return;
    const holder = document.createElement("div");
    for (let i = 0; i < selection.rangeCount; i += 1) holder.append(selection.getRangeAt(i).cloneContents());
    event.clipboardData.setData("text/plain", text.replace(JOINERS, ""));
    event.clipboardData.setData("text/html", holder.innerHTML.replace(JOINERS, ""));
    event.preventDefault();
  });
}
