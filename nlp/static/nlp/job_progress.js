// Live progress of a bulk job: polls the job's JSON (with Entendu.poll, static/js/entendu.js)
// until it ends, and updates the progress bar and the counts. Messages come from Django's
// JavaScript catalogue (gettext, interpolate), loaded by templates/base.html.
(function () {
  "use strict";
  var section = document.querySelector(".job-progress");
  if (!section || section.dataset.done === "true") { return; }
  var bar = document.getElementById("job-progressbar");
  var fields = section.querySelectorAll("[data-field]");

  // The page's language writes the percentage ("50 %" in French and German, "50%" in Japanese).
  var percentFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    style: "percent", maximumFractionDigits: 0
  });

  function render(job) {
    bar.style.width = job.percent + "%";
    bar.setAttribute("aria-valuenow", String(job.percent));
    bar.setAttribute("aria-valuetext", percentFormat.format(job.percent / 100));
    fields.forEach(function (el) {
      var value = job[el.dataset.field];
      if (value !== undefined && value !== null) { el.textContent = String(value); }
    });
  }

  window.Entendu.poll(section.dataset.progressUrl, {
    interval: 2000,
    onProgress: render,
    isDone: function (job) {
      return job.status === "done" || job.status === "cancelled" || job.status === "paused";
    },
    message: document.getElementById("job-poll-error"),
  });
})();
