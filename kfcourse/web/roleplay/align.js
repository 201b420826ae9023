// Two runs of one scenario side by side: their steps aligned by decision point. A port of
// kfcourse/journal/compare.py (align_runs, compare_runs), checked against alignments Python
// made of real runs (tests/roleplay/vectors.json). No DOM.
//
// Steps are matched by a longest common subsequence of the runs' decision points. The one
// rule among equally long alignments: walk both runs from their first step; pair the two
// current steps when they are at the same point; otherwise leave out the step whose loss
// keeps the longer common subsequence, and on a tie list run A's step first.

function pointOf(step) {
  return step !== null && typeof step === "object" && !Array.isArray(step) ? (step.point ?? null) : null;
}

// Equal as JSON values (object keys in any order), null and a missing value alike.
function equal(x, y) {
  x = x ?? null;
  y = y ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) return x.length === y.length && x.every((v, i) => equal(v, y[i]));
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.hasOwn(y, k) && equal(x[k], y[k]));
}

// Both runs took the same decision: same kind, same choice and the same picks.
function sameDecision(a, b) {
  if (a === null || typeof a !== "object" || b === null || typeof b !== "object") return false;
  return ["kind", "choice", "picks"].every((k) => equal(a[k], b[k]));
}

/**
 * Rows in path order, each {point, a, b, same}: a and b are the step numbers (from 1, the
 * step's place in its trace) of that point's step in each run, or null where one run has no
 * step to match; every step of each run is in exactly one row.
 */
export function alignRuns(aTrace, bTrace) {
  const a = aTrace.map(pointOf);
  const b = bTrace.map(pointOf);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  const n = a.length - start;
  const m = b.length - start;
  const width = m + 1;
  // The points as small numbers (equal points, equal numbers), so the table compares integers.
  const codes = new Map();
  const code = (p) => {
    if (!codes.has(p)) codes.set(p, codes.size);
    return codes.get(p);
  };
  const ax = Int32Array.from(a.slice(start), code);
  const bx = Int32Array.from(b.slice(start), code);
  // longest[i * width + j]: the longest common subsequence of a[start+i..] and b[start+j..].
  const longest = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    const ai = ax[i];
    for (let j = m - 1; j >= 0; j -= 1) {
      const here = i * width + j;
      if (ai === bx[j]) longest[here] = longest[here + width + 1] + 1;
      else {
        const down = longest[here + width];
        const right = longest[here + 1];
        longest[here] = down >= right ? down : right;
      }
    }
  }
  const rows = [];
  const row = (i, j) => {
    rows.push({
      point: i !== null ? a[i] : b[j],
      a: i === null ? null : i + 1,
      b: j === null ? null : j + 1,
      same: i !== null && j !== null && sameDecision(aTrace[i], bTrace[j]),
    });
  };
  for (let k = 0; k < start; k += 1) row(k, k);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      row(start + i, start + j);
      i += 1;
      j += 1;
    } else if (j >= m || (i < n && longest[(i + 1) * width + j] >= longest[i * width + j + 1])) {
      row(start + i, null);
      i += 1;
    } else {
      row(null, start + j);
      j += 1;
    }
  }
  return rows;
}

/** Two entries that cannot be compared as runs; `message` is a reason a learner can read. */
export class NotComparable extends Error {
  constructor(message) {
    super(message);
    this.name = "NotComparable";
  }
}

function traceOf(entry, name) {
  if (entry === null || typeof entry !== "object" || entry.kind !== "roleplay") {
    throw new NotComparable(`Run ${name} is not a role-play run, so it cannot be compared.`);
  }
  if (!Array.isArray(entry.trace)) {
    throw new NotComparable(`Run ${name} has no list of decisions, so it cannot be compared.`);
  }
  return entry.trace;
}

/**
 * Two role-play entries of one scenario compared: {rows, parted, same_version, endings}
 * (see compare_runs in kfcourse/journal/compare.py). Throws NotComparable for entries that
 * are not runs or are runs of two scenarios.
 */
export function compareRuns(a, b) {
  const aTrace = traceOf(a, "A");
  const bTrace = traceOf(b, "B");
  if ((a.scenario_id ?? null) !== (b.scenario_id ?? null)) {
    throw new NotComparable(
      `These runs are of different scenarios (${nameOf(a)} and ${nameOf(b)}); ` +
        "only runs of the same scenario can be compared.",
    );
  }
  const rows = alignRuns(aTrace, bTrace);
  const parted = rows.findIndex((r) => !r.same);
  return {
    rows,
    parted: parted < 0 ? null : parted,
    same_version: (a.scenario_hash ?? null) === (b.scenario_hash ?? null),
    endings: [a.ending ?? null, b.ending ?? null],
  };
}

function nameOf(entry) {
  return typeof entry.scenario_id === "string" && entry.scenario_id ? entry.scenario_id : "unknown";
}
