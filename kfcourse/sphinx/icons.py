"""Only the icons the site shows: a small ``fontawesome.js`` in place of the theme's 1.5 MB one.

pydata-sphinx-theme loads every Font Awesome icon on every page (``_static/scripts/fontawesome.js``,
about 1.5 MB) to draw a dozen. After the build, the icons named in the pages' ``fa-*`` classes are
taken from the theme's own copy and written, with a few lines that draw them, over that file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = Path("_static") / "scripts" / "fontawesome.js"
# A class attribute naming an icon, and the styles (packs) a class may ask for.
CLASS_ATTR = re.compile(r'class="([^"]*\bfa-[^"]*)"')
PACKS = {"fab": "fab", "fa-brands": "fab", "far": "far", "fa-regular": "far"}
# `d("fas", p)` in the theme's bundle: the pack a variable's icons belong to.
DEFINE = re.compile(r'd\("(fas|far|fab)",([A-Za-z_$][\w$]*)\)')
ENTRY = re.compile(
    r'(?:"([^"]+)"|([A-Za-z_$][\w$-]*)):\[(\d+),(\d+),\[([^\]]*)\],"[^"]*",'
    r'("(?:[^"\\]|\\.)*"|\[[^\]]*\])\]'
)
DRAW = """(function () {
  "use strict";
  // Draws the icons named in the page's fa-* classes as inline SVG (kfcourse.sphinx.icons).
  var ICONS = %s;
  var style = document.createElement("style");
  style.textContent = ".svg-inline--fa{display:inline-block;height:1em;overflow:visible;" +
    "vertical-align:-.125em;box-sizing:content-box}.svg-inline--fa.fa-lg{font-size:1.25em;" +
    "line-height:.05em;vertical-align:-.2em}.svg-inline--fa.fa-fw{width:1.25em;text-align:center}";
  document.head.appendChild(style);
  var SVG = "http://www.w3.org/2000/svg";
  function pack(classes) {
    if (classes.contains("fab") || classes.contains("fa-brands")) return "fab";
    if (classes.contains("far") || classes.contains("fa-regular")) return "far";
    return "fas";
  }
  function draw(root) {
    var found = (root || document).querySelectorAll("i[class*='fa-'], span[class*='fa-']");
    found.forEach(function (el) {
      var icons = ICONS[pack(el.classList)] || {};
      var icon = null;
      el.classList.forEach(function (name) {
        if (!icon && name.indexOf("fa-") === 0 && icons[name.slice(3)]) icon = icons[name.slice(3)];
      });
      if (!icon) return;
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("class", "svg-inline--fa " + el.getAttribute("class"));
      svg.setAttribute("viewBox", "0 0 " + icon[0] + " " + icon[1]);
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      [].concat(icon[2]).forEach(function (d) {
        var path = document.createElementNS(SVG, "path");
        path.setAttribute("fill", "currentColor");
        path.setAttribute("d", d);
        svg.appendChild(path);
      });
      Array.prototype.forEach.call(el.attributes, function (attr) {
        if (attr.name.indexOf("data-") === 0) svg.setAttribute(attr.name, attr.value);
      });
      el.replaceWith(svg);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(); });
  } else {
    draw();
  }
  window.kfDrawIcons = draw;
})();
"""


def icons_used(html_files: list[Path]) -> dict[str, set[str]]:
    """Icon names per pack (fas, far, fab) named in the pages' class attributes."""
    used: dict[str, set[str]] = {"fas": set(), "far": set(), "fab": set()}
    for page in html_files:
        for match in CLASS_ATTR.finditer(page.read_text(encoding="utf-8", errors="replace")):
            classes = match.group(1).split()
            pack = next((PACKS[c] for c in classes if c in PACKS), "fas")
            used[pack].update(c[3:] for c in classes if c.startswith("fa-"))
    return used


def theme_icons(bundle: str) -> dict[str, dict[str, list]]:
    """Every icon in the theme's Font Awesome bundle: pack -> name (and alias) -> [w, h, path]."""
    found: dict[str, dict[str, list]] = {"fas": {}, "far": {}, "fab": {}}
    for define in DEFINE.finditer(bundle):
        pack, var = define.groups()
        start = max(bundle.rfind(f"var {var}={{", 0, define.start()),
                    bundle.rfind(f",{var}={{", 0, define.start()))  # fmt: skip
        if start < 0:
            continue
        for entry in ENTRY.finditer(bundle, start, define.start()):
            quoted, bare, width, height, aliases, path = entry.groups()
            icon = [int(width), int(height), json.loads(path)]
            for name in [quoted or bare, *re.findall(r'"([^"]+)"', aliases)]:
                found[pack].setdefault(name, icon)
    return found


def subset_script(bundle: str, used: dict[str, set[str]]) -> str:
    icons = theme_icons(bundle)
    chosen = {
        pack: {name: icons[pack][name] for name in sorted(names) if name in icons[pack]}
        for pack, names in used.items()
    }
    return DRAW % json.dumps(chosen, separators=(",", ":"))


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    target = outdir / SCRIPT
    if not target.is_file():
        return
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    bundle = (theme / "static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    script = subset_script(bundle, icons_used(sorted(outdir.rglob("*.html"))))
    target.write_text(script, encoding="utf-8")
    logger.info(f"kfcourse: fontawesome.js holds only the site's icons ({len(script):,} bytes)")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished)
