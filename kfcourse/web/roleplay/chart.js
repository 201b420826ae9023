// The meters along a path, drawn by the module itself (no charting library): one small panel per
// measure, one line per run, a marker per decision. The chart is one keyboard control, a slider
// over the columns (Left/Right, Home/End, PageUp/PageDown; pointer hover and click), whose
// value text and the panel beside it say which decision moved the meters and why. The same data
// is a table (pathTable) for screen readers and for printing; tests read the table.
import { h, uid } from "./dom.js";
import { bandWords, changeWords } from "./meters.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 96;
const PAD_X = 10;
const PAD_Y = 10;
const MARKERS = ["circle", "square"];
const MAX_DOTS = 60;

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  return node;
}

function xAt(i, count) {
  return count <= 1 ? WIDTH / 2 : PAD_X + (i * (WIDTH - 2 * PAD_X)) / (count - 1);
}

function yAt(value, measure) {
  const span = measure.max - measure.min || 1;
  return PAD_Y + ((measure.max - value) / span) * (HEIGHT - 2 * PAD_Y);
}

function marker(kind, x, y, className) {
  if (kind === "square") return svg("rect", { x: x - 3.5, y: y - 3.5, width: 7, height: 7, class: className });
  return svg("circle", { cx: x, cy: y, r: 4, class: className });
}

// One measure's panel: a line per series (broken where a series has no value), its markers and
// the cursor at the chosen column. Decorative: the slider and the table carry the words.
function panel(key, measure, series, columns) {
  const box = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false", class: "kf-rp-chart-svg" });
  if (measure.min < 0 && measure.max > 0) {
    const y = yAt(0, measure);
    box.appendChild(svg("line", { x1: 0, x2: WIDTH, y1: y, y2: y, class: "kf-rp-chart-zero" }));
  }
  // One path per series (a gap where the series has no value: a new "M"), not a node per segment.
  series.forEach((_, s) => {
    let d = "";
    let run = 0; // points in the current stretch (a stretch of one point draws nothing)
    columns.forEach((column, i) => {
      const value = column.values[s] ? column.values[s][key] : null;
      if (value === null || value === undefined) {
        run = 0;
        return;
      }
      d += `${run ? "L" : "M"}${xAt(i, columns.length).toFixed(1)},${yAt(value, measure).toFixed(1)}`;
      run += 1;
    });
    if (d.includes("L")) box.appendChild(svg("path", { d, class: `kf-rp-chart-line kf-rp-chart-line-${s}`, "vector-effect": "non-scaling-stroke" }));
  });
  const cursor = svg("line", { x1: 0, x2: 0, y1: 0, y2: HEIGHT, class: "kf-rp-chart-cursor", "vector-effect": "non-scaling-stroke" });
  box.appendChild(cursor);
  // Markers are drawn in HTML over the SVG, so that they stay round when the chart is stretched;
  // on a long path (more than MAX_DOTS decisions) they would touch, so the line is drawn alone.
  const dots = h("div", { class: "kf-rp-chart-dots", "aria-hidden": "true" });
  if (columns.length <= MAX_DOTS) series.forEach((_, s) => {
    columns.forEach((column, i) => {
      const value = column.values[s] ? column.values[s][key] : null;
      if (value === null || value === undefined) return;
      const left = (xAt(i, columns.length) / WIDTH) * 100;
      const top = (yAt(value, measure) / HEIGHT) * 100;
      dots.appendChild(h("span", { class: `kf-rp-chart-dot kf-rp-chart-dot-${MARKERS[s % 2]} kf-rp-chart-dot-${s}`, style: `left: ${left.toFixed(2)}%; top: ${top.toFixed(2)}%` }));
    });
  });
  return { box, cursor, dots };
}

/**
 * A chart of every measure along `columns` (see runColumns / the comparison), as a slider.
 * series: [{name}] (one for a run, two for a comparison); returns a <figure>.
 */
