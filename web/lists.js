// netkaart serve: the lists of contacts and actions. An item comes from its list's
// template and is numbered by its place (keys, ids and title alike); it moves up and down;
// a removed item leaves a line in its place that brings it back (or Ctrl+Z), so that nothing
// moves under the pointer and a double click removes one item, not two.
"use strict";

const NUMBERED = ["id", "for", "data-key", "aria-describedby"];

// The form and what to do when a list changed, from `initLists`.
let form = null;
let changed = () => {};

export function initLists(theForm, whenChanged) {
  form = theForm;
  changed = whenChanged;
}

// The items of `list`, without a line of a removed one.
export function items(list) {
  return Array.from(list.children).filter((li) => li.classList.contains("item"));
}

// A new item at the end of `list`, from the list's template; focused when asked.
export function addItem(list, focus) {
  if (items(list).length >= Number(list.dataset.max)) {
    return;
  }
  const template = document.getElementById("item-" + list.id.slice("list-".length));
  const item = template.content.firstElementChild.cloneNode(true);
  // Keep each numbered attribute's pattern, to number the item again when it moves.
  for (const el of [item, ...item.querySelectorAll("*")]) {
    for (const name of NUMBERED) {
      const value = el.getAttribute(name);
      if (value && value.includes("{n}")) {
        el.dataset["pattern" + name.replace(/-/g, "")] = value;
      }
    }
  }
  const legend = item.querySelector("legend");
  legend.dataset.pattern = legend.textContent;
  list.appendChild(item);
  number(list);
  if (focus) {
    item.querySelector("[data-key]").focus();
  }
}

// Every item of `list` numbered by its place, keys, ids and title alike.
export function number(list) {
  items(list).forEach((item, i) => {
    const n = String(i + 1);
    for (const el of [item, ...item.querySelectorAll("*")]) {
      for (const name of NUMBERED) {
        const pattern = el.dataset["pattern" + name.replace(/-/g, "")];
        if (pattern) {
          el.setAttribute(name, pattern.replace("{n}", n));
        }
      }
    }
    const legend = item.querySelector("legend");
    legend.textContent = legend.dataset.pattern.replace("{n}", n);
  });
  const add = form.querySelector('[data-add="' + list.id.slice("list-".length) + '"]');
  add.disabled = items(list).length >= Number(list.dataset.max);
}

// `item` moved up or down, or removed, as its button `button` (data-move) says.
export function move(item, button) {
  const list = item.parentElement;
  const how = button.dataset.move;
  if (how === "up" && item.previousElementSibling) {
    list.insertBefore(item, item.previousElementSibling);
  } else if (how === "down" && item.nextElementSibling) {
    list.insertBefore(item.nextElementSibling, item);
  } else if (how === "remove") {
    if (performance.now() < calm) {
      return; // the second press of a double click: not a second removal
    }
    remove(item);
    changed();
    return;
  }
  number(list);
  button.focus();
  changed();
}

// ---- Removing, and bringing back ------------------------------------------------------------

const undoLine = document.getElementById("undo").content.firstElementChild;
// The last item removed and the line in its place; kept until it is brought back, the
// line's time is up or the next one is removed.
let removed = null;
// Until when a press on a remove or undo button is the tail of the press before it.
let calm = 0;
let undoTimer = null;

// The last removal made final: its line goes.
export function forget() {
  clearTimeout(undoTimer);
  if (removed) {
    removed.line.remove();
    removed = null;
  }
}

function remove(item) {
  forget();
  const list = item.parentElement;
  const name = item.querySelector("[data-key$='.name'], [data-key$='.what']");
  const line = undoLine.cloneNode(true);
  line.querySelector("span").textContent = line.dataset.removed.replace(
    "{name}",
    name && name.value ? name.value : item.querySelector("legend").textContent,
  );
  line.querySelector("button").addEventListener("click", bringBack);
  list.replaceChild(line, item);
  removed = { item, list, line };
  number(list);
  calm = performance.now() + 700;
  line.querySelector("button").focus();
  undoTimer = setTimeout(forget, 10000);
}

function bringBack() {
  if (!removed || performance.now() < calm) {
    return;
  }
  const { item, list, line } = removed;
  removed = null;
  clearTimeout(undoTimer);
  list.replaceChild(item, line);
  number(list);
  item.querySelector('[data-move="remove"]').focus();
  changed();
}

// Ctrl+Z (Cmd+Z) brings the removed item back, except in a text field, whose own undo it is.
document.addEventListener("keydown", (event) => {
  const text = event.target.matches("input[type=text], textarea");
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z" && !event.shiftKey && removed && !text) {
    event.preventDefault();
    bringBack();
  }
});
