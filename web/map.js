// netkaart serve: the map as the page's input. Typst's drawing of the map, with its cells and
// names laid over it where the server laid them out (the preview's `map`): tap or click a
// cell to add someone there, drag a name to another cell, tap a name to open its entry. The
// cells (one tab stop, then the arrow keys) and the names (a tab stop each) are reached by
// keyboard and named for screen readers. Nothing here decides where a name goes: the
// server's layout does, and the page shows what it decided.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const MM_PER_PT = 25.4 / 72;
// The zoom steps: the map at the width of its column, and larger in a box that scrolls.
const ZOOMS = [1, 1.5, 2, 3];
// How far a pointer moves before a press on a name becomes a drag, px.
const DRAG = 8;
// The smallest tap target, px (WCAG's 44 px).
const TARGET = 44;

function svg(name, attrs) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) {
    el.setAttribute(k, v);
  }
  return el;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

// The outline of the cell between radii r0 and r1 and angles a0 and a1 (radians, clockwise
// from the right, y down), mm.
function cellPath(r0, r1, a0, a1) {
  const p = (r, a) => (r * Math.cos(a)).toFixed(2) + " " + (r * Math.sin(a)).toFixed(2);
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return "M" + p(r0, a0) + "L" + p(r1, a0) + "A" + r1 + " " + r1 + " 0 " + large + " 1 " + p(r1, a1) +
    "L" + p(r0, a1) + "A" + r0 + " " + r0 + " 0 " + large + " 0 " + p(r0, a0) + "Z";
}

