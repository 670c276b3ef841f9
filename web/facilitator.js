// netkaart serve --workshop: the facilitator's page. Lists the submissions as they arrive
// (every 3 s), offers each participant's poster and every handout in one PDF. Every text
// from the server is set as text. The key (when the page is opened from another machine)
// goes with every request.
"use strict";

const body = document.body;
const key = body.dataset.key;
const lang = body.dataset.lang;
const entries = document.getElementById("entries");
const count = document.getElementById("count");

function query() {
  return "?lang=" + encodeURIComponent(lang) + (key ? "&key=" + encodeURIComponent(key) : "");
}

function cell(content) {
  const td = document.createElement("td");
  if (typeof content === "string") {
    td.textContent = content;
  } else {
    td.appendChild(content);
  }
  return td;
}

async function refresh() {
  let list;
  try {
    list = await (await fetch("/facilitator/list" + query())).json();
  } catch (err) {
    return; // try again at the next turn
  }
  count.textContent =
    list.length === 0 ? body.dataset.none : body.dataset.count.replace("{n}", String(list.length));
  const rows = list.map((entry) => {
    const row = document.createElement("tr");
    const poster = document.createElement("a");
    poster.href = "/facilitator/poster/" + encodeURIComponent(entry.file) + query();
    poster.textContent = body.dataset.poster + " (PDF)";
    const time = new Date(entry.time * 1000).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    row.append(cell(entry.name || body.dataset.noName), cell(String(entry.contacts)), cell(time), cell(poster));
    return row;
  });
  entries.replaceChildren(...rows);
}

document.getElementById("handouts").addEventListener("click", async (event) => {
  const button = event.target;
  button.disabled = true;
  try {
    const status = document.getElementById("handouts-status");
    status.textContent = "";
    const response = await fetch("/facilitator/handouts" + query(), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    if (response.status === 204) {
      status.textContent = document.body.dataset.none;
    } else if (!response.ok) {
      // The server's words, in the page's language.
      status.textContent = await response.text();
    }
    if (response.status === 200) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = "handouts.pdf";
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
  } finally {
    button.disabled = false;
  }
});

refresh();
setInterval(refresh, 3000);

// The group's portrait and figures name the participants only when the box is ticked.
const withNames = document.getElementById("with-names");
if (withNames) {
  withNames.addEventListener("change", () => {
    for (const id of ["portrait", "stats"]) {
      const link = document.getElementById(id);
      const url = new URL(link.href);
      if (withNames.checked) {
        url.searchParams.set("names", "1");
      } else {
        url.searchParams.delete("names");
      }
      link.href = url.pathname + url.search;
    }
  });
}
