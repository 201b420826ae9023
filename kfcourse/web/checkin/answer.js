// The check-in's rule, with no DOM: the journal entry an answer makes. A twin of
// kfcourse/journal/answers.py (answer_entry), checked against the vectors Python writes
// (tests/web_journal/checkin-vectors.json).

/**
 * The entry for `answer` to `exercise`: a new "exercise_answer", or `previous` (same id, same
 * exercise) with the answer and question replaced; `created` and other fields are kept.
 */
export function answerEntry(exercise, question, answer, previous, { entryId, stamp, courseVersion, source, title }) {
  const same = previous && previous.kind === "exercise_answer" && previous.exercise === exercise;
  const entry = same ? { ...previous } : { id: entryId, kind: "exercise_answer", created: stamp };
  entry.updated = stamp;
  entry.course_version = courseVersion;
  entry.source = source;
  entry.exercise = exercise;
  if (title !== null && title !== undefined) entry.title = title; // shown in the journal list, not the id
  if (question === null || question === undefined) delete entry.question;
  else entry.question = question;
  entry.answer = answer;
  return entry;
}

/** The latest answer to `exercise` in a list of entries (what a new page shows back), or null. */
export function latestAnswer(entries, exercise) {
  let best = null;
  for (const e of entries || []) {
    if (!e || e.kind !== "exercise_answer" || e.exercise !== exercise) continue;
    if (!best || Date.parse(e.updated) > Date.parse(best.updated)) best = e;
  }
  return best ? { ...best } : null;
}
