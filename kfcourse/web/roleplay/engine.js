// The rules of play: a port of kfcourse/scenario/engine.py (read its docstring for the
// semantics). No DOM. It reads compile_scenario output; the Python engine's vectors
// (tests/roleplay/vectors.json) keep the two in step, trace key for trace key.

/** How many moves the rules may make in a row before play is refused as a loop (as in Python). */
export const RULE_MOVES_LIMIT = 1000;

export const MODES = Object.freeze(["doctor", "patient", "pair"]);
const FORMATS = [1, 2]; // compiled formats this engine reads (1 is 2 without history or notes)
const ROLES = ["doctor", "patient"];
const JOINT = "joint";

export class SessionError extends Error {
  constructor(message) {
    super(message);
    this.name = "SessionError";
  }
}

// Compiled ids are object keys: never let "constructor" or "__proto__" reach the prototype.
function own(table, key) {
  return table != null && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function otherRole(role) {
  return role === "doctor" ? "patient" : "doctor";
}

const COMPARE = {
  "<=": (a, b) => a <= b,
  ">=": (a, b) => a >= b,
  "<": (a, b) => a < b,
  ">": (a, b) => a > b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};

function compare(have, op, value) {
  // Python's last case is "!=": any other operator falls through to it.
  return (own(COMPARE, op) || COMPARE["!="])(have, value);
}

function lastAt(trace, point) {
  for (let i = trace.length - 1; i >= 0; i -= 1) {
    if (trace[i].point === point) return trace[i];
  }
  return null;
}

function visits(trace, point) {
  return trace.filter((step) => step.point === point).length;
}

// One clause: [measure, op, value], {chose, in} or {visits, op, value}.
function clauseHolds(clause, state) {
  if (Array.isArray(clause)) {
    const have = own(state.measures, clause[0]);
    return have !== undefined && compare(have, clause[1], clause[2]);
  }
  if (own(clause, "chose") !== undefined) {
    const step = lastAt(state.trace, clause.chose);
    return step !== null && step.choice !== null && clause.in.includes(step.choice);
  }
  if (own(clause, "visits") !== undefined) {
    return compare(visits(state.trace, clause.visits), clause.op, clause.value);
  }
  throw new SessionError(`a condition has a clause this player cannot read: ${JSON.stringify(clause)}`);
}

// state = {measures, trace}: a session, or anything shaped like one.
function holds(when, state) {
  return when == null || when.every((clause) => clauseHolds(clause, state));
}

// The exported helpers also take a bare measures object (a state with no history yet).
function asState(state) {
  return state && Array.isArray(state.trace) ? state : { measures: state || {}, trace: [] };
}

/** The choices offered now, in file order (all of them if no condition holds). */
export function offered(point, state) {
  const now = asState(state);
  const ready = point.choices.filter((c) => holds(c.when, now));
  return ready.length ? ready : [...point.choices];
}

// The rule that decides for `role` now and the choice it makes (rule null: the fallback).
function ruling(point, role, state) {
  const now = asState(state);
  const choices = offered(point, now);
  for (const rule of point.rules) {
    if ((rule.role == null || rule.role === role) && holds(rule.when, now)) {
      const picked = choices.find((c) => c.id === rule.choose);
      if (picked) return { rule, choice: picked };
    }
  }
  return { rule: null, choice: choices[0] };
}

// A rule's note for the trace: null for the fallback (no rule) or a rule without one.
function noteOf(rule) {
  return rule ? (rule.note ?? null) : null;
}

/** What the rules make `role` choose at `point` in this state (a compiled choice). */
export function rulePick(point, role, state) {
  return ruling(point, role, state).choice;
}

/** The first branch whose `when` holds, else the last branch (its target id). */
export function follow(branches, state) {
  const list = branches || [];
  if (!list.length) {
    throw new SessionError("this point has nowhere to go next (run `kfcourse check`)");
  }
  const now = asState(state);
  const hit = list.find((b) => holds(b.when, now));
  return (hit || list[list.length - 1]).to;
}

function clamp(measure, value) {
  return Math.max(measure.min, Math.min(measure.max, value));
}

function startMeasures(compiled) {
  const measures = {};
  for (const [key, m] of Object.entries(compiled.measures)) measures[key] = m.start;
  return measures;
}

function clone(data) {
  return JSON.parse(JSON.stringify(data));
}

export class Session {
  constructor(compiled, mode = "pair") {
    if (!MODES.includes(mode)) {
      throw new SessionError(`mode must be one of ${MODES.join(", ")}, not '${mode}'`);
    }
    if (!FORMATS.includes(compiled.compiled_format)) {
      throw new SessionError(
        `this player reads compiled scenario formats ${FORMATS.join(" and ")}, ` +
          `not ${compiled.compiled_format} (rebuild the page)`,
      );
    }
    this.scenario = compiled;
    this.mode = mode;
    this._reset();
  }

  // -- state --------------------------------------------------------------------------------
  _reset() {
    this.node = this.scenario.start;
    this.measures = startMeasures(this.scenario);
    this.trace = [];
    this.pending = {};
    this.inputs = [];
    this._advance();
  }

  get ended() {
    return own(this.scenario.endings, this.node) !== undefined;
  }

  /** True at a decision point with no choices (a dead end the linter reports as SC103). */
  get stuck() {
    const point = this.point;
    return point !== null && !point.choices.length;
  }

  get point() {
    return own(this.scenario.points, this.node) || null;
  }

  learners() {
    return this.mode === "pair" ? [...ROLES] : [this.mode];
  }

  /** Roles whose player must choose now (empty when play has ended). */
  awaiting() {
    const point = this.point;
    if (point === null || !point.choices.length) return [];
    if (point.actor === JOINT) {
      return this.learners().filter((r) => own(this.pending, r) === undefined);
    }
    return this.learners().includes(point.actor) ? [point.actor] : [];
  }

  options() {
    const point = this.point;
    return point !== null ? offered(point, this) : [];
  }

  /** At a joint point in solo play, what the other role's rules would pick now. */
  partnerPreference() {
    const point = this.point;
    if (point === null || point.actor !== JOINT || this.mode === "pair") return null;
    return rulePick(point, otherRole(this.mode), this);
  }

  // -- moves --------------------------------------------------------------------------------
  /** The learner playing `role` takes `choice` (an id, or a number from 1 as shown). */
  choose(choice, role = null) {
    const waiting = this.awaiting();
    if (!waiting.length) {
      throw new SessionError("play has ended; nothing is waiting for a choice");
    }
    const who = role == null ? waiting[0] : role;
    if (!waiting.includes(who)) {
      throw new SessionError(`it is not the ${who}'s turn (waiting for: ${waiting.join(", ")})`);
    }
    const picked = this._find(choice);
    // The trace and inputs only grow, so a failed move is undone by cutting them back.
    const saved = [this.node, { ...this.measures }, { ...this.pending }];
    const lengths = [this.trace.length, this.inputs.length];
    this.inputs.push([who, picked.id]);
    try {
      this._play(who, picked);
      this._advance();
    } catch (error) {
      if (!(error instanceof SessionError)) throw error;
      [this.node, this.measures, this.pending] = saved;
      [this.trace.length, this.inputs.length] = lengths;
      throw error;
    }
  }

  _find(choice) {
    const options = this.options();
    if (typeof choice === "number" && Number.isInteger(choice)) {
      if (choice < 1 || choice > options.length) {
        throw new SessionError(`choose a number from 1 to ${options.length}, not ${choice}`);
      }
      return options[choice - 1];
    }
    const found = options.find((c) => c.id === String(choice));
    if (!found) {
      throw new SessionError(
        `'${choice}' is not one of the choices offered now: ${options.map((c) => c.id).join(", ")}`,
      );
    }
    return found;
  }

  _play(role, picked) {
    const point = this.point;
    if (point.actor !== JOINT) {
      this._apply(point, picked, { [role]: picked.id }, {});
      return;
    }
    let picks;
    let notes;
    if (this.mode === "pair") {
      this.pending[role] = picked.id;
      if (Object.keys(this.pending).length < 2) return;
      picks = { ...this.pending };
      notes = {};
    } else {
      const partner = otherRole(role);
      const { rule, choice } = ruling(point, partner, this);
      picks = { [role]: picked.id, [partner]: choice.id };
      notes = { [partner]: noteOf(rule) };
    }
    this.pending = {};
    this._resolve(point, picks, notes);
  }

  /** Let the rules play every point that no learner plays, until a learner must act. */
  _advance() {
    // A bound, not a repeated-state check: with `visits` conditions a point and measures may
    // repeat on the way out of a loop. SC124 reports loops the rules could go round for ever.
    for (let moves = 0; ; moves += 1) {
      const point = this.point;
      if (point === null || !point.choices.length) return;
      if (point.actor === JOINT || this.learners().includes(point.actor)) return;
      if (moves >= RULE_MOVES_LIMIT) {
        throw new SessionError(
          `the ${point.actor}'s rules go round in a loop at point ${this.node} (run \`kfcourse check\`)`,
        );
      }
      const { rule, choice } = ruling(point, point.actor, this);
      this._apply(point, choice, { [point.actor]: choice.id }, { [point.actor]: noteOf(rule) });
    }
  }

  _resolve(point, picks, notes) {
    const ordered = {};
    for (const r of ROLES) ordered[r] = picks[r];
    const agreed = ordered.doctor === ordered.patient;
    // Without an impasse (the linter reports SC112) disagreement takes the doctor's pick.
    if (agreed || point.impasse == null) {
      const choice = point.choices.find((c) => c.id === ordered.doctor);
      this._apply(point, choice, ordered, notes);
      return;
    }
    const impasse = point.impasse;
    const changes = this._effects(impasse.effects);
    this._record(
      {
        actor: JOINT,
        kind: "impasse",
        picks: ordered,
        notes,
        choice: null,
        text: null,
        why: null,
        theory: [],
        prompt: impasse.prompt,
        effects: { ...impasse.effects },
        changes,
      },
      impasse.next,
    );
  }

  _effects(effects) {
    const changes = {};
    for (const [key, delta] of Object.entries(effects)) {
      const measure = own(this.scenario.measures, key);
      if (measure === undefined) continue; // undeclared (SC105): ignored at play time
      const before = this.measures[key];
      this.measures[key] = clamp(measure, before + delta);
      changes[key] = this.measures[key] - before;
    }
    return changes;
  }

  _apply(point, choice, picks, notes) {
    const changes = this._effects(choice.effects);
    this._record(
      {
        actor: point.actor,
        kind: "choice",
        picks,
        notes,
        choice: choice.id,
        text: choice.text,
        why: choice.why,
        theory: [...choice.theory],
        prompt: null,
        effects: { ...choice.effects },
        changes,
      },
      choice.next,
    );
  }

  // Append the step, then route: routing sees the decision just made (visits, chose).
  _record(fields, branches) {
    const ruledNotes = {};
    for (const r of Object.keys(fields.notes).sort()) ruledNotes[r] = fields.notes[r];
    const step = {
      n: this.trace.length + 1,
      point: this.node,
      actor: fields.actor,
      kind: fields.kind,
      picks: fields.picks,
      ruled: Object.keys(ruledNotes),
      notes: ruledNotes,
      choice: fields.choice,
      text: fields.text,
      why: fields.why,
      theory: fields.theory,
      prompt: fields.prompt,
      effects: fields.effects,
      changes: fields.changes,
      measures: { ...this.measures },
      next: null,
    };
    this.trace.push(step);
    this.node = follow(branches, this);
    step.next = this.node;
  }

  // -- undo, replay, snapshot ---------------------------------------------------------------
  /** Take back the learner's last choice (false when there is none). */
  undo() {
    if (!this.inputs.length) return false;
    this.replay(this.inputs.slice(0, -1));
    return true;
  }

  /** Start again and make these [role, choice id] moves. */
  replay(moves) {
    const list = [...moves].map((m) => [...m]);
    this._reset();
    for (const [role, choice] of list) this.choose(choice, role);
  }

  /** Everything that defines the state, as plain data (compare two sessions with it). */
  snapshot() {
    return clone({
      node: this.node,
      measures: this.measures,
      trace: this.trace,
      pending: this.pending,
      inputs: this.inputs,
    });
  }

  endingSummary() {
    const ending = own(this.scenario.endings, this.node);
    if (ending === undefined) return null;
    return { id: this.node, title: ending.title, text: ending.text, achieved: ending.achieved };
  }
}
