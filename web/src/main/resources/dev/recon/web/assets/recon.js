// Recon's only script, a progressive enhancement of the upload form: drop files onto the page, and
// watch a progress bar while they upload and import. Without it the form posts as usual. Results
// come back as server-rendered, escaped HTML; nothing here builds markup from data.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload-form");
  if (!form) {
    return;
  }
  var input = document.getElementById("files");
  var zone = document.getElementById("drop-zone");
  var chosen = document.getElementById("chosen-files");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var button = document.getElementById("upload");

  function listChosen() {
    chosen.replaceChildren();
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
      chosen.appendChild(item);
    });
  }
  input.addEventListener("change", listChosen);
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.remove("over");
    });
  });
  zone.addEventListener("drop", function (event) {
    input.files = event.dataTransfer.files;
    listChosen();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-CSRF-Token", document.querySelector("meta[name=csrf-token]").content);
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((100 * e.loaded) / e.total);
        text.textContent = "Uploading: " + bar.value + " %";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      text.textContent = "Importing…";
    });
    request.addEventListener("load", function () {
      var page = new DOMParser().parseFromString(request.responseText, "text/html");
      var results = page.getElementById("results");
      if (!results) {
        // An error page (upload too large, session ended): show its message where results go.
        results = document.createElement("section");
        results.id = "results";
        var main = page.querySelector("main");
        if (main) {
          results.append.apply(results, Array.prototype.slice.call(main.childNodes));
        }
      }
      document.getElementById("results").replaceWith(results);
      var imports = page.getElementById("imports");
      if (imports) {
        document.getElementById("imports").replaceWith(imports);
      }
      progress.hidden = true;
      button.disabled = false;
      form.reset();
      listChosen();
    });
    request.addEventListener("error", function () {
      text.textContent = "The upload failed: the connection was lost. Try again.";
      button.disabled = false;
    });
    progress.hidden = false;
    bar.value = 0;
    text.textContent = "Uploading: 0 %";
    button.disabled = true;
    request.send(new FormData(form));
  });
});

// The manual-match form of an exception: as items are ticked, show the sum of each side and the
// difference the match would leave, in exact minor units (whole numbers, never fractions) formatted
// with the currency's decimals. Without the script the form posts the same ticked items; the server
// decides and explains.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("match-form");
  if (!form) {
    return;
  }
  var scale = parseInt(form.dataset.scale, 10);
  var currency = form.dataset.currency;
  var sumOut = document.getElementById("match-sum");
  var differenceOut = document.getElementById("match-difference");
  var countOut = document.getElementById("match-count");
  var button = document.getElementById("match-submit");

  function format(minor) {
    var negative = minor < 0;
    var digits = String(Math.abs(minor));
    if (scale > 0) {
      while (digits.length <= scale) {
        digits = "0" + digits;
      }
      digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
    }
    return (negative ? "-" : "") + digits + " " + currency;
  }

  function update() {
    // Money in is positive on every side: a match balances when the anchor's side equals the others.
    var anchorSide = form.dataset.anchorSide;
    var anchor = 0;
    var others = 0;
    var count = 0;
    form.querySelectorAll("input[name=item]:checked").forEach(function (box) {
      var minor = parseInt(box.dataset.amountMinor, 10);
      count++;
      if (box.dataset.side === anchorSide) {
        anchor += minor;
      } else {
        others += minor;
      }
    });
    sumOut.textContent = format(anchor) + " against " + format(others);
    differenceOut.textContent = format(anchor - others);
    differenceOut.classList.toggle("balanced", count > 1 && anchor === others);
    countOut.textContent = String(count);
    button.disabled = count < 2;
  }
  form.addEventListener("change", update);
  update();
});
