// Starts the page's one Python as soon as the page starts loading, and gives
// the rest of the page `DLCourse.python`: request(message) -> Promise of the
// parsed answer, matched by id; `ready` (a Promise) and state callbacks.
//
// A runaway request (Python busy on one event for more than RUNAWAY_MS, which
// only a bug does: animations yield every frame; creating a widget, which
// imports its modules, gets CREATE_MS) cannot freeze the course. Without
// SharedArrayBuffer there is no way to interrupt Python, so the worker is
// terminated and a new one booted from the same bytes (the HTTP cache, or the
// offline payloads kept in memory, and the cached interpreter snapshot). The
// runaway request is answered {stopped: reason}, every other unanswered one
// {lost: true}; once the new worker is live, `onRestart` listeners re-create
// their widgets.
"use strict";
(function (DL) {
  const script = document.currentScript;
  const config = JSON.parse(script.dataset.runtime);
  DL.root = script.dataset.root || "";
  DL.embedded = script.dataset.embed === "true";
  const BOOT_TIMEOUT_MS = 90000;
  const RUNAWAY_MS = 5000;
  const CREATE_MS = 15000;
  const SNAPSHOT_AFTER_MS = 3000, SNAPSHOT_MS = 60000, SNAPSHOT_BUSY = 0.25;   // (busy: a share of the time)
  const stateListeners = new Set();
  const restartListeners = new Set();
  let pending = new Map();              // id -> {resolve, postedAt, bound}; the worker answers in order
  let nextId = 1;
  let state = { phase: "loading", text: "Starting Python…" };
  let worker = null, spawn = null, lastReplyAt = 0, busyMs = 0, watchdog = null, generation = 0, current = null;

  function announce(phase, text, done = 0) {
    state = { phase, text, done };
    stateListeners.forEach((fn) => fn(state));
  }

  // The one seam for where the runtime's bytes come from. Over HTTP the
  // worker loads them by URL. From file:// (the offline zip) offline.js hands
  // them over from script payloads. In a sandboxed iframe with an opaque
  // origin a URL worker is refused, so its code is fetched into a blob: worker.
  // Returns a function that starts one worker for `op` ("boot"; again on a respawn;
  // "snapshot": see worker.js).
  async function makeSpawner() {
    if (location.protocol === "file:") return DL.offlineRuntime((text) => announce("loading", text));
    const indexURL = new URL(config.indexURL, location.href).href;
    const coursePy = new URL(config.coursePy, location.href).href;
    const courseModels = config.courseModels && new URL(config.courseModels, location.href).href;
    let source = config.worker;
    // The order travels in the worker's name, so it boots the moment its script
    // runs: a first message would wait until this (busy, still loading) page
    // thread is free to hand it over, a quarter of a second on a first visit.
    return async (op = "boot") => {
      const options = { name: JSON.stringify({ op, indexURL, coursePy, courseModels }) };
      try {
        return new Worker(source, options);
      } catch (err) {
        const code = await (await fetch(config.worker)).text();
        source = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
        return new Worker(source, options);
      }
    };
  }

  // Boot one worker; resolves when its Python is live, rejects with a reason.
  function boot() {
    const mine = ++generation;
    return new Promise(async (resolve, reject) => {
      const timer = setTimeout(() => fail("Python took too long to start"), BOOT_TIMEOUT_MS);
      function fail(message) {
        clearTimeout(timer);
        if (mine !== generation) return;
        announce("failed", message);
        reject(new Error(message));
        if (worker) worker.terminate();
      }
      try {
        if (!spawn) spawn = await makeSpawner();
        worker = await spawn();
      } catch (err) {
        fail(String(err && err.message || err));
        return;
      }
      worker.onerror = (e) => { e.preventDefault(); fail(e.message || "the Python worker could not start"); };
      worker.onmessage = (event) => {
        if (mine !== generation) return;
        const msg = event.data;
        if (msg.type === "progress") announce("loading", msg.text, msg.done);
        else if (msg.type === "ready") {
          clearTimeout(timer);
          announce("live", "Python is live");
          resolve();
          if (msg.snapshotWanted) snapshotLater();
        }
        else if (msg.type === "boot-error") fail(msg.message);
        else if (pending.has(msg.id)) answer(msg.id, JSON.parse(msg.json));
      };
    });
  }

  // Once, when Python has been mostly idle for a while: a second worker makes the
  // interpreter snapshot the next visits start from, then goes away. Making it takes a
  // core for seconds, so it waits while Python is busy (a network training, an
  // animation that keeps it working) rather than slow that down.
  let snapshotAsked = false;
  function snapshotLater() {
    if (snapshotAsked) return;
    snapshotAsked = true;
    const idle = self.requestIdleCallback || ((fn) => setTimeout(fn, 0));
    let busyBefore = busyMs;
    const whenQuiet = () => {
      const busy = busyMs - busyBefore;
      busyBefore = busyMs;
      if (pending.size || busy > SNAPSHOT_BUSY * SNAPSHOT_AFTER_MS) return setTimeout(whenQuiet, SNAPSHOT_AFTER_MS);
      idle(async () => {
        let w = null;
        const done = () => { if (w) w.terminate(); w = null; };
        try {
          w = await spawn("snapshot");
          w.onmessage = done;
          w.onerror = (e) => { e.preventDefault(); done(); };
          setTimeout(done, SNAPSHOT_MS);
        } catch (err) { done(); }
      }, { timeout: 10000 });
    };
    setTimeout(whenQuiet, SNAPSHOT_AFTER_MS);
  }

  function answer(id, value) {
    const done = pending.get(id), now = performance.now();
    pending.delete(id);
    busyMs += now - Math.max(done.postedAt, lastReplyAt);
    lastReplyAt = now;
    armWatchdog();
    done.resolve(value);
  }

  // The request Python works on now is the oldest unanswered one; it started
  // when it was posted or when the one before it was answered, whichever is later.
  function armWatchdog() {
    clearTimeout(watchdog);
    const head = pending.entries().next().value;
    if (!head) return;
    const [id, entry] = head;
    const started = Math.max(entry.postedAt, lastReplyAt);
    const check = () => {
      if (!pending.has(id)) return;
      if (performance.now() - Math.max(entry.postedAt, lastReplyAt) < entry.bound) return armWatchdog();
      // A late timer may run before an answer already waiting in the queue: look once more.
      watchdog = setTimeout(() => { if (pending.has(id)) respawn(id); }, 200);
    };
    watchdog = setTimeout(check, Math.max(0, started + entry.bound - performance.now()));
  }

  function respawn(runawayId) {
    clearTimeout(watchdog);
    worker.terminate();
    const unanswered = pending, bound = pending.get(runawayId).bound;
    pending = new Map();
    lastReplyAt = 0;
    current = boot();                   // before anyone hears of it, so new requests wait for it
    announce("restarting", "Restarting Python…");
    current.then(() => restartListeners.forEach((fn) => fn()), () => {});
    unanswered.forEach((entry, id) => entry.resolve(id === runawayId
      ? { stopped: `its Python ran for more than ${bound / 1000} s` } : { lost: true }));
  }

  const ready = boot();
  ready.catch(() => {});
  current = ready;                      // the live worker's boot; a newer one after a respawn

  DL.python = {
    ready,
    RUNAWAY_MS,
    CREATE_MS,
    get state() { return state; },
    onState(fn) { stateListeners.add(fn); fn(state); },
    offState(fn) { stateListeners.delete(fn); },
    onRestart(fn) { restartListeners.add(fn); },
    offRestart(fn) { restartListeners.delete(fn); },
    request(message) {
      const post = () => new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, postedAt: performance.now(), bound: message.op === "create" ? CREATE_MS : RUNAWAY_MS });
        if (pending.size === 1) armWatchdog();
        worker.postMessage({ ...message, id });
      });
      // Once live, post at once, not in a later microtask: a widget asks for its next
      // animation tick just before it draws, so the worker computes while the page draws.
      return state.phase === "live" ? post() : current.then(post, () => ({ lost: true }));
    },
  };
})((window.DLCourse = window.DLCourse || {}));
