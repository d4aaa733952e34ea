// Small progressive enhancements; every page works without them.
document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
  knop.addEventListener("click", function () { window.print(); });
});
