// The page's entry point, run once the page is parsed: the rail, the hero,
// and every widget.
"use strict";
(function (DL) {
  function setupRail() {
    const toggle = document.querySelector(".rail-toggle");
    const rail = document.getElementById("rail");
    if (!toggle || !rail) return;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      rail.classList.toggle("is-open", open);
    });
    DL.progress.refreshRail();
  }

  document.addEventListener("DOMContentLoaded", () => {
    setupRail();
    document.querySelectorAll("[data-widget]").forEach((root) => DL.mountWidget(root));
    const hero = document.querySelector(".hero-canvas");
    if (hero) DL.hero(hero);
  });
})((window.DLCourse = window.DLCourse || {}));
