// The debrief after an ending, written once for both hosts: the path and who decided, the meters
// along it (a chart and the same data as a table), the theory behind each choice, the scenario's
// debrief points for this path, what the partner knew, "Disagree with the key?" on any step, a
// Gibbs reflection started from the learner's own run, and the de-roling prompt.
import { el, h, heading, inPieces, paragraphs, textList, uid } from "./dom.js";
import { pathChart, pathTable } from "./chart.js";
import { decisionText, pointTitle, stepLines } from "./transcript.js";

const ROLES = ["doctor", "patient"];
const EAGER_STEPS = 30; // a long path's first steps, shown at once (more than a screen holds)
const STEPS_PER_PIECE = 40; // the rest, made in pieces straight after

/** Start values of every measure (a run entry's measures_start, or the scenario's starts). */
export function startValues(scenario, run) {
  if (run && run.measures_start) return { ...run.measures_start };
  const values = {};
  for (const [key, m] of Object.entries(scenario.measures)) values[key] = m.start;
  return values;
}

/** The columns of one run's chart and table: its start, then one per step of the trace. */
export function runColumns(scenario, trace, start, ctx) {
  const { t } = ctx;
  const columns = [{ key: "start", label: t("chart.start"), detail: [], values: [start], changes: [null], cells: [t("chart.startShort"), "", t("chart.startRow"), ""] }];
  for (const step of trace) {
    const title = pointTitle(scenario, step.point);
    const decided = decisionText(step, ctx);
    const why = step.why || "";
    columns.push({
      key: step.n,
      label: t("chart.column", { n: step.n, point: title, decision: decided }),
      title: t("chart.columnTitle", { n: step.n, point: title }),
      detail: [decided, why ? t("recent.why", { why }) : ""].filter(Boolean),
      values: [step.measures || {}],
      changes: [step.changes || {}],
      cells: [String(step.n), title, decided, why],
    });
  }
  return columns;
}

/** The steps where the meters moved most (largest total change first, then earliest). */
export function biggestMoves(trace, count = 2) {
  const size = (step) => Object.values(step.changes || {}).reduce((sum, d) => sum + Math.abs(d), 0);
  return trace
    .filter((step) => size(step) > 0)
    .map((step) => ({ step, size: size(step) }))
    .sort((a, b) => b.size - a.size || a.step.n - b.step.n)
    .slice(0, count)
    .map((x) => x.step)
    .sort((a, b) => a.n - b.n);
}

