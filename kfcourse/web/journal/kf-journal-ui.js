/* Leading Together: the reflection forms and the journal panel on book pages.
 *
 * Mounts every `.kf-reflection` and `.kf-journal` container that the Sphinx directives put on
 * the page. Learner text is only ever set with textContent or .value, never as HTML. Drafts are
 * saved as the learner types (debounced, and at once when the page is hidden or closed), and
 * every save, failure, export and import is reported in a live region.
 */
(function (root) {
  "use strict";
  var KF = (root.KFJournal = root.KFJournal || {});
  var core = KF.core;
  var exporters = KF.exporters;
  var doc = root.document;

  var DEBOUNCE_MS = 600; // after the last key press
  var MAX_WAIT_MS = 3000; // at the latest, while typing goes on
  var forms = []; // mounted forms, flushed before any export
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

  function clockTime() {
    var d = new Date();
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map(function (n) { return ("0" + n).slice(-2); }).join(":");
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

  function flushForms() {
    forms.forEach(function (f) { f.flush(); });
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

  // ------------------------------------------------------------------ the reflection form

  function ReflectionForm(container, data, store, config) {
    this.container = container;
    this.data = data;
    this.store = store;
    this.config = config;
    this.noteName = "form:" + data.id;
    this.timer = null;
    this.firstPending = 0;
    this.dirty = false;
    this.fields = {};
    var sides = Object.keys(data.variants);
    this.choose = data.variant === "choose";
    this.side = this.choose ? null : sides[0];
    this.entryId = null;
    this.restore();
    this.render();
    this.fill();
  }

  ReflectionForm.prototype.variant = function () {
    var v = this.data.variants;
    return this.side ? v[this.side] : v.clinician || v[Object.keys(v)[0]];
  };

  ReflectionForm.prototype.entry = function () {
    if (!this.entryId) return null;
    var i = core.findEntry(this.store.memory, this.entryId);
    return i < 0 ? null : this.store.memory.entries[i];
  };

  // Which entry this form writes to: the one noted for it, or else its latest draft.
  ReflectionForm.prototype.restore = function () {
    var note = this.store.getNote(this.noteName);
    var self = this;
    var model = this.variant().model;
    if (note && typeof note === "object") {
      this.entryId = note.entry || null;
      if (this.choose && (note.side === "clinician" || note.side === "patient")) this.side = note.side;
      if (this.entryId && !this.entry()) this.entryId = null;
    } else {
      var candidates = this.store.memory.entries.filter(function (e) {
        return e.kind === "reflection" && e.exercise === self.data.id && e.draft === true && e.model === model;
      });
      candidates.sort(function (a, b) { return core.compareTimes(a.updated, b.updated); });
      if (candidates.length) this.entryId = candidates[candidates.length - 1].id;
    }
    var e = this.entry();
    if (e && this.choose && (e.variant === "clinician" || e.variant === "patient")) this.side = e.variant;
  };

  ReflectionForm.prototype.render = function () {
    var self = this;
    var data = this.data;
    var titleId = uid("kf-reflection-title");
    this.form = el("form", { class: "kf-reflection-form", "aria-labelledby": titleId, novalidate: true });
    this.form.appendChild(el("p", { class: "kf-reflection-title", id: titleId, text: data.title }));
    var notice = el("p", { class: "kf-notice kf-notice-short" }, [
      "What you write here is kept only in this browser, on this device, and is never sent anywhere. ",
    ]);
    if (this.config.journalPage) {
      notice.appendChild(el("a", { href: this.config.journalPage, text: "Your journal" }));
      notice.appendChild(doc.createTextNode(" lists it and lets you download it."));
    } else {
      notice.appendChild(doc.createTextNode("Use \u201cDownload my journal\u201d below to keep a copy."));
    }
    this.form.appendChild(notice);

    if (this.choose) {
      var fs = el("fieldset", { class: "kf-side" }, [el("legend", { text: "Which role did you play?" })]);
      ["clinician", "patient"].forEach(function (side) {
        var id = uid("kf-side");
        var input = el("input", { type: "radio", name: titleId + "-side", id: id, value: side });
        if (self.side === side) input.checked = true;
        input.addEventListener("change", function () {
          if (!input.checked) return;
          self.side = side;
          self.store.setNote(self.noteName, { entry: self.entryId, side: side });
          self.updatePrompts();
          self.changed();
        });
        fs.appendChild(el("div", { class: "kf-side-choice" }, [input, el("label", { for: id, text: data.variants[side].label })]));
      });
      this.form.appendChild(fs);
    }

    this.guidance = el("p", { class: "kf-guidance" });
    this.form.appendChild(this.guidance);
    this.prompts = {};
    this.variant().stages.forEach(function (stage) {
      var id = uid("kf-stage");
      var hintId = id + "-prompt";
      var label = el("label", { for: id, class: "kf-stage-label", text: stage.label });
      var prompt = el("p", { id: hintId, class: "kf-stage-prompt" });
      var area = el("textarea", { id: id, rows: data.variant === "short" ? 2 : 5, "aria-describedby": hintId, spellcheck: "true" });
      area.addEventListener("input", function () { self.changed(); });
      area.addEventListener("blur", function () { self.flush(); });
      self.fields[stage.key] = area;
      self.prompts[stage.key] = prompt;
      self.form.appendChild(el("div", { class: "kf-stage" }, [label, prompt, area]));
    });
    this.words = el("p", { class: "kf-words" });
    this.form.appendChild(this.words);

    var finish = el("button", { type: "submit", class: "kf-button kf-primary", text: "Save as finished" });
    var fresh = el("button", { type: "button", class: "kf-button", text: "Start a new reflection" });
    var dl = el("button", { type: "button", class: "kf-button", text: "Download my journal (JSON)" });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.finish();
    });
    fresh.addEventListener("click", function () { self.startNew(); });
    dl.addEventListener("click", function () { exportJournal(self.store, "json", self.messages); });
    this.form.appendChild(el("div", { class: "kf-actions" }, [finish, fresh, dl]));
    this.messages = new Messages(this.form);
    this.savedAt = el("p", { class: "kf-saved-at" });
    this.form.insertBefore(this.savedAt, this.messages.alert);
    if (data.attribution) this.form.appendChild(el("p", { class: "kf-attribution", text: data.attribution }));

    this.container.appendChild(this.form);
    this.updatePrompts();
    if (this.store.problem) this.messages.warn(storageWarning(this.store.problem));
  };

  ReflectionForm.prototype.updatePrompts = function () {
    var self = this;
    var v = this.variant();
    var others = this.data.variants;
    this.guidance.textContent = v.guidance || "";
    v.stages.forEach(function (stage) {
      var text = stage.prompt;
      if (self.choose && !self.side) {
        var differs = Object.keys(others).some(function (k) {
          return others[k].stages.some(function (s) { return s.key === stage.key && s.prompt !== stage.prompt; });
        });
        if (differs) text = "Choose the role you played, above, to see the question for your role.";
      }
      self.prompts[stage.key].textContent = text;
    });
  };

  ReflectionForm.prototype.fill = function () {
    var e = this.entry();
    var self = this;
    Object.keys(this.fields).forEach(function (k) {
      var text = e && e.stages && typeof e.stages[k] === "string" ? e.stages[k] : "";
      self.fields[k].value = text;
    });
    this.countWords();
    if (e) {
      this.messages.say((e.draft === true ? "Your draft" : "Your saved reflection") + " from " +
        exporters.formatTime(e.updated) + " is back in the form.");
    }
  };

  ReflectionForm.prototype.texts = function () {
    var self = this;
    var out = {};
    Object.keys(this.fields).forEach(function (k) { out[k] = self.fields[k].value; });
    return out;
  };

  ReflectionForm.prototype.countWords = function () {
    var texts = this.texts();
    var n = Object.keys(texts).reduce(function (sum, k) { return sum + core.wordCount(texts[k]); }, 0);
    this.words.textContent = "Words so far: " + n + (this.data.variant === "short" ? "." : " (300 to 600 in all is plenty).");
  };

  ReflectionForm.prototype.changed = function () {
    var self = this;
    this.dirty = true;
    this.countWords();
    var now = Date.now();
    if (!this.firstPending) this.firstPending = now;
    root.clearTimeout(this.timer);
    var wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = root.setTimeout(function () { self.flush(); }, wait);
  };

  // Writes the form to its journal entry now (if anything changed). `finished` marks it done.
  ReflectionForm.prototype.flush = function (finished) {
    root.clearTimeout(this.timer);
    this.timer = null;
    this.firstPending = 0;
    if (!this.dirty && finished === undefined) return null;
    var self = this;
    var texts = this.texts();
    var empty = Object.keys(texts).every(function (k) { return !texts[k].trim(); });
    if (empty && !this.entry() && !finished) {
      this.dirty = false;
      return null; // nothing written yet: no empty entry
    }
    var v = this.variant();
    var result = this.store.update(function (journal) {
      var i = self.entryId ? core.findEntry(journal, self.entryId) : -1;
      var now = core.nowIso();
      var entry;
      if (i >= 0) {
        entry = journal.entries[i];
        if (core.compareTimes(now, entry.updated) <= 0) {
          now = new Date(Date.parse(entry.updated) + 1).toISOString(); // `updated` always moves on
        }
      } else {
        entry = { id: core.uuid4(), kind: "reflection", created: now, source: "web", draft: true };
      }
      entry.updated = now;
      entry.course_version = self.config.courseVersion;
      entry.exercise = self.data.id;
      entry.title = self.data.title;
      entry.model = v.model;
      entry.variant = v.model === "gibbs" ? self.side : null;
      entry.stages = texts;
      if (finished === true) entry.draft = false;
      else if (entry.draft === undefined) entry.draft = true;
      self.entryId = entry.id;
      return core.upsert(journal, entry, self.config.courseVersion);
    }, "form");
    this.dirty = false;
    var noteProblem = this.store.setNote(this.noteName, { entry: this.entryId, side: this.side });
    var problem = result.problem || noteProblem;
    if (problem) {
      this.messages.warn(storageWarning(problem));
      this.messages.say("Not saved in this browser (see the message below).");
    } else {
      this.messages.warn("");
      // The live region changes only when the kind of message does, so a screen reader is not
      // interrupted at every pause in typing; the time of the last save is shown beside it.
      this.messages.say(finished === true ? "Saved to your journal as finished."
        : "Draft saved in this browser as you type.");
      this.savedAt.textContent = "Last saved at " + clockTime() + ".";
    }
    return problem;
  };

  ReflectionForm.prototype.finish = function () {
    var texts = this.texts();
    if (Object.keys(texts).every(function (k) { return !texts[k].trim(); })) {
      this.messages.say("There is nothing to save yet: write something in at least one box first.");
      var first = this.fields[Object.keys(this.fields)[0]];
      if (first) first.focus();
      return;
    }
    this.dirty = true;
    this.flush(true);
  };

  ReflectionForm.prototype.startNew = function () {
    this.flush();
    var had = this.entry();
    this.entryId = null;
    var self = this;
    Object.keys(this.fields).forEach(function (k) { self.fields[k].value = ""; });
    this.dirty = false;
    this.countWords();
    var problem = this.store.setNote(this.noteName, { entry: null, side: this.side });
    if (problem) this.messages.warn(storageWarning(problem));
    this.messages.say(had ? "Your previous reflection is kept in your journal. The form is empty for a new one."
      : "The form is empty for a new reflection.");
    var first = this.fields[Object.keys(this.fields)[0]];
    if (first) first.focus();
  };

  // Another tab or an import changed the journal: show a newer copy of this form's entry.
  ReflectionForm.prototype.external = function (why) {
    if (why === "cleared") {
      var self = this;
      root.clearTimeout(this.timer);
      this.timer = null;
      this.firstPending = 0;
      this.dirty = false;
      this.entryId = null;
      Object.keys(this.fields).forEach(function (k) { self.fields[k].value = ""; });
      this.countWords();
      this.messages.warn("");
      this.messages.say("Your journal was removed from this browser, so this form is empty.");
      return;
    }
    if (this.dirty) return;
    var e = this.entry();
    if (!e) return;
    var texts = this.texts();
    var differs = Object.keys(this.fields).some(function (k) {
      return (e.stages && typeof e.stages[k] === "string" ? e.stages[k] : "") !== texts[k];
    });
    if (differs) this.fill();
  };

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
        el("span", { class: "kf-entry-time", text: exporters.formatTime(e.updated) }),
      ]);
      details.appendChild(summary);
      var facts = el("dl", { class: "kf-entry-facts" });
      exporters.entryFacts(e).forEach(function (f) {
        facts.appendChild(el("dt", { text: f[0] }));
        facts.appendChild(el("dd", { text: f[1] }));
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
    var reflections = doc.querySelectorAll(".kf-reflection");
    var panels = doc.querySelectorAll(".kf-journal");
    if (!reflections.length && !panels.length) return;
    var config;
    try {
      config = readConfig();
    } catch (e) {
      Array.prototype.forEach.call(doc.querySelectorAll(".kf-js-needed"), function (p) {
        p.textContent = "This part of the page could not start (" + e.message + ").";
      });
      return;
    }
    var store = KF.store.open(config);
    var mounted = [];
    Array.prototype.forEach.call(reflections, function (container) {
      var dataNode = container.querySelector("script.kf-reflection-data");
      if (!dataNode) return;
      var form = new ReflectionForm(container, JSON.parse(dataNode.textContent), store, config);
      forms.push(form);
      mounted.push(form);
      container.classList.add("kf-ready");
    });
    Array.prototype.forEach.call(panels, function (container) {
      mounted.push(new JournalPanel(container, store, config));
      container.classList.add("kf-ready");
    });
    store.onChange(function (journal, why) {
      mounted.forEach(function (m) { if (why !== "form" || m instanceof JournalPanel) m.external(why); });
    });
    // Closing or hiding the page saves what was typed in the last moments.
    root.addEventListener("pagehide", flushForms);
    root.addEventListener("beforeunload", flushForms);
    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState === "hidden") flushForms();
    });
    KF.ready = true;
  }

  KF.ui = {
    mount: mount,
    forms: forms,
    flushForms: flushForms,
    mountPanel: function (container, store, config) { return new JournalPanel(container, store, config); },
  };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", mount);
  else mount();
})(window);
