// What the app's light components (ui_table.js, ui_figures.js) share; ui_component.component_js puts it
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
