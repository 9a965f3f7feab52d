// Explore's province box (province_box.py): an editable combobox with a listbox popup, as the WAI-ARIA APG
// pattern has it ("list autocomplete", the first match highlighted as one types). Built once, in a box of its
// own, and updated in place after that: the field keeps the focus, and what is typed, across the page's reruns.
//
// Keys, in the field: ArrowDown/ArrowUp open the list (at the province shown) and move through it; Alt+ArrowDown
// opens it, Alt+ArrowUp closes it; Home/End go to the first/last option once the arrows are in the list (else they
// move the caret); Enter takes the highlighted option, or sends the text as typed when no option matches it
// (the server reads it as a link's, in every spelling it knows); Escape closes the list, then puts back the
// province shown; Tab leaves, and the list closes. A click on an option takes it. Typing filters by every
// spelling of each province (normalise.js), never by the label alone. One event, `chose`: an option's key, the
// text typed, or "" (an emptied field: the first province).

import { ownBox, setHeading, unpacked } from "./component.js";
import { matching } from "./normalise.js";

const ID = "bm-pbox";

function element(tag, props, parent) {
  const made = Object.assign(document.createElement(tag), props);
  if (parent) parent.appendChild(made);
  return made;
}

// The field, its list and its lines, made once; `box.update(data)` brings them to a run's data.
function build(root) {
  const label = element("label", { id: `${ID}-label`, htmlFor: `${ID}-input`, className: "bm-pbox-label" }, root);
  const row = element("div", { className: "bm-pbox-row" }, root);
  const field = element("div", { className: "bm-pbox-field" }, row);
  const input = element("input", { id: `${ID}-input`, type: "text", autocomplete: "off", spellcheck: false }, field);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${ID}-list`);
  input.setAttribute("aria-describedby", `${ID}-hint`);
  const arrow = element("span", { className: "bm-pbox-arrow" }, field);
  arrow.setAttribute("aria-hidden", "true");
  const list = element("ul", { id: `${ID}-list`, className: "bm-pbox-list", hidden: true }, field);
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-labelledby", label.id);
  // Outside the list (a listbox holds options only), and always there: a live region must exist before it speaks.
  const none = element("div", { className: "bm-pbox-none" }, field);
  none.setAttribute("role", "status");
  const hint = element("p", { id: `${ID}-hint`, className: "bm-pbox-hint" }, row);

  const box = { data: null, value: undefined, shown: [], active: -1, inList: false, dirty: false, send: null };
  const labelOf = (key) => (box.data.options.find((o) => o[0] === key) || [null, ""])[1];

  function highlight(index, inList) {
    box.active = index;
    box.inList = inList && index >= 0;
    list.querySelectorAll('[role="option"]').forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    const current = list.children[index];
    if (box.inList && current) {
      input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function close() {
    list.hidden = true;
    none.textContent = "";
    input.setAttribute("aria-expanded", "false");
    highlight(-1, false);
  }

  // The list for `typed` ("" for every province), the first match highlighted when something was typed.
  function open(typed) {
    box.shown = matching(box.data.options, typed);
    list.replaceChildren(
      ...box.shown.map(([key, text], i) => {
        const li = element("li", { id: `${ID}-opt-${i}`, textContent: text });
        li.setAttribute("role", "option");
        if (key === box.value) li.className = "bm-pbox-current";
        li.addEventListener("mousedown", (event) => event.preventDefault()); // the field keeps the focus
        li.addEventListener("click", () => choose(box.shown[i]));
        return li;
      }),
    );
    list.hidden = !box.shown.length;
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (box.shown.length) none.textContent = "";
    else {
      const [before, after] = box.data.noMatch.split("{typed}");
      none.textContent = `${before}${typed.trim()}${after ?? ""}`; // text, never markup
    }
    highlight(typed.trim() && box.shown.length ? 0 : -1, false);
  }

  function restore() {
    input.value = labelOf(box.value);
    box.dirty = false;
  }

  function choose(option) {
    input.value = option[1];
    box.dirty = false;
    close();
    box.send(option[0]);
  }

  function move(step, where) {
    if (list.hidden) {
      open(box.dirty ? input.value : "");
      if (list.hidden) return;
      const current = box.dirty ? -1 : box.shown.findIndex((o) => o[0] === box.value);
      if (current >= 0 || box.active >= 0) return highlight(current >= 0 ? current : box.active, true);
    }
    if (where === undefined && box.active >= 0 && !box.inList) return highlight(box.active, true); // into the list
    const last = box.shown.length - 1;
    const next = where ?? (box.active < 0 ? (step > 0 ? 0 : last) : (box.active + step + last + 1) % (last + 1));
    highlight(next, true);
  }

  input.addEventListener("input", () => {
    box.dirty = true;
    open(input.value);
  });
  input.addEventListener("click", () => {
    if (!list.hidden) return box.dirty || close();
    if (!box.dirty) input.select(); // typing replaces the province shown
    open(box.dirty ? input.value : "");
    if (!box.dirty) highlight(box.shown.findIndex((o) => o[0] === box.value), false);
  });
  input.addEventListener("blur", () => {
    close();
    if (input.value !== labelOf(box.value)) restore();
  });
  arrow.addEventListener("mousedown", (event) => {
    event.preventDefault();
    input.focus();
    if (list.hidden) move(1);
    else close();
  });
  input.addEventListener("keydown", (event) => {
    const open_ = !list.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (event.altKey) {
          if (event.key === "ArrowDown" && !open_) open(box.dirty ? input.value : "");
          else if (event.key === "ArrowUp") close();
        } else move(event.key === "ArrowDown" ? 1 : -1);
        break;
      case "Home":
      case "End":
        if (!open_ || !box.inList) return;
        move(0, event.key === "Home" ? 0 : box.shown.length - 1);
        break;
      case "Enter":
        if (open_ && box.active >= 0) choose(box.shown[box.active]);
        else if (box.dirty) {
          close();
          box.dirty = false;
          box.send(input.value.trim());
        } else close();
        break;
      case "Escape":
        if (open_ || none.textContent) close();
        else restore();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  box.update = (data) => {
    const labels = JSON.stringify([data.label, data.placeholder, data.hint, data.noMatch, data.options]);
    const changed = labels !== box.labels;
    box.data = data;
    if (changed) {
      box.labels = labels;
      label.textContent = data.label;
      input.placeholder = data.placeholder;
      hint.textContent = data.hint;
      if (!list.hidden) open(input.value);
    }
    // The province on the map, or nothing; what is being typed stays while the field has the focus, and so does
    // a name just sent that the server found no province for (its message says so).
    const moved = data.value !== box.value;
    box.value = data.value;
    if (document.activeElement !== input || (!box.dirty && (moved || changed))) restore();
  };
  return box;
}

// The box in `root` (made on the first call, updated in place after), with `data` (province_box.content);
// `send(value)` reports a choice. A box made new while the last one had just sent a choice with the focus in it
// (Explore drew it on its own, or in the map's panel, and now the other) takes the focus, so the keyboard stays
// in the field across that change.
export function drawBox(root, data, send) {
  const made = !root.bmBox;
  root.bmBox = root.bmBox || build(root);
  root.bmBox.send = (value) => {
    const input = root.querySelector("input");
    window.__bmBoxSentWithFocus = document.activeElement === input ? Date.now() : 0;
    send(value);
  };
  root.bmBox.update(data);
  if (made && Date.now() - (window.__bmBoxSentWithFocus || 0) < 10000) {
    window.__bmBoxSentWithFocus = 0;
    root.querySelector("input").focus();
  }
}

// On its own (province_box.show): Explore with no province on its map.
export default function (component) {
  const data = unpacked(component.data);
  const root = ownBox(component.parentElement, "bm-pbox");
  setHeading(component.parentElement, data.heading);
  drawBox(root, data, (value) => component.setTriggerValue("chose", value));
}
