/* Leading Together: the browser journal's exports (JSON, Markdown, CSV) and how entries read.
 *
 * JSON is the journal itself (lossless; it imports into the Jupyter journal). Markdown is for a
 * portfolio or an appraisal: every piece of learner text is escaped, so `<b>` stays the
 * characters `<b>` in any Markdown viewer. CSV is one row per entry for a spreadsheet, with
 * cells that could start a formula made inert.
 */
(function (root) {
  "use strict";
  var KF = (root.KFJournal = root.KFJournal || {});
  function core() {
    return KF.core;
  }

  var KIND_NAMES = {
    roleplay: "Role-play",
    reflection: "Reflection",
    self_rating: "Self-rating",
    exercise_answer: "Exercise answer",
  };
  var STAGE_NAMES = {
    description: "Description", feelings: "Feelings", evaluation: "Evaluation",
    analysis: "Analysis", conclusion: "Conclusion", action_plan: "Action plan",
    what_happened: "What happened?", concept: "What does a course idea explain?", next: "What next?",
  };
  var SIDE_NAMES = { doctor: "doctor", clinician: "clinician", patient: "patient partner", pair: "both roles" };

  // Who made a step's decision: the twin of kfcourse.journal.runs.decided_by.
  function decidedBy(step) {
    var ruled = Array.isArray(step.ruled) ? step.ruled : [];
    var actor = step.actor;
    if (step.choice === null || step.choice === undefined) return "impasse";
    if (actor === "joint") return ruled.length ? "joint-rules" : "joint";
    if (ruled.indexOf(actor) !== -1) return "rules";
    return typeof actor === "string" ? actor : "you";
  }
  var CHOOSERS = {
    rules: "the other role's rules",
    "joint-rules": "you and the other role's rules, agreeing",
    joint: "both of you, agreeing",
    impasse: "both of you, with no agreement (impasse)",
  };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function has(o, k) {
    return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
  }

  // "26 November 2026, 14:50 UTC" (British style, always UTC so exports read the same anywhere).
  function formatTime(stamp) {
    var t = Date.parse(stamp);
    if (isNaN(t)) return String(stamp || "");
    var d = new Date(t);
    var hh = ("0" + d.getUTCHours()).slice(-2), mm = ("0" + d.getUTCMinutes()).slice(-2);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear() + ", " + hh + ":" + mm + " UTC";
  }

  function stageName(key) {
    return has(STAGE_NAMES, key) ? STAGE_NAMES[key] : String(key).replace(/_/g, " ");
  }

  function kindName(kind) {
    return has(KIND_NAMES, kind) ? KIND_NAMES[kind] : String(kind);
  }

  function entryTitle(e) {
    if (typeof e.title === "string" && e.title.trim()) return e.title.trim();
    if (e.kind === "roleplay") return e.scenario_title || e.scenario_id || "Role-play";
    if (e.kind === "self_rating") return e.instrument || "Self-rating";
    if (e.kind === "exercise_answer" && e.exercise === "disagreement") {
      var step = e.answer && typeof e.answer === "object" ? e.answer.step : null;
      return "Disagreement with the key" + (typeof step === "number" ? " at step " + step : "");
    }
    if (e.kind === "exercise_answer" && e.exercise === "de-roling") return "De-roling: how I differ from my character";
    if (e.kind === "exercise_answer") return e.exercise || "Exercise";
    if (e.kind === "reflection" && e.model === "free" && e.prompt) return e.prompt;
    return e.exercise || kindName(e.kind);
  }

  // An exercise answer's summary as [label, text] pairs; none unless every line is well made
  // (markdown_export.summary_lines).
  function summaryLines(e) {
    var summary = e.summary;
    if (!Array.isArray(summary) || !summary.length) return [];
    var lines = summary.filter(function (l) {
      return isMap(l) && typeof l.label === "string" && typeof l.text === "string";
    }).map(function (l) { return [l.label, l.text]; });
    return lines.length === summary.length ? lines : [];
  }

  function valueText(v) {
    if (v === null || v === undefined) return "(skipped)";
    return typeof v === "string" ? v : JSON.stringify(v);
  }

  function measuresText(m) {
    if (!m || typeof m !== "object") return "";
    return Object.keys(m).map(function (k) { return k + " " + m[k]; }).join(", ");
  }

  // What an entry says, as [label, text] pairs: plain text, for the panel, Markdown and CSV.
  function entrySections(e) {
    var out = [];
    if (e.kind === "reflection") {
      if (e.model === "free") {
        if (e.prompt) out.push(["Question", e.prompt]);
        out.push(["Answer", valueText(e.text)]);
      } else if (e.stages && typeof e.stages === "object") {
        Object.keys(e.stages).forEach(function (k) { out.push([stageName(k), valueText(e.stages[k])]); });
      }
    } else if (e.kind === "roleplay") {
      var steps = Array.isArray(e.trace) ? e.trace : [];
      out.push(["Decisions", steps.map(function (s, i) {
        var choice = s.choice === null || s.choice === undefined ? "no agreement (impasse)" : s.choice;
        return (i + 1) + ". " + s.point + ": " + choice + (decidedBy(s) === "rules" ? " (chosen by the other role)" : "");
      }).join("\n") || "(none)"]);
      if (e.measures_end) out.push(["Measures at the end", measuresText(e.measures_end)]);
      if (e.ending) out.push(["Ending", String(typeof e.ending_title === "string" && e.ending_title ? e.ending_title : e.ending)]);
      if (e.relation === "swap") out.push(["Follows", "an earlier run, with sides swapped"]);
      if (e.relation === "replay") out.push(["Follows", "an earlier run, played again"]);
    } else if (e.kind === "self_rating") {
      var items = Array.isArray(e.items) ? e.items : [];
      out.push(["Ratings", items.map(function (it) {
        return (it.text || it.item) + ": " + valueText(it.value);
      }).join("\n")]);
      if (e.note) out.push(["Note", e.note]);
    } else if (e.kind === "exercise_answer" && (e.exercise === "disagreement" || e.exercise === "de-roling")) {
      // A note on a run (runs.disagreement_entry / derole_entry): the learner's words, not JSON.
      var note = e.answer && typeof e.answer === "object" && !Array.isArray(e.answer) ? e.answer : {};
      if (e.question) out.push([e.exercise === "disagreement" ? "The key said" : "Prompt", e.question]);
      out.push(["You said", valueText(note.text)]);
    } else if (e.kind === "exercise_answer") {
      if (e.question) out.push(["Question", e.question]);
      var lines = summaryLines(e);
      if (lines.length) lines.forEach(function (l) { out.push(l); });
      else out.push(["Answer", valueText(e.answer)]);
      if (e.note) out.push(["Note", e.note]);
    }
    return out;
  }

  // Facts about an entry (not learner prose), as [label, text] pairs.
  function entryFacts(e) {
    var facts = [["Kind", kindName(e.kind)]];
    if (e.draft === true) facts.push(["Status", "draft"]);
    if (e.kind === "roleplay" && e.side) facts.push(["Played as", has(SIDE_NAMES, e.side) ? SIDE_NAMES[e.side] : e.side]);
    if (e.kind === "reflection" && e.variant) facts.push(["Played as", SIDE_NAMES[e.variant] || e.variant]);
    if (e.kind === "self_rating" && e.moment) facts.push(["When", e.moment]);
    if (e.exercise) facts.push(["Exercise", e.exercise]);
    facts.push(["Written", formatTime(e.created)]);
    if (e.updated && e.updated !== e.created) facts.push(["Last changed", formatTime(e.updated)]);
    return facts;
  }

  // ------------------------------------------------------------------ Python-compatible text

  // The Markdown and CSV exports give the same text as the Jupyter journal's exports
  // (kfcourse/journal/markdown_export.py and csv_export.py), so a learner's portfolio reads the
  // same wherever it was made. These helpers reproduce the Python behaviour they rely on.

  // Python's str.isspace() characters (str.split() and str.strip() use them).
  var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c\\x1d\\x1e\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var PY_STRIP = new RegExp("^[" + PY_SPACE + "]+|[" + PY_SPACE + "]+$", "g");
  var PY_SPLIT = new RegExp("[^" + PY_SPACE + "]+", "g");

  function pyStrip(text) {
    return text.replace(PY_STRIP, "");
  }

  function pySplit(text) {
    return String(text).match(PY_SPLIT) || [];
  }

  function pyStr(v) {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "string") return v;
    if (typeof v === "number") return String(v);
    return pyDumps(v, true).replace(/"/g, "'"); // only for odd values; close to Python's repr
  }

  function jsonString(text, ascii) {
    var out = JSON.stringify(text);
    if (!ascii) return out;
    return out.replace(/[\u007f-\uffff]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  // json.dumps(value, ensure_ascii=ascii, indent=indent), with Python's separators.
  function pyDumps(value, ascii, indent, depth) {
    depth = depth || 0;
    var pad = indent === undefined ? null : "\n" + " ".repeat(indent * (depth + 1));
    var end = indent === undefined ? "" : "\n" + " ".repeat(indent * depth);
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    if (typeof value === "string") return jsonString(value, ascii);
    var items;
    if (Array.isArray(value)) {
      if (!value.length) return "[]";
      items = value.map(function (v) { return pyDumps(v, ascii, indent, depth + 1); });
      return pad === null ? "[" + items.join(", ") + "]" : "[" + pad + items.join("," + pad) + end + "]";
    }
    var keys = Object.keys(value);
    if (!keys.length) return "{}";
    items = keys.map(function (k) { return jsonString(k, ascii) + ": " + pyDumps(value[k], ascii, indent, depth + 1); });
    return pad === null ? "{" + items.join(", ") + "}" : "{" + pad + items.join("," + pad) + end + "}";
  }

  // ------------------------------------------------------------------ Markdown

  var MD_STAGE_TITLES = {
    description: "Description", feelings: "Feelings", evaluation: "Evaluation",
    analysis: "Analysis", conclusion: "Conclusion", action_plan: "Action plan",
    what_happened: "What happened?", concept: "What does a course concept explain?",
    next: "What next?", text: "Reflection",
  };
  var MODEL_TITLES = { gibbs: "Gibbs cycle", gibbs_short: "Gibbs cycle, short form", free: "Free reflection" };
  var MD_SIDE_TITLES = {
    doctor: "the doctor", clinician: "the clinician", patient: "the patient partner",
    pair: "a pair (both roles)",
  };
  var GIBBS_STAGES = ["description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"];
  var SHORT_STAGES = ["what_happened", "feelings", "concept", "next"];

  // Learner text as Markdown that renders as exactly that text: every character Markdown
  // (CommonMark, GFM tables, MyST) could read as markup gets a backslash.
  var ANYWHERE = /([\\`*_\[\]<>&|~#${}!])/g;

  function escapeText(text) {
    var lines = String(text).replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n").map(function (raw) {
      var line = pyStrip(raw).replace(ANYWHERE, "\\$1");
      var m = /^([-+=:(%^>]|\d+(?=[.)]))/.exec(line);
      if (m) {
        if (/\d/.test(m[1].charAt(0))) line = m[1] + "\\" + line.slice(m[1].length);
        else line = "\\" + line;
      }
      return line;
    });
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  }

  // A short value (an id, a label) inside a line, escaped (it never starts a line).
  function inline(value) {
    return pySplit(pyStr(value)).join(" ").replace(ANYWHERE, "\\$1");
  }

  function mdDate(stamp) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(stamp));
    if (!m || !core().instant(stamp)) return inline(stamp);
    return +m[3] + " " + MONTHS[+m[2] - 1] + " " + m[1] + ", " + m[4] + ":" + m[5] + " UTC";
  }

  function isMap(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function asMap(v) {
    return isMap(v) ? v : {};
  }

  function sideName(role) {
    var key = pyStr(role);
    return has(MD_SIDE_TITLES, key) ? MD_SIDE_TITLES[key] : key;
  }

  var RELATION_WORDS = { swap: "Sides swapped after", replay: "Played again after" };

  function chooser(step) {
    var who = decidedBy(step);
    return has(CHOOSERS, who) ? CHOOSERS[who] : "you (" + inline(sideName(who)) + ")";
  }

  function signed(v) {
    if (typeof v !== "number") return inline(v);
    return v > 0 ? "+" + String(v) : String(v);
  }

  function stepTitle(e, n, step) {
    var point = has(step, "point") ? step.point : "";
    var titles = asMap(e.point_titles);
    var title = typeof point === "string" && has(titles, point) ? titles[point] : null;
    return "Step " + n + ": " + inline(typeof title === "string" && title ? title : point);
  }

  // One decision of a run as a short transcript: who decided, what, why, what moved.
  function mdStep(e, n, step) {
    var names = asMap(e.measure_names);
    var out = ["**" + stepTitle(e, n, step) + "**", "", "- Decided by: " + chooser(step)];
    if (step.choice === null || step.choice === undefined) {
      if (truthy(step.prompt)) out.push("- Said about it: " + inline(step.prompt));
    } else {
      var text = step.text;
      out.push("- Choice: " + inline(typeof text === "string" && text ? text : step.choice));
      if (truthy(step.why)) out.push("- Why: " + inline(step.why));
    }
    var notes = asMap(step.notes);
    Object.keys(notes).forEach(function (role) {
      if (typeof notes[role] === "string" && notes[role]) {
        out.push("- Why " + inline(sideName(role)) + " chose so: " + inline(notes[role]));
      }
    });
    var changes = asMap(step.changes);
    var moved = Object.keys(changes).filter(function (k) { return truthy(changes[k]); }).map(function (k) {
      return inline(has(names, k) ? names[k] : k) + " " + signed(changes[k]);
    });
    out.push("- Meters: " + (moved.length ? moved.join(", ") : "no change"));
    return out;
  }

  // The measures at the start, after each step and at the end, as one table.
  function meterTable(e, steps) {
    var names = asMap(e.measure_names);
    var rows = [["Start", asMap(e.measures_start)]];
    steps.forEach(function (s) { rows.push([stepTitle(e, s[0], s[1]), asMap(s[1].measures)]); });
    rows.push(["End", asMap(e.measures_end)]);
    var keys = [];
    rows.forEach(function (r) {
      Object.keys(r[1]).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    });
    if (!keys.length) return [];
    var out = [
      "| Moment | " + keys.map(function (k) { return inline(has(names, k) ? names[k] : k); }).join(" | ") + " |",
      "|---".repeat(keys.length + 1) + "|",
    ];
    rows.forEach(function (r) {
      out.push("| " + r[0] + " | " + keys.map(function (k) { return has(r[1], k) ? inline(r[1][k]) : ""; }).join(" | ") + " |");
    });
    return out;
  }

  function mdRoleplay(e, runs) {
    var scenario = truthy(e.scenario_title) ? e.scenario_title : (has(e, "scenario_id") ? e.scenario_id : "?");
    var out = ["## Role-play: " + inline(scenario) + ", as " + inline(sideName(e.side)), ""];
    out.push("- When: " + mdDate(e.created));
    var ending = truthy(e.ending_title) ? e.ending_title : e.ending;
    out.push("- Ending: " + (truthy(ending) ? inline(ending) : "not reached"));
    var relation = pyStr(e.relation);
    if (has(RELATION_WORDS, relation)) {
      var earlier = runs.get(pyStr(e.related_entry));
      out.push("- " + RELATION_WORDS[relation] + " " + (earlier ? "the run of " + mdDate(earlier.created) : "an earlier run"));
    }
    var steps = [];
    (Array.isArray(e.trace) ? e.trace : []).forEach(function (s, i) { if (isMap(s)) steps.push([i + 1, s]); });
    if (steps.length) {
      out.push("", "### The path");
      steps.forEach(function (s) { out.push(""); Array.prototype.push.apply(out, mdStep(e, s[0], s[1])); });
    }
    var table = meterTable(e, steps);
    if (table.length) {
      out.push("", "### The meters", "");
      Array.prototype.push.apply(out, table);
    }
    return out;
  }

  // Each stage once, in its model's order (then the other model's, then any others).
  function stageOrder(e, stages) {
    var models = e.model === "gibbs_short" ? SHORT_STAGES.concat(GIBBS_STAGES) : GIBBS_STAGES.concat(SHORT_STAGES);
    var order = [];
    models.forEach(function (k) { if (has(stages, k) && order.indexOf(k) < 0) order.push(k); });
    Object.keys(stages).forEach(function (k) { if (order.indexOf(k) < 0) order.push(k); });
    return order;
  }

  function mdReflection(e, level) {
    level = level || 2;
    var model = has(MODEL_TITLES, pyStr(e.model)) ? MODEL_TITLES[pyStr(e.model)] : "Reflection";
    var heading = "#".repeat(level) + " Reflection";
    if (typeof e.title === "string" && pyStrip(e.title)) heading += ": " + inline(e.title);
    heading += " (" + model;
    if (has(MD_SIDE_TITLES, e.variant)) heading += ", prompts for " + MD_SIDE_TITLES[e.variant];
    var out = [heading + ")", "", "- When: " + mdDate(e.created)];
    if (truthy(e.prompt)) out.push("", "**Prompt:** " + escapeText(pyStr(e.prompt)));
    var stages = asMap(e.stages);
    stageOrder(e, stages).forEach(function (k) {
      var text = stages[k];
      var title = has(MD_STAGE_TITLES, k) ? MD_STAGE_TITLES[k] : k;
      var body = typeof text === "string" && pyStrip(text) ? escapeText(text) : "*(left blank)*";
      out.push("", "#".repeat(level + 1) + " " + inline(title), "", body);
    });
    if (typeof e.text === "string") out.push("", escapeText(e.text) || "*(left blank)*");
    return out;
  }

  function mdRating(e) {
    var title = "## Self-rating: " + inline(has(e, "instrument") ? e.instrument : "?");
    if (e.moment === "before" || e.moment === "after") title += " (" + e.moment + ")";
    var out = [title, "", "- When: " + mdDate(e.created)];
    if (e.scale && typeof e.scale === "object" && !Array.isArray(e.scale)) {
      out.push("- Scale: " + inline(e.scale.min) + " to " + inline(e.scale.max));
    }
    out.push("", "| Item | Rating |", "|---|---|");
    (Array.isArray(e.items) ? e.items : []).forEach(function (item) {
      if (!item || typeof item !== "object" || Array.isArray(item)) return;
      var label = item.text || (has(item, "item") ? item.item : "");
      out.push("| " + inline(label) + " | " + (item.value === null || item.value === undefined ? "skipped" : inline(item.value)) + " |");
    });
    if (e.note) out.push("", escapeText(e.note));
    return out;
  }

  function mdAnswer(e, level) {
    level = level || 2;
    var titled = typeof e.title === "string" && pyStrip(e.title);
    var out = ["#".repeat(level) + " " + (titled ? "Exercise: " + inline(e.title) : "Exercise answer"), ""];
    out.push("- When: " + mdDate(e.created));
    if (truthy(e.question)) out.push("", "**Question:** " + escapeText(pyStr(e.question)));
    var lines = summaryLines(e);
    if (lines.length) {
      // the answer in words, as the exercise's screen put it
      lines.forEach(function (l) { out.push("", "**" + inline(l[0]) + ":** " + (escapeText(l[1]) || "*(left blank)*")); });
    } else {
      var text = typeof e.answer === "string" ? e.answer : pyDumps(e.answer, false, 1);
      out.push("", "**Answer:**", "", escapeText(text) || "*(left blank)*");
    }
    if (truthy(e.note)) out.push("", escapeText(pyStr(e.note)));
    return out;
  }

  function words(v) {
    return typeof v === "string" && pyStrip(v) ? escapeText(v) : "*(left blank)*";
  }

  // A disagreement with the key or the de-roling note, under the run it is about.
  function mdNote(e, run) {
    var answer = asMap(e.answer);
    var disagreement = e.exercise === "disagreement";
    var out;
    if (disagreement) {
      var n = answer.step;
      var trace = Array.isArray(run.trace) ? run.trace : [];
      var ok = typeof n === "number" && Number.isInteger(n) && n > 0 && n <= trace.length;
      var step = ok && isMap(trace[n - 1]) ? trace[n - 1] : {};
      var where = ok ? stepTitle(run, n, step) : "Step " + inline(n);
      out = ["### Disagreement with the key at s" + where.slice(1), ""];
    } else {
      out = ["### De-roling: how I differ from my character", ""];
    }
    out.push("- When: " + mdDate(e.created));
    if (truthy(e.question)) {
      out.push("", "**" + (disagreement ? "The key said" : "Prompt") + ":** " + escapeText(pyStr(e.question)));
    }
    out.push("", words(answer.text));
    return out;
  }

  // An entry shown under the run it refers to, one heading level down.
  function mdAboutRun(e, run) {
    if (e.kind === "reflection") return mdReflection(e, 3);
    if (e.exercise === "disagreement" || e.exercise === "de-roling") return mdNote(e, run);
    return mdAnswer(e, 3);
  }

  // Python truthiness of a JSON value.
  function truthy(v) {
    if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === "object") return Object.keys(v).length > 0;
    return true;
  }

  function mdSection(e, runs) {
    if (e.kind === "roleplay") return mdRoleplay(e, runs);
    if (e.kind === "reflection") return mdReflection(e);
    if (e.kind === "self_rating") return mdRating(e);
    if (e.kind === "exercise_answer") return mdAnswer(e);
    return [];
  }

  // A reflection or an exercise answer (a note) that refers to a run in the journal.
  function isAboutRun(e, runs) {
    return (e.kind === "reflection" || e.kind === "exercise_answer") &&
      typeof e.related_entry === "string" && runs.has(e.related_entry);
  }

  // The whole journal as one Markdown document, oldest entry first; the reflections and notes
  // that refer to a role-play run follow that run.
  function markdown(journal) {
    var entries = (journal.entries || []).filter(isMap);
    var runs = new Map();
    entries.forEach(function (e) { if (e.kind === "roleplay" && typeof e.id === "string") runs.set(e.id, e); });
    var about = new Map();
    entries.forEach(function (e) {
      if (!isAboutRun(e, runs)) return;
      if (!about.has(e.related_entry)) about.set(e.related_entry, []);
      about.get(e.related_entry).push(e);
    });
    var out = ["# My Leading Together journal", ""];
    if (truthy(journal.display_name)) out.push("Kept by " + inline(journal.display_name) + ".", "");
    out.push(entries.length + " entries, exported from course version " +
      inline(has(journal, "course_version") ? journal.course_version : "?") +
      ". Everything here was written on your own computer and has not been sent anywhere.");
    entries.forEach(function (e) {
      if (isAboutRun(e, runs)) return; // shown under its run
      var lines = mdSection(e, runs);
      if (!lines.length) return;
      if (truthy(e.draft)) lines[0] += " (draft)";
      out.push("");
      Array.prototype.push.apply(out, lines);
      if (e.kind === "roleplay" && typeof e.id === "string" && runs.get(e.id) === e) {
        (about.get(e.id) || []).forEach(function (note) {
          var more = mdAboutRun(note, e);
          if (truthy(note.draft)) more[0] += " (draft)";
          out.push("");
          Array.prototype.push.apply(out, more);
        });
      }
    });
    return out.join("\n") + "\n";
  }

  // ------------------------------------------------------------------ CSV

  var CSV_COLUMNS = ["id", "kind", "created", "updated", "course_version", "source", "exercise", "title",
    "draft", "scenario_id", "side", "ending", "completed", "steps", "measures_end",
    "model", "variant", "instrument", "moment", "ratings", "text", "words"];

  var PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)$/i;

  // A cell a spreadsheet would run as a formula: =, +, -, @ or their full-width forms, also after
  // leading spaces, or a leading tab or carriage return (csv_export.FORMULA_START in Python).
  var FORMULA_START = /^(?:[\t\r]|[ \t\r\n\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

  function csvValue(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "yes" : "no";
    var text = typeof value === "string" ? value : pyDumps(value, false);
    // A cell a spreadsheet would run as a formula gets a leading apostrophe.
    if (FORMULA_START.test(text) && !PY_FLOAT.test(pyStrip(text))) text = "'" + text;
    return text;
  }

  function csvQuote(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function pairs(values) {
    if (!values || typeof values !== "object" || Array.isArray(values)) return "";
    return Object.keys(values).map(function (k) { return k + "=" + pyStr(values[k]); }).join("; ");
  }

  function reflectionTexts(e) {
    var out = {};
    if (e.stages && typeof e.stages === "object" && !Array.isArray(e.stages)) {
      Object.keys(e.stages).forEach(function (k) { if (typeof e.stages[k] === "string") out[k] = e.stages[k]; });
    }
    if (typeof e.text === "string") out.text = e.text;
    return out;
  }

  function csvRow(e) {
    var values = {};
    CSV_COLUMNS.forEach(function (name) { values[name] = has(e, name) ? e[name] : null; });
    values.steps = e.kind === "roleplay" ? (Array.isArray(e.trace) ? e.trace.length : 0) : null;
    values.measures_end = pairs(e.measures_end) || null;
    if (e.kind === "self_rating") {
      var items = (Array.isArray(e.items) ? e.items : []).filter(function (i) { return i && typeof i === "object" && !Array.isArray(i); });
      values.ratings = items.map(function (i) { return pyStr(i.item) + "=" + pyStr(i.value); }).join("; ");
      values.text = has(e, "note") ? e.note : null;
    } else if (e.kind === "reflection") {
      var texts = reflectionTexts(e);
      values.text = Object.keys(texts).map(function (k) {
        return (has(MD_STAGE_TITLES, k) ? MD_STAGE_TITLES[k] : k) + ": " + texts[k];
      }).join("\n\n");
      values.words = Object.keys(texts).reduce(function (n, k) { return n + pySplit(texts[k]).length; }, 0);
    } else if (e.kind === "exercise_answer") {
      var lines = summaryLines(e);
      if (lines.length) values.text = lines.map(function (l) { return l[0] + ": " + l[1]; }).join("\n");
      else values.text = typeof e.answer === "string" ? e.answer : pyDumps(has(e, "answer") ? e.answer : null, true);
    }
    return CSV_COLUMNS.map(function (name) { return csvQuote(csvValue(values[name])); });
  }

  // The journal as CSV: a header row, one row per entry. A byte-order mark goes first so that
  // spreadsheet programs read the file as UTF-8 (curly quotes and accents survive).
  function csv(journal) {
    var rows = [CSV_COLUMNS.join(",")];
    (journal.entries || []).forEach(function (e) {
      if (e && typeof e === "object" && !Array.isArray(e)) rows.push(csvRow(e).join(","));
    });
    return "\ufeff" + rows.join("\r\n") + "\r\n";
  }

  function json(journal) {
    return JSON.stringify(journal, null, 2) + "\n";
  }

  KF.exporters = {
    json: json,
    markdown: markdown,
    csv: csv,
    escapeText: escapeText,
    formatTime: formatTime,
    entryTitle: entryTitle,
    entrySections: entrySections,
    entryFacts: entryFacts,
    kindName: kindName,
    CSV_COLUMNS: CSV_COLUMNS,
  };
})(typeof window !== "undefined" ? window : globalThis);
