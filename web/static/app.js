// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // The person box filters the listed people as you type (Enter still adds the name as a filter).
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var root = document.querySelector(input.getAttribute("data-filter"));
    if (!root) return;
    var more = root.querySelector("details");
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      root.querySelectorAll("li").forEach(function (li) {
        var link = li.querySelector("[data-name]");
        li.hidden = needle !== "" && link && link.getAttribute("data-name").indexOf(needle) === -1;
      });
      if (more && needle) more.open = true;
    });
    // Enter on a name that picks out one listed person selects that person.
    input.form.addEventListener("submit", function (event) {
      var needle = input.value.trim().toLowerCase();
      var shown = Array.prototype.filter.call(root.querySelectorAll("li"), function (li) {
        return !li.hidden;
      });
      if (needle && shown.length === 1) {
        var link = shown[0].querySelector("a[href]");
        if (link && link.getAttribute("data-name") !== needle) {
          event.preventDefault();
          window.location.href = link.href;
        }
      }
    });
  });

  // On a phone the filters start folded so the results come first.
  var refine = document.querySelector("details.refine");
  if (refine && window.matchMedia("(max-width: 52rem)").matches &&
      !document.querySelector(".chips")) {
    refine.open = false;
  }

  // Trends: switch between share and count without reloading (the links work without this).
  var switcher = document.querySelector(".measure-switch");
  if (switcher) {
    switcher.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-measure]");
      if (!link) return;
      var measure = link.getAttribute("data-measure");
      event.preventDefault();
      document.querySelectorAll(".chart-frame[data-measure]").forEach(function (frame) {
        frame.hidden = frame.getAttribute("data-measure") !== measure;
      });
      switcher.querySelectorAll("a[data-measure]").forEach(function (other) {
        var current = other === link;
        other.classList.toggle("is-current", current);
        if (current) other.setAttribute("aria-current", "true"); else other.removeAttribute("aria-current");
      });
      var hidden = document.querySelector('.trend-form input[name="measure"]');
      if (measure === "share" && hidden) hidden.remove();
      if (measure !== "share") {
        if (!hidden) {
          hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "measure";
          document.querySelector(".trend-options").appendChild(hidden);
        }
        hidden.value = measure;
      }
      window.history.replaceState(null, "", link.href);
    });
  }

  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key === "/" && box && tag !== "input" && tag !== "textarea") {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
