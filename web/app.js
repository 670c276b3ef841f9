// netkaart serve: send the form's fields after a pause in typing, draw the preview, show
// each problem at its field, keep the answers in local storage, add, move and remove
// contacts and actions, open and save answers files, and download the documents. No
// library and no inline script (the page's Content-Security-Policy forbids it); every text
// from the server is set as text, never as markup.
"use strict";

const form = document.getElementById("answers");
const drawing = document.getElementById("drawing");
const status = document.getElementById("status");
const lang = document.body.dataset.lang;
// In a workshop the answers go to the facilitator; a participant's token (from their edit
// link, or from their first sending) makes every later sending change the same answers.
const workshop = document.body.dataset.workshop === "1";
let token = document.body.dataset.token || null;
const STORE = workshop ? "netkaart-workshop" + (token ? "-" + token : "") : "netkaart-form";
// Which page asks for a preview, so that the server can drop this page's older ones.
// (crypto.randomUUID needs HTTPS; a workshop's address is plain HTTP.)
const client = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
// The answers file given on the command line (its id), or null: what local storage was
// made from.
let source = null;
let timer = null;
let sent = 0;

// ---- Fields -------------------------------------------------------------------------------

// Each field as [key, answer], the boxes of one question joined with "; "; empty fields
// left out.
function fields() {
  const out = new Map();
  for (const el of form.querySelectorAll("[data-key]")) {
    const key = el.dataset.key;
    if (el.type === "checkbox") {
      const before = out.get(key) || "";
      if (el.checked) {
        out.set(key, before ? before + "; " + el.value : el.value);
      } else {
        out.set(key, before);
      }
    } else {
      out.set(key, el.value);
    }
  }
  return Array.from(out.entries()).filter(([, v]) => v.trim() !== "");
}

// The form emptied, then filled with [key, answer] pairs: items made for every contact and
// action the pairs number.
function fill(pairs) {
  for (const list of form.querySelectorAll("ol.items")) {
    list.replaceChildren();
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (el.type === "checkbox") {
      el.checked = false;
    } else {
      el.value = "";
    }
  }
  for (const [key, value] of pairs) {
    for (const list of form.querySelectorAll("ol.items")) {
      const prefix = list.dataset.list + ".";
      if (key.startsWith(prefix)) {
        const n = parseInt(key.slice(prefix.length), 10);
        while (n > 0 && list.children.length < Math.min(n, list.dataset.max)) {
          addItem(list, false);
        }
      }
    }
    const els = form.querySelectorAll("[data-key]");
    for (const el of els) {
      if (el.dataset.key !== key) {
        continue;
      }
      if (el.type === "checkbox") {
        el.checked = value.split(";").map((v) => v.trim()).includes(el.value);
      } else {
        el.value = value;
      }
    }
  }
}

// ---- Lists of contacts and actions --------------------------------------------------------

const NUMBERED = ["id", "for", "data-key", "aria-describedby"];

// A new item at the end of `list`, from the list's template; focused when asked.
function addItem(list, focus) {
  if (list.children.length >= Number(list.dataset.max)) {
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
function number(list) {
  Array.from(list.children).forEach((item, i) => {
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
  add.disabled = list.children.length >= Number(list.dataset.max);
}

form.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) {
    return;
  }
  if (button.dataset.add) {
    addItem(document.getElementById("list-" + button.dataset.add), true);
    changed();
    return;
  }
  const move = button.dataset.move;
  const item = button.closest("li.item");
  if (!move || !item) {
    return;
  }
  const list = item.parentElement;
  if (move === "up" && item.previousElementSibling) {
    list.insertBefore(item, item.previousElementSibling);
  } else if (move === "down" && item.nextElementSibling) {
    list.insertBefore(item.nextElementSibling, item);
  } else if (move === "remove") {
    const next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    const focus = next
      ? next.querySelector('[data-move="remove"]')
      : form.querySelector('[data-add="' + list.id.slice("list-".length) + '"]');
    focus.focus();
  }
  number(list);
  if (move !== "remove") {
    button.focus();
  }
  changed();
});

// ---- Preview, problems and storage --------------------------------------------------------

function clearProblems() {
  for (const el of form.querySelectorAll(".problem")) {
    el.textContent = "";
    delete el.dataset.kind;
  }
}

// Each message at its field, or in the status line when it names none (or a field the form
// does not have).
function show(said, kind) {
  const loose = [];
  for (const item of said) {
    const id = item.field ? "f-" + item.field.replace(/\./g, "-") + "-problem" : null;
    const el = id ? document.getElementById(id) : null;
    if (el) {
      el.textContent = el.textContent ? el.textContent + " " + item.message : item.message;
      el.dataset.kind = kind;
    } else {
      loose.push(item.message);
    }
  }
  return loose;
}

function say(text) {
  status.textContent = text;
}

async function post(url, body, type) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": type || "application/json" },
    body: type ? body : JSON.stringify(body),
  });
}

function query(extra) {
  return "?lang=" + encodeURIComponent(lang) + (extra || "");
}

