// Embedding: each widget's "Embed" button shows a copy-ready <iframe> snippet
// for its standalone page (embed/<widget>.html), carrying its settings as URL
// parameters. The embed page itself listens to no messages from its host and
// reads nothing of it; URL parameters only reach the widget's Python, which
// checks them against the widget's declared settings.
"use strict";
(function (DL) {
  if (DL.embedded) DL.embedQuery = Object.fromEntries(new URLSearchParams(location.search));

  function snippet(root, settings) {
    const query = new URLSearchParams(settings).toString();
    const url = new URL(`${DL.root}embed/${root.dataset.widget}.html${query ? "?" + query : ""}`, location.href).href;
    const title = root.querySelector(".widget-title").textContent;
    const height = Math.ceil(root.getBoundingClientRect().height) + 60;
    const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    return `<iframe src="${attr(url)}" title="${attr(title)} (interactive)" width="100%" height="${height}" ` +
      `style="border:0;max-width:680px" loading="lazy" sandbox="allow-scripts allow-same-origin allow-downloads" ` +
      `allow="clipboard-write" referrerpolicy="no-referrer"></iframe>`;
  }

  // The lesson's settings with what the learner changed on top; the lesson's `hide`
  // (a list or "a,b") stays, written last as "a,b".
  function embedSettings(config, share) {
    const { hide, ...settings } = { ...config, ...share };
    const names = Array.isArray(hide) ? hide.join(",") : hide;
    return names ? { ...settings, hide: names } : settings;
  }

  DL.setupEmbedButton = function (root, currentSettings) {
    const button = root.querySelector(".widget-embed");
    if (!button || DL.embedded) return;
    button.hidden = false;
    button.className = "btn btn-small widget-embed";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      let box = root.querySelector(".embed-box");
      if (box) { box.remove(); button.setAttribute("aria-expanded", "false"); return; }
      const id = root.id + "-embed";
      box = document.createElement("div");
      box.className = "embed-box";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = "Paste this HTML into any page to show this widget there:";
      const area = document.createElement("textarea");
      area.id = id;
      area.readOnly = true;
      area.rows = 4;
      area.value = snippet(root, embedSettings(JSON.parse(root.dataset.config || "{}"), currentSettings()));
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "btn btn-small";
      copy.textContent = "Copy snippet";
      copy.addEventListener("click", () => {
        area.select();
        const done = () => (copy.textContent = "Copied");
        if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, () => {});
      });
      box.append(label, area, copy);
      root.querySelector(".widget-head").after(box);
      button.setAttribute("aria-expanded", "true");
      area.focus();
      area.select();
    });
  };
})((window.DLCourse = window.DLCourse || {}));
