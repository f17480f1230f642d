// Show a loading indicator from the click until the app page takes over (Voilà then shows its own spinner).
document.querySelectorAll("a.chapter").forEach(function (a) {
  a.addEventListener("click", function (e) {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    document.getElementById("opening").classList.add("on");
  });
});
window.addEventListener("pageshow", function () { document.getElementById("opening").classList.remove("on"); });
