// The sidebar's controls (ui_controls.py): native radio buttons and a switch, labelled with text, never markup.
// Built once per set of labels (a language switch rebuilds them) and only re-checked after that, so a viewer
// moving through the options with the arrow keys keeps the focus across the page's reruns. A click sends
// one event, {name, value}; the page answers with the values it kept, which the controls then show.

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
// the help text under the row, read by screen readers as the description of `described`.
function controlGroup(choice, headContent, described) {
  const group = document.createElement("div");
  group.className = "bm-group";
  const head = document.createElement("div");
  head.className = "bm-head";
  head.appendChild(headContent);
  group.appendChild(head);
  if (choice.help) {
    const [button, note] = helpButton(`bm-ctl-${choice.name}-help`, choice.helpLabel, choice.help);
    head.appendChild(button);
    group.appendChild(note);
    (described || group).setAttribute("aria-describedby", note.id);
  }
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

export default function (component) {
  const data = unpacked(component.data); // unpacked, ownBox: ui_component.js
  const { parentElement, setTriggerValue } = component;
  const box = ownBox(parentElement, "bm-controls");
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
