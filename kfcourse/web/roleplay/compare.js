// Two runs of one scenario side by side: the paths aligned by decision point (align.js, the twin
// of kfcourse.journal.compare), both runs' meters on one chart, who decided at each point and
// where the runs parted, and the two endings. A table carries all of it for screen readers; at
// 320 px its rows stack.
import { compareRuns } from "./align.js";
import { el, h, heading, inPieces, uid } from "./dom.js";
import { pathChart, valueWords } from "./chart.js";
import { decisionText, pointTitle } from "./transcript.js";
import { startValues } from "./debrief.js";

const ROWS_PER_GROUP = 25; // rows per <tbody>, each laid out only when near the screen when stacked
const EAGER_ROWS = 50; // a long comparison's first rows, shown at once (the rest straight after)

function byNumber(trace) {
  const steps = new Map();
  for (const step of trace || []) steps.set(step.n, step);
  return steps;
}

let formatter = null; // one per page: making a formatter costs far more than using one

function dateFormatter() {
  if (!formatter) formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  return formatter;
}

/** Make the date formatter while the page is idle (the first one costs tens of milliseconds),
 * so that the comparison after an ending does not wait for it. */
export function warmUp() {
  const idle = window.requestIdleCallback || ((fn) => window.setTimeout(fn, 200));
  idle(() => dateFormatter());
}

/** When a run was last changed, in the learner's local time. */
export function runTime(run) {
  const date = new Date(run.updated || run.created || "");
  if (Number.isNaN(date.getTime())) return "";
  return dateFormatter().format(date);
}

export function endingTitle(scenario, run, t) {
  if (!run.ending) return t("compare.unfinished");
  const ending = (scenario.endings || {})[run.ending];
  return (ending && ending.title) || run.ending_title || run.ending;
}

export function sideWords(scenario, side, t) {
  if (side === "pair") return t("compare.sidePair");
  const role = scenario.roles[side];
  return role ? t(`compare.side.${side}`, { name: role.name }) : String(side);
}

/** A run in words, for the run pickers: when, which side, how it ended. */
export function runLabel(scenario, run, t, current) {
  const parts = [runTime(run), sideWords(scenario, run.side, t), endingTitle(scenario, run, t)].filter(Boolean);
  return current ? t("compare.thisRun", { run: parts.join(", ") }) : parts.join(", ");
}

/**
 * The comparison of two run entries (journal shape: trace, side, measures_start, ending,
 * scenario_hash). Returns a <div>; a pair that cannot be compared says why.
 */
