// Two runs of one scenario side by side: the paths aligned by decision point (align.js, the twin
// of kfcourse.journal.compare), both runs' meters on one chart, who decided at each point and
// where the runs parted, and the two endings. A table carries all of it for screen readers; at
// 320 px its rows stack.
import { compareRuns } from "./align.js";
import { h, heading, uid } from "./dom.js";
import { pathChart, valueWords } from "./chart.js";
import { decisionText, pointTitle } from "./transcript.js";
import { startValues } from "./debrief.js";

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

  const describe = (steps, n, ctx) => (n === null || n === undefined ? t("compare.notHere") : decisionText(steps.get(n), ctx));
  const columns = [
    {
      key: "start",
      label: t("chart.start"),
      detail: [],
      values: [startValues(scenario, a), startValues(scenario, b)],
      changes: [null, null],
    },
    ...result.rows.map((row, i) => {
      const sa = row.a === null || row.a === undefined ? null : stepsA.get(row.a);
      const sb = row.b === null || row.b === undefined ? null : stepsB.get(row.b);
      return {
        key: i + 1,
        label: t("compare.columnFull", { n: i + 1, point: pointTitle(scenario, row.point), a: `${nameA}: ${describe(stepsA, row.a, ctxA)}`, b: `${nameB}: ${describe(stepsB, row.b, ctxB)}` }),
        title: t("compare.column", { n: i + 1, point: pointTitle(scenario, row.point) }),
        detail: [`${nameA}: ${describe(stepsA, row.a, ctxA)}`, `${nameB}: ${describe(stepsB, row.b, ctxB)}`],
        values: [sa ? sa.measures : null, sb ? sb.measures : null],
        changes: [sa ? sa.changes : null, sb ? sb.changes : null],
      };
    }),
  ];
  const series = [{ name: nameA }, { name: nameB }];
  wrap.appendChild(heading(level + 1, t("compare.chartHeading")));
  wrap.appendChild(pathChart({ scenario, series, columns, t, caption: t("compare.chartCaption", { a: nameA, b: nameB }), start: 0 }));

  // The aligned paths as a table: one row per decision point met by either run.
  const measures = Object.entries(scenario.measures);
  const headers = [t("compare.point"), nameA, nameB, t("compare.same")];
  const rows = result.rows.map((row, i) => {
    const sa = row.a === null || row.a === undefined ? null : stepsA.get(row.a);
    const sb = row.b === null || row.b === undefined ? null : stepsB.get(row.b);
    const meters = (step) =>
      step
        ? measures.map(([key, m]) => `${m.name} ${valueWords(m, step.measures[key], (step.changes || {})[key], t)}`).join("; ")
        : "";
    const cell = (step, steps, n, ctx) => (step ? `${describe(steps, n, ctx)} ${t("compare.meters", { meters: meters(step) })}` : t("compare.notHere"));
    const same = !sa || !sb ? t(sa ? "compare.onlyA" : "compare.onlyB", { a: nameA, b: nameB }) : row.same ? t("compare.yes") : t("compare.no");
    const name = `${i + 1}. ${pointTitle(scenario, row.point)}${i === parted ? ` (${t("compare.partedHere")})` : ""}`;
    return { row, i, cells: [name, cell(sa, stepsA, row.a, ctxA), cell(sb, stepsB, row.b, ctxB), same] };
  });
  const captionId = uid("kf-rp-compare");
  wrap.appendChild(heading(level + 1, t("compare.tableHeading")));
  wrap.appendChild(
    h(
      "table",
      { class: "kf-rp-table kf-rp-compare-table", role: "table", "aria-labelledby": captionId, data: { kfCompareTable: "" } },
      h("caption", { id: captionId, text: t("compare.tableCaption", { a: nameA, b: nameB }) }),
      h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, headers.map((text) => h("th", { scope: "col", role: "columnheader", text })))),
      h(
        "tbody",
        { role: "rowgroup" },
        rows.map(({ row, i, cells }) =>
          h(
            "tr",
            { role: "row", class: i === parted ? "kf-rp-parted" : null, data: { kfRow: i + 1, kfPoint: row.point, kfA: row.a ?? "", kfB: row.b ?? "", kfSame: row.same ? "true" : "false" } },
            cells.map((text, c) => (c === 0 ? h("th", { scope: "row", role: "rowheader", text }) : h("td", { role: "cell", "data-label": headers[c], text }))),
          ),
        ),
      ),
    ),
  );
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
