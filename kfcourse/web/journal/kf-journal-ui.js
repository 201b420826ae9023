/* Leading Together: the journal panel on book pages.
 *
 * Mounts every `.kf-journal` container that the Sphinx directive puts on the page: what the
 * browser journal holds (times in the learner's local time), export, import and removal. Learner
 * text is only ever set with textContent, never as HTML; every export, import and failure is
 * reported in a live region. The reflection form is kfcourse/web/reflection (its own bundle).
 */
(function (root) {
  "use strict";
  var KF = (root.KFJournal = root.KFJournal || {});
  var core = KF.core;
  var exporters = KF.exporters;
  var doc = root.document;

  var counter = 0;

  // ------------------------------------------------------------------ small DOM helpers

  // el("p", {class: "x"}, ["text", child]): strings become text nodes, never HTML.
  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? doc.createTextNode(c) : c);
    });
    return node;
  }

  function uid(prefix) {
    counter += 1;
    return prefix + "-" + counter;
  }

  // A journal time in the learner's own time zone, e.g. "30 November 2026 at 17:05" (one
  // formatter for the page: making one per entry made a long list slow to draw).
  var timeFormat = null;
  function localTime(stamp) {
    var t = Date.parse(stamp);
    if (isNaN(t)) return String(stamp || "");
    if (!timeFormat) {
      try {
        timeFormat = new Intl.DateTimeFormat(doc.documentElement.lang || "en-GB",
          { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
      } catch (e) {
        timeFormat = { format: function (d) { return d.toLocaleString(); } };
      }
    }
    return timeFormat.format(new Date(t));
  }

  // A polite status line and an assertive alert, both visible.
  function Messages(parent) {
    this.status = el("p", { class: "kf-status", role: "status", "aria-live": "polite" });
    this.alert = el("div", { class: "kf-alert", role: "alert" });
    parent.appendChild(this.status);
    parent.appendChild(this.alert);
  }
  Messages.prototype.say = function (text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  };
  Messages.prototype.warn = function (text) {
    this.alert.textContent = "";
    if (text) this.alert.appendChild(el("p", { text: text }));
  };

  function readConfig() {
    var node = doc.getElementById("kf-journal-config");
    if (!node) throw new Error("kf-journal-config is missing from the page");
    return JSON.parse(node.textContent);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function download(filename, text, type) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: filename, hidden: true });
    doc.body.appendChild(a);
    a.click();
    root.setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 2000);
  }

  var FORMATS = {
    json: { name: "JSON", label: "Download JSON", ext: "json", type: "application/json", make: exporters.json,
            hint: "the whole journal; import it here or into Jupyter" },
    markdown: { name: "Markdown", label: "Download Markdown", ext: "md", type: "text/markdown", make: exporters.markdown,
                hint: "to read, or for a portfolio or appraisal" },
    csv: { name: "CSV", label: "Download CSV", ext: "csv", type: "text/csv", make: exporters.csv,
           hint: "one row per entry, for a spreadsheet" },
  };

  // Reflection forms on this page save what was typed in the last moments before an export.
  function flushForms() {
    if (root.KFReflection && root.KFReflection.flushAll) root.KFReflection.flushAll();
  }

  function exportJournal(store, format, messages) {
    flushForms();
    store.refresh();
    var f = FORMATS[format];
    download("leading-together-journal-" + today() + "." + f.ext, f.make(store.memory), f.type + ";charset=utf-8");
    var n = store.memory.entries.length;
    messages.say("Downloaded your journal as " + f.name + " (" + n + (n === 1 ? " entry" : " entries") +
      "). Look in your browser\u2019s downloads.");
  }

  function storageWarning(problem) {
    return problem ? problem.message + " Your text is still on this page: download your journal (JSON) before you close it, or copy your text somewhere safe." : "";
  }

  // ------------------------------------------------------------------ the journal panel

  function JournalPanel(container, store, config) {
    this.container = container;
    this.store = store;
    this.config = config;
    this.open = {};
    this.render();
    this.list();
  }

  JournalPanel.prototype.render = function () {
    var self = this;
    var root_ = el("div", { class: "kf-journal-panel" });
    var origin = root.location.protocol === "file:" ? "the files of this course on this computer" : root.location.host;
    root_.appendChild(el("div", { class: "kf-notice", role: "note" }, [
      el("p", {}, [el("strong", { text: "Where your journal is kept. " }),
        "Everything you write in this course\u2019s exercises on this website is kept in this browser\u2019s storage " +
        "(for " + origin + "), on this device only. Nothing is sent anywhere: there is no account and no server copy."]),
      el("p", { text: "So it does not follow you to another browser or device, and clearing your browser\u2019s data " +
        "(or a private window closing) deletes it. Download a copy now and then, and import it to carry on elsewhere." }),
    ]));
    this.messages = new Messages(root_);

    this.aside = el("div", { class: "kf-set-aside", hidden: true });
    root_.appendChild(this.aside);

    var group = el("div", { class: "kf-actions", role: "group", "aria-label": "Download your journal" });
    Object.keys(FORMATS).forEach(function (format) {
      var f = FORMATS[format];
      var hintId = uid("kf-format-hint");
      var b = el("button", { type: "button", class: "kf-button", "data-format": format, "aria-describedby": hintId, text: f.label });
      b.addEventListener("click", function () { exportJournal(self.store, format, self.messages); });
      group.appendChild(el("span", { class: "kf-format" }, [b, el("span", { id: hintId, class: "kf-format-hint", text: f.hint })]));
    });
    root_.appendChild(group);

    var inputId = uid("kf-import");
    var hintId = inputId + "-hint";
    this.input = el("input", { type: "file", id: inputId, accept: ".json,application/json", "aria-describedby": hintId });
    this.input.addEventListener("change", function () { self.importChosen(); });
    root_.appendChild(el("div", { class: "kf-import" }, [
      el("label", { for: inputId, text: "Import a journal file (.json)" }),
      el("p", { id: hintId, class: "kf-hint", text: "A journal you downloaded here or exported from Jupyter. Its entries are added to the ones in this browser; entries you already have are not added twice." }),
      this.input,
    ]));

    this.count = el("p", { class: "kf-count" });
    this.entries = el("ul", { class: "kf-entries", "aria-label": "Entries in your journal" });
    root_.appendChild(this.count);
    root_.appendChild(this.entries);
    root_.appendChild(this.renderRemove());
    this.container.appendChild(root_);

    if (this.store.problem) this.messages.warn(storageWarning(this.store.problem));
    this.showSetAside();
  };

  // "Remove my journal from this browser", for shared computers: asks once more before it acts.
  JournalPanel.prototype.renderRemove = function () {
    var self = this;
    var confirmId = uid("kf-remove-confirm");
    var ask = el("button", { type: "button", class: "kf-button", "aria-expanded": "false",
                             "aria-controls": confirmId, text: "Remove my journal from this browser" });
    var warning = el("p", { id: confirmId + "-text" });
    var yes = el("button", { type: "button", class: "kf-button kf-danger", "aria-describedby": confirmId + "-text",
                             text: "Yes, remove it from this browser" });
    var no = el("button", { type: "button", class: "kf-button", text: "Keep it" });
    var confirm = el("div", { id: confirmId, class: "kf-confirm", hidden: true }, [warning, el("div", { class: "kf-actions" }, [yes, no])]);
    function close() {
      confirm.hidden = true;
      ask.setAttribute("aria-expanded", "false");
      ask.focus();
    }
    ask.addEventListener("click", function () {
      flushForms();
      var n = self.store.memory.entries.length;
      warning.textContent = "This deletes the " + n + (n === 1 ? " entry" : " entries") +
        " of your journal from this browser, and cannot be undone. Download a copy (JSON) first if you want to keep " +
        (n === 1 ? "it." : "them.");
      confirm.hidden = false;
      ask.setAttribute("aria-expanded", "true");
      no.focus();
    });
    no.addEventListener("click", function () {
      close();
      self.messages.say("Your journal was kept.");
    });
    yes.addEventListener("click", function () {
      var problem = self.store.clear();
      close();
      if (problem) self.messages.warn(problem.message);
      else self.messages.warn("");
      self.messages.say("Your journal has been removed from this browser.");
    });
    return el("div", { class: "kf-remove" }, [
      el("p", { class: "kf-hint", text: "On a shared computer? When you have downloaded a copy, you can remove your journal from this browser." }),
      ask, confirm,
    ]);
  };

  JournalPanel.prototype.showSetAside = function () {
    var aside = this.store.setAside;
    if (!aside) return;
    var self = this;
    this.aside.hidden = false;
    this.aside.textContent = "";
    this.aside.appendChild(el("p", { text: "The journal kept in this browser could not be read, so it has been set aside " +
      (aside.kept ? "(not deleted)" : "(left where it was, and nothing is written over it)") +
      " and a new, empty journal started. Reason: " + aside.reason }));
    var b = el("button", { type: "button", class: "kf-button", text: "Download the damaged copy" });
    b.addEventListener("click", function () {
      download("leading-together-journal-damaged-" + today() + ".json", aside.text, "application/json;charset=utf-8");
      self.messages.say("Downloaded the damaged copy. Someone who knows JSON may be able to repair it; then import it here.");
    });
    this.aside.appendChild(b);
  };

  JournalPanel.prototype.importChosen = function () {
    var self = this;
    var file = this.input.files && this.input.files[0];
    if (!file) return;
    var name = file.name;
    this.messages.say("Reading " + name + "\u2026");
    var refuse = function (reason) {
      self.messages.say("Nothing was imported from " + name + ".");
      self.messages.warn("Not imported: " + reason + " Your journal has not been changed.");
    };
    var finish = function (text) {
      self.input.value = ""; // so the same file can be chosen again
      var checked = core.parseImport(text, self.config.schema);
      if (!checked.ok) {
        refuse(checked.reason);
        return;
      }
      flushForms();
      var counts = null;
      var result = self.store.update(function (journal) {
        var merged = core.merge(journal, checked.journal);
        counts = merged.counts;
        return merged.journal;
      }, "import");
      if (result.problem) self.messages.warn(storageWarning(result.problem));
      else self.messages.warn("");
      var parts = [];
      if (counts.added) parts.push(counts.added + (counts.added === 1 ? " new entry" : " new entries") + " added");
      if (counts.replaced) parts.push(counts.replaced + (counts.replaced === 1 ? " entry" : " entries") + " replaced by a newer version");
      if (counts.unchanged) parts.push(counts.unchanged + (counts.unchanged === 1 ? " entry was" : " entries were") + " already here");
      self.messages.say(counts.added || counts.replaced
        ? "Imported " + name + ": " + parts.join("; ") + "."
        : "Nothing new in " + name + ": every entry in it is already in your journal.");
    };
    if (file.size > core.MAX_IMPORT_BYTES) {
      self.input.value = "";
      refuse("This file is too large to be a journal (more than 20 MB).");
      return;
    }
    file.text().then(finish, function (err) {
      self.input.value = "";
      refuse("The file could not be read (" + err + ").");
    });
  };

  JournalPanel.prototype.list = function () {
    var self = this;
    var entries = this.store.memory.entries.slice();
    entries.sort(function (a, b) { return core.compareTimes(b.updated, a.updated); });
    // Keep open the entries the learner opened.
    Array.prototype.forEach.call(this.entries.querySelectorAll("details[data-entry]"), function (d) {
      self.open[d.getAttribute("data-entry")] = d.open;
    });
    this.entries.textContent = "";
    var n = entries.length;
    this.count.textContent = n ? "Your journal has " + n + (n === 1 ? " entry" : " entries") + ", newest first."
      : "Your journal has no entries yet. Reflections you write on this website appear here.";
    entries.forEach(function (e) {
      var details = el("details", { class: "kf-entry", "data-entry": e.id });
      if (self.open[e.id]) details.open = true;
      var summary = el("summary", {}, [
        el("span", { class: "kf-entry-kind", text: exporters.kindName(e.kind) + ": " }),
        el("span", { class: "kf-entry-title", text: exporters.entryTitle(e) }),
        e.draft === true ? el("span", { class: "kf-badge", text: "draft" }) : null,
        el("span", { class: "kf-entry-time", text: localTime(e.updated) }),
      ]);
      details.appendChild(summary);
      var facts = el("dl", { class: "kf-entry-facts" });
      exporters.entryFacts(e).forEach(function (f) {
        // The exporters' times are UTC (the text of the downloads); on screen, the learner's own.
        var text = f[0] === "Written" ? localTime(e.created) : f[0] === "Last changed" ? localTime(e.updated) : f[1];
        facts.appendChild(el("dt", { text: f[0] }));
        facts.appendChild(el("dd", { text: text }));
      });
      details.appendChild(facts);
      exporters.entrySections(e).forEach(function (s) {
        details.appendChild(el("div", { class: "kf-entry-section" }, [
          el("p", { class: "kf-entry-label", text: s[0] }),
          el("p", { class: "kf-entry-text", text: s[1] || "(nothing written)" }),
        ]));
      });
      var forms = self.config.forms || {};
      if (typeof e.exercise === "string" && Object.prototype.hasOwnProperty.call(forms, e.exercise)) {
        details.appendChild(el("p", { class: "kf-entry-link" }, [
          el("a", { href: forms[e.exercise], text: "Go to the form where this was written" }),
        ]));
      }
      self.entries.appendChild(el("li", {}, [details]));
    });
  };

  JournalPanel.prototype.external = function (why) {
    if (why === "cleared") {
      this.aside.hidden = true;
      this.aside.textContent = "";
    }
    this.list();
    if (!this.store.problem) return;
    this.messages.warn(storageWarning(this.store.problem));
  };

  // ------------------------------------------------------------------ mounting

  function mount() {
    var panels = doc.querySelectorAll(".kf-journal");
    if (!panels.length) return;
    var config;
    try {
      config = readConfig();
    } catch (e) {
      Array.prototype.forEach.call(doc.querySelectorAll(".kf-journal .kf-js-needed"), function (p) {
        p.textContent = "This part of the page could not start (" + e.message + ").";
      });
      return;
    }
    var store = KF.store.open(config);
    var mounted = [];
    Array.prototype.forEach.call(panels, function (container) {
      mounted.push(new JournalPanel(container, store, config));
      container.classList.add("kf-ready");
    });
    store.onChange(function (journal, why) {
      mounted.forEach(function (m) { m.external(why); });
    });
    KF.ready = true;
  }

  KF.ui = {
    mount: mount,
    flushForms: flushForms,
    mountPanel: function (container, store, config) { return new JournalPanel(container, store, config); },
  };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", mount);
  else mount();
})(window);
