// Voilà's page helpers (voila/templates/base/voila_setup.macro.html.j2, Voilà 0.5, BSD-3-Clause,
// (c) Voilà contributors) as a file, so that the page needs no inline script.
window.voila_heartbeat = function () {};
window.update_loading_text = function (cellIndex, cellCount, text) {
  var spinner = document.getElementById("loading");
  if (spinner && spinner.style.display === "none") {
    spinner.style.display = "flex";
  }
  var el = document.getElementById("loading_text");
  if (el) {
    el.textContent = text || ("Executing " + cellIndex + " of " + cellCount);
  }
};
window.display_cells = function () {
  if (!window.themeLoaded) {
    window.cellLoaded = true;
    return;
  }
  var el = document.getElementById("loading");
  if (el) {
    el.parentNode.removeChild(el);
  }
  el = document.getElementById("rendered_cells");
  if (el) {
    el.style.display = "";
  }
};
window.voila_process = window.update_loading_text;
window.voila_finish = window.display_cells;
