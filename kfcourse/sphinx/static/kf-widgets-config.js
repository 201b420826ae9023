// Loaded before require.js and the ipywidgets HTML manager on pages with widgets.
// Each bundled module (@jupyter-widgets/base, controls, html-manager, ...) loads its icon fonts
// from the folder require.js gives its module id, which by default is the page's own folder
// (a 404); one of them reads __jupyter_widgets_assets_path__ instead. Point both at the folder this script was
// served from, where kfcourse.sphinx put the vendored files, so nothing goes to another host.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var folder = here.slice(0, here.lastIndexOf("/"));
  window.__jupyter_widgets_assets_path__ = folder + "/";
  window.require = {
    paths: { "@jupyter-widgets": folder, "@jupyter-widgets/html-manager/dist": folder },
  };
})();
