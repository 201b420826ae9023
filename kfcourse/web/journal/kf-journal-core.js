/* Leading Together: the browser journal's rules, with no page and no storage.
 *
 * Validates a journal against the JSON Schema the Python journal ships (embedded in the page),
 * checks files offered for import, makes ids and timestamps, and merges journals by entry id
 * (the later `updated` wins; ties keep the entry already held), as kfcourse/journal/SCHEMA.md
 * says. A classic script (not an ES module) so that the book also works from file://.
 */
(function (root) {
  "use strict";
  var KF = (root.KFJournal = root.KFJournal || {});

  var FORMAT = "kfcourse-journal";
  var SCHEMA_VERSION = 1;
  var MAX_IMPORT_BYTES = 20 * 1024 * 1024;
  // The one nesting limit (lists and objects inside one another, the whole file counting as 1),
  // the same as Python's kfcourse.journal.reading.MAX_DEPTH; tests check that the two agree.
  var MAX_DEPTH = 64;

  // True if `value` nests lists and objects more than `limit` levels deep (no recursion, so a
  // file nested 200,000 levels deep is refused rather than overflowing the stack).
  function tooDeep(value, limit) {
    var stack = [[value, 1]];
    while (stack.length) {
      var top = stack.pop(), node = top[0], depth = top[1];
      if (node === null || typeof node !== "object") continue;
      if (depth > limit) return true;
      var children = Array.isArray(node) ? node : Object.keys(node).map(function (k) { return node[k]; });
      for (var i = 0; i < children.length; i++) {
        if (children[i] !== null && typeof children[i] === "object") stack.push([children[i], depth + 1]);
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ JSON Schema (2020-12 subset)

  // Every keyword the interpreter understands; `unsupportedKeywords` lists any others a schema
  // uses, so that a test fails if the Python schema starts using one this file ignores.
  var KEYWORDS = [
    "$schema", "$id", "$defs", "definitions", "$comment", "title", "description", "default",
    "examples", "$ref", "type", "const", "enum", "minLength", "maxLength", "pattern",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
    "prefixItems", "minItems", "maxItems", "uniqueItems", "required", "properties",
    "patternProperties", "additionalProperties", "propertyNames", "minProperties",
    "maxProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
  ];
  var SUBSCHEMA_MAPS = ["$defs", "definitions", "properties", "patternProperties"];
  var SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
  var SUBSCHEMA_ONE = ["items", "additionalProperties", "propertyNames", "not", "if", "then", "else"];

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function unsupportedKeywords(schema) {
    var found = {};
    (function walk(s) {
      if (!isObject(s)) return;
      Object.keys(s).forEach(function (k) {
        if (KEYWORDS.indexOf(k) < 0) found[k] = true;
      });
      SUBSCHEMA_MAPS.forEach(function (k) {
        if (isObject(s[k])) Object.keys(s[k]).forEach(function (n) { walk(s[k][n]); });
      });
      SUBSCHEMA_LISTS.forEach(function (k) {
        if (Array.isArray(s[k])) s[k].forEach(walk);
      });
      SUBSCHEMA_ONE.forEach(function (k) { walk(s[k]); });
    })(schema);
    return Object.keys(found).sort();
  }

  function jsonType(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v; // string, boolean, object
  }

  function hasType(v, t) {
    var actual = jsonType(v);
    if (t === "number") return actual === "number" || actual === "integer";
    return actual === t;
  }

  function deepEqual(a, b) {
    if (a === b) return true;
    var ta = jsonType(a), tb = jsonType(b);
    if ((ta === "integer" || ta === "number") && (tb === "integer" || tb === "number")) return a === b;
    if (ta !== tb) return false;
    if (ta === "array") {
      if (a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
      return true;
    }
    if (ta === "object") {
      var ka = Object.keys(a), kb = Object.keys(b);
      if (ka.length !== kb.length) return false;
      return ka.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]); });
    }
    return false;
  }

  function codePoints(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      n++;
    }
    return n;
  }

  // Paths are linked lists ({up, part}) so that no array is built per value checked; they
  // become text only when there is a problem to report.
  function pathText(path) {
    var parts = [];
    for (var p = path; p; p = p.up) parts.unshift(p.part);
    return parts.length ? parts.join("") : "(the whole file)";
  }

  function sub(path, part) {
    return { up: path, part: part };
  }

  function Validator(rootSchema) {
    this.root = rootSchema;
    this.regexps = {};
  }

  Validator.prototype.resolve = function (ref) {
    if (!this.refs) this.refs = {};
    if (!Object.prototype.hasOwnProperty.call(this.refs, ref)) this.refs[ref] = this.lookup(ref);
    return this.refs[ref];
  };

  Validator.prototype.lookup = function (ref) {
    if (ref.charAt(0) !== "#") throw new Error("only local $ref is supported: " + ref);
    var node = this.root;
    ref.slice(1).split("/").slice(1).forEach(function (part) {
      part = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
      node = node[part];
      if (node === undefined) throw new Error("unresolvable $ref " + ref);
    });
    return node;
  };

  Validator.prototype.regexp = function (pattern) {
    if (!this.regexps[pattern]) this.regexps[pattern] = new RegExp(pattern, "u");
    return this.regexps[pattern];
  };

  Validator.prototype.isValid = function (schema, v) {
    var errors = [];
    this.check(schema, v, null, errors);
    return errors.length === 0;
  };

  // Appends {path, message} for every way `v` fails `schema`.
  Validator.prototype.check = function (schema, v, path, errors) {
    var self = this;
    function fail(message) { errors.push({ path: pathText(path), message: message }); }
    if (schema === true) return;
    if (schema === false) { fail("is not allowed here"); return; }
    if (!isObject(schema)) return;

    if (typeof schema.$ref === "string") this.check(this.resolve(schema.$ref), v, path, errors);

    if (schema.type !== undefined) {
      var types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some(function (t) { return hasType(v, t); })) {
        fail("should be " + types.map(describeType).join(" or ") + ", not " + describeType(jsonType(v)));
        return; // the other checks would only repeat the problem
      }
    }
    if (schema.const !== undefined && !deepEqual(v, schema.const)) fail("should be " + JSON.stringify(schema.const));
    if (Array.isArray(schema.enum) && !schema.enum.some(function (e) { return deepEqual(v, e); })) {
      fail("should be one of " + schema.enum.map(function (e) { return JSON.stringify(e); }).join(", "));
    }

    if (typeof v === "string") {
      var len = codePoints(v);
      if (schema.minLength !== undefined && len < schema.minLength) fail("is shorter than " + schema.minLength + " characters");
      if (schema.maxLength !== undefined && len > schema.maxLength) fail("is longer than " + schema.maxLength + " characters");
      if (typeof schema.pattern === "string" && !this.regexp(schema.pattern).test(v)) fail("does not have the expected form");
    }

    if (typeof v === "number") {
      if (schema.minimum !== undefined && v < schema.minimum) fail("is less than " + schema.minimum);
      if (schema.maximum !== undefined && v > schema.maximum) fail("is more than " + schema.maximum);
      if (schema.exclusiveMinimum !== undefined && v <= schema.exclusiveMinimum) fail("should be more than " + schema.exclusiveMinimum);
      if (schema.exclusiveMaximum !== undefined && v >= schema.exclusiveMaximum) fail("should be less than " + schema.exclusiveMaximum);
      if (schema.multipleOf !== undefined && !Number.isInteger(v / schema.multipleOf)) fail("should be a multiple of " + schema.multipleOf);
    }

    if (Array.isArray(v)) {
      var prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      prefix.forEach(function (s, i) {
        if (i < v.length) self.check(s, v[i], sub(path, "[" + i + "]"), errors);
      });
      if (schema.items !== undefined) {
        for (var i = prefix.length; i < v.length; i++) self.check(schema.items, v[i], sub(path, "[" + i + "]"), errors);
      }
      if (schema.minItems !== undefined && v.length < schema.minItems) fail("should have at least " + schema.minItems + " items");
      if (schema.maxItems !== undefined && v.length > schema.maxItems) fail("should have at most " + schema.maxItems + " items");
      if (schema.uniqueItems === true) {
        for (var a = 0; a < v.length; a++) {
          for (var b = a + 1; b < v.length; b++) if (deepEqual(v[a], v[b])) { fail("has repeated items"); a = v.length; break; }
        }
      }
    }

    if (isObject(v)) {
      var keys = Object.keys(v);
      (Array.isArray(schema.required) ? schema.required : []).forEach(function (k) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) fail("is missing the field \u201c" + k + "\u201d");
      });
      var props = isObject(schema.properties) ? schema.properties : {};
      var patterns = isObject(schema.patternProperties) ? schema.patternProperties : {};
      keys.forEach(function (k) {
        var at = sub(path, path ? "." + k : k);
        var matched = false;
        if (Object.prototype.hasOwnProperty.call(props, k)) { matched = true; self.check(props[k], v[k], at, errors); }
        Object.keys(patterns).forEach(function (p) {
          if (self.regexp(p).test(k)) { matched = true; self.check(patterns[p], v[k], at, errors); }
        });
        if (!matched && schema.additionalProperties !== undefined) self.check(schema.additionalProperties, v[k], at, errors);
        if (schema.propertyNames !== undefined && !self.isValid(schema.propertyNames, k)) {
          errors.push({ path: pathText(at), message: "has a field name that is not allowed" });
        }
      });
      if (schema.minProperties !== undefined && keys.length < schema.minProperties) fail("has too few fields");
      if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) fail("has too many fields");
    }

    if (Array.isArray(schema.allOf)) schema.allOf.forEach(function (s) { self.check(s, v, path, errors); });
    if (Array.isArray(schema.anyOf) && !schema.anyOf.some(function (s) { return self.isValid(s, v); })) {
      fail("does not match any of the allowed forms");
    }
    if (Array.isArray(schema.oneOf)) {
      var n = schema.oneOf.filter(function (s) { return self.isValid(s, v); }).length;
      if (n !== 1) fail("should match exactly one of the allowed forms");
    }
    if (schema.not !== undefined && this.isValid(schema.not, v)) fail("has a form that is not allowed");
    if (schema.if !== undefined) {
      if (this.isValid(schema.if, v)) {
        if (schema.then !== undefined) this.check(schema.then, v, path, errors);
      } else if (schema.else !== undefined) {
        this.check(schema.else, v, path, errors);
      }
    }
  };

  function describeType(t) {
    return {
      "null": "empty (null)", array: "a list", object: "a group of fields", string: "text",
      integer: "a whole number", number: "a number", boolean: "true or false",
    }[t] || t;
  }

  function validate(schema, doc) {
    var errors = [];
    new Validator(schema).check(schema, doc, null, errors);
    return errors;
  }

  // ------------------------------------------------------------------ ids and times

  function uuid4() {
    var b = new Uint8Array(16);
    root.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function nowIso() {
    return new Date().toISOString(); // UTC with a Z and milliseconds, as the schema's writers use
  }

  var TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

  // [whole seconds since 1970 (UTC), nanoseconds] of an RFC 3339 time, or null.
  function instant(text) {
    var m = typeof text === "string" ? TIME_RE.exec(text) : null;
    if (!m) return null;
    var secs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
    if (m[9]) secs -= (m[9] === "+" ? 1 : -1) * (+m[10] * 3600 + +m[11] * 60);
    return [secs, +((m[7] || "") + "000000000").slice(0, 9)];
  }

  // -1, 0 or 1; a time that cannot be read counts as the earliest.
  function compareTimes(a, b) {
    var x = instant(a), y = instant(b);
    if (!x && !y) return 0;
    if (!x) return -1;
    if (!y) return 1;
    if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
    if (x[1] !== y[1]) return x[1] < y[1] ? -1 : 1;
    return 0;
  }

  // ------------------------------------------------------------------ journals

  function emptyJournal(courseVersion) {
    var now = nowIso();
    return {
      format: FORMAT,
      schema_version: SCHEMA_VERSION,
      journal_id: uuid4(),
      display_name: null,
      created: now,
      updated: now,
      course_version: courseVersion,
      entries: [],
    };
  }

  function clone(v) {
    return JSON.parse(JSON.stringify(v));
  }

  function findEntry(journal, id) {
    for (var i = 0; i < journal.entries.length; i++) if (journal.entries[i].id === id) return i;
    return -1;
  }

  // Puts `entry` into `journal` (replacing the entry with its id) and stamps the journal.
  function upsert(journal, entry, courseVersion) {
    var i = findEntry(journal, entry.id);
    if (i < 0) journal.entries.push(entry);
    else journal.entries[i] = entry;
    journal.updated = entry.updated;
    if (courseVersion) journal.course_version = courseVersion;
    return journal;
  }

  // Merges `incoming` into a copy of `held`: new ids are appended in order; an entry already
  // held is replaced only by one with a later `updated`. Importing the same file twice changes
  // nothing (not even the journal's own `updated`).
  function merge(held, incoming) {
    var out = clone(held);
    var index = Object.create(null);
    out.entries.forEach(function (e, i) { index[e.id] = i; });
    var counts = { added: 0, replaced: 0, unchanged: 0 };
    incoming.entries.forEach(function (e) {
      if (!(e.id in index)) {
        index[e.id] = out.entries.length;
        out.entries.push(clone(e));
        counts.added++;
      } else if (compareTimes(e.updated, out.entries[index[e.id]].updated) > 0) {
        out.entries[index[e.id]] = clone(e);
        counts.replaced++;
      } else {
        counts.unchanged++;
      }
    });
    if (counts.added || counts.replaced) {
      out.updated = nowIso();
      if ((out.display_name === null || out.display_name === undefined) && typeof incoming.display_name === "string") {
        out.display_name = incoming.display_name;
      }
    }
    return { journal: out, counts: counts };
  }

  // ------------------------------------------------------------------ checking files

  function refusal(reason) {
    return { ok: false, reason: reason };
  }

  function friendlyPath(path) {
    var m = /^entries\[(\d+)\](?:\.(.*))?$/.exec(path);
    if (m) return "entry " + (+m[1] + 1) + (m[2] ? " (field \u201c" + m[2] + "\u201d)" : "");
    return path === "(the whole file)" ? "the file" : "field \u201c" + path + "\u201d";
  }

  // Checks a journal document (already parsed): {ok: true, journal} or {ok: false, reason}.
  function checkJournal(doc, schema) {
    if (tooDeep(doc, MAX_DEPTH)) {
      return refusal("This file is not a journal: it nests lists and objects more than " + MAX_DEPTH + " levels deep.");
    }
    if (!isObject(doc)) {
      return refusal("This file is not a Leading Together journal: it holds " + describeType(jsonType(doc)) + ", not a journal.");
    }
    if (doc.format === "kfcourse-class-export") {
      return refusal("This is a class export, made for an instructor with your name replaced by a pseudonym. It cannot be turned back into a journal; import the journal file you exported instead.");
    }
    if (doc.format !== FORMAT) {
      if (doc.format === undefined && doc.app === "kfcourse" && doc.version === 0) {
        return refusal("This journal is in the course's early format (version 0), which this website cannot read. Import it in Jupyter first (kfcourse journal import FILE), then export it again and import that file here.");
      }
      return refusal("This file is not a Leading Together journal: it has no \u201cformat\u201d: \u201ckfcourse-journal\u201d marker.");
    }
    var v = doc.schema_version;
    if (typeof v !== "number" || !Number.isInteger(v)) {
      return refusal("This journal file is damaged: its \u201cschema_version\u201d is not a whole number.");
    }
    if (v > SCHEMA_VERSION) {
      return refusal("This journal was written by a newer version of the course (format version " + v + "); this website reads version " + SCHEMA_VERSION + ". Update the course and try again.");
    }
    if (v < SCHEMA_VERSION) {
      return refusal("This journal is in an older format (version " + v + "), which this website cannot read. Import it in Jupyter first (kfcourse journal import FILE), then export it again and import that file here.");
    }
    var errors = validate(schema, doc);
    if (errors.length) {
      var first = errors[0];
      return refusal("This journal file is damaged or was changed by hand, so nothing was taken from it. First problem: " +
        friendlyPath(first.path) + " " + first.message + "." +
        (errors.length > 1 ? " (" + errors.length + " problems in all.)" : ""));
    }
    return { ok: true, journal: doc };
  }

  // Checks the text of a file offered for import.
  function parseImport(text, schema) {
    if (typeof text !== "string") return refusal("The file could not be read.");
    if (text.length > MAX_IMPORT_BYTES) return refusal("This file is too large to be a journal (more than 20 MB).");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) return refusal("This file is empty.");
    var doc;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return refusal("This file is not a journal: it is not JSON (" + e.message + ").");
    }
    return checkJournal(doc, schema);
  }

  function wordCount(text) {
    var m = String(text || "").match(/[^\s]+/g);
    return m ? m.length : 0;
  }

  KF.core = {
    FORMAT: FORMAT,
    SCHEMA_VERSION: SCHEMA_VERSION,
    MAX_IMPORT_BYTES: MAX_IMPORT_BYTES,
    MAX_DEPTH: MAX_DEPTH,
    tooDeep: tooDeep,
    validate: validate,
    unsupportedKeywords: unsupportedKeywords,
    uuid4: uuid4,
    nowIso: nowIso,
    compareTimes: compareTimes,
    instant: instant,
    emptyJournal: emptyJournal,
    clone: clone,
    findEntry: findEntry,
    upsert: upsert,
    merge: merge,
    checkJournal: checkJournal,
    parseImport: parseImport,
    wordCount: wordCount,
  };
})(typeof window !== "undefined" ? window : globalThis);
