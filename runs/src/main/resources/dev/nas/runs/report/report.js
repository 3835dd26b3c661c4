// Sortable tables, and the candidate in words for the point or row under the pointer. No network, no libraries.
(function () {
  "use strict";
  var picked = document.getElementById("picked");

  function pick(trial) {
    document.querySelectorAll(".picked").forEach(function (e) { e.classList.remove("picked"); });
    document.querySelectorAll('circle.trial[data-trial="' + trial + '"], table.front tr[data-trial="' + trial + '"]')
      .forEach(function (e) { e.classList.add("picked"); });
    var point = document.querySelector('circle.trial[data-trial="' + trial + '"] title');
    if (picked && point) {
      picked.textContent = point.textContent;
    }
  }

  document.querySelectorAll("circle.trial").forEach(function (c) {
    c.addEventListener("mouseenter", function () { pick(c.getAttribute("data-trial")); });
    c.addEventListener("click", function () { pick(c.getAttribute("data-trial")); });
  });
  document.querySelectorAll("table.front tbody tr").forEach(function (row) {
    row.addEventListener("mouseenter", function () { pick(row.getAttribute("data-trial")); });
  });

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var ascending = !th.classList.contains("asc");
        headers.forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(ascending ? "asc" : "desc");
        var text = th.getAttribute("data-type") === "text";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var order;
          if (text) {
            order = x.textContent.localeCompare(y.textContent);
          } else {
            var u = parseFloat(x.getAttribute("data-value")), v = parseFloat(y.getAttribute("data-value"));
            order = (isNaN(u) ? Infinity : u) - (isNaN(v) ? Infinity : v);
          }
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  var first = document.querySelector("table.front tbody tr");
  if (first) {
    pick(first.getAttribute("data-trial"));
  }
  document.body.setAttribute("data-ready", "yes");
})();
