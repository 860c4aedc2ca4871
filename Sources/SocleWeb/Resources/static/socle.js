// Socle: progressive enhancement only. Every page works without this script.
// 1. Upload form: send with XMLHttpRequest to show the upload's progress, then follow the answer.
// 2. Job page: poll /api/v1/jobs/{id} (session cookie) and update the progress bar in place.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "fr";
  function fmt(n) { try { return Number(n).toLocaleString(lang); } catch (e) { return String(n); } }
  function pct(x) { return Math.max(0, Math.min(100, Math.floor(x * 100))); }

  var form = document.querySelector("form[data-upload]");
  if (form && window.FormData && window.XMLHttpRequest) {
    form.addEventListener("submit", function (event) {
      var area = document.getElementById("upload-progress");
      var bar = document.getElementById("upload-bar");
      var status = document.getElementById("upload-status");
      if (!area || !bar) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      area.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        var p = pct(e.loaded / e.total);
        bar.value = p;
        bar.textContent = p + " %";
        if (status) status.textContent = p + " %";
      };
      xhr.onload = function () {
        var next = form.getAttribute("data-upload-next") || "/jobs/";
        if (xhr.responseURL && xhr.responseURL.indexOf(next) !== -1) {
          window.location.assign(xhr.responseURL);
          return;
        }
        // A refusal (validation, size, expired form): show the page the server answered.
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        document.title = doc.title;
        document.body.replaceWith(doc.body);
      };
      xhr.onerror = function () { if (button) button.disabled = false; form.submit(); };
      xhr.send(new FormData(form));
    });
  }

  var job = document.querySelector("[data-job-poll]");
  if (job && window.fetch) {
    var url = job.getAttribute("data-job-poll");
    var bar2 = document.getElementById("job-progress");
    var percent = document.getElementById("job-percent");
    var rows = document.getElementById("job-rows");
    var state = document.getElementById("job-status");
    var tick = function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (j) {
          var p = pct(j.progress || 0);
          if (bar2) { bar2.value = p; bar2.textContent = p + " %"; }
          if (percent) percent.textContent = p + (lang === "fr" ? "\u202f%" : "%");
          if (rows && typeof j.rows === "number") rows.textContent = rows.textContent.replace(/^[\d\s\u202f\u00a0,.]+/, fmt(j.rows) + " ");
          if (j.status === "succeeded" || j.status === "failed") { window.location.reload(); return; }
          if (state && j.status) state.setAttribute("data-status", j.status);
          setTimeout(tick, 1000);
        })
        .catch(function () { setTimeout(function () { window.location.reload(); }, 2000); });
    };
    setTimeout(tick, 1000);
  }
})();
