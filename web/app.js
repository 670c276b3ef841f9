// netkaart serve: send the form's fields after a pause in typing (at once after a change on
// the map), draw the preview, show each problem at its field and a refusal next to the
// button pressed, keep the answers in local storage, add, move, remove and bring back
// contacts and actions, open and save answers files, and download the documents. The map
// as input is `map.js`, the lists of contacts and actions `lists.js`. No library and no inline script (the page's Content-Security-Policy
// forbids it); every text from the server is set as text, never as markup.
"use strict";

import { addItem, forget, initLists, items, move, number } from "./lists.js";
import { createMap } from "./map.js";

const form = document.getElementById("answers");
const drawing = document.getElementById("drawing");
const status = document.getElementById("status");
const stale = document.getElementById("stale");
const said = document.getElementById("map-said");
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
// Earlier answers opened to compare with ("then"): { name, date, text }, kept in this
// browser with the form; sent with each comparison and download, never kept by the server.
let then = null;
const THEN_STORE = STORE + "-then";

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
  forget();
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
        while (n > 0 && items(list).length < Math.min(n, list.dataset.max)) {
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
  // A contact filled in is one line until opened; its folded fields are shown when they
  // hold an answer.
  for (const item of form.querySelectorAll("#list-contacts > li")) {
    item.querySelector("details.entry").open = false;
    summarise(item);
  }
  for (const more of form.querySelectorAll("details.more")) {
    more.open = Array.from(more.querySelectorAll("[data-key]")).some((el) => el.value !== "");
  }
}

// ---- Lists of contacts and actions (`lists.js`) -------------------------------------------

initLists(form, () => changed());

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
  const item = button.closest("li.item");
  if (!button.dataset.move || !item) {
    return;
  }
  if (button.dataset.move === "map") {
    map.focus(contactItems().indexOf(item));
  } else {
    move(item, button);
  }
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
      unfold(el);
    } else {
      loose.push(item.message);
    }
  }
  return loose;
}

// Every folded part around `el` opened, so that it shows.
function unfold(el) {
  for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) {
    d.open = true;
  }
}

