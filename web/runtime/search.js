// Course-wide search in the top bar. The build writes every lesson section
// (title, heading and its anchor, text) into assets/search-index.*.js, a classic
// script like MiniSearch's browser build beside it, so search works from
// file:// too (no fetch). Both load on first use. The box is an ARIA combobox:
// "/" focuses it, arrow keys move through the results, Enter opens one,
// Escape closes the list (a second Escape leaves the box).
"use strict";
(function (DL) {
  const MAX_RESULTS = 8;
  const SNIPPET_BEFORE = 50;
  const SNIPPET_LENGTH = 150;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => { script.remove(); reject(new Error(`could not load ${src}`)); };
      document.head.append(script);
    });
  }

  function makeEngine(docs) {
    // A lesson's title is searched on its own first entry only, so a title word
    // finds the lesson once, not every section of it.
    const engine = new window.MiniSearch({
      fields: ["title", "heading", "text"],
      storeFields: ["lesson", "level", "url", "heading", "anchor", "text"],
      extractField: (doc, field) => (field === "title" ? (doc.heading ? "" : doc.lesson) : doc[field]),
      searchOptions: {
        boost: { title: 3, heading: 2 },
        combineWith: "AND",
        prefix: (term, index, terms) => index === terms.length - 1,   // the word being typed
        fuzzy: (term) => (term.length > 4 ? 0.2 : false),
      },
    });
    engine.addAll(docs);
    return engine;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // The words found, as one case-insensitive pattern (longest first).
  function termPattern(terms) {
    const sorted = [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length);
    return sorted.length ? new RegExp(sorted.map(escapeRegExp).join("|"), "gi") : null;
  }

  // Text around the first word found, cut at word boundaries.
  function snippet(text, pattern) {
    let at = 0;
    if (pattern) {
      pattern.lastIndex = 0;
      const found = pattern.exec(text);
      if (found) at = found.index;
    }
    let start = Math.max(0, at - SNIPPET_BEFORE);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  // Append `text` to `parent` with each found word in a <mark> (DOM nodes, never HTML).
  function appendMarked(parent, text, pattern) {
    if (!pattern) { parent.append(text); return; }
    let last = 0;
    pattern.lastIndex = 0;
    for (let found; (found = pattern.exec(text)); ) {
      if (!found[0]) { pattern.lastIndex += 1; continue; }
      parent.append(text.slice(last, found.index));
      const mark = document.createElement("mark");
      mark.textContent = found[0];
      parent.append(mark);
      last = found.index + found[0].length;
    }
    parent.append(text.slice(last));
  }

  function span(className) {
    const el = document.createElement("span");
    el.className = className;
    return el;
  }

  function setup(root) {
    const input = root.querySelector(".search-input");
    const list = root.querySelector(".search-results");
    const status = root.querySelector(".search-status");
    const opener = root.querySelector(".search-open");
    const closer = root.querySelector(".search-close");
    const base = root.dataset.root || "";
    let engine = null;
    let loading = null;
    let active = -1;

    function load() {
      if (!loading) {
        loading = (window.MiniSearch ? Promise.resolve() : loadScript(root.dataset.lib))
          .then(() => (DL.searchIndex ? null : loadScript(root.dataset.index)))
          .then(() => {
            engine = makeEngine(DL.searchIndex.docs);
            root.dataset.ready = "true";
            if (input.value.trim()) update();
          })
          .catch((err) => {
            loading = null;                                   // try again on the next use
            status.textContent = "Search could not load.";
            console.warn(err);
          });
      }
      return loading;
    }

    function options() {
      return [...list.querySelectorAll("[role=option]")];
    }

    function setActive(index) {
      const all = options();
      active = all.length ? (index + all.length) % all.length : -1;
      all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function showList(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", String(show));
      root.classList.toggle("has-results", show);
      if (!show) setActive(-1);
    }

    // Each result is a link that is itself the option (no control nested in another).
    function option(hit, index, pattern) {
      const item = document.createElement("li");
      item.setAttribute("role", "presentation");
      item.className = "search-result";
      const link = document.createElement("a");
      link.id = `search-option-${index}`;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      link.href = base + hit.url + (hit.anchor ? `#${hit.anchor}` : "");
      link.tabIndex = -1;
      const where = span("search-where");
      where.textContent = hit.heading ? `${hit.level} · ${hit.lesson}` : hit.level;
      const heading = span("search-heading");
      appendMarked(heading, hit.heading || hit.lesson, pattern);
      const text = span("search-snippet");
      appendMarked(text, snippet(hit.text, pattern), pattern);
      link.append(where, heading, text);
      item.append(link);
      return item;
    }

    function update() {
      const query = input.value.trim();
      list.replaceChildren();
      if (!query) { showList(false); status.textContent = ""; return; }
      if (!engine) { load(); return; }
      const hits = engine.search(query).slice(0, MAX_RESULTS);
      hits.forEach((hit, i) => list.append(option(hit, i, termPattern(hit.terms))));
      if (!hits.length) {
        const none = document.createElement("li");
        none.className = "search-none";
        none.setAttribute("role", "presentation");
        none.textContent = `Nothing found for “${query}”.`;
        list.append(none);
      }
      showList(true);
      setActive(-1);
      status.textContent = hits.length ? `${hits.length} result${hits.length === 1 ? "" : "s"}; arrow keys to choose, Enter to open.`
        : `Nothing found for “${query}”.`;
    }

    function open(hitIndex) {
      const all = options();
      const chosen = all[hitIndex >= 0 ? hitIndex : 0];
      if (!chosen) return;
      const href = chosen.href;
      showList(false);
      window.location.href = href;
    }

    function expand(show) {              // phones: the icon button opens the box over the bar
      root.classList.toggle("is-open", show);
      opener.setAttribute("aria-expanded", String(show));
      if (show) { load(); input.focus(); }
    }

    input.addEventListener("focus", () => { load(); if (input.value.trim() && engine) update(); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", (event) => {
      const count = options().length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden && input.value.trim()) update();
        if (count) setActive(active < 0 && event.key === "ArrowUp" ? count - 1 : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!list.hidden) open(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (!list.hidden) showList(false);
        else if (root.classList.contains("is-open")) { expand(false); opener.focus(); }
        else { input.value = ""; input.blur(); }
      }
    });
    // Keep the focus in the box while a result is clicked or tapped.
    list.addEventListener("pointerdown", (event) => event.preventDefault());
    root.addEventListener("focusout", (event) => {
      if (!root.contains(event.relatedTarget)) {
        showList(false);
        if (root.classList.contains("is-open") && !input.value.trim()) expand(false);
      }
    });
    root.addEventListener("pointerenter", load, { once: true });
    opener.addEventListener("click", () => expand(!root.classList.contains("is-open")));
    closer.addEventListener("click", () => { expand(false); opener.focus(); });

    document.addEventListener("keydown", (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
      event.preventDefault();
      if (getComputedStyle(opener).display !== "none") expand(true);
      input.focus();
      input.select();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-search]").forEach(setup);
  });
})((window.DLCourse = window.DLCourse || {}));
