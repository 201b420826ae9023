// Loaded before require.js and the ipywidgets HTML manager on pages with widgets.
// The manager asks require.js for its icon fonts as "@jupyter-widgets/html-manager/dist/...",
// which require.js would resolve against the page's folder (a 404), and webpack reads
// __jupyter_widgets_assets_path__ for other assets. Point both at the folder this script was
// served from, where kfcourse.sphinx put the vendored files, so nothing goes to another host.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var folder = here.slice(0, here.lastIndexOf("/"));
  window.__jupyter_widgets_assets_path__ = folder + "/";
  window.require = { paths: { "@jupyter-widgets/html-manager/dist": folder } };
})();
