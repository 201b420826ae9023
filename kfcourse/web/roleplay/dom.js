// Small DOM helpers for the player. Every text goes in through textContent: scenario and
// learner text is never parsed as HTML.

/** The catalogue's text for `key` with each `{name}` replaced by params[name]. */
export function translator(messages) {
  const table = messages || {};
  return function t(key, params) {
    const text = Object.prototype.hasOwnProperty.call(table, key) ? String(table[key]) : key;
    if (!params) return text;
    return text.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
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
