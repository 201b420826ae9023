// Accessibility repairs to the theme's markup, applied on every page.
// The sidebar's expand/collapse controls are <summary> elements with only an icon inside, so
// screen readers announce them without a name (axe: summary-name). Name each after its section.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("nav summary").forEach(function (summary) {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
    var item = summary.closest("li");
    var link = item && item.querySelector("a");
    var name = link ? link.textContent.trim() : "this section";
    summary.setAttribute("aria-label", "Show or hide the pages under " + name);
  });
});