export function comparisonView({ scenario, a, b, t, level, names }) {
  const wrap = h("div", { class: "kf-rp-compare-result", data: { kfComparison: "" } });
  let result;
  try {
    result = compareRuns(a, b);
  } catch (error) {
    result = { reason: error && error.message ? error.message : String(error) };
  }
  if (!result || result.reason || !Array.isArray(result.rows)) {
    wrap.appendChild(h("p", { class: "kf-rp-alert-text", role: "alert", text: t("compare.cannot", { reason: (result && result.reason) || "?" }) }));
    return wrap;
  }
  const [nameA, nameB] = names || [t("compare.runA"), t("compare.runB")];
  const stepsA = byNumber(a.trace);
  const stepsB = byNumber(b.trace);
  const ctxA = { scenario, mode: a.side, t };
  const ctxB = { scenario, mode: b.side, t };
  if (!result.same_version) wrap.appendChild(h("p", { class: "kf-rp-note-text", data: { kfVersions: "" }, text: t("compare.versions") }));

  wrap.appendChild(
    h(
      "ul",
      { class: "kf-rp-compare-endings" },
      h("li", { data: { kfEndingA: a.ending || "" } }, h("span", { class: "kf-rp-who", text: `${nameA} (${sideWords(scenario, a.side, t)}): ` }), h("span", { text: endingTitle(scenario, a, t) })),
      h("li", { data: { kfEndingB: b.ending || "" } }, h("span", { class: "kf-rp-who", text: `${nameB} (${sideWords(scenario, b.side, t)}): ` }), h("span", { text: endingTitle(scenario, b, t) })),
    ),
  );
  const parted = result.parted;
  wrap.appendChild(
    h("p", { class: "kf-rp-compare-parted", data: { kfParted: parted === null || parted === undefined ? "" : result.rows[parted].point } }, parted === null || parted === undefined ? t("compare.samePath") : t("compare.parted", { n: parted + 1, point: pointTitle(scenario, result.rows[parted].point) })),
  );

  // Each step's words once (the chart's columns and the table's rows both use them).
  const words = (steps, n, ctx) => (n === null || n === undefined ? t("compare.notHere") : decisionText(steps.get(n), ctx));
  const aligned = result.rows.map((row, i) => {
    const sa = row.a === null || row.a === undefined ? null : stepsA.get(row.a);
    const sb = row.b === null || row.b === undefined ? null : stepsB.get(row.b);
    const da = words(stepsA, row.a, ctxA);
    const db = words(stepsB, row.b, ctxB);
    return { row, i, sa, sb, da, db, title: pointTitle(scenario, row.point), wa: `${nameA}: ${da}`, wb: `${nameB}: ${db}` };
  });
  const columns = [
    {
      key: "start",
      label: t("chart.start"),
      detail: [],
      values: [startValues(scenario, a), startValues(scenario, b)],
      changes: [null, null],
    },
    ...aligned.map(({ i, sa, sb, title, wa, wb }) => ({
      key: i + 1,
      label: t("compare.columnFull", { n: i + 1, point: title, a: wa, b: wb }),
      title: t("compare.column", { n: i + 1, point: title }),
      detail: [wa, wb],
      values: [sa ? sa.measures : null, sb ? sb.measures : null],
      changes: [sa ? sa.changes : null, sb ? sb.changes : null],
    })),
  ];
  const series = [{ name: nameA }, { name: nameB }];
  wrap.appendChild(heading(level + 1, t("compare.chartHeading")));
  wrap.appendChild(pathChart({ scenario, series, columns, t, caption: t("compare.chartCaption", { a: nameA, b: nameB }), start: 0 }));

  // The aligned paths as a table: one row per decision point met by either run. Rows come in
  // groups of ROWS_PER_GROUP (a <tbody> each), so that a long comparison off screen is not laid
  // out until it is scrolled to (content-visibility on each group, roleplay.css).
  const measures = Object.entries(scenario.measures);
  const headers = [t("compare.point"), nameA, nameB, t("compare.same")];
  const said = new Map(); // "key value change" -> its words (a long comparison repeats them)
  const valueSaid = (key, m, value, change) => {
    const memo = `${key} ${value} ${change}`;
    if (!said.has(memo)) said.set(memo, `${m.name} ${valueWords(m, value, change, t)}`);
    return said.get(memo);
  };
  const meters = (step) => measures.map(([key, m]) => valueSaid(key, m, step.measures[key], (step.changes || {})[key])).join("; ");
  const cell = (step, decided) => (step ? `${decided} ${t("compare.meters", { meters: meters(step) })}` : t("compare.notHere"));
  const yes = t("compare.yes");
  const no = t("compare.no");
  const partedHere = t("compare.partedHere");
  const onlyA = t("compare.onlyA", { a: nameA, b: nameB });
  const onlyB = t("compare.onlyB", { a: nameA, b: nameB });
  const captionId = uid("kf-rp-compare");
  const table = h(
    "table",
    { class: "kf-rp-table kf-rp-compare-table", role: "table", "aria-labelledby": captionId, data: { kfCompareTable: "" } },
    h("caption", { id: captionId, text: t("compare.tableCaption", { a: nameA, b: nameB }) }),
    h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, headers.map((text) => h("th", { scope: "col", role: "columnheader", text })))),
  );
  // One row made by hand and cloned for the others (cheaper than making each cell anew).
  const model = el("tr");
  model.setAttribute("role", "row");
  const first = el("th");
  first.setAttribute("scope", "row");
  first.setAttribute("role", "rowheader");
  model.appendChild(first);
  for (let c = 1; c < headers.length; c += 1) {
    const td = el("td");
    td.setAttribute("role", "cell");
    td.setAttribute("data-label", headers[c]);
    model.appendChild(td);
  }
  const addRow = (group, { row, i, sa, sb, da, db, title }) => {
    const tr = model.cloneNode(true);
    if (i === parted) tr.className = "kf-rp-parted";
    tr.setAttribute("data-kf-row", String(i + 1));
    if (row.point !== null && row.point !== undefined) tr.setAttribute("data-kf-point", row.point);
    tr.setAttribute("data-kf-a", String(row.a ?? ""));
    tr.setAttribute("data-kf-b", String(row.b ?? ""));
    tr.setAttribute("data-kf-same", row.same ? "true" : "false");
    const cells = tr.children;
    cells[0].textContent = `${i + 1}. ${title}${i === parted ? ` (${partedHere})` : ""}`;
    cells[1].textContent = cell(sa, da);
    cells[2].textContent = cell(sb, db);
    cells[3].textContent = !sa || !sb ? (sa ? onlyA : onlyB) : row.same ? yes : no;
    group.appendChild(tr);
  };
  const addGroup = (rows) => {
    const group = el("tbody");
    group.setAttribute("role", "rowgroup");
    for (const row of rows) addRow(group, row);
    table.appendChild(group);
  };
  // A long comparison shows its first rows at once and makes the rest straight after.
  const eager = aligned.slice(0, EAGER_ROWS);
  if (!eager.length) addGroup([]);
  for (let i = 0; i < eager.length; i += ROWS_PER_GROUP) addGroup(eager.slice(i, i + ROWS_PER_GROUP));
  const pieces = [];
  for (let i = EAGER_ROWS; i < aligned.length; i += ROWS_PER_GROUP) pieces.push(() => addGroup(aligned.slice(i, i + ROWS_PER_GROUP)));
  if (pieces.length) inPieces(table, pieces);
  wrap.appendChild(heading(level + 1, t("compare.tableHeading")));
  wrap.appendChild(table);
  return wrap;
}

