// The learner's progress: which challenges are solved, kept in localStorage
// (keys are versioned; on file:// every local page shares this storage, so
// nothing private is kept). The rail marks each lesson whose challenges are
// all solved.
"use strict";
(function (DL) {
  const PREFIX = "dlcourse:v1:won:";

  function read(uid) {
    try { return localStorage.getItem(PREFIX + uid) === "1"; } catch (e) { return false; }
  }

  function refreshRail() {
    let solved = 0, total = 0;
    document.querySelectorAll(".rail [data-challenges]").forEach((link) => {
      const ids = link.dataset.challenges.split(" ").filter(Boolean);
      const done = ids.filter(read).length;
      solved += done;
      total += ids.length;
      const complete = ids.length > 0 && done === ids.length;
      link.classList.toggle("is-done", complete);
      let mark = link.querySelector(".sr-done");
      if (complete && !mark) {
        mark = document.createElement("span");
        mark.className = "sr-done";
        mark.textContent = " (challenge solved)";
        link.append(mark);
      }
    });
    const counter = document.querySelector("[data-progress]");
    if (counter && total) {
      counter.innerHTML = "";
      const wide = document.createElement("span");
      wide.className = "wide-only";
      wide.textContent = " challenges";
      counter.append(`${solved}/${total}`, wide, " solved");
    }
  }

  DL.progress = {
    markWon(uid) {
      if (read(uid)) return;
      try { localStorage.setItem(PREFIX + uid, "1"); } catch (e) { /* private mode: not remembered */ }
      DL.progress.showIfWon(document.getElementById(uid));
      refreshRail();
    },
    showIfWon(root) {
      const badge = root && root.querySelector(".widget-badge");
      if (badge && read(root.id)) badge.hidden = false;
    },
    refreshRail,
  };
})((window.DLCourse = window.DLCourse || {}));
