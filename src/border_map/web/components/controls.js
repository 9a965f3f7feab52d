// The sidebar's page links and controls (controls.py): links, native radio buttons and a switch, labelled with
// text, never markup.
// Built once per set of labels (a language switch rebuilds them) and only re-checked after that, so a viewer
// moving through the options with the arrow keys keeps the focus across the page's reruns. A click on a control
// sends one event, {name, value}; the page answers with the values it kept, which the controls then show. A
// plain click on a page link sends {page}.

import { follow, ownBox, unpacked } from "./component.js";

function helpButton(id, label, text) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "bm-help";
  button.textContent = "?";
  button.title = text;
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", id);
  const note = document.createElement("p");
  note.className = "bm-help-text";
  note.id = id;
  note.textContent = text;
  note.hidden = true;
  button.addEventListener("click", () => {
    note.hidden = !note.hidden;
    button.setAttribute("aria-expanded", String(!note.hidden));
  });
  return [button, note];
}

// A control's box: a heading row holding `headContent` and, when the control has help, its help button, with
// the help text under the row; then its note, always shown. The help is what screen readers hear as the
// description of `described` (it says all the note says, and more); the note is, when there is no help.
function controlGroup(choice, headContent, described) {
  const group = document.createElement("div");
  group.className = "bm-group";
  const head = document.createElement("div");
  head.className = "bm-head";
  head.appendChild(headContent);
  group.appendChild(head);
  let description = null;
  if (choice.help) {
    const [button, note] = helpButton(`bm-ctl-${choice.name}-help`, choice.helpLabel, choice.help);
    head.appendChild(button);
    group.appendChild(note);
    description = note.id;
  }
  if (choice.note) {
    const note = document.createElement("p");
    note.className = "bm-ctl-note";
    note.id = `bm-ctl-${choice.name}-note`;
    note.textContent = choice.note;
    group.appendChild(note);
    description = description || note.id;
  }
  if (description) (described || group).setAttribute("aria-describedby", description);
  return group;
}

function radios(choice, send) {
  const title = document.createElement("span");
  title.id = `bm-ctl-${choice.name}-label`;
  title.textContent = choice.label;
  const group = controlGroup(choice, title, null);
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", title.id);
  const options = document.createElement("div");
  options.className = choice.row ? "bm-options bm-row" : "bm-options";
  for (const [value, text] of choice.options) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `bm-ctl-${choice.name}`;
    input.value = value;
    input.addEventListener("change", () => input.checked && send(choice.name, value));
    const span = document.createElement("span");
    span.textContent = text;
    label.append(input, span);
    options.appendChild(label);
  }
  group.appendChild(options);
  return group;
}

function toggle(choice, send) {
  const label = document.createElement("label");
  const input = document.createElement("input");
  input.type = "checkbox";
  input.setAttribute("role", "switch");
  input.name = `bm-ctl-${choice.name}`;
  input.addEventListener("change", () => send(choice.name, input.checked));
  const span = document.createElement("span");
  span.textContent = choice.label;
  label.append(input, span);
  return controlGroup(choice, label, input);
}

// The page links: real links (a new tab or window opens `href`, which carries the language and filters), which a
// plain click follows inside the open page (follow: component.js). Updated in place, never rebuilt, so the
// link a keyboard user pressed keeps the focus once the new page is drawn.
function pageLinks(box, links, label) {
  let nav = box.querySelector(":scope > nav.bm-nav");
  if (!links.length) {
    if (nav) nav.remove();
    return;
  }
  if (!nav) {
    nav = document.createElement("nav");
    nav.className = "bm-nav";
    box.prepend(nav);
  }
  nav.setAttribute("aria-label", label);
  const anchors = Array.from(nav.children);
  links.forEach(([name, text, href, current], i) => {
    let link = anchors[i];
    if (!link) {
      link = document.createElement("a");
      link.addEventListener("click", (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        if (link.getAttribute("aria-current") !== "page") follow(link.href);
      });
      nav.appendChild(link);
    }
    link.dataset.page = name;
    link.textContent = text;
    link.href = href;
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
  for (const extra of anchors.slice(links.length)) extra.remove();
}

export default function (component) {
  const data = unpacked(component.data);
  const { parentElement, setTriggerValue } = component;
  const root = ownBox(parentElement, "bm-controls");
  if (data.lang && document.documentElement.lang !== data.lang) document.documentElement.lang = data.lang;
  pageLinks(root, data.links || [], data.linksLabel || "");
  const box = ownBox(root, "bm-ctl-body");
  const send = (name, value) => setTriggerValue("chose", { name, value });
  const labels = JSON.stringify([data.choices.map(({ value, ...rest }) => rest), data.notes, data.helpLabel]);
  if (box.dataset.labels !== labels) {
    const focused = box.contains(document.activeElement) ? document.activeElement : null;
    const where = focused ? [focused.name, focused.value] : null;
    const parts = data.choices.map((choice) => {
      const withHelp = { ...choice, helpLabel: `${data.helpLabel}: ${choice.label}` };
      return choice.options.length ? radios(withHelp, send) : toggle(withHelp, send);
    });
    for (const text of data.notes) {
      const note = document.createElement("p");
      note.className = "bm-note";
      note.textContent = text;
      parts.push(note);
    }
    box.replaceChildren(...parts);
    box.dataset.labels = labels;
    if (where) {
      for (const input of box.querySelectorAll("input")) {
        if (input.name === where[0] && (input.type !== "radio" || input.value === where[1])) input.focus();
      }
    }
  }
  for (const choice of data.choices) {
    for (const input of box.querySelectorAll(`input[name="bm-ctl-${choice.name}"]`)) {
      input.checked = input.type === "radio" ? input.value === choice.value : Boolean(choice.value);
    }
  }
}
