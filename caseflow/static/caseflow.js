// Small progressive enhancements; every page works without them.
document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
  knop.addEventListener("click", function () { window.print(); });
});

// The main menu is a <details>: folded on a phone, open on a wider screen (without this
// script it is folded everywhere and still works).
(function () {
  var menu = document.querySelector("[data-menu]");
  if (!menu || !window.matchMedia) { return; }
  var breed = window.matchMedia("(min-width: 900px)");
  function pas() { menu.open = breed.matches; }
  pas();
  breed.addEventListener("change", pas);
})();
