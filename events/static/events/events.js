// Move focus to the error summary after a failed submission, so screen-reader and keyboard
// users land on what needs fixing.
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
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
    return;
  }
  var firstInvalid = document.querySelector(".field-error input, .field-error select, .field-error textarea");
  if (firstInvalid) {
    firstInvalid.focus();
  }
})();
