// End of the page: every cell is rendered (Voilà's inline "window.voila_finish()", as a file).
window.voila_finish();
