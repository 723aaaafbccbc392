// Answer out loud: record with MediaRecorder, show the microphone's level (WebAudio
// AnalyserNode) and the recording's time, upload it to this computer's loopprep, which
// transcribes it locally; the transcript goes into the answer box to be corrected.
// The browser's SpeechRecognition API is never used: it sends audio to a cloud service.
(function () {
  "use strict";
  var box = document.getElementById("recorder");
  if (!box) { return; }
  var aloud = document.getElementById("read-aloud");
  if (aloud) {
    aloud.addEventListener("click", function () {
      var voice = new Audio(aloud.getAttribute("data-src"));
      voice.play().catch(function () { aloud.textContent = "The question could not be played"; });
    });
    aloud.disabled = false;
  }
  var button = document.getElementById("record");
  if (!button) { return; }
  var meter = document.getElementById("level");
  var clock = document.getElementById("record-clock");
  var status = document.getElementById("record-status");
  var answer = document.getElementById("f-answer");
  var recordingField = document.getElementById("f-recording");
  var form = answer.form;
  var token = form.querySelector("input[name=csrf_token]").value;
  var state = { recorder: null, stream: null, audio: null, chunks: [], started: 0, timer: 0 };

  function say(text, warn) {
    status.textContent = text;
    status.classList.toggle("warn", Boolean(warn));
  }
  function minutes(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  if (!navigator.mediaDevices || !window.MediaRecorder) {
    button.disabled = true;
    say("This browser cannot record here: open loopprep at http://127.0.0.1 (browsers allow " +
        "the microphone only there or over https), or type your answer.", true);
    return;
  }
  button.disabled = false;  // (rendered disabled until this script has set it up)

  function kind() {
    var kinds = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
    for (var i = 0; i < kinds.length; i += 1) {
      if (MediaRecorder.isTypeSupported(kinds[i])) { return kinds[i]; }
    }
    return "";
  }

  function listen(stream) {
    var Context = window.AudioContext || window.webkitAudioContext;
    state.audio = new Context();
    var analyser = state.audio.createAnalyser();
    analyser.fftSize = 1024;
    state.audio.createMediaStreamSource(stream).connect(analyser);
    var samples = new Float32Array(analyser.fftSize);
    function draw() {
      if (!state.recorder) { meter.value = 0; return; }
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      for (var i = 0; i < samples.length; i += 1) { sum += samples[i] * samples[i]; }
      var rms = Math.sqrt(sum / samples.length);
      meter.value = Math.min(1, rms * 4);  // speech sits around 0.05-0.25 RMS
      window.requestAnimationFrame(draw);
    }
    draw();
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var type = kind();
      state.stream = stream;
      state.chunks = [];
      recordingField.value = "";  // a new take replaces the last one's transcript and delivery
      state.recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
      state.recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) { state.chunks.push(event.data); }
      });
      state.recorder.addEventListener("stop", upload);
      state.recorder.start(1000);
      state.started = Date.now();
      state.timer = window.setInterval(function () {
        clock.textContent = minutes((Date.now() - state.started) / 1000);
      }, 250);
      listen(stream);
      button.textContent = "Stop recording";
      button.setAttribute("aria-pressed", "true");
      box.classList.add("recording");
      say("Recording… press Stop recording when you have finished.");
    }).catch(function (error) {
      say("The microphone could not be used (" + error.name + "): allow it for this page, " +
          "check that one is plugged in, or type your answer.", true);
    });
  }

  function stop() {
    var recorder = state.recorder;
    state.recorder = null;
    window.clearInterval(state.timer);
    button.disabled = true;
    button.setAttribute("aria-pressed", "false");
    box.classList.remove("recording");
    recorder.stop();
    state.stream.getTracks().forEach(function (track) { track.stop(); });
    if (state.audio) { state.audio.close(); state.audio = null; }
  }

  function upload() {
    var type = (state.chunks[0] && state.chunks[0].type) || kind() || "audio/webm";
    var blob = new Blob(state.chunks, { type: type });
    var suffix = type.indexOf("ogg") >= 0 ? "ogg" : type.indexOf("mp4") >= 0 ? "m4a" : "webm";
    var data = new FormData();
    data.append("csrf_token", token);
    data.append("audio", blob, "answer." + suffix);
    say("Transcribing on this computer…");
    fetch(box.getAttribute("data-upload"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": token }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      button.disabled = false;
      button.textContent = "Record again";
      if (!result.ok) {
        say((result.body.error || "the recording was not accepted") +
            (result.body.hint ? ". " + result.body.hint : ""), true);
        return;
      }
      heard(result.body);
    }).catch(function () {
      button.disabled = false;
      say("The recording could not be sent: is loopprep serve still running?", true);
    });
  }

  function heard(body) {
    var d = body.delivery;
    answer.value = body.transcript;
    recordingField.value = body.recording;
    var band = { slow: "slower than", good: "within", fast: "faster than", none: "no words for" }[d.pace];
    say("Heard " + d.words + " words in " + minutes(d.duration_s) + ": " +
        Math.round(d.words_per_minute) + " words a minute (" + band + " the " + d.pace_band[0] +
        "–" + d.pace_band[1] + " band), " + d.pauses + " pauses of 2 s or more, " +
        d.fillers_per_minute.toFixed(1) + " fillers a minute. Correct the transcript below if " +
        "needed, then ask for the feedback.");
    answer.focus();
  }

  button.addEventListener("click", function () {
    if (state.recorder) { stop(); } else { start(); }
  });
}());
