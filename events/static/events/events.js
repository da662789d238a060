// Move focus to the error summary after a failed submission, so screen-reader and keyboard
// users land on what needs fixing.
(function () {
  "use strict";
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
