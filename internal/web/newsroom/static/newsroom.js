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
