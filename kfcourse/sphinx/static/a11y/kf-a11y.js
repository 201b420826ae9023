// Accessibility repairs to the theme's markup, applied on every page.
document.addEventListener("DOMContentLoaded", function () {
  // The sidebar's expand/collapse controls are <summary> elements with only an icon inside, so
  // screen readers announce them without a name (axe: summary-name). Name each after its section.
  document.querySelectorAll("nav summary").forEach(function (summary) {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
    var item = summary.closest("li");
    var link = item && item.querySelector("a");
    var name = link ? link.textContent.trim() : "this section";
    summary.setAttribute("aria-label", "Show or hide the pages under " + name);
  });
  // docutils marks the bibliography as role="list" but its entries as doc-biblioentry, which
  // is not a list item (axe: aria-required-children). Make each entry a list item.
  document.querySelectorAll('.citation-list[role="list"] > .citation').forEach(function (entry) {
    entry.setAttribute("role", "listitem");
  });
});
