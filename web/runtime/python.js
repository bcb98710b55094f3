// Starts the page's one Python as soon as the page starts loading, and gives
// the rest of the page `DLCourse.python`: request(message) -> Promise of the
// parsed answer, matched by id; `ready` (a Promise) and progress callbacks.
"use strict";
(function (DL) {
  const script = document.currentScript;
  const config = JSON.parse(script.dataset.runtime);
  DL.root = script.dataset.root || "";
  DL.embedded = script.dataset.embed === "true";
  const BOOT_TIMEOUT_MS = 90000;
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let state = { phase: "loading", text: "Starting Python…" };

  function announce(phase, text) {
    state = { phase, text };
    listeners.forEach((fn) => fn(state));
  }

  // The one seam for where the runtime's bytes come from. Over HTTP the
  // worker loads them by URL. From file:// (the offline zip) offline.js hands
  // them over from script payloads. In a sandboxed iframe with an opaque
  // origin a URL worker is refused, so its code is fetched into a blob: worker.
  async function startWorker() {
    if (location.protocol === "file:") return DL.offlineRuntime((text) => announce("loading", text));
    const indexURL = new URL(config.indexURL, location.href).href;
    const coursePy = new URL(config.coursePy, location.href).href;
    let worker;
    try {
      worker = new Worker(config.worker);
    } catch (err) {
      const code = await (await fetch(config.worker)).text();
      worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    }
    worker.postMessage({ op: "boot", indexURL, coursePy });
    return worker;
  }

  let worker = null;
  const ready = new Promise(async (resolve, reject) => {
    const timer = setTimeout(() => fail("Python took too long to start"), BOOT_TIMEOUT_MS);
    function fail(message) {
      clearTimeout(timer);
      announce("failed", message);
      reject(new Error(message));
      if (worker) worker.terminate();
    }
    try {
      worker = await startWorker();
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
      const post = () => new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ ...message, id });
      });
      // Once live, post at once, not in a later microtask: a widget asks for its next
      // animation tick just before it draws, so the worker computes while the page draws.
      return state.phase === "live" ? post() : ready.then(post);
    },
  };
})((window.DLCourse = window.DLCourse || {}));
