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
  // Ctrl+S or Cmd+S saves.
  const save = form.querySelector("button[name=save]");
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s" && save) {
      e.preventDefault();
      form.requestSubmit(save);
    }
  });
  // The preview at a phone's width or a desktop's.
  document.querySelectorAll(".preview-widths button").forEach((b) => b.addEventListener("click", () => {
    preview.classList.toggle("phone", b.dataset.width === "phone");
    document.querySelectorAll(".preview-widths button").forEach((o) => o.setAttribute("aria-pressed", String(o === b)));
  }));
  // The preview follows the paragraph being written. It scrolls the preview's own
  // window only: scrollIntoView would scroll the editor's page too, under the
  // writer's cursor, each time the preview reloads.
  let block = 0;
  const follow = () => {
    const doc = preview.contentDocument, win = preview.contentWindow;
    const parts = doc && doc.querySelectorAll(".story-body > *");
    if (!parts || !parts.length) return;
    const part = parts[Math.min(block, parts.length - 1)].getBoundingClientRect();
    win.scrollTo({ top: win.scrollY + part.top - win.innerHeight / 2 + part.height / 2 });
  };
  const where = () => {
    block = Math.max(0, body.value.slice(0, body.selectionStart).split(/\n\s*\n/).filter((s) => s.trim()).length - 1);
    follow();
  };
  ["keyup", "click"].forEach((ev) => body.addEventListener(ev, where));
  preview.addEventListener("load", follow);
  words(); refresh();
})();

// Pickers: typing in an author's, a related story's or a photo's search field
// lists matches as it goes (an ARIA combobox); choosing one adds it, ticked, to
// the choices above. Without JavaScript the field's "Find" button does the same
// by reloading the form.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.picker").forEach((set, n) => {
    const input = set.querySelector("input[name$=_q]");
    const chosen = set.querySelector("ul.chosen");
    if (!input || !chosen) return;
    const kind = set.dataset.kind, name = set.dataset.name, radio = kind === "photos";
    const list = document.createElement("ul");
    list.id = "picker-list-" + n;
    list.setAttribute("role", "listbox");
    list.className = "picker-list";
    list.hidden = true;
    input.parentNode.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    let options = [], active = -1, timer;
    const close = () => {
      list.hidden = true; list.replaceChildren(); options = [];
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1;
    };
    const mark = (i) => {
      active = i;
      options.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
      if (options[i]) input.setAttribute("aria-activedescendant", options[i].id);
    };
    const choose = (item) => {
      const id = String(item.id);
      let box = chosen.querySelector("input[value='" + id.replace(/[^0-9]/g, "") + "']");
      if (!box) {
        const li = document.createElement("li");
        box = document.createElement("input");
        box.type = radio ? "radio" : "checkbox";
        box.name = name; box.value = id; box.id = name + "-picked-" + id;
        const label = document.createElement("label");
        label.htmlFor = box.id;
        if (item.thumb) {
          const img = document.createElement("img");
          img.src = item.thumb; img.alt = ""; img.width = 120;
          label.append(img, " ");
        }
        label.append(item.label);
        li.append(box, " ", label);
        chosen.prepend(li);
      }
      box.checked = true;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      input.value = "";
      close();
      input.focus();
    };
    const show = (items) => {
      list.replaceChildren();
      options = items.map((item, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = item.label;
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(item); });
        list.append(li);
        li.item = item;
        return li;
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(options.length > 0));
      mark(options.length ? 0 : -1);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(() => {
        fetch("/newsroom/find?kind=" + kind + "&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then((r) => r.ok ? r.json() : [])
          .then(show)
          .catch(() => {});
      }, 200);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && options.length) { e.preventDefault(); mark((active + 1) % options.length); }
      else if (e.key === "ArrowUp" && options.length) { e.preventDefault(); mark((active - 1 + options.length) % options.length); }
      else if (e.key === "Enter") {
        // Enter chooses; it never sends the whole story form from a search field.
        e.preventDefault();
        if (!list.hidden && options[active]) choose(options[active].item);
      }
      else if (e.key === "Escape") { close(); }
    });
    // A keypress of Enter would send the form (some keyboards and remote controls
    // deliver it apart from its keydown): a search field never sends it.
    input.addEventListener("keypress", (e) => { if (e.key === "Enter") e.preventDefault(); });
    input.addEventListener("blur", () => setTimeout(close, 150));
  });
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

// Fronts: drag a story to another place and the new order is saved at once (the
// form sends its stories' hidden ids in page order, with the version the page was
// drawn from). The Up, Down and Remove buttons do the same with a keyboard or
// without this script.
(function () {
  "use strict";
  document.querySelectorAll("ol.front-slots").forEach((list) => {
    let dragged = null;
    list.querySelectorAll("li.front-slot").forEach((li) => {
      li.draggable = true;
      li.addEventListener("dragstart", (e) => {
        dragged = li;
        li.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", li.dataset.id);
      });
      li.addEventListener("dragend", () => { li.classList.remove("dragging"); dragged = null; });
      li.addEventListener("dragover", (e) => {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        const box = li.getBoundingClientRect();
        li.before(dragged);
        if (e.clientY > box.top + box.height / 2) li.after(dragged);
      });
    });
    list.addEventListener("dragover", (e) => { if (dragged) e.preventDefault(); });
    list.addEventListener("drop", (e) => {
      if (!dragged) return;
      e.preventDefault();
      list.closest("form").requestSubmit();
    });
  });
})();

// Letters desk triage: j and k move between messages, p, f, r and s press the
// message's Publish, Feature, Reject and Spam buttons, x ticks it. Keys typed in a
// field, or with a modifier, are left alone. After a move the page comes back at
// the next message (its address ends in #message-N), focused.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("table.letters tr.message"));
  if (!rows.length) return;
  const focusRow = (row) => { rows.forEach((r) => r.classList.remove("current")); row.classList.add("current"); row.focus(); };
  const byHash = location.hash && document.getElementById(location.hash.slice(1));
  if (byHash && rows.includes(byHash)) focusRow(byHash);
  const keys = { p: "published", f: "featured", r: "rejected", s: "spam" };
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
    const at = rows.findIndex((r) => r.contains(document.activeElement) || r.classList.contains("current"));
    if (e.key === "j" || e.key === "k") {
      e.preventDefault();
      const next = e.key === "j" ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
      focusRow(rows[next]);
    } else if (at >= 0 && e.key === "x") {
      e.preventDefault();
      const box = rows[at].querySelector("input[type=checkbox]");
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (at >= 0 && keys[e.key]) {
      const button = rows[at].querySelector("button[value=" + keys[e.key] + "]");
      if (button) { e.preventDefault(); button.click(); }
    }
  });
})();

// The bulk action's button says what it will do: "Publish 3 ticked messages".
(function () {
  "use strict";
  const form = document.getElementById("bulk");
  const button = document.getElementById("bulk-apply");
  const select = document.getElementById("to");
  if (!form || !button || !select) return;
  const say = () => {
    const n = document.querySelectorAll("input[form=bulk][name=id]:checked").length;
    const choice = select.value ? select.options[select.selectedIndex].text : "Apply to";
    button.textContent = choice.replace("the ticked messages", n + " ticked " + (n === 1 ? "message" : "messages"))
      .replace(/^Apply to$/, "Apply to " + n + " ticked " + (n === 1 ? "message" : "messages"));
  };
  select.addEventListener("change", say);
  document.addEventListener("change", (e) => { if (e.target.matches && e.target.matches("input[form=bulk]")) say(); });
  say();
})();