function theoryKeys(trace) {
  const keys = [];
  for (const step of trace) for (const key of step.theory || []) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** An author-year citation: a link to the book's references page, or the full reference. */
export function citation(key, citations, full) {
  const c = (citations || {})[key];
  if (!c) return el("span", "kf-rp-cite", key);
  if (c.href && !full) {
    const link = el("a", "kf-rp-cite", c.label);
    link.setAttribute("href", c.href);
    return link;
  }
  return el("span", "kf-rp-cite", c.label);
}

function citationList(keys, ctx) {
  if (!keys.length) return null;
  const full = !ctx.citationLinks;
  return h(
    "ul",
    { class: "kf-rp-theory" },
    keys.map((key) => {
      const c = (ctx.citations || {})[key];
      return h("li", {}, citation(key, ctx.citations, full), full && c && c.full ? h("span", { text: `: ${c.full}` }) : null);
    }),
  );
}

/** The scenario's debrief items that apply to a path (an item without points applies to all). */
export function debriefItems(scenario, trace) {
  const visited = new Set(trace.map((step) => step.point));
  return (scenario.debrief || []).filter((item) => !(item.points || []).length || item.points.some((p) => visited.has(p)));
}

/**
 * A <details> whose content is made when it is first opened (or the page is printed): a long
 * path has a form under every step and a table of every step, which would slow the debrief.
 * Its content is made by the one toggle listener of the section it is in (fillOnToggle).
 */
const lazyFills = new WeakMap(); // details -> the function that makes its content
let printHooked = false;

function fillLazy(details) {
  const make = lazyFills.get(details);
  if (!make) return;
  lazyFills.delete(details);
  details.appendChild(make());
}

function lazyDetails(summary, className, make) {
  const details = el("details", className, null, el("summary", null, summary));
  details.setAttribute("data-kf-lazy", "");
  lazyFills.set(details, make);
  if (!printHooked) {
    printHooked = true;
    window.addEventListener("beforeprint", () => document.querySelectorAll("details[data-kf-lazy]").forEach(fillLazy));
  }
  return details;
}

// `toggle` does not bubble, so it is listened to on its way down (capture): one listener for
// every lazy <details> of the debrief rather than one each.
function fillOnToggle(root) {
  root.addEventListener(
    "toggle",
    (event) => {
      if (event.target.open && lazyFills.has(event.target)) fillLazy(event.target);
    },
    true,
  );
}

/** A short form that saves one note about the run (a disagreement or the de-roling). */
function noteForm({ ctx, label, hint, kind, step, saveText, onSaved, marker }) {
  const { t } = ctx;
  const id = uid("kf-rp-note");
  const box = h("textarea", { id, class: "kf-rp-textarea", rows: "3", data: { kfNoteText: kind } });
  const status = h("p", { class: "kf-rp-hint", role: "status" });
  const save = h("button", { type: "button", class: "kf-rp-button kf-rp-primary", text: saveText, data: marker });
  const form = h("div", { class: "kf-rp-note-form" }, h("label", { for: id, class: "kf-rp-label", text: label }), hint ? h("p", { class: "kf-rp-hint", text: hint }) : null, box, save, status);
  save.addEventListener("click", async (event) => {
    event.preventDefault();
    const text = box.value.trim();
    if (!text) {
      status.textContent = t("note.empty");
      box.focus();
      return;
    }
    save.disabled = true;
    let result;
    try {
      result = await ctx.host.saveNote({ kind, run: ctx.run, step, text });
    } catch (error) {
      result = { ok: false, reason: error && error.message ? error.message : String(error) };
    }
    save.disabled = false;
    if (!result || !result.ok) {
      status.textContent = t("note.failed", { reason: (result && result.reason) || "?" });
      return;
    }
    box.value = "";
    status.textContent = t("note.saved");
    onSaved(text);
  });
  return form;
}

function savedNote(text, label) {
  return h("div", { class: "kf-rp-saved-note", data: { kfSavedNote: "" } }, h("p", { class: "kf-rp-label", text: label }), paragraphs(text));
}

/** The debrief section for a finished session. ctx: {scenario, session, mode, run, t, level, host, citations, citationLinks, mountReflection}. */
export function debriefSection(ctx) {
  const { t, scenario, session, level } = ctx;
  const trace = session.trace;
  const section = h("section", { class: "kf-rp-debrief", data: { kfDebrief: "" }, "aria-labelledby": null });
  const title = heading(level + 1, t("debrief.heading"));
  title.id = uid("kf-rp-debrief");
  section.setAttribute("aria-labelledby", title.id);
  section.append(title, h("p", { text: t("debrief.intro") }));
  const canNote = !!(ctx.host.saveNote && ctx.run);

  // 1 and 6: the path, with who decided, and "Disagree with the key?" on each step. A long path
  // shows its first steps at once and makes the rest straight after (inPieces).
  section.append(heading(level + 2, t("ending.transcript")));
  const steps = new Set(trace.map((step) => step.n));
  const notesByStep = new Map(); // step -> where its notes go (made before its step, if need be)
  const notesOf = (n) => {
    if (!notesByStep.has(n)) notesByStep.set(n, el("div", "kf-rp-step-notes"));
    return notesByStep.get(n);
  };
  const stepCtx = { ...ctx, held: false, transcript: true };
  const full = !ctx.citationLinks;
  const theoryLine = t("debrief.theoryLine");
  const list = el("ol", "kf-rp-transcript");
  const stepItem = (step) => {
    const item = el("li", "kf-rp-step");
    item.setAttribute("data-kf-step", String(step.n));
    item.append(...stepLines(step, stepCtx));
    const keys = step.theory || [];
    if (keys.length) {
      const line = el("p", "kf-rp-step-theory", null, el("span", "kf-rp-who", theoryLine), " ");
      keys.forEach((key, i) => line.append(...(i ? ["; "] : []), citation(key, ctx.citations, full)));
      item.appendChild(line);
    }
    const held = notesOf(step.n);
    item.appendChild(held);
    if (canNote && step.choice !== null) {
      const details = lazyDetails(t("disagree.summary", { n: step.n }), "kf-rp-disagree", () =>
        noteForm({
          ctx,
          kind: "disagreement",
          step: step.n,
          label: t("disagree.label", { n: step.n }),
          hint: step.why ? t("disagree.key", { why: step.why }) : null,
          saveText: t("disagree.save"),
          marker: { kfDisagreeSave: step.n },
          onSaved: (text) => held.appendChild(savedNote(text, t("disagree.yours"))),
        }),
      );
      details.setAttribute("data-kf-disagree", String(step.n));
      item.appendChild(details);
    }
    return item;
  };
  for (const step of trace.slice(0, EAGER_STEPS)) list.appendChild(stepItem(step));
  const pieces = [];
  for (let i = EAGER_STEPS; i < trace.length; i += STEPS_PER_PIECE) {
    const part = trace.slice(i, i + STEPS_PER_PIECE);
    pieces.push(() => {
      const fragment = document.createDocumentFragment();
      for (const step of part) fragment.appendChild(stepItem(step));
      list.appendChild(fragment);
    });
  }
  if (pieces.length) {
    const later = () => inPieces(list, pieces);
    if (ctx.pending) ctx.pending.push(later);
    else later();
  }
  section.append(list, h("p", { class: "kf-rp-hint", text: t("disagree.why") }));
  fillOnToggle(section);

  // 2: the meters along the path, as a chart and as a table.
  const columns = runColumns(scenario, trace, startValues(scenario), ctx);
  const series = [{ name: t("chart.thisRun") }];
  section.append(
    heading(level + 2, t("chart.heading")),
    pathChart({ scenario, series, columns, t, caption: t("chart.caption"), start: columns.length - 1 }),
    lazyDetails(t("chart.tableSummary"), "kf-rp-table-details", () =>
      pathTable({ scenario, series, columns, t, caption: t("chart.tableCaption"), headers: [t("table.step"), t("table.point"), t("table.decision"), t("table.why")] }),
    ),
  );

  // 3: the theory behind the choices.
  const keys = theoryKeys(trace);
  if (keys.length) section.append(heading(level + 2, t("debrief.theory")), h("p", { text: t(ctx.citationLinks ? "debrief.theoryLinked" : "debrief.theoryFull") }), citationList(keys, ctx));

  // 4: the debrief points that apply to this path.
  const items = debriefItems(scenario, trace);
  if (items.length) {
    section.append(
      heading(level + 2, t("debrief.points")),
      h(
        "ul",
        { class: "kf-rp-debrief-points" },
        items.map((item) => h("li", {}, paragraphs(item.text), (item.theory || []).length ? h("p", { class: "kf-rp-hint" }, t("debrief.theoryLine"), " ", ...item.theory.flatMap((key, i) => [i ? "; " : "", citation(key, ctx.citations, !ctx.citationLinks)])) : null)),
      ),
    );
  }

  // 5: what the partner knew (both roles, when two people played).
  const hidden = ctx.mode === "pair" ? ROLES : ROLES.filter((r) => r !== ctx.mode);
  const reveal = hidden.filter((r) => (scenario.roles[r].private || []).length);
  if (reveal.length) {
    section.append(heading(level + 2, t(ctx.mode === "pair" ? "debrief.bothKnew" : "debrief.partnerKnew")));
    for (const role of reveal) {
      section.append(h("div", { class: "kf-rp-private", data: { kfPrivate: role, kfRevealed: "" } }, h("p", { class: "kf-rp-label", text: t("brief.private", { name: scenario.roles[role].name }) }), textList(scenario.roles[role].private)));
    }
  }

  // 7: the course's reflection form, started from this run: made once the debrief's first
  // screen has been drawn (it is below the path and the chart), or as soon as it is scrolled to.
  if (ctx.mountReflection && ctx.host.reflectionHost && ctx.run) {
    const slot = h("div", { class: "kf-rp-reflection", data: { kfDebriefReflection: "" } });
    section.append(heading(level + 2, t("debrief.reflect")), h("p", { text: t("debrief.reflectIntro") }), slot);
    const mount = () => {
      const mine = trace.filter((step) => ctx.mode === "pair" || !(step.ruled || []).includes(step.actor) || step.actor === "joint");
      const seed = mine.map((step) => `${step.n}. ${pointTitle(scenario, step.point)}: ${decisionText(step, ctx)}`).join("\n");
      const moments = biggestMoves(trace).map((step) => t("reflect.moment", { n: step.n, point: pointTitle(scenario, step.point), changes: changeList(scenario, step, t) }));
      const hints = moments.length ? { feelings: t("reflect.feelings", { moments: moments.join("; ") }), analysis: t("reflect.analysis", { moments: moments.join("; ") }) } : {};
      return Promise.resolve()
        .then(() =>
          ctx.host.reflectionHost({
            variant: ctx.mode === "patient" ? "patient" : "clinician",
            exercise: `roleplay-${scenario.id}`,
            title: t("reflect.title", { title: scenario.title }),
            relatedEntry: ctx.run,
            seed: { description: seed },
            stageHints: hints,
            headingLevel: level + 3,
          }),
        )
        .then((host) => ctx.mountReflection(slot, host))
        .catch((error) => slot.appendChild(h("p", { role: "alert", text: t("reflect.failed", { reason: error && error.message ? error.message : String(error) }) })));
    };
    const later = () => inPieces(slot, [mount]);
    if (ctx.pending) ctx.pending.push(later);
    else later();
  }

  // 8: de-roling.
  section.append(heading(level + 2, t("derole.heading")), h("p", { text: t("derole.text") }));
  if (canNote) {
    const held = h("div", { class: "kf-rp-step-notes" });
    section.append(held, noteForm({ ctx, kind: "de-roling", step: null, label: t("derole.label"), hint: t("derole.hint"), saveText: t("derole.save"), marker: { kfDeroleSave: "" }, onSaved: (text) => held.appendChild(savedNote(text, t("derole.yours"))) }));
    if (ctx.host.notes) {
      Promise.resolve(ctx.host.notes(ctx.run))
        .then((notes) => {
          for (const note of notes || []) {
            if (note.kind === "de-roling") held.appendChild(savedNote(note.text, t("derole.yours")));
            else if (note.kind === "disagreement" && steps.has(note.step)) notesOf(note.step).appendChild(savedNote(note.text, t("disagree.yours")));
          }
        })
        .catch(() => {});
    }
  }
  return section;
}

function changeList(scenario, step, t) {
  return Object.entries(scenario.measures)
    .filter(([key]) => (step.changes || {})[key])
    .map(([key, m]) => `${m.name} ${step.changes[key] > 0 ? t("meter.up", { n: step.changes[key] }) : t("meter.down", { n: -step.changes[key] })}`)
    .join(", ");
}
