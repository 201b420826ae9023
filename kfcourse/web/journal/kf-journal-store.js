/* Leading Together: keeping the journal in this browser's storage (localStorage), never losing it.
 *
 * The journal is one JSON document under one key, the same document that is exported. Every
 * change re-reads the stored copy first, so two tabs do not overwrite each other's entries.
 * When storage fails (full, turned off, a private window), the journal is still held in the page
 * and every failure is reported, so the learner can download it; nothing fails silently. A stored
 * copy that cannot be read is set aside under another key, never overwritten.
 */
(function (root) {
  "use strict";
  var KF = (root.KFJournal = root.KFJournal || {});
  var core = KF.core;

  function describeFailure(error) {
    var name = (error && error.name) || "";
    var code = error && error.code;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014) {
      return {
        kind: "full",
        message: "Your browser\u2019s storage for this website is full, so the latest change could not be kept in this browser.",
      };
    }
    if (name === "SecurityError" || name === "InvalidAccessError" || name === "NotAllowedError") {
      return {
        kind: "blocked",
        message: "This browser does not let the website keep anything (storage is turned off, or a private window blocks it), so your work is held only while this page stays open.",
      };
    }
    return {
      kind: "failed",
      message: "Your browser refused to keep your work (" + (name || String(error)) + ").",
    };
  }

  function Store(options) {
    this.key = options.storageKey;
    this.schema = options.schema;
    this.courseVersion = options.courseVersion;
    this.memory = null; // the journal as this page holds it; the authority when storage fails
    this.problem = null; // the last storage failure, or null
    this.setAside = null; // {key, text, reason} when a damaged stored copy was moved
    this.listeners = [];
    this.stale = false; // another tab has stored a change this page has not taken in
  }

  Store.prototype.storage = function () {
    var s = root.localStorage; // throws SecurityError where storage is blocked
    if (!s) throw new DOMException("no localStorage", "SecurityError");
    return s;
  };

  Store.prototype.onChange = function (fn) {
    this.listeners.push(fn);
  };

  Store.prototype.notify = function (why) {
    var self = this;
    this.listeners.forEach(function (fn) { fn(self.memory, why); });
  };

  // Reads the stored journal into memory. A damaged stored copy is set aside (kept under
  // another key), never overwritten. Returns the journal.
  Store.prototype.load = function () {
    var text = null;
    try {
      text = this.storage().getItem(this.key);
      this.problem = null;
    } catch (e) {
      this.problem = describeFailure(e);
    }
    if (text === null || text === undefined) {
      if (!this.memory) this.memory = core.emptyJournal(this.courseVersion);
      return this.memory;
    }
    var checked;
    try {
      checked = core.checkJournal(JSON.parse(text), this.schema);
    } catch (e) {
      checked = { ok: false, reason: "It is not JSON (" + e.message + ")." };
    }
    if (checked.ok) {
      this.memory = checked.journal;
      return this.memory;
    }
    this.moveAside(text, checked.reason);
    this.memory = core.emptyJournal(this.courseVersion);
    return this.memory;
  };

  Store.prototype.moveAside = function (text, reason) {
    var asideKey = this.key + ":damaged:" + core.nowIso();
    this.setAside = { key: asideKey, text: text, reason: reason, kept: false };
    try {
      var s = this.storage();
      s.setItem(asideKey, text);
      s.removeItem(this.key);
      this.setAside.kept = true;
    } catch (e) {
      // Could not copy it aside: leave the damaged copy where it is and write nothing over it.
      this.problem = describeFailure(e);
      this.readOnly = true;
    }
  };

  // Writes the journal in memory to storage. Returns null, or the failure (also kept in
  // `problem`): the journal stays in memory either way.
  Store.prototype.save = function () {
    if (this.readOnly) {
      this.problem = this.problem || describeFailure(new DOMException("damaged copy kept", "SecurityError"));
      return this.problem;
    }
    try {
      this.storage().setItem(this.key, JSON.stringify(this.memory));
      this.problem = null;
    } catch (e) {
      this.problem = describeFailure(e);
    }
    return this.problem;
  };

  // Applies `change(journal) -> journal` to the journal in memory (first taking in what another
  // tab stored since, if one did), and stores the result. Returns {journal, problem}.
  Store.prototype.update = function (change, why) {
    if (this.stale) this.refresh();
    this.memory = change(this.memory || core.emptyJournal(this.courseVersion));
    var problem = this.save();
    this.notify(why || "update");
    return { journal: this.memory, problem: problem };
  };

  // Takes in what another tab stored since: the stored journal is merged into the one in memory
  // (by entry id, the later `updated` wins), so changes this page could not store are kept too.
  // The stored copy was written by this code, so only its outline is checked here; `load`
  // checks it fully when the page opens.
  Store.prototype.refresh = function () {
    this.stale = false;
    try {
      var text = this.storage().getItem(this.key);
      if (text === null) return;
      var stored = JSON.parse(text);
      if (!stored || stored.format !== core.FORMAT || stored.schema_version !== core.SCHEMA_VERSION ||
          !Array.isArray(stored.entries)) return;
      if (!this.memory) {
        this.memory = stored;
        return;
      }
      var merged = core.merge(stored, this.memory);
      this.memory = merged.counts.added || merged.counts.replaced ? merged.journal : stored;
    } catch (e) {
      /* keep memory; `save` reports any failure */
    }
  };

  // Small per-form notes (which entry a form is writing to), kept beside the journal.
  Store.prototype.getNote = function (name) {
    try {
      var text = this.storage().getItem(this.key + ":" + name);
      return text === null ? null : JSON.parse(text);
    } catch (e) {
      return null;
    }
  };

  Store.prototype.setNote = function (name, value) {
    try {
      if (value === null) this.storage().removeItem(this.key + ":" + name);
      else this.storage().setItem(this.key + ":" + name, JSON.stringify(value));
      return null;
    } catch (e) {
      return describeFailure(e);
    }
  };

  // Removes the journal and everything kept beside it (form notes, set-aside copies) from this
  // browser, for a shared computer. Returns null, or the failure.
  Store.prototype.clear = function () {
    var problem = null;
    var key = this.key;
    try {
      var s = this.storage();
      var doomed = [];
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k === key || (k && k.indexOf(key + ":") === 0)) doomed.push(k);
      }
      doomed.forEach(function (k) { s.removeItem(k); });
    } catch (e) {
      problem = describeFailure(e);
    }
    this.forget();
    return problem;
  };

  Store.prototype.forget = function () {
    this.memory = core.emptyJournal(this.courseVersion);
    this.setAside = null;
    this.readOnly = false;
    this.stale = false;
    this.notify("cleared");
  };

  // Takes in changes another tab stores, and follows it when it removes the journal.
  Store.prototype.watchOtherTabs = function () {
    var self = this;
    root.addEventListener("storage", function (event) {
      if (event.key === self.key && event.newValue !== null) {
        self.stale = true;
        self.refresh();
        self.notify("other-tab");
      } else if ((event.key === self.key && event.newValue === null) || event.key === null) {
        self.forget(); // removed in another tab (or all storage cleared)
      }
    });
  };

  var shared = null;

  // The one store of this page (all forms and panels share it).
  function open(config) {
    if (!shared) {
      shared = new Store(config);
      shared.load();
      shared.watchOtherTabs();
    }
    return shared;
  }

  KF.store = { Store: Store, open: open, describeFailure: describeFailure };
})(typeof window !== "undefined" ? window : globalThis);
