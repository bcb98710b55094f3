// Starts the page's one Python as soon as the page starts loading, and gives
// the rest of the page `DLCourse.python`: request(message) -> Promise of the
// parsed answer, matched by id; `ready` (a Promise) and progress callbacks.
"use strict";
(function (DL) {
  const script = document.currentScript;
  const config = JSON.parse(script.dataset.runtime);
  const BOOT_TIMEOUT_MS = 90000;
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let state = { phase: "loading", text: "Starting Python…" };

  function announce(phase, text) {
    state = { phase, text };
    listeners.forEach((fn) => fn(state));
  }

  // The seam for where the runtime's bytes come from. Over HTTP the worker
  // loads them by URL; the offline zip (file://) registers
  // DLCourse.offlineRuntime, which starts a blob: worker and hands it the bytes.
  function startWorker() {
    const indexURL = new URL(config.indexURL, location.href).href;
    const coursePy = new URL(config.coursePy, location.href).href;
    if (DL.offlineRuntime) return DL.offlineRuntime(config, indexURL);
    const worker = new Worker(config.worker);
    worker.postMessage({ op: "boot", indexURL, coursePy });
    return worker;
  }

  let worker = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail("Python took too long to start"), BOOT_TIMEOUT_MS);
    function fail(message) {
      clearTimeout(timer);
      announce("failed", message);
      reject(new Error(message));
      if (worker) worker.terminate();
    }
    try {
      worker = startWorker();
    } catch (err) {
      fail(String(err && err.message || err));
      return;
    }
    worker.onerror = (e) => { e.preventDefault(); fail(e.message || "the Python worker could not start"); };
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "progress") announce("loading", msg.text);
      else if (msg.type === "ready") { clearTimeout(timer); announce("live", "Python is live"); resolve(); }
      else if (msg.type === "boot-error") fail(msg.message);
      else if (pending.has(msg.id)) {
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        done(JSON.parse(msg.json));
      }
    };
  });
  ready.catch(() => {});

  DL.python = {
    ready,
    get state() { return state; },
    onState(fn) { listeners.add(fn); fn(state); },
    request(message) {
      return ready.then(() => new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ ...message, id });
      }));
    },
  };
  DL.root = script.dataset.root || "";
})((window.DLCourse = window.DLCourse || {}));
