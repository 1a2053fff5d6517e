/* The roster's columns sort when their header button is pressed (again: the other way). Own code, no library:
 * the roster is a file HR opens from its own disk. */
(function () {
  "use strict";
  var table = document.getElementById("roster");
  var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
  headers.forEach(function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        return (ascending ? 1 : -1) * x.localeCompare(y, document.documentElement.lang, {numeric: true});
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