// The map in `drawing`; `on` is told what the participant does: add(cell, name, organisation,
// desired), move(contact, cell), open(contact).
export function createMap(drawing, on) {
  const words = drawing.dataset;
  const stage = document.createElement("div");
  stage.className = "stage";
  const picture = document.createElement("div");
  picture.className = "picture";
  const overlay = svg("svg", { class: "overlay", role: "group", "aria-label": words.label });
  stage.append(picture, overlay);
  drawing.replaceChildren(stage);

  let map = null; // the last map the server laid out
  let zoom = window.matchMedia("(max-width: 40rem)").matches ? 2 : 1;
  let roving = [0, 0]; // the cell that takes the tab stop
  let adder = null;
  let mode = "map";
  // Whether a zoomed map was scrolled to its centre yet (once: later the participant's
  // scrolling stays).
  let centred = false;

  const cellName = (cell) => (map ? map.cells[cell[0]][cell[1]] : "");

  // The cell under a point of the map (mm from the centre), or null.
  function cellAt(x, y) {
    const r = Math.hypot(x, y);
    const band = map.bands.findIndex((b) => r >= b.from && r < b.to);
    if (band < 0) {
      return null;
    }
    const first = map.sectors[0].from;
    let a = Math.atan2(y, x);
    while (a < first) {
      a += 2 * Math.PI;
    }
    while (a >= first + 2 * Math.PI) {
      a -= 2 * Math.PI;
    }
    const sector = map.sectors.findIndex((s) => a >= s.from && a < s.to);
    return sector < 0 ? null : [sector, band];
  }

  // A pointer's place on the map, mm from the centre.
  function toMap(event) {
    const point = overlay.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const m = overlay.getScreenCTM();
    return m ? point.matrixTransform(m.inverse()) : { x: 0, y: 0 };
  }

  // Pixels per millimetre of the map as shown.
  function scale() {
    const vb = overlay.viewBox.baseVal;
    return vb && vb.width ? overlay.getBoundingClientRect().width / vb.width : 1;
  }

  // The map's width at zoom 1: its column, or less where the window is too low to show it
  // whole.
  function fitWidth() {
    const root = picture.firstElementChild;
    const vb = root && root.viewBox ? root.viewBox.baseVal : null;
    const column = drawing.clientWidth;
    if (!vb || !vb.height || mode !== "map") {
      return column;
    }
    // Below the map's heading and buttons, which stay in view with it.
    const section = drawing.parentElement.getBoundingClientRect();
    const above = drawing.getBoundingClientRect().top - section.top;
    const room = window.innerHeight - above - 16;
    return Math.max(Math.min(column, (room * vb.width) / vb.height), Math.min(column, 320));
  }

  function setZoom(z) {
    zoom = z;
    stage.style.width = Math.round(fitWidth() * zoom) + "px";
    for (const button of document.querySelectorAll("[data-zoom]")) {
      const next = ZOOMS.indexOf(zoom) + Number(button.dataset.zoom);
      button.disabled = next < 0 || next >= ZOOMS.length;
    }
    sizeTargets();
  }

  // Each name's target at least TARGET px tall and wide, centred on the name, however small
  // the map is shown.
  function sizeTargets() {
    const least = TARGET / scale();
    for (const rect of overlay.querySelectorAll(".name")) {
      const [x0, y0, x1, y1] = rect.dataset.box.split(" ").map(Number);
      const w = Math.max(x1 - x0, least);
      const h = Math.max(y1 - y0, least);
      rect.setAttribute("x", (x0 + x1) / 2 - w / 2);
      rect.setAttribute("y", (y0 + y1) / 2 - h / 2);
      rect.setAttribute("width", w);
      rect.setAttribute("height", h);
      rect.setAttribute("rx", Math.min(w, h) / 2);
    }
  }

  // ---- Drawing --------------------------------------------------------------------------

  function draw(svgText, data, view) {
    mode = view;
    if (svgText) {
      const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
      picture.replaceChildren(document.importNode(doc.documentElement, true));
    }
    map = data || map;
    drawing.classList.toggle("poster", view !== "map");
    // The cell or the name that has the focus keeps it in the new drawing.
    const focused = overlay.contains(document.activeElement) ? document.activeElement : null;
    const again = focused && focused.classList.contains("name")
      ? `.name[data-contact="${focused.dataset.contact}"]`
      : focused ? ".cell[tabindex='0']" : null;
    overlay.replaceChildren();
    if (view !== "map" || !map) {
      setZoom(zoom);
      return;
    }
    // The overlay's millimetres over Typst's points: the map's box stands in the middle of
    // the page Typst made for it, with the same margin on every side.
    const root = picture.firstElementChild;
    const vb = root.viewBox.baseVal;
    const w = vb.width * MM_PER_PT;
    const h = vb.height * MM_PER_PT;
    const mx = (w - map.box.left - map.box.right) / 2;
    const my = (h - map.box.top - map.box.bottom) / 2;
    overlay.setAttribute("viewBox", [-map.box.left - mx, -map.box.top - my, w, h].join(" "));
    const cells = svg("g", { class: "cells" });
    map.sectors.forEach((s, i) => {
      map.bands.forEach((b, j) => {
        const path = svg("path", {
          d: cellPath(b.from, b.to, s.from, s.to),
          class: "cell",
          role: "button",
          tabindex: i === roving[0] && j === roving[1] ? "0" : "-1",
          "aria-label": fill(words.cell, { cell: cellName([i, j]) }),
        });
        path.dataset.sector = i;
        path.dataset.band = j;
        const r = (b.from + b.to) / 2;
        const a = (s.from + s.to) / 2;
        path.dataset.middle = (r * Math.cos(a)).toFixed(2) + " " + (r * Math.sin(a)).toFixed(2);
        cells.appendChild(path);
      });
    });
    const names = svg("g", { class: "names" });
    map.contacts.forEach((c, i) => {
      if (!c.rect) {
        return;
      }
      const r = c.rect;
      const rect = svg("rect", {
        class: "name",
        role: "button",
        tabindex: "0",
        "aria-label": fill(words.contact, { name: c.name, cell: cellName(c.cell) }),
      });
      rect.dataset.box = [r.x0, r.y0, r.x1, r.y1].join(" ");
      rect.dataset.contact = i;
      names.appendChild(rect);
    });
    overlay.append(cells, names);
    setZoom(zoom);
    const back = again && overlay.querySelector(again);
    if (back) {
      back.focus({ preventScroll: true });
    }
    if (!centred && zoom > 1) {
      centred = true;
      drawing.scrollLeft = (stage.offsetWidth - drawing.clientWidth) / 2;
      drawing.scrollTop = (stage.offsetHeight - drawing.clientHeight) / 2;
    }
  }

  // ---- Adding -----------------------------------------------------------------------------

  function closeAdder(focusCell) {
    if (!adder) {
      return;
    }
    adder.remove();
    adder = null;
    if (focusCell) {
      const path = overlay.querySelector(".cell[tabindex='0']");
      if (path) {
        path.focus();
      }
    }
  }

  // The box to add a contact in `cell`, opened near `at` (px in the stage).
  function openAdder(cell, at) {
    closeAdder(false);
    setRoving(cell);
    const form = document.getElementById("adder").content.firstElementChild.cloneNode(true);
    form.querySelector(".adder-title").textContent = fill(form.dataset.title, { cell: cellName(cell) });
    const desiredBand = map.bands[cell[1]].ring === null;
    const level = form.querySelector("[data-toggle=level]");
    const status = form.querySelector("[data-toggle=status]");
    level.textContent = map.levels[1];
    status.textContent = map.statuses[1];
    status.setAttribute("aria-pressed", String(desiredBand));
    // In the desired band every contact is desired.
    status.disabled = desiredBand;
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-toggle]");
      if (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
      } else if (event.target.closest("[data-close]")) {
        closeAdder(true);
      }
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closeAdder(true);
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = form.querySelector("input").value.trim();
      if (!name) {
        form.querySelector("input").focus();
        return;
      }
      const organisation = level.getAttribute("aria-pressed") === "true";
      const desired = status.getAttribute("aria-pressed") === "true";
      pending(cell, name, at);
      closeAdder(true);
      on.add(cell, name, organisation, desired);
    });
    stage.appendChild(form);
    const width = Math.min(form.offsetWidth || 260, stage.clientWidth);
    form.style.left = Math.max(0, Math.min(at.x - width / 2, stage.clientWidth - width)) + "px";
    form.style.top = Math.max(0, Math.min(at.y + 12, stage.clientHeight - form.offsetHeight)) + "px";
    adder = form;
    // Its buttons in view too, on a short screen.
    form.scrollIntoView({ block: "nearest", inline: "nearest" });
    form.querySelector("input").focus({ preventScroll: true });
  }

  // A name just added, marked where it was tapped until the server has placed it.
  function pending(cell, name, at) {
    const p = toMapFromStage(at);
    const text = svg("text", { class: "pending", x: p.x, y: p.y, "text-anchor": "middle" });
    text.textContent = name;
    overlay.appendChild(text);
  }

  function toMapFromStage(at) {
    const box = stage.getBoundingClientRect();
    return toMap({ clientX: box.left + at.x, clientY: box.top + at.y });
  }

  // A cell's middle, px in the stage.
  function middleOf(cell) {
    const path = overlay.querySelector(`.cell[data-sector="${cell[0]}"][data-band="${cell[1]}"]`);
    const [x, y] = path.dataset.middle.split(" ").map(Number);
    const point = overlay.createSVGPoint();
    point.x = x;
    point.y = y;
    const screen = point.matrixTransform(overlay.getScreenCTM());
    const box = stage.getBoundingClientRect();
    return { x: screen.x - box.left, y: screen.y - box.top };
  }

  function setRoving(cell) {
    roving = cell;
    for (const path of overlay.querySelectorAll(".cell")) {
      const mine = Number(path.dataset.sector) === cell[0] && Number(path.dataset.band) === cell[1];
      path.setAttribute("tabindex", mine ? "0" : "-1");
    }
  }

  // ---- Pointer: tap a cell, tap or drag a name --------------------------------------------

  let press = null; // { contact, x, y, ghost, target, id }

  overlay.addEventListener("pointerdown", (event) => {
    const name = event.target.closest(".name");
    if (!name || event.button > 0) {
      return;
    }
    press = { contact: Number(name.dataset.contact), x: event.clientX, y: event.clientY, ghost: null, id: event.pointerId };
    overlay.setPointerCapture(event.pointerId);
  });

  overlay.addEventListener("pointermove", (event) => {
    if (!press || event.pointerId !== press.id) {
      return;
    }
    if (!press.ghost && Math.hypot(event.clientX - press.x, event.clientY - press.y) < DRAG) {
      return;
    }
    if (!press.ghost) {
      press.ghost = document.createElement("div");
      press.ghost.className = "ghost";
      press.ghost.textContent = map.contacts[press.contact].name;
      document.body.appendChild(press.ghost);
    }
    press.ghost.style.left = event.clientX + "px";
    press.ghost.style.top = event.clientY + "px";
    const p = toMap(event);
    const cell = cellAt(p.x, p.y);
    for (const path of overlay.querySelectorAll(".cell.target")) {
      path.classList.remove("target");
    }
    if (cell) {
      const path = overlay.querySelector(`.cell[data-sector="${cell[0]}"][data-band="${cell[1]}"]`);
      path.classList.add("target");
      press.ghost.title = fill(words.drop, { name: map.contacts[press.contact].name, cell: cellName(cell) });
    }
  });

  function endPress(event, cancelled) {
    if (!press || event.pointerId !== press.id) {
      return;
    }
    const { contact, ghost } = press;
    press = null;
    for (const path of overlay.querySelectorAll(".cell.target")) {
      path.classList.remove("target");
    }
    if (ghost) {
      ghost.remove();
      const p = toMap(event);
      const cell = cancelled ? null : cellAt(p.x, p.y);
      const was = map.contacts[contact].cell;
      if (cell && (cell[0] !== was[0] || cell[1] !== was[1])) {
        on.move(contact, cell);
      }
    } else if (!cancelled && event.pointerType === "touch") {
      // A finger's press on a name sends no click (touchstart is taken, below).
      on.open(contact);
    } else if (!cancelled) {
      // Opened on the click that follows (or, without one, a moment later): opening scrolls
      // the page, and a click that landed after the scroll would take the focus away.
      tapped = { contact, timer: setTimeout(openTapped, 400) };
    }
  }

  // A finger on a name drags the name, not the page: Chromium does not take `touch-action`
  // from an SVG element, so its touch is taken before the page scrolls.
  overlay.addEventListener(
    "touchstart",
    (event) => {
      if (event.target.closest(".name")) {
        event.preventDefault();
      }
    },
    { passive: false },
  );

  let tapped = null;
  function openTapped() {
    if (tapped) {
      clearTimeout(tapped.timer);
      const { contact } = tapped;
      tapped = null;
      on.open(contact);
    }
  }

  overlay.addEventListener("pointerup", (event) => endPress(event, false));
  overlay.addEventListener("pointercancel", (event) => endPress(event, true));

  overlay.addEventListener("click", (event) => {
    if (tapped) {
      event.preventDefault();
      openTapped();
      return;
    }
    const path = event.target.closest(".cell");
    if (!path || !map) {
      return;
    }
    const cell = [Number(path.dataset.sector), Number(path.dataset.band)];
    const box = stage.getBoundingClientRect();
    // A click from the keyboard (Enter on a cell) has no place: the cell's middle.
    const at = event.detail === 0 ? middleOf(cell) : { x: event.clientX - box.left, y: event.clientY - box.top };
    openAdder(cell, at);
  });

  // ---- Keyboard ---------------------------------------------------------------------------

  overlay.addEventListener("keydown", (event) => {
    const path = event.target.closest(".cell");
    const name = event.target.closest(".name");
    if (name && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      on.open(Number(name.dataset.contact));
      return;
    }
    if (!path) {
      return;
    }
    let [sector, band] = [Number(path.dataset.sector), Number(path.dataset.band)];
    const sectors = map.sectors.length;
    const bands = map.bands.length;
    switch (event.key) {
      case "ArrowRight":
        sector = (sector + 1) % sectors;
        break;
      case "ArrowLeft":
        sector = (sector + sectors - 1) % sectors;
        break;
      case "ArrowUp":
        band = Math.min(bands - 1, band + 1);
        break;
      case "ArrowDown":
        band = Math.max(0, band - 1);
        break;
      case "Enter":
      case " ":
        event.preventDefault();
        openAdder([sector, band], middleOf([sector, band]));
        return;
      default:
        return;
    }
    event.preventDefault();
    setRoving([sector, band]);
    overlay.querySelector(".cell[tabindex='0']").focus();
  });

  window.addEventListener("resize", () => setZoom(zoom));

  for (const button of document.querySelectorAll("[data-zoom]")) {
    button.addEventListener("click", () => {
      const next = ZOOMS[ZOOMS.indexOf(zoom) + Number(button.dataset.zoom)];
      if (next) {
        setZoom(next);
      }
    });
  }

  return {
    draw,
    // The name of `contact` on the map brought into view and focused; false when it has
    // none there.
    focus(contact) {
      const rect = overlay.querySelector(`.name[data-contact="${contact}"]`);
      if (!rect) {
        drawing.scrollIntoView({ block: "nearest" });
        return false;
      }
      rect.scrollIntoView({ block: "center", inline: "center" });
      rect.focus({ preventScroll: true });
      rect.classList.add("flash");
      setTimeout(() => rect.classList.remove("flash"), 1500);
      return true;
    },
    // Marks `contact`'s name for a moment, where the server put it.
    flash(contact) {
      const rect = overlay.querySelector(`.name[data-contact="${contact}"]`);
      if (rect) {
        rect.classList.add("flash");
        setTimeout(() => rect.classList.remove("flash"), 1500);
      }
    },
    get data() {
      return map;
    },
  };
}
