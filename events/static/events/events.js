// Events pages. (The error summary takes the focus through static/js/entendu.js.)
(function () {
  "use strict";
  // Ask before an action that cannot be undone (the server does not depend on it).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
