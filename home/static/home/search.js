/* The search page's enhancements; the page works fully without this file.
   - submits the search form when a filter checkbox or the sort changes, and puts the focus back where it was;
   - leaves empty fields out of the address;
   - folds the filter panel away behind a button on narrow screens;
   - suggests pages while typing (ARIA 1.2 combobox with a listbox) under every input with
     data-autocomplete="<url>", and under the header search field when this file is loaded elsewhere. */
(function () {
  "use strict";

  var FOCUS_KEY = "kooperativa-search-focus";
  var MIN_LENGTH = 2;
  var DELAY = 180;

  function texts() {
    var template = document.getElementById("search-autocomplete-text");
    var found = {};
    if (template && template.content) {
      template.content.querySelectorAll("[data-text]").forEach(function (node) {
        found[node.getAttribute("data-text")] = node.textContent.trim();
      });
    }
    return found;
  }

  // ---- The search form -------------------------------------------------------------------

  var form = document.getElementById("search-form");

  function leaveOutEmptyFields() {
    var disabled = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled) return;
      var empty = (field.type === "checkbox" || field.type === "radio") ? false : !field.value.trim();
      var isDefaultSort = field.name === "sort" && field.value === "relevance";
      if (empty || isDefaultSort) {
        field.disabled = true;
        disabled.push(field);
      }
    });
    // Re-enable once the browser has read the form, in case the page comes back from the back/forward cache.
    window.setTimeout(function () {
      disabled.forEach(function (field) { field.disabled = false; });
    }, 0);
  }

  function submit() {
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else { leaveOutEmptyFields(); form.submit(); }
  }

  if (form) {
    form.addEventListener("submit", leaveOutEmptyFields);

    document.querySelectorAll("[data-no-js-only]").forEach(function (element) { element.hidden = true; });

    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.hasAttribute("data-autosubmit")) return;
      field.addEventListener("change", function () {
        try { window.sessionStorage.setItem(FOCUS_KEY, field.id); } catch (error) { /* private mode */ }
        submit();
      });
    });
  }

  // ---- The filter panel: a disclosure on narrow screens ----------------------------------------

  var panel = document.querySelector("[data-search-filters]");
  var panelBody = panel && panel.querySelector(".search-filters__body");
  var heading = panel && panel.querySelector(".search-filters__heading");
  var narrow = window.matchMedia("(max-width: 63.99em)");
  var toggle = null;

  function setExpanded(expanded) {
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
    panel.classList.toggle("is-collapsed", !expanded);
  }

  function arrangePanel() {
    if (!panel || !panelBody || !heading) return;
    if (narrow.matches && !toggle) {
      var active = panel.querySelectorAll("input[type=checkbox]:checked").length;
      panel.querySelectorAll("input[type=number]").forEach(function (field) { if (field.value) active += 1; });
      toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "search-filters__toggle";
      toggle.setAttribute("aria-controls", panelBody.id);
      var label = document.createElement("span");
      label.textContent = heading.textContent.trim();
      toggle.appendChild(label);
      if (active) {
        var count = document.createElement("span");
        count.className = "search-filters__count";
        var open = document.createElement("span");
        open.className = "visually-hidden";
        open.textContent = " (";
        var close = open.cloneNode();
        close.textContent = ")";
        count.appendChild(open);
        count.appendChild(document.createTextNode(String(active)));
        count.appendChild(close);
        toggle.appendChild(count);
      }
      heading.textContent = "";
      heading.appendChild(toggle);
      toggle.addEventListener("click", function () {
        setExpanded(toggle.getAttribute("aria-expanded") !== "true");
      });
      setExpanded(false);
    } else if (!narrow.matches && toggle) {
      heading.textContent = toggle.firstChild.textContent;
      toggle = null;
      panel.classList.remove("is-collapsed");
    }
  }

  arrangePanel();
  if (narrow.addEventListener) narrow.addEventListener("change", arrangePanel);

  // Back where the reader was before the automatic submit: the same checkbox or the sort.
  var focusId = null;
  try {
    focusId = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
  } catch (error) { /* private mode */ }
  var toFocus = focusId && document.getElementById(focusId);
  if (toFocus) {
    if (panel && panel.contains(toFocus)) setExpanded(true);
    var details = toFocus.closest("details");
    if (details) details.open = true;
    toFocus.focus();
  }

  // ---- Autocomplete --------------------------------------------------------------------------

  var words = texts();
  var counter = 0;

  function languageOf(input) {
    var lang = input.getAttribute("data-autocomplete-lang");
    if (lang) return lang;
    var prefix = window.location.pathname.split("/")[1] || "";
    return prefix || (document.documentElement.lang || "en").toLowerCase();
  }

  function autocomplete(input, url) {
    counter += 1;
    var host = input.parentElement;
    host.classList.add("autocomplete-host");

    var listbox = document.createElement("ul");
    listbox.id = (input.id || "search-input-" + counter) + "-suggestions";
    listbox.className = "autocomplete";
    listbox.setAttribute("role", "listbox");
    if (input.labels && input.labels.length) listbox.setAttribute("aria-label", input.labels[0].textContent.trim());
    listbox.hidden = true;
    host.appendChild(listbox);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    host.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var request = null;
    var lastText = "";

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!suggestions.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function mark(index) {
      var options = listbox.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, position) {
        var selected = position === index;
        option.setAttribute("aria-selected", selected ? "true" : "false");
        if (selected) {
          input.setAttribute("aria-activedescendant", option.id);
          if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
        }
      });
      if (index < 0) input.removeAttribute("aria-activedescendant");
    }

    function go(index) {
      var suggestion = suggestions[index];
      if (suggestion && suggestion.url) window.location.assign(suggestion.url);
    }

    function render(items) {
      suggestions = items.filter(function (item) { return item && item.url && item.title; });
      listbox.textContent = "";
      active = -1;
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "autocomplete__title";
        title.textContent = item.title;
        if (item.lang) title.setAttribute("lang", item.lang);
        option.appendChild(title);
        if (item.language) {
          var language = document.createElement("span");
          language.className = "autocomplete__language";
          language.textContent = item.language;
          option.appendChild(language);
        }
        if (words[item.type]) {
          var kind = document.createElement("span");
          kind.className = "autocomplete__type";
          kind.textContent = words[item.type];
          option.appendChild(kind);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(index); });
        listbox.appendChild(option);
      });
      if (suggestions.length) {
        open();
        if (words.available) status.textContent = words.available;
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var text = input.value.replace(/\s+/g, " ").trim();
      if (text === lastText) { open(); return; }
      lastText = text;
      if (request) request.abort();
      if (text.length < MIN_LENGTH) { render([]); return; }
      request = typeof AbortController === "function" ? new AbortController() : null;
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") +
        "q=" + encodeURIComponent(text) + "&lang=" + encodeURIComponent(languageOf(input));
      window.fetch(address, { headers: { Accept: "application/json" }, signal: request ? request.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (document.activeElement === input) render(data.suggestions || []);
        })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!suggestions.length) return;
        event.preventDefault();
        if (!expanded) { open(); mark(0); return; }
        mark(active + 1 >= suggestions.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!suggestions.length) return;
        event.preventDefault();
        if (!expanded) { open(); mark(suggestions.length - 1); return; }
        mark(active <= 0 ? suggestions.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          go(active);
        } else {
          close();
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 120); });
    input.addEventListener("focus", function () { if (suggestions.length && input.value.trim() === lastText) open(); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    autocomplete(input, input.getAttribute("data-autocomplete"));
  });
  var headerInput = document.getElementById("header-search-q");
  if (headerInput && !headerInput.hasAttribute("data-autocomplete")) {
    autocomplete(headerInput, "/api/search/autocomplete/");
  }
})();
