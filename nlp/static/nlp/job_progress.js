// Live progress of a bulk job: polls the job's JSON until it ends, updates the progress bar.
(function () {
  "use strict";
  var section = document.querySelector(".job-progress");
  if (!section || section.dataset.done === "true") { return; }
  var url = section.dataset.progressUrl;
  var bar = document.getElementById("job-progressbar");
  var fields = section.querySelectorAll("[data-field]");
  var delay = 2000;

  function render(job) {
    bar.style.width = job.percent + "%";
    bar.setAttribute("aria-valuenow", String(job.percent));
    bar.setAttribute("aria-valuetext", job.percent + " %");
    fields.forEach(function (el) {
      var value = job[el.dataset.field];
      if (value !== undefined && value !== null) { el.textContent = String(value); }
    });
    return job.status === "done" || job.status === "cancelled" || job.status === "paused";
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        if (!render(job)) { window.setTimeout(poll, delay); }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
