// Repairs to the theme's markup, applied on every page (kfcourse.sphinx.accessibility adds this
// script with `defer`, so it runs once the page is parsed and before the theme's own scripts,
// which are deferred at the end of <body>).
(function () {
  "use strict";

  // 1. Phone navigation (pydata-sphinx-theme issue 2451, with sphinx-book-theme 1.3.0).
  // pydata-sphinx-theme 0.17 adds its own header (#pst-header) holding a hidden `.primary-toggle`
  // and `.secondary-toggle` and a second search box; both themes then bind their sidebar code to
  // `querySelector(".primary-toggle")`, the hidden button, so sphinx-book-theme's visible buttons
  // open nothing on a phone and collapse nothing on a desktop. The header holds nothing else, so
  // emptying it before the themes' scripts run lets them bind the visible buttons, and leaves one
  // search box (the themes still measure the empty header, so it stays, hidden).
  // Remove this repair when the pinned theme pair fixes the issue upstream.
  var header = document.getElementById("pst-header");
  if (header) {
    header.replaceChildren();
    header.hidden = true;
  }

  // Name the sidebar buttons after what they show, say whether it is shown, and let every way of
  // closing a phone's sidebar (Escape, a tap outside it, the close button below) be found.
  var sidebars = [
    {
      toggle: ".bd-header-article .primary-toggle",
      sidebar: "pst-primary-sidebar",
      dialog: "pst-primary-sidebar-modal",
      name: "Course contents",
    },
    {
      toggle: ".bd-header-article .secondary-toggle",
      sidebar: "pst-secondary-sidebar",
      dialog: "pst-secondary-sidebar-modal",
      name: "Contents of this page",
    },
  ];
  var wide = window.matchMedia("(min-width: 992px)");

  sidebars.forEach(function (part) {
    var button = document.querySelector(part.toggle);
    var sidebar = document.getElementById(part.sidebar);
    var dialog = document.getElementById(part.dialog);
    if (!button || !sidebar || !dialog) return;
    button.setAttribute("aria-label", part.name);
    button.setAttribute("title", part.name);
    button.setAttribute("aria-controls", part.sidebar);
    var shown = function () {
      if (dialog.open) return true;
      if (!wide.matches) return false;
      return !sidebar.classList.contains("pst-sidebar-hidden") && sidebar.offsetParent !== null;
    };
    var update = function () {
      button.setAttribute("aria-expanded", shown() ? "true" : "false");
    };
    var close = document.createElement("button");
    close.type = "button";
    close.className = "kf-sidebar-close btn";
    close.textContent = "Close " + part.name.charAt(0).toLowerCase() + part.name.slice(1);
    close.addEventListener("click", function () {
      dialog.close();
    });
    // The theme moves the sidebar's content into the dialog on a click (bound after this
    // script runs): the close button goes in with it and leaves when the dialog closes. This
    // listener captures, as sphinx-book-theme's wide-screen handler does (it stops the event).
    button.addEventListener(
      "click",
      function () {
        window.setTimeout(function () {
          if (dialog.open) {
            dialog.prepend(close);
            close.focus();
          }
          update();
        }, 0);
      },
      true,
    );
    // Focus goes back to the button when the sidebar closes (sphinx-book-theme blurs the
    // button on click, so the theme's own restoring of focus finds nothing to go back to).
    dialog.addEventListener("close", function () {
      close.remove();
      window.setTimeout(function () {
        update();
        button.focus();
      }, 0);
    });
    wide.addEventListener("change", update);
    document.addEventListener("DOMContentLoaded", update);
    update();
  });

  // 2. Names that contain what the control shows (WCAG 2.5.3 Label in Name; axe:
  // label-content-name-mismatch). The search field shows "Search Ctrl+K" but was named
  // "Search": it is now named by what it shows, and declares its shortcut.
  document.querySelectorAll(".search-button__kbd-shortcut").forEach(function (shortcut) {
    var button = shortcut.closest("button");
    if (!button) return;
    button.removeAttribute("aria-label");
    button.setAttribute("aria-keyshortcuts", "Control+K");
  });
  // The colour-mode button shows one icon whose tooltip ("Light", "Dark", "System Settings") is
  // not in its name "Color mode". The icons become decoration; the name says the mode in words.
  var modeWords = { light: "light", dark: "dark", auto: "as your device" };
  document.querySelectorAll(".theme-switch-button").forEach(function (button) {
    button.querySelectorAll(".theme-switch").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.removeAttribute("role");
      icon.setAttribute("aria-hidden", "true");
      var title = icon.querySelector("title");
      if (title) title.remove();
    });
    var name = function () {
      var mode = document.documentElement.dataset.mode || "auto";
      var label = "Colour mode: " + (modeWords[mode] || mode);
      button.setAttribute("aria-label", label);
      button.setAttribute("data-bs-title", label);
    };
    name();
    new MutationObserver(name).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-mode"],
    });
  });

  // 3. Toggles named after what they reveal, with their state (WCAG 4.1.2). sphinx-togglebutton
  // names every one "Toggle hidden content" and says nothing about whether it is open.
  function toggleName(admonition) {
    var title = admonition.querySelector(".admonition-title");
    var text = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
    var what = /^Solution to /.test(text)
      ? "the s" + text.slice(1)
      : text
        ? text.charAt(0).toLowerCase() + text.slice(1)
        : "the hidden part";
    return what;
  }
  function nameToggles() {
    document.querySelectorAll(".admonition.toggle > .admonition-title .toggle-button").forEach(
      function (button) {
        var admonition = button.closest(".admonition");
        if (button.dataset.kfNamed) return;
        button.dataset.kfNamed = "yes";
        var what = toggleName(admonition);
        var update = function () {
          var hidden = admonition.classList.contains("toggle-hidden");
          button.setAttribute("aria-label", (hidden ? "Show " : "Hide ") + what);
          button.setAttribute("aria-expanded", hidden ? "false" : "true");
          button.removeAttribute("data-toggle-hint");
        };
        update();
        new MutationObserver(update).observe(admonition, {
          attributes: true,
          attributeFilter: ["class"],
        });
      },
    );
  }

  // 4. Figures legible on a phone: the drawings' text shrinks with a narrow screen, so each
  // figure offers its image at full size, where the browser can zoom it.
  document.querySelectorAll("figure img, div.figure img").forEach(function (img) {
    var figure = img.closest("figure, div.figure");
    if (!figure || img.closest("a") || figure.querySelector(".kf-figure-full")) return;
    var link = document.createElement("a");
    link.className = "kf-figure-full";
    link.href = img.getAttribute("src");
    var number = figure.querySelector(".caption-number");
    var which = number ? number.textContent.replace(/[\s.:]+$/, "").trim() : "the figure";
    link.textContent = "Open " + which + " at full size";
    (figure.querySelector("figcaption") || figure).appendChild(link);
  });

  // 5. A region that scrolls sideways (a wide table or code block on a phone) must be reachable
  // by keyboard (axe: scrollable-region-focusable). The theme marks some; this marks every one
  // that scrolls once the page has its final layout, and again when the width changes.
  function markScrollable() {
    document
      .querySelectorAll(".bd-article pre, .bd-article .pst-scrollable-table-container")
      .forEach(function (region) {
        if (region.scrollWidth > region.clientWidth && !region.hasAttribute("tabindex")) {
          region.setAttribute("tabindex", "0");
        }
      });
  }
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);

  // 6. Repairs that need the theme's scripts to have run first.
  document.addEventListener("DOMContentLoaded", function () {
    nameToggles();
    // The sidebar's expand/collapse controls are <summary> elements with only an icon inside, so
    // screen readers announce them without a name (axe: summary-name). Name each after its section.
    document.querySelectorAll("nav summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
      var item = summary.closest("li");
      var link = item && item.querySelector("a");
      var name = link ? link.textContent.trim() : "this section";
      summary.setAttribute("aria-label", "Show or hide the pages under " + name);
    });
  });
})();
