// netkaart serve: send the form's fields after a pause in typing, draw the preview, and
// show each problem at its field. No library, no inline script (the page's
// Content-Security-Policy forbids it); every text from the server is set as text.
"use strict";

const form = document.getElementById("answers");
const drawing = document.getElementById("drawing");
const status = document.getElementById("status");
const lang = document.body.dataset.lang;
let timer = null;
let sent = 0;

// Each field as [key, answer]; the boxes of one question joined with "; ".
function fields() {
  const out = new Map();
  for (const el of form.querySelectorAll("[data-key]")) {
    const key = el.dataset.key;
    if (el.type === "checkbox") {
      if (el.checked) {
        out.set(key, out.has(key) && out.get(key) ? out.get(key) + "; " + el.value : el.value);
      } else if (!out.has(key)) {
        out.set(key, "");
      }
    } else {
      out.set(key, el.value);
    }
  }
  return Array.from(out.entries()).filter(([, v]) => v.trim() !== "");
}

function clearProblems() {
  for (const el of form.querySelectorAll(".problem")) {
    el.textContent = "";
  }
}

function show(said, kind) {
  for (const item of said) {
    const id = item.field ? "f-" + item.field.replace(/\./g, "-") + "-problem" : null;
    const el = id ? document.getElementById(id) : null;
    if (el) {
      el.textContent = item.message;
      el.dataset.kind = kind;
    } else {
      status.textContent = item.message;
    }
  }
}

async function preview() {
  const mine = ++sent;
  const response = await fetch("/preview?lang=" + encodeURIComponent(lang), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fields: fields() }),
  });
  if (mine !== sent) {
    return; // a newer preview is on its way
  }
  const answer = await response.json();
  clearProblems();
  status.textContent = "";
  if (answer.svg) {
    const doc = new DOMParser().parseFromString(answer.svg, "image/svg+xml");
    drawing.replaceChildren(document.importNode(doc.documentElement, true));
  }
  show(answer.warnings || [], "warning");
  show(answer.problems || [], "problem");
}

form.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(preview, 300);
});
preview();