// A contact's one line while its entry is closed: its name, its sector and ring (or
// status), as its fields say.
function summarise(item) {
  const summary = item.querySelector("summary.summary");
  if (!summary) {
    return;
  }
  const value = (field) => {
    const el = item.querySelector(`[data-key$=".${field}"]`);
    return el ? el.value : "";
  };
  const cell = [value("kind"), value("ring") || value("status")].filter(Boolean).join(", ");
  summary.textContent = (value("name") || item.querySelector("legend").textContent) + (cell ? " — " + cell : "");
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

// What the preview draws: the map, or the whole poster (not in a workshop, whose phones
// draw the map alone).
let view = "map";
// The contact whose place on the map to say after the next preview (a map action's).
let announce = null;

async function preview() {
  const mine = ++sent;
  // The view asked for: an answer for another view than the one now shown is not drawn.
  const asked = view;
  let answer;
  try {
    const what = "&client=" + client + (asked === "map" ? "&map=1" : asked === "compare" ? "&compare=1" : "");
    const response = await post("/preview" + query(what), withThen({ fields: fields() }));
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
  if (mine !== sent || asked !== view) {
    return; // a newer preview is on its way
  }
  clearProblems();
  const problems = answer.problems || [];
  // A problem keeps the last good drawing, marked as out of date.
  stale.hidden = problems.length === 0;
  drawing.classList.toggle("stale", problems.length > 0);
  if (answer.svg) {
    map.draw(answer.svg, answer.map, asked);
    placed(answer.map);
  }
  const loose = show(answer.warnings || [], "warning").concat(show(problems, "problem"));
  say(loose.join("\n"));
}

// The contacts' entries that the answers hold, in their order: an entry with nothing
// filled in is sent as nothing, so the map's contacts are these, one for one.
function contactItems() {
  return items(document.getElementById("list-contacts")).filter((item) =>
    Array.from(item.querySelectorAll("[data-key]")).some((el) =>
      el.type === "checkbox" ? el.checked : el.value.trim() !== "",
    ),
  );
}

// At each contact's entry, where its name went when not in its cell, and why; after a
// change on the map, where the name went, said aloud.
function placed(data) {
  if (!data) {
    return;
  }
  for (const mark of document.querySelectorAll("#list-contacts .placed")) {
    mark.textContent = "";
  }
  const items = contactItems();
  data.contacts.forEach((c, i) => {
    const mark = items[i] && items[i].querySelector(".placed");
    if (mark) {
      mark.textContent = c.place === "cell" ? "" : c.said;
    }
    // The one line of a closed entry names the cell the map put it in (a contact without
    // a ring stands in ring 3).
    const summary = items[i] && items[i].querySelector("summary.summary");
    if (summary) {
      summary.textContent = c.name + " — " + data.cells[c.cell[0]][c.cell[1]];
    }
  });
  if (announce !== null && data.contacts[announce]) {
    said.textContent = data.contacts[announce].said;
    map.flash(announce);
    drawnAt[data.contacts[announce].name] = performance.now();
  }
  announce = null;
}

// When each name was added on the map and when the server's drawing of it came back, ms:
// what the browser tests measure.
const addedAt = {};
const drawnAt = {};
window.netkaartTimes = { added: addedAt, drawn: drawnAt };

stale.querySelector("button").addEventListener("click", () => {
  focusProblem();
});

// The first field that shows a problem, opened (a folded part of a contact) and focused.
function focusProblem() {
  for (const el of form.querySelectorAll(".problem")) {
    if (el.dataset.kind === "problem" && el.textContent) {
      const id = el.id.replace(/-problem$/, "");
      const field = document.getElementById(id) || el.closest("fieldset");
      if (field) {
        unfold(field);
        field.focus();
        field.scrollIntoView({ block: "center" });
        return true;
      }
    }
  }
  return false;
}

// A refusal said in `where`, next to the button pressed: the first problem, how many more,
// each at its field; focus on the first field at fault.
function refuse(where, problems) {
  clearProblems();
  const loose = show(problems, "problem");
  const first = problems[0] ? problems[0].message : "";
  let text = where.dataset.refused ? where.dataset.refused.replace("{message}", first) : first;
  if (problems.length > 1 && where.dataset.more) {
    text += " " + where.dataset.more.replace("{n}", problems.length - 1);
  }
  where.textContent = text;
  say(loose.join("\n"));
  focusProblem();
}

function store() {
  try {
    localStorage.setItem(STORE, JSON.stringify({ source, token, fields: fields() }));
  } catch (err) {
    // Storage full or refused (a private window): the form works without it.
  }
}

// The form changed: kept, and drawn after a pause in typing, or `now` (a change on the map).
function changed(now) {
  store();
  clearTimeout(timer);
  for (const refusal of document.querySelectorAll(".refusal")) {
    refusal.textContent = "";
  }
  timer = setTimeout(preview, now ? 0 : 300);
}

form.addEventListener("input", (event) => {
  if (event.target.type !== "file") {
    const item = event.target.closest("#list-contacts > li");
    if (item) {
      summarise(item);
    }
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

// ---- Then and now -------------------------------------------------------------------------

// A request's body with the earlier answers, when they are open: the comparison shows
// them, and the handout and the handbook end with it.
function withThen(body) {
  if (then) {
    body.then = then.text;
  }
  return body;
}

// Shows what is open as "then", the view and the downloads that need it; with none open,
// goes back to the map from the comparison.
function showThen() {
  const line = document.getElementById("then-file");
  if (!line) {
    return;
  }
  line.textContent = then
    ? line.dataset.opened.replace("{name}", then.name).replace("{date}", then.date || line.dataset.noDate)
    : "";
  document.getElementById("then-close").hidden = !then;
  for (const el of document.querySelectorAll('[data-view="compare"], [data-then]')) {
    el.hidden = !then;
  }
  if (!then && view === "compare") {
    setView("map");
  }
}

function keepThen() {
  try {
    if (then) {
      localStorage.setItem(THEN_STORE, JSON.stringify(then));
    } else {
      localStorage.removeItem(THEN_STORE);
    }
  } catch (err) {
    // Storage full or refused: the comparison lasts as long as the page.
  }
}

const thenInput = document.getElementById("then");
if (thenInput) {
  thenInput.addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) {
      return;
    }
    try {
      const text = await file.text();
      const response = await post("/then" + query(), text, "application/yaml");
      const answer = await response.json();
      if (!response.ok) {
        say((answer.problems || []).map((p) => file.name + ": " + p.message).join("\n"));
        return;
      }
      const date = answer.date ? new Date(answer.date + "T12:00:00").toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }) : null;
      then = { name: file.name, date, text };
      keepThen();
      showThen();
      say(status.dataset.opened.replace("{name}", file.name));
      setView("compare");
    } catch (err) {
      say(status.dataset.offline);
    }
  });
  document.getElementById("then-close").addEventListener("click", () => {
    then = null;
    keepThen();
    showThen();
  });
}

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
        refuse(document.getElementById("submit-refusal"), answer.problems || []);
        return;
      }
      document.getElementById("submit-refusal").textContent = "";
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
    const response = await post("/download/" + file + query(), withThen({ fields: fields() }));
    if (!response.ok) {
      const answer = await response.json();
      refuse(document.getElementById("downloads-refusal"), answer.problems || []);
      return;
    }
    document.getElementById("downloads-refusal").textContent = "";
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

