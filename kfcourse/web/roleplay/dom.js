// Small DOM helpers for the player. Every text goes in through textContent: scenario and
// learner text is never parsed as HTML.

/** The catalogue's text for `key` with each `{name}` replaced by params[name]. */
export function translator(messages) {
  const table = messages || {};
  const parsed = new Map(); // text -> [text, name, text, name, ..., text] (a long debrief asks thousands of times)
  return function t(key, params) {
    const text = Object.prototype.hasOwnProperty.call(table, key) ? String(table[key]) : key;
    if (!params) return text;
    let parts = parsed.get(text);
    if (!parts) {
      parts = text.split(/\{([a-zA-Z0-9_]+)\}/);
      parsed.set(text, parts);
    }
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i];
      out += (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : `{${name}}`) + parts[i + 1];
    }
    return out;
  };
}

/**
 * h("button", {class: "x", data: {kfChoice: "a"}, on: {click: fn}, text: "Go"}, child, ...)
 * `text` sets textContent; other keys are attributes (false/null/undefined leave them out).
 */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "on") {
      for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    } else if (key === "data") {
      for (const [name, v] of Object.entries(value)) {
        if (v !== false && v !== null && v !== undefined) node.dataset[name] = v === true ? "" : String(v);
      }
    } else if (key === "class") node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/**
 * el("p", "kf-rp-why", "Why: ...", child, ...): the lean form of h() for long lists (a debrief
 * of a long path makes thousands of nodes): a class, a text (textContent) and children only.
 */
export function el(tag, className, text, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null && text !== undefined) node.textContent = String(text);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** A heading of level 1 to 6 (clamped) that can take focus from script. */
export function heading(level, text, attrs) {
  const n = Math.max(1, Math.min(6, level));
  return h(`h${n}`, { tabindex: "-1", class: "kf-rp-heading", ...(attrs || {}), text });
}

/** Paragraphs for a text with blank lines between paragraphs. */
export function paragraphs(text, attrs) {
  return String(text || "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h("p", { ...(attrs || {}), text: p }));
}

/** A list of plain texts, or nothing when the list is empty. */
export function textList(items, attrs) {
  const list = (items || []).filter((x) => String(x).trim());
  if (!list.length) return null;
  return h("ul", attrs || {}, list.map((item) => h("li", { text: item })));
}

let counter = 0;
/** An id unique on this page (for aria-labelledby). */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * What is off screen at first, made after what is on screen has been drawn: the rest of a long
 * list, or a block further down. `pieces` are functions, each appending the next part to `list`;
 * they run in order, one per task, when the page is idle (the first after the next frame), and
 * all that are left at once when the end of `list` (its last child, or itself while it is empty)
 * comes within a screen of the viewport, or the page is printed. So it is all there (for
 * find-in-page, screen readers, the keyboard and printing) within moments, long before anyone
 * could scroll, tab or read that far. Stops if `list` leaves the page. Returns a function that
 * makes the rest now.
 */
export function inPieces(list, pieces) {
  let next = 0;
  let watcher = null;
  const idle = window.requestIdleCallback ? (fn) => window.requestIdleCallback(fn, { timeout: 100 }) : (fn) => window.setTimeout(fn, 0);
  const stop = () => {
    next = pieces.length;
    if (watcher) watcher.disconnect();
    window.removeEventListener("beforeprint", rest);
  };
  const watch = () => {
    if (!watcher) return;
    watcher.disconnect();
    watcher.observe(list.lastElementChild || list);
  };
  function rest() {
    while (next < pieces.length) pieces[next++]();
    stop();
  }
  const step = () => {
    if (next >= pieces.length) return;
    if (!list.isConnected) {
      stop();
      return;
    }
    pieces[next++]();
    if (next < pieces.length) {
      watch();
      idle(step);
    } else stop();
  };
  if (!pieces.length) return () => {};
  window.addEventListener("beforeprint", rest);
  if (window.IntersectionObserver) {
    watcher = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting) && list.isConnected) rest();
    }, { rootMargin: "100% 0px" });
  }
  window.requestAnimationFrame(() => {
    watch();
    idle(step);
  });
  return rest;
}

