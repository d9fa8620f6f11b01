// Click-to-load embeds: each figure.embed holds a provider's link; this adds a
// button that swaps in the provider's frame, so nothing is requested from the
// provider until the reader asks. The words come from the script tag's data
// attributes, in the page's language.
(function () {
  "use strict";
  var script = document.currentScript;
  var label = script.getAttribute("data-load-label");
  var note = script.getAttribute("data-note");
  var title = script.getAttribute("data-frame-title");
  document.querySelectorAll("figure.embed[data-embed-src]").forEach(function (fig) {
    var provider = fig.getAttribute("data-embed-provider");
    var src = fig.getAttribute("data-embed-src");
    if (src.indexOf("https://") !== 0) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed-load";
    button.textContent = label.replace("%s", provider);
    var small = document.createElement("p");
    small.className = "embed-note";
    small.textContent = note.replace("%s", provider);
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = title.replace("%s", provider);
      frame.loading = "lazy";
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
      fig.replaceChild(frame, button);
      fig.removeChild(small);
      frame.focus();
    });
    fig.appendChild(button);
    fig.appendChild(small);
  });
})();
