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
  var SIDE_NAMES = { clinician: "clinician", patient: "patient partner", both: "both roles" };
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
    if (e.kind === "exercise_answer") return e.exercise || "Exercise";
    if (e.kind === "reflection" && e.model === "free" && e.prompt) return e.prompt;
    return e.exercise || kindName(e.kind);
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
        return (i + 1) + ". " + s.point + ": " + s.choice + (s.by_rule ? " (chosen by the other role)" : "");
      }).join("\n") || "(none)"]);
      if (e.measures_end) out.push(["Measures at the end", measuresText(e.measures_end)]);
      if (e.ending) out.push(["Ending", String(e.ending)]);
    } else if (e.kind === "self_rating") {
      var items = Array.isArray(e.items) ? e.items : [];
      out.push(["Ratings", items.map(function (it) {
        return (it.text || it.item) + ": " + valueText(it.value);
      }).join("\n")]);
      if (e.note) out.push(["Note", e.note]);
    } else if (e.kind === "exercise_answer") {
      if (e.question) out.push(["Question", e.question]);
      out.push(["Answer", valueText(e.answer)]);
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

  // ------------------------------------------------------------------ Markdown

  // Escapes what Markdown (CommonMark, GFM and MyST) could read as markup, so learner text shows
  // exactly as typed: `<` `>` `&` become entities; other markup characters get a backslash.
  function escapeInline(text) {
    return String(text).replace(/[\\`*_{}\[\]<>&|~$]/g, function (c) {
      return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "\\" + c;
    });
  }

  // One line of learner text: also escapes what starts a block at the start of a line (headings,
  // lists, rules, MyST comments and fences); leading spaces are dropped so no code block starts.
  function escapeLine(line) {
    var s = escapeInline(line.replace(/^[ \t]+/, "").replace(/[ \t]+$/, ""));
    s = s.replace(/^([#+\-=%:])/, "\\$1");
    return s.replace(/^(\d+)([.)])/, "$1\\$2");
  }

  // Paragraphs stay paragraphs (blank lines), single line breaks stay line breaks.
  function escapeBlock(text) {
    return String(text)
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*(?:\n[ \t]*)+/)
      .map(function (p) {
        return p.split("\n").map(escapeLine).filter(function (l) { return l !== ""; }).join("\\\n");
      })
      .filter(function (p) { return p !== ""; })
      .join("\n\n");
  }

  function markdown(journal, options) {
    var exported = (options && options.exported) || new Date().toISOString();
    var lines = ["# My Leading Together journal", ""];
    if (journal.display_name) lines.push("Kept by " + escapeInline(journal.display_name) + ".", "");
    lines.push(
      "Exported on " + escapeInline(formatTime(exported)) + " from the course website: " +
        journal.entries.length + (journal.entries.length === 1 ? " entry" : " entries") + ".",
      ""
    );
    if (!journal.entries.length) lines.push("There are no entries yet.", "");
    journal.entries.forEach(function (e) {
      lines.push("## " + escapeInline(kindName(e.kind) + ": " + entryTitle(e)), "");
      entryFacts(e).forEach(function (f) {
        lines.push("- **" + escapeInline(f[0]) + ":** " + escapeInline(f[1]));
      });
      lines.push("");
      entrySections(e).forEach(function (s) {
        lines.push("### " + escapeInline(s[0]), "");
        var body = escapeBlock(s[1]);
        lines.push(body || "*(nothing written)*", "");
      });
    });
    return lines.join("\n").replace(/\n+$/, "") + "\n";
  }

  // ------------------------------------------------------------------ CSV

  var CSV_COLUMNS = ["id", "kind", "exercise", "title", "created", "updated", "draft", "source",
    "side", "model", "words", "text", "data"];

  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    // A cell a spreadsheet would run as a formula is prefixed with an apostrophe.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  }

  var COMMON_FIELDS = ["id", "kind", "exercise", "title", "created", "updated", "draft", "source",
    "course_version", "related_entry"];

  function csv(journal) {
    var rows = [CSV_COLUMNS];
    journal.entries.forEach(function (e) {
      var sections = entrySections(e);
      var text = sections.map(function (s) { return s[0] + ": " + s[1]; }).join("\n\n");
      var data = {};
      Object.keys(e).forEach(function (k) { if (COMMON_FIELDS.indexOf(k) < 0) data[k] = e[k]; });
      var words = e.kind === "reflection" ? sections.reduce(function (n, s) {
        return n + KF.core.wordCount(s[0] === "Question" ? "" : s[1]);
      }, 0) : "";
      rows.push([
        e.id, e.kind, e.exercise, e.title, e.created, e.updated,
        e.draft === true ? "yes" : "no", e.source,
        e.kind === "roleplay" ? e.side : e.variant, e.model, words, text, JSON.stringify(data),
      ]);
    });
    // A byte-order mark so that spreadsheets read the file as UTF-8.
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function json(journal) {
    return JSON.stringify(journal, null, 2) + "\n";
  }

  KF.exporters = {
    json: json,
    markdown: markdown,
    csv: csv,
    escapeInline: escapeInline,
    escapeBlock: escapeBlock,
    formatTime: formatTime,
    entryTitle: entryTitle,
    entrySections: entrySections,
    entryFacts: entryFacts,
    kindName: kindName,
    CSV_COLUMNS: CSV_COLUMNS,
  };
})(typeof window !== "undefined" ? window : globalThis);
