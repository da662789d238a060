// Spoken stories: record in the browser (MediaRecorder) or choose a file, send it in chunks that
// resume after a dropped connection, then follow the transcription until the text is ready.
(function () {
  "use strict";
  var root = document.getElementById("voice");
  if (!root) { return; }
  var status = document.getElementById("voice-status");
  var errorBox = document.getElementById("voice-error");
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var CHUNK = parseInt(root.dataset.chunk, 10);

  function say(text) { if (status) { status.textContent = text; } }
  function fail(text) { if (errorBox) { errorBox.textContent = text; } }
  var gettext = window.gettext || function (s) { return s; };

  function sendChunk(blob, offset, attempt) {
    var last = offset + CHUNK >= blob.size;
    var url = root.dataset.uploadUrl + "?offset=" + offset + (last ? "&final=1" : "");
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: blob.slice(offset, offset + CHUNK),
      headers: {"X-CSRFToken": csrf, "X-Submission-Key": root.dataset.key,
                "Content-Type": "application/octet-stream"}
    }).then(function (r) {
      return r.json().then(function (body) { return {status: r.status, body: body}; });
    }).then(function (answer) {
      if (answer.status === 200) {
        say(gettext("Sent") + " " + Math.round(100 * Math.min(answer.body.received, blob.size) / blob.size) + " %");
        if (answer.body.complete) { window.location.reload(); return null; }
        return sendChunk(blob, answer.body.received, 0);
      }
      if (answer.status === 409) { return sendChunk(blob, answer.body.received, attempt); }
      fail(answer.body.error || gettext("The recording could not be sent."));
      return null;
    }, function () {
      // A weak network: ask the server how much it has and resume from there.
      if (attempt > 8) { fail(gettext("The connection was lost. Please try again when you are back online.")); return null; }
      say(gettext("Connection lost; trying again…"));
      return new Promise(function (done) { setTimeout(done, 1000 * (attempt + 1)); })
        .then(function () { return fetch(root.dataset.uploadUrl, {credentials: "same-origin"}); })
        .then(function (r) { return r.json(); })
        .then(function (b) { return sendChunk(blob, b.received, attempt + 1); },
              function () { return sendChunk(blob, offset, attempt + 1); });
    });
  }

  function upload(blob) {
    fail("");
    say(gettext("Sending your recording…"));
    sendChunk(blob, 0, 0);
  }

  var form = document.getElementById("voice-upload-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = document.getElementById("voice-file").files[0];
      if (!file) { fail(gettext("Choose a recording file first.")); return; }
      upload(file);
    });
  }

  // The recorder: start, pause/resume, stop, listen back, record again, send.
  var recorderBox = root.querySelector(".recorder");
  if (recorderBox && window.MediaRecorder && navigator.mediaDevices) {
    recorderBox.hidden = false;
    document.getElementById("voice-no-recorder").hidden = true;
    var startButton = document.getElementById("voice-start");
    var pauseButton = document.getElementById("voice-pause");
    var stopButton = document.getElementById("voice-stop");
    var redoButton = document.getElementById("voice-redo");
    var sendButton = document.getElementById("voice-send");
    var playback = document.getElementById("voice-playback");
    var timer = document.getElementById("voice-timer");
    var level = document.getElementById("voice-level");
    var recorder = null, parts = [], blob = null, seconds = 0, tick = null, stream = null;
    var maxSeconds = parseInt(root.dataset.maxSeconds, 10) * 60;

    function show() {
      var m = Math.floor(seconds / 60), s = seconds % 60;
      timer.textContent = m + ":" + (s < 10 ? "0" : "") + s;
    }
    function meter(source) {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) { return; }
      var context = new Context(), analyser = context.createAnalyser(), data = new Uint8Array(256);
      context.createMediaStreamSource(source).connect(analyser);
      (function draw() {
        if (!recorder || recorder.state === "inactive") { level.value = 0; return; }
        analyser.getByteTimeDomainData(data);
        var peak = 0;
        for (var i = 0; i < data.length; i++) { peak = Math.max(peak, Math.abs(data[i] - 128) / 128); }
        level.value = peak;
        window.requestAnimationFrame(draw);
      })();
    }
    startButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({audio: true}).then(function (s) {
        stream = s; parts = []; seconds = 0; show();
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { if (e.data.size) { parts.push(e.data); } };
        recorder.onstop = function () {
          blob = new Blob(parts, {type: recorder.mimeType || "audio/webm"});
          playback.src = URL.createObjectURL(blob);
          playback.hidden = false; redoButton.hidden = false; sendButton.hidden = false;
          stream.getTracks().forEach(function (track) { track.stop(); });
          say(gettext("Recording stopped. Listen back, record again, or send it."));
          sendButton.focus();
        };
        recorder.start(1000);
        tick = setInterval(function () {
          if (recorder.state === "recording") { seconds += 1; show(); }
          if (seconds >= maxSeconds) { stopButton.click(); }
        }, 1000);
        meter(stream);
        startButton.disabled = true; pauseButton.disabled = false; stopButton.disabled = false;
        say(gettext("Recording…"));
      }, function () { fail(gettext("The microphone could not be used. You can send a recording file instead.")); });
    });
    pauseButton.addEventListener("click", function () {
      if (recorder.state === "recording") {
        recorder.pause(); pauseButton.textContent = gettext("Resume"); say(gettext("Paused"));
      } else {
        recorder.resume(); pauseButton.textContent = gettext("Pause"); say(gettext("Recording…"));
      }
    });
    stopButton.addEventListener("click", function () {
      clearInterval(tick);
      recorder.stop();
      startButton.disabled = true; pauseButton.disabled = true; stopButton.disabled = true;
    });
    redoButton.addEventListener("click", function () {
      blob = null; playback.hidden = true; redoButton.hidden = true; sendButton.hidden = true;
      startButton.disabled = false; startButton.focus(); say("");
    });
    sendButton.addEventListener("click", function () { if (blob) { upload(blob); } });
  }

  // While transcribing: follow the progress, then show the text to check.
  var bar = document.getElementById("voice-progress");
  if (bar) {
    var poll = function () {
      fetch(root.dataset.progressUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); })
        .then(function (body) {
          bar.value = body.progress;
          if (body.status !== "queued" && body.status !== "transcribing") { window.location.reload(); return; }
          say(body.label + " " + Math.round(100 * body.progress) + " %");
          setTimeout(poll, 2000);
        }, function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1000);
  }
})();