export function pathChart({ scenario, series, columns, t, caption, start = 0 }) {
  const measures = Object.entries(scenario.measures);
  const detailId = uid("kf-rp-chart-detail");
  const captionId = uid("kf-rp-chart-caption");
  const panels = measures.map(([key, measure]) => ({ key, measure, ...panel(key, measure, series, columns) }));
  const detail = h("div", { class: "kf-rp-chart-detail", id: detailId });
  const slider = h(
    "div",
    {
      class: "kf-rp-chart-area",
      role: "slider",
      tabindex: "0",
      "aria-labelledby": captionId,
      "aria-describedby": detailId,
      "aria-valuemin": "0",
      "aria-valuemax": String(Math.max(0, columns.length - 1)),
      "aria-orientation": "horizontal",
      data: { kfChart: "" },
    },
    panels.map((p) =>
      h(
        "div",
        { class: "kf-rp-chart-panel", "aria-hidden": "true" },
        h("p", { class: "kf-rp-chart-name" }, h("span", { text: p.measure.name }), h("span", { class: "kf-rp-chart-range", text: ` ${p.measure.max} ${p.measure.high} / ${p.measure.min} ${p.measure.low}` })),
        h("div", { class: "kf-rp-chart-plot" }, p.box, p.dots),
      ),
    ),
  );
  let current = -1;
  const show = (i) => {
    const index = Math.max(0, Math.min(columns.length - 1, i));
    if (index === current || !columns.length) return;
    current = index;
    const column = columns[index];
    slider.setAttribute("aria-valuenow", String(index));
    slider.setAttribute("aria-valuetext", column.label);
    const x = `${xAt(index, columns.length)}`;
    for (const p of panels) {
      p.cursor.setAttribute("x1", x);
      p.cursor.setAttribute("x2", x);
    }
    detail.textContent = "";
    detail.append(
      h("p", { class: "kf-rp-chart-detail-label", text: column.title || column.label }),
      ...column.detail.map((line) => h("p", { text: line })),
      h(
        "ul",
        { class: "kf-rp-chart-values" },
        measures.map(([key, measure]) =>
          h(
            "li",
            {},
            h("span", { class: "kf-rp-who", text: `${measure.name}: ` }),
            series
              .map((s, k) => {
                const value = column.values[k] ? column.values[k][key] : null;
                const change = column.changes && column.changes[k] ? column.changes[k][key] : null;
                const words = value === null || value === undefined ? t("chart.none") : valueWords(measure, value, change, t);
                return series.length > 1 ? `${s.name} ${words}` : words;
              })
              .join("; "),
          ),
        ),
      ),
    );
  };
  const pick = (event) => {
    const rect = slider.getBoundingClientRect();
    if (!rect.width) return;
    const fraction = (event.clientX - rect.left) / rect.width;
    const i = Math.round(((fraction * WIDTH - PAD_X) / (WIDTH - 2 * PAD_X)) * (columns.length - 1));
    show(i);
  };
  slider.addEventListener("pointermove", pick);
  slider.addEventListener("click", pick);
  slider.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 5, PageDown: -5 };
    if (event.key in moves) show(current + moves[event.key]);
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(columns.length - 1);
    else return;
    event.preventDefault();
  });
  show(start);
  const legend =
    series.length > 1
      ? h("ul", { class: "kf-rp-chart-legend" }, series.map((s, k) => h("li", { class: `kf-rp-chart-key kf-rp-chart-key-${k}` }, h("span", { class: `kf-rp-chart-dot kf-rp-chart-dot-${MARKERS[k % 2]} kf-rp-chart-dot-${k}`, "aria-hidden": "true" }), h("span", { text: `${s.name}: ${t(`chart.style${k}`)}` }))))
      : null;
  return h(
    "figure",
    { class: "kf-rp-chart" },
    h("figcaption", { id: captionId }, h("span", { text: caption }), " ", h("span", { class: "kf-rp-hint", text: t("chart.keys") })),
    legend,
    slider,
    detail,
  );
}

/** "2, mixed (up 1)": a value in numbers and words. */
export function valueWords(measure, value, change, t) {
  const band = bandWords(measure, value, t);
  const moved = change ? changeWords(change, t) : null;
  return moved ? `${value}, ${band} (${moved})` : `${value}, ${band}`;
}

/**
 * The same data as a table: one row per column, the decision and its "why", and each measure's
 * value (and change) for each series. Every cell is text.
 */
export function pathTable({ scenario, series, columns, t, caption, headers }) {
  const measures = Object.entries(scenario.measures);
  const head = [...headers];
  for (const [, measure] of measures) {
    for (const s of series) head.push(series.length > 1 ? `${measure.name} (${s.name})` : measure.name);
  }
  const rows = columns.map((column) => {
    const cells = [...column.cells];
    for (const [key, measure] of measures) {
      series.forEach((_, k) => {
        const value = column.values[k] ? column.values[k][key] : null;
        const change = column.changes && column.changes[k] ? column.changes[k][key] : null;
        cells.push(value === null || value === undefined ? t("chart.none") : valueWords(measure, value, change, t));
      });
    }
    return cells;
  });
  return h(
    "div",
    { class: "kf-rp-table-wrap", role: "region", tabindex: "0", "aria-label": caption },
    h(
      "table",
      { class: "kf-rp-table", data: { kfTable: "" } },
      h("caption", { text: caption }),
      h("thead", {}, h("tr", {}, head.map((text) => h("th", { scope: "col", text })))),
      h(
        "tbody",
        {},
        rows.map((cells, r) =>
          h(
            "tr",
            { data: { kfRow: columns[r].key ?? r } },
            cells.map((text, i) => (i === 0 ? h("th", { scope: "row", text }) : h("td", { "data-label": head[i], text }))),
          ),
        ),
      ),
    ),
  );
}
