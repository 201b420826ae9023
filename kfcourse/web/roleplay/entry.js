// The one mapping from a role-play session to a journal entry (kind "roleplay"), and the notes
// a learner keeps on a run: a port of kfcourse/journal/runs.py (run_entry, disagreement_entry,
// derole_entry). Both hosts use it; the Python engine's vectors check it.

// How a run follows the run named in its related_entry (see runs.py: RELATIONS).
export const RELATIONS = ["swap", "replay"];

function copy(data) {
  return JSON.parse(JSON.stringify(data));
}

function startMeasures(scenario) {
  const measures = {};
  for (const [key, m] of Object.entries(scenario.measures)) measures[key] = m.start;
  return measures;
}

function common(kind, meta) {
  const entry = { id: meta.id, kind, created: meta.created, updated: meta.updated, course_version: meta.courseVersion };
  if (meta.source) entry.source = meta.source;
  return entry;
}

function linkFields(relatedEntry, relation) {
  if ((relatedEntry ?? null) === null && (relation ?? null) === null) return {};
  if (!RELATIONS.includes(relation) || typeof relatedEntry !== "string") {
    throw new Error("A run can follow another run only as a swap or a replay of it, naming that run.");
  }
  return { related_entry: relatedEntry, relation };
}

/**
 * session: an engine.js Session; scenario: the compiled scenario it plays;
 * meta: {id, created, updated, courseVersion, source, relatedEntry?, relation?} (the run this
 * one follows, as a "swap" or a "replay").
 */
export function runEntry(session, scenario, meta) {
  const ending = session.ended ? scenario.endings[session.node] : null;
  const pointTitles = {};
  for (const step of session.trace) {
    if (!Object.hasOwn(pointTitles, step.point) && Object.hasOwn(scenario.points, step.point)) {
      pointTitles[step.point] = scenario.points[step.point].title;
    }
  }
  const measureNames = {};
  for (const [key, m] of Object.entries(scenario.measures)) measureNames[key] = m.name;
  return {
    id: meta.id,
    kind: "roleplay",
    created: meta.created,
    updated: meta.updated,
    course_version: meta.courseVersion,
    source: meta.source,
    scenario_id: scenario.id,
    scenario_hash: scenario.hash ?? null,
    scenario_title: scenario.title,
    scenario_version: scenario.version,
    side: session.mode,
    moves: session.inputs.map(([role, choice]) => [role, choice]),
    trace: copy(session.trace),
    measures_start: startMeasures(scenario),
    measures_end: { ...session.measures },
    ending: session.ended ? session.node : null,
    ending_title: ending ? ending.title : null,
    completed: session.ended,
    point_titles: pointTitles,
    measure_names: measureNames,
    ...linkFields(meta.relatedEntry, meta.relation),
  };
}

export const NOTE_LIMIT = 5000; // characters in one note, as kfcourse.journal.runs.NOTE_LIMIT

function checkNote(run, text) {
  if (run === null || typeof run !== "object" || run.kind !== "roleplay" || !Object.hasOwn(run, "id")) {
    throw new Error("A note on a run must name a role-play run held in the journal.");
  }
  if (typeof text !== "string") throw new Error("A note on a run must be text.");
  if (!text.trim()) throw new Error("Write something first.");
  if ([...text].length > NOTE_LIMIT) throw new Error(`A note can hold ${NOTE_LIMIT} characters at most.`);
}

/**
 * A learner's "Disagree with the key?" note on step stepN (from 1) of the run entry `run`: an
 * exercise answer (exercise "disagreement") that refers to the run; the question is the key's
 * "why" for the step, the answer {step, point, choice, text}. meta as for runEntry.
 */
export function disagreementEntry(run, stepN, text, meta) {
  checkNote(run, text);
  const trace = Array.isArray(run.trace) ? run.trace : [];
  if (!Number.isInteger(stepN) || stepN < 1 || stepN > trace.length) {
    throw new Error(`This run has ${trace.length} steps, so there is no step ${stepN} to disagree with.`);
  }
  const step = trace[stepN - 1] !== null && typeof trace[stepN - 1] === "object" ? trace[stepN - 1] : {};
  const entry = { ...common("exercise_answer", meta), exercise: "disagreement" };
  if (typeof step.why === "string") entry.question = step.why;
  entry.related_entry = run.id;
  entry.answer = { step: stepN, point: step.point ?? null, choice: step.choice ?? null, text };
  return entry;
}

/**
 * The de-roling note after a run (one way the learner differs from their character): an
 * exercise answer (exercise "de-roling") that refers to the run, the answer {text}.
 * meta as for runEntry, and optionally meta.question (the prompt shown).
 */
export function deroleEntry(run, text, meta) {
  checkNote(run, text);
  const entry = { ...common("exercise_answer", meta), exercise: "de-roling" };
  if (typeof meta.question === "string") entry.question = meta.question;
  entry.related_entry = run.id;
  entry.answer = { text };
  return entry;
}
