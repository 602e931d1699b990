/* Small enhancements; every page works without this file. */
(function () {
  "use strict";

  // Close the language switcher with Escape or a click elsewhere, returning focus to its toggle.
  document.querySelectorAll("[data-lang-switch]").forEach(function (details) {
    var summary = details.querySelector("summary");
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (details.open && !details.contains(event.target)) details.open = false;
    });
  });

  // The printable handout's Print button (hidden without JavaScript: the browser's own Print works).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Leave empty filters out of the address, so shared links stay short: ?theme=x rather than ?theme=x&country=&year=.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("select, input").forEach(function (field) {
        if (field.name && !field.value) field.disabled = true;
      });
      // Re-enable after the browser has read the form, in case the page is restored from the back/forward cache.
      window.setTimeout(function () {
        form.querySelectorAll("[disabled]").forEach(function (field) { field.disabled = false; });
      }, 0);
    });
  });

  // Mark the table-of-contents entry of the section being read: the last one whose top has passed a third of the window.
  var toc = document.querySelector(".toc");
  if (toc) {
    var entries = [];
    toc.querySelectorAll("a[href^='#']").forEach(function (link) {
      var section = document.getElementById(link.getAttribute("href").slice(1));
      if (section) entries.push({ link: link, section: section });
    });
    var scheduled = false;
    var update = function () {
      scheduled = false;
      var line = window.innerHeight / 3;
      var current = null;
      entries.forEach(function (entry) {
        if (entry.section.getBoundingClientRect().top <= line) current = entry;
      });
      entries.forEach(function (entry) {
        if (entry === current) entry.link.setAttribute("aria-current", "true");
        else entry.link.removeAttribute("aria-current");
      });
    };
    window.addEventListener("scroll", function () {
      if (!scheduled) { scheduled = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }
})();
