/* Entendu analysis pages: PNG download of a server-rendered SVG chart, and export progress.
   No library, no request to any other origin. Messages come from Django's JavaScript
   catalogue (gettext, interpolate), loaded by templates/base.html. */
(function () {
  "use strict";

  function save(url, filename) {
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function svgToPng(svg, filename) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = (box && box.width) || svg.clientWidth;
    var height = (box && box.height) || svg.clientHeight;
    var scale = 2; // sharp on high-density screens and in print
    var xml = new XMLSerializer().serializeToString(svg);
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        var url = URL.createObjectURL(blob);
        save(url, filename);
        setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
      }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
  }

  document.querySelectorAll("[data-chart-png]").forEach(function (button) {
    var svg = document.getElementById(button.getAttribute("data-chart-png"));
    if (!svg || !window.HTMLCanvasElement) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      svgToPng(svg, button.getAttribute("data-filename") || "chart.png");
    });
  });

  var job = document.getElementById("export-job");
  if (job && document.getElementById("export-refresh")) {
    var statusUrl = job.getAttribute("data-status-url");
    var progress = document.getElementById("export-progress");
    var status = document.getElementById("export-status");
    var download = document.getElementById("export-download");
    var messages = document.getElementById("export-messages").content;
    var refresh = document.getElementById("export-refresh");
    window.Entendu.poll(statusUrl, {
      interval: 1500,
      firstDelay: 1000,
      onProgress: function (data) {
        progress.value = data.percent;
        // The page's language writes the percentage ("50 %" in French and German, "50%" in Japanese).
        progress.textContent = new Intl.NumberFormat(document.documentElement.lang || undefined, {
          style: "percent", maximumFractionDigits: 0
        }).format(data.percent / 100);
      },
      isDone: function (data) { return data.status === "done" || data.status === "failed"; },
      onDone: function (data) {
        var message = messages.querySelector('[data-status="' + data.status + '"]');
        status.textContent = message ? message.textContent : data.status;
        download.hidden = data.status !== "done";
        refresh.hidden = true;
      },
      message: document.getElementById("export-poll-error"),
    });
  }
})();
