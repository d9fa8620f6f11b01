// Newsroom enhancements; every page works without them. Live preview, word count,
// autosave every 15 seconds while typing, and "Add" buttons for related stories.
(function () {
  "use strict";
  const form = document.getElementById("story-form");
  if (!form) return;
  const body = document.getElementById("body");
  const count = document.getElementById("word-count");
  const preview = document.getElementById("preview");
  const status = document.getElementById("autosave-status");
  const csrf = form.querySelector("input[name=csrf]").value;
  const fields = () => {
    const data = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === "string") data.append(k, v);
    return data;
  };
  const words = () => { count.textContent = (body.value.trim().match(/\S+/g) || []).length + " words"; };
  let previewTimer, dirty = false;
  const refresh = () => {
    fetch("/newsroom/preview", { method: "POST", body: fields(), headers: { "X-CSRF-Token": csrf } })
      .then(r => r.ok ? r.text() : Promise.reject(r.status))
      .then(html => { preview.srcdoc = html; })
      .catch(() => {});
  };
  form.addEventListener("input", () => {
    dirty = true; words();
    clearTimeout(previewTimer); previewTimer = setTimeout(refresh, 400);
  });
  setInterval(() => {
    if (!dirty || form.querySelector("fieldset[disabled]")) return;
    dirty = false;
    fetch(form.dataset.autosave, { method: "POST", body: fields(), headers: { "X-CSRF-Token": csrf } })
      .then(r => { status.textContent = r.ok ? "Autosaved at " + new Date().toLocaleTimeString() : "Autosave failed"; });
  }, 15000);
  document.querySelectorAll(".add-related").forEach(b => b.addEventListener("click", () => {
    const input = document.getElementById("related_ids");
    const ids = input.value.split(/[\s,]+/).filter(Boolean);
    if (!ids.includes(b.dataset.id)) ids.push(b.dataset.id);
    input.value = ids.join(", ");
  }));
  words(); refresh();
})();

// The focal point: a click on the photo fills in the two fields (which work by
// themselves without JavaScript) and marks the spot.
(function () {
  "use strict";
  const img = document.getElementById("focus-photo");
  const x = document.getElementById("focus-x");
  const y = document.getElementById("focus-y");
  if (!img || !x || !y) return;
  img.style.cursor = "crosshair";
  img.addEventListener("click", (ev) => {
    const box = img.getBoundingClientRect();
    x.value = Math.round(Math.min(Math.max((ev.clientX - box.left) / box.width, 0), 1) * 100);
    y.value = Math.round(Math.min(Math.max((ev.clientY - box.top) / box.height, 0), 1) * 100);
    x.dispatchEvent(new Event("change"));
  });
})();

// Photo uploads: drop photos on the form or choose them; each goes up on its own
// with a progress bar. Without JavaScript the form sends them all at once.
(function () {
  "use strict";
  const form = document.querySelector("form.photo-upload");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const list = form.querySelector(".upload-progress");
  const csrf = form.querySelector("input[name=csrf]").value;
  const send = (file) => new Promise((done) => {
    const item = document.createElement("li");
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    item.append(file.name + " ", bar);
    list.append(item);
    const data = new FormData();
    for (const name of ["alt", "caption", "credit"]) data.append(name, form.elements[name].value);
    data.append("photos", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) bar.value = Math.round(e.loaded / e.total * 100); });
    xhr.addEventListener("loadend", () => {
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: an error page */ }
      bar.value = 100;
      item.append(xhr.status === 201 ? " added" : " not added: " + ((answer.problems || []).join("; ") || xhr.status));
      done();
    });
    xhr.send(data);
  });
  const upload = async (files) => {
    if (!form.reportValidity()) return;
    for (const file of files) await send(file);
    location.assign("/newsroom/media?done=" + encodeURIComponent("Upload finished"));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); upload(Array.from(input.files)); });
  form.addEventListener("dragover", (e) => { e.preventDefault(); form.classList.add("dropping"); });
  form.addEventListener("dragleave", () => form.classList.remove("dropping"));
  form.addEventListener("drop", (e) => {
    e.preventDefault(); form.classList.remove("dropping");
    const files = Array.from(e.dataTransfer.files).filter((f) => f.type.startsWith("image/"));
    input.required = false; // the dropped photos are the choice
    if (files.length) upload(files);
  });
})();