// ---- The map as input ---------------------------------------------------------------------

const contacts = document.getElementById("list-contacts");

// The select of `item` for `field` set to the option `text` ("" leaves it empty).
function choose(item, field, text) {
  const el = item.querySelector(`[data-key$=".${field}"]`);
  if (el) {
    el.value = text === null ? "" : text;
  }
}

// A contact's cell, level and status in its entry, as the map's data names them.
function setCell(item, cell, desired) {
  const data = map.data;
  const band = data.bands[cell[1]];
  choose(item, "kind", data.sectors[cell[0]].kind);
  choose(item, "ring", band.ring);
  if (band.ring === null || desired !== undefined) {
    choose(item, "status", data.statuses[band.ring === null || desired ? 1 : 0]);
  }
}

const map = createMap(drawing, {
  add(cell, name, organisation, desired) {
    if (items(contacts).length >= Number(contacts.dataset.max)) {
      return;
    }
    addItem(contacts, false);
    const item = contacts.lastElementChild;
    item.querySelector('[data-key$=".name"]').value = name;
    setCell(item, cell, desired);
    choose(item, "level", map.data.levels[organisation ? 1 : 0]);
    item.querySelector("details.entry").open = false;
    summarise(item);
    announce = contactItems().indexOf(item);
    addedAt[name] = performance.now();
    changed(true);
  },
  move(contact, cell) {
    const item = contactItems()[contact];
    if (!item) {
      return;
    }
    setCell(item, cell);
    summarise(item);
    announce = contact;
    changed(true);
  },
  open(contact) {
    const item = contactItems()[contact];
    if (!item) {
      return;
    }
    item.querySelector("details.entry").open = true;
    item.scrollIntoView({ block: "start" });
    item.querySelector('[data-key$=".name"]').focus({ preventScroll: true });
  },
});

// The map, the whole poster, or the comparison with the earlier answers.
function setView(name) {
  view = name;
  for (const button of document.querySelectorAll("[data-view]")) {
    button.setAttribute("aria-pressed", String(button.dataset.view === name));
  }
  document.getElementById("map-hint").hidden = view !== "map";
  preview();
}

for (const button of document.querySelectorAll("[data-view]")) {
  button.addEventListener("click", () => setView(button.dataset.view));
}

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
  try {
    then = (!workshop && JSON.parse(localStorage.getItem(THEN_STORE))) || null;
  } catch (err) {
    then = null;
  }
  showThen();
  preview();
}

start();