/**
 * The "Compare two runs" block: two pickers over the journal's runs of this scenario and the
 * comparison. ctx: {scenario, t, level, host, run (this run's id), follows, current (this run
 * as an entry)}. Other runs come from host.listRuns() (the browser journal, or Python's file).
 */
export function compareSection(ctx) {
  const { t, level, scenario } = ctx;
  const section = h("section", { class: "kf-rp-compare", data: { kfCompare: "" } });
  const title = heading(level + 1, t("compare.heading"));
  title.id = uid("kf-rp-compare-title");
  section.setAttribute("aria-labelledby", title.id);
  section.append(title, h("p", { text: t("compare.intro") }));
  const body = h("div", { class: "kf-rp-compare-body" }, h("p", { class: "kf-rp-hint", text: t("compare.loading") }));
  const result = h("div", { class: "kf-rp-compare-output", "aria-live": "polite" });
  section.append(body, result);
  // After the debrief has been drawn: the comparison comes a frame later, not in its way.
  new Promise((resolve) => window.requestAnimationFrame(() => window.setTimeout(resolve, 0)))
    .then(() => ctx.host.listRuns())
    .then((runs) => {
      body.textContent = "";
      // This run as the screen has it (the journal's copy may still lack the last step).
      const live = ctx.current ? [ctx.current] : [];
      const held = (runs || []).filter((r) => r && !live.some((x) => x.id === r.id));
      const usable = [...live, ...held].filter((r) => r && r.scenario_id === scenario.id && Array.isArray(r.trace) && r.trace.length);
      usable.sort((x, y) => String(y.updated || "").localeCompare(String(x.updated || "")));
      if (usable.length < 2) {
        body.appendChild(h("p", { data: { kfCompareNone: "" }, text: t("compare.none") }));
        return;
      }
      const ids = usable.map((r) => r.id);
      const current = ids.includes(ctx.run) ? ctx.run : ids[0];
      const linked = usable.find((r) => r.id !== current && (r.id === (ctx.follows && ctx.follows.run) || r.related_entry === current));
      const other = (linked || usable.find((r) => r.id !== current)).id;
      const picker = (label, chosen, marker) => {
        const id = uid("kf-rp-pick");
        const select = h(
          "select",
          { id, class: "kf-rp-select", data: marker },
          usable.map((r) => h("option", { value: r.id, selected: r.id === chosen ? true : null, text: runLabel(scenario, r, t, r.id === ctx.run) })),
        );
        return { select, field: h("p", { class: "kf-rp-field" }, h("label", { for: id, class: "kf-rp-label", text: label }), select) };
      };
      const first = picker(t("compare.first"), other, { kfCompareA: "" });
      const second = picker(t("compare.second"), current, { kfCompareB: "" });
      const go = h("button", { type: "button", class: "kf-rp-button kf-rp-primary", data: { kfCompareGo: "" }, text: t("compare.go") });
      const show = () => {
        const a = usable.find((r) => r.id === first.select.value);
        const b = usable.find((r) => r.id === second.select.value);
        result.textContent = "";
        if (!a || !b || a.id === b.id) {
          result.appendChild(h("p", { text: t("compare.pickTwo") }));
          return;
        }
        const nameA = t("compare.runA");
        const nameB = t("compare.runB");
        result.appendChild(comparisonView({ scenario, a, b, t, level: level + 1, names: [nameA, nameB] }));
      };
      go.addEventListener("click", (event) => {
        event.preventDefault();
        show();
      });
      body.append(first.field, second.field, go);
      show();
    })
    .catch((error) => {
      body.textContent = "";
      body.appendChild(h("p", { role: "alert", text: t("compare.failed", { reason: error && error.message ? error.message : String(error) }) }));
    });
  return section;
}
