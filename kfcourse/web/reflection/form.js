// The reflection form's rules, with no DOM: the stages of each variant, the one set of save
// timings, the payload check and the mapping from a payload to a journal entry. checkPayload,
// reflectionEntry and latestDraft are twins of kfcourse/journal/reflections.py, checked against
// the vectors Python writes (tests/web_journal/reflection-vectors.json).

/** A draft is saved this long after typing stops... */
export const SAVE_DELAY_MS = 800;
/** ...and at least this often while typing goes on. */
export const SAVE_MAX_WAIT_MS = 4000;

export const MODELS = {
  gibbs: ["description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"],
  gibbs_short: ["what_happened", "feelings", "concept", "next"],
};
const VARIANTS = ["clinician", "patient"];
const MAX_STAGE_CHARS = 50000;
const MAX_NAME_CHARS = 200;
const MAX_TITLE_CHARS = 500;
const MAX_QUESTION_CHARS = 2000;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The journal model a form variant writes. */
export function modelOf(variant) {
  return variant === "short" ? "gibbs_short" : "gibbs";
}

/** The stages the form shows for a variant: [{key, name, question}] from the catalogue. */
export function stagesOf(messages, variant) {
  const variants = (messages && messages.variants) || {};
  const set = variants[variant === "short" ? "short" : variant === "patient" ? "patient" : "clinician"];
  return set ? set.stages : [];
}

/** Number of words (white-space separated), for the count under the form. */
export function wordCount(text) {
  return String(text || "").split(/\s+/).filter(Boolean).length;
}

/** True when no stage holds anything but white space. */
export function isBlank(stages) {
  return !Object.keys(stages || {}).some((k) => String(stages[k]).trim());
}

/** How long to wait before saving, when the first unsaved change was at `first` (ms). */
export function saveWait(now, first) {
  return Math.max(0, Math.min(SAVE_DELAY_MS, first + SAVE_MAX_WAIT_MS - now));
}

function chars(text) {
  return Array.from(text).length; // code points, as Python's len()
}

function optionalText(payload, key, limit) {
  const value = payload[key];
  if (value === null || value === undefined || value === "") return { value: null };
  if (typeof value !== "string" || chars(value) > limit) {
    return { reason: `the form's ${key} must be text of at most ${limit} characters` };
  }
  return { value };
}

/** The payload checked, as Python's check_payload: {ok: true, payload} or {ok: false, reason}. */
export function checkPayload(payload) {
  const no = (reason) => ({ ok: false, reason });
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return no("the form sent nothing to save");
  const model = payload.model;
  if (!Object.prototype.hasOwnProperty.call(MODELS, model)) return no("the model must be gibbs or gibbs_short");
  let variant = payload.variant === undefined ? null : payload.variant;
  if (model === "gibbs_short") variant = null;
  else if (variant !== null && !VARIANTS.includes(variant)) return no("the role must be clinician or patient");
  const exercise = payload.exercise;
  if (typeof exercise !== "string" || !chars(exercise) || chars(exercise) > MAX_NAME_CHARS) {
    return no("the form must say which exercise it belongs to");
  }
  const stages = payload.stages;
  if (!stages || typeof stages !== "object" || Array.isArray(stages)) return no("the form sent no stages");
  const unknown = Object.keys(stages).filter((k) => !MODELS[model].includes(k));
  if (unknown.length) return no(`${model} has no stage called ${unknown[0]}`);
  const texts = {};
  for (const key of MODELS[model]) {
    const value = Object.prototype.hasOwnProperty.call(stages, key) ? stages[key] : "";
    if (typeof value !== "string") return no(`the text of ${key} must be text`);
    if (chars(value) > MAX_STAGE_CHARS) return no(`the text of ${key} is longer than 50,000 characters`);
    texts[key] = value;
  }
  if (typeof payload.draft !== "boolean") return no("the form must say whether this is a draft (true or false)");
  for (const key of ["entry", "related_entry"]) {
    const v = payload[key];
    if (v !== null && v !== undefined && !(typeof v === "string" && UUID.test(v))) {
      return no(`the ${key.replace("_", " ")} must be an entry id`);
    }
  }
  const title = optionalText(payload, "title", MAX_TITLE_CHARS);
  if (title.reason) return no(title.reason);
  const question = optionalText(payload, "question", MAX_QUESTION_CHARS);
  if (question.reason) return no(question.reason);
  return {
    ok: true,
    payload: {
      exercise,
      title: title.value,
      question: question.value,
      related_entry: payload.related_entry || null,
      model,
      variant,
      stages: texts,
      draft: payload.draft,
      entry: payload.entry || null,
    },
  };
}

/**
 * The entry a checked payload makes: a new one, or `previous` (same id) with the form's fields
 * replaced; `created` and fields the form does not own are kept; once finished, stays finished.
 */
export function reflectionEntry(payload, previous, { entryId, stamp, courseVersion, source }) {
  let entry;
  let finished = false;
  if (previous) {
    entry = { ...previous };
    finished = previous.draft === false;
  } else {
    entry = { id: entryId, kind: "reflection", created: stamp };
  }
  entry.updated = stamp;
  entry.course_version = courseVersion;
  entry.source = source;
  entry.exercise = payload.exercise;
  for (const [field, key] of [["title", "title"], ["prompt", "question"], ["related_entry", "related_entry"]]) {
    if (payload[key] === null || payload[key] === undefined) delete entry[field];
    else entry[field] = payload[key];
  }
  entry.model = payload.model;
  entry.variant = payload.variant;
  entry.stages = { ...payload.stages };
  entry.draft = finished ? false : payload.draft;
  return entry;
}

/** The most recently updated draft of `exercise` in `model` (what a new form offers back). */
export function latestDraft(entries, exercise, model) {
  let best = null;
  for (const e of entries || []) {
    if (!e || e.kind !== "reflection" || e.exercise !== exercise || e.model !== model || e.draft !== true) continue;
    if (!best || Date.parse(e.updated) > Date.parse(best.updated)) best = e;
  }
  return best ? { ...best } : null;
}
