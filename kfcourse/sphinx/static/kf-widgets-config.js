// Loaded before require.js and the ipywidgets HTML manager on pages with widgets.
// The manager fetches its icon fonts from __jupyter_widgets_assets_path__; point it at the
// folder this script was served from, so that nothing is requested from another host.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (here) {
    window.__jupyter_widgets_assets_path__ = here.slice(0, here.lastIndexOf("/") + 1);
  }
})();
