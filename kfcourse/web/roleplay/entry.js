// The one mapping from a role-play session to a journal entry (kind "roleplay"), a port of
// kfcourse/journal/runs.py: run_entry. Both hosts use it; the Python engine's vectors check it.

function copy(data) {
  return JSON.parse(JSON.stringify(data));
}

function startMeasures(scenario) {
  const measures = {};
  for (const [key, m] of Object.entries(scenario.measures)) measures[key] = m.start;
  return measures;
}

/**
 * session: an engine.js Session; scenario: the compiled scenario it plays;
 * meta: {id, created, updated, courseVersion, source}.
 */
export function runEntry(session, scenario, meta) {
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
    completed: session.ended,
  };
}
