// "Copy link" buttons for the persistent links (templates/feeds/cite_and_share.html). Without this
// script the link stays visible and selectable in its field; with it, a button copies it.
(function () {
  "use strict";

  function copy(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    input.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-link"));
    var status = button.closest("section").querySelector("[data-copy-status]");
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(input).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied");
          }
        },
        function () {
          input.select();
        }
      );
    });
  });
})();