async function preview() {
  const mine = ++sent;
  let answer;
  try {
    // In a workshop, on phones, the map alone: the poster would be too small to read.
    const what = "&client=" + client + (workshop ? "&map=1" : "");
    const response = await post("/preview" + query(what), { fields: fields() });
    if (response.status === 204) {
      return; // dropped by the server for a newer one of this page
    }
    answer = await response.json();
  } catch (err) {
    if (mine === sent) {
      say(status.dataset.offline);
    }
    return;
  }
  if (mine !== sent) {
    return; // a newer preview is on its way
  }
  clearProblems();
  if (answer.svg) {
    const doc = new DOMParser().parseFromString(answer.svg, "image/svg+xml");
    drawing.replaceChildren(document.importNode(doc.documentElement, true));
  }
  const loose = show(answer.warnings || [], "warning").concat(show(answer.problems || [], "problem"));
  say(loose.join("\n"));
}

function store() {
  try {
    localStorage.setItem(STORE, JSON.stringify({ source, token, fields: fields() }));
  } catch (err) {
    // Storage full or refused (a private window): the form works without it.
  }
}

function changed() {
  store();
  clearTimeout(timer);
  timer = setTimeout(preview, 300);
}

form.addEventListener("input", (event) => {
  if (event.target.id !== "open") {
    changed();
  }
});

// ---- Files ----------------------------------------------------------------------------------

document.getElementById("open").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  event.target.value = "";
  if (!file) {
    return;
  }
  try {
    const response = await post("/open" + query("&name=" + encodeURIComponent(file.name)), await file.arrayBuffer(), "application/yaml");
    const answer = await response.json();
    if (!response.ok) {
      say((answer.problems || []).map((p) => p.message).join("\n"));
      return;
    }
    fill(answer.fields);
    store();
    const notes = (answer.warnings || []).map((w) => w.message);
    say([status.dataset.opened.replace("{name}", file.name)].concat(notes).join("\n"));
    preview();
  } catch (err) {
    say(status.dataset.offline);
  }
});

document.getElementById("clear").addEventListener("click", (event) => {
  if (!window.confirm(event.target.dataset.confirm)) {
    return;
  }
  fill([]);
  if (!document.body.dataset.token) {
    token = null; // the next sending is someone else's
  }
  const sent = document.getElementById("sent");
  if (sent) {
    sent.textContent = "";
    document.getElementById("sent-qr").replaceChildren();
  }
  store();
  preview();
});

// ---- Sending, in a workshop ---------------------------------------------------------------

const submit = document.getElementById("submit");
if (submit) {
  submit.addEventListener("click", async () => {
    const sent = document.getElementById("sent");
    submit.disabled = true;
    try {
      const response = await post("/submit" + query(), { fields: fields(), token });
      const answer = await response.json();
      if (!response.ok) {
        clearProblems();
        say(show(answer.problems || [], "problem").join("\n"));
        return;
      }
      token = answer.token;
      store();
      const link = document.createElement("a");
      link.href = answer.edit;
      link.textContent = answer.edit;
      sent.replaceChildren(document.createTextNode(sent.dataset.sent + " "), link);
      const code = document.getElementById("sent-qr");
      if (answer.qr) {
        const doc = new DOMParser().parseFromString(answer.qr, "image/svg+xml");
        code.replaceChildren(document.importNode(doc.documentElement, true));
      }
      say("");
    } catch (err) {
      say(status.dataset.offline);
    } finally {
      submit.disabled = false;
    }
  });
}

document.getElementById("downloads").addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-download]");
  if (!button) {
    return;
  }
  const file = button.dataset.download;
  say(status.dataset.working.replace("{file}", button.textContent));
  button.disabled = true;
  try {
    const response = await post("/download/" + file + query(), { fields: fields() });
    if (!response.ok) {
      const answer = await response.json();
      clearProblems();
      say(show(answer.problems || [], "problem").join("\n"));
      return;
    }
    const disposition = response.headers.get("content-disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = match ? decodeURIComponent(match[1]) : file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say("");
  } catch (err) {
    say(status.dataset.offline);
  } finally {
    button.disabled = false;
  }
});

// ---- Start ----------------------------------------------------------------------------------

// The form as it was left in this browser, if it was made from the same file (or from
// none); else the file given on the command line. Kept answers are worded again in this
// page's language (they may come from the other one).
async function start() {
  let opened = { id: null, fields: [] };
  try {
    if (workshop && token) {
      // The participant's own answers, as the facilitator has them.
      const response = await post("/mine" + query(), { token });
      opened = { id: token, fields: (await response.json()).fields || [] };
    } else if (!workshop) {
      opened = await (await fetch("/opened" + query())).json();
    }
  } catch (err) {
    say(status.dataset.offline);
  }
  source = opened.id || null;
  let kept = null;
  try {
    kept = JSON.parse(localStorage.getItem(STORE));
  } catch (err) {
    kept = null;
  }
  if (kept && (kept.source || null) === source && Array.isArray(kept.fields)) {
    token = token || kept.token || null;
    let pairs = kept.fields;
    try {
      const response = await post("/fields" + query(), { fields: pairs });
      if (response.ok) {
        pairs = (await response.json()).fields;
      }
    } catch (err) {
      // Fill them as they were kept.
    }
    fill(pairs);
  } else {
    fill(opened.fields || []);
  }
  for (const list of form.querySelectorAll("ol.items")) {
    number(list);
  }
  store();
  preview();
}

start();
