// The page's one Python: a Web Worker that boots Pyodide + NumPy, unpacks the
// course's own Python, and answers the page's requests by id. Errors travel as
// data ({id, error}); nothing throws across the boundary.
//
// Where the bytes come from is one seam: by default Pyodide fetches its files
// from `indexURL`; when the page hands over `files` ({name: ArrayBuffer}) —
// as the offline zip does, where file:// forbids fetch — every request under
// indexURL is answered from memory instead.
"use strict";

let bridge = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.op === "boot" || msg.op === "snapshot") return start(msg);
  let reply;
  try {
    if (!bridge) throw new Error("Python is not ready yet");
    let text;
    if (msg.op === "create") {
      text = bridge.call(bridge.create, msg.uid, msg.widget, JSON.stringify(msg.config), !!msg.reducedMotion,
        JSON.stringify(msg.query || {}));
    } else if (msg.op === "drop") {
      text = bridge.call(bridge.drop, msg.uid);
    } else {
      text = bridge.call(bridge.event, msg.uid, JSON.stringify(msg.event));
    }
    reply = { id: msg.id, json: text };
  } catch (err) {
    reply = { id: msg.id, json: JSON.stringify({ error: String(err && err.message || err) }) };
  }
  self.postMessage(reply);
};

function start(order) {
  return order.op === "boot" ? boot(order) : makeSnapshot(order);
}

// Over HTTP the page names the worker with its order ({op, indexURL, coursePy, courseModels}
// as JSON) and it starts at once; from file:// the order comes as a message,
// with the runtime's bytes.
function orderInName() {
  try {
    const order = JSON.parse(self.name || "null");
    return order && (order.op === "boot" || order.op === "snapshot") ? order : null;
  } catch (err) {
    return null;
  }
}

// step: how many of the STEPS stages of a start are under way (the page shows a bar).
const STEPS = 4;
function progress(text, step) {
  self.postMessage({ type: "progress", text, done: step / STEPS });
}

// files: {name: bytes or a Promise of them}, or a Promise of that; a name it
// lacks, or whose bytes could not be had, is fetched as usual.
const realFetch = self.fetch.bind(self);

function serveFromMemory(indexURL, files) {
  self.fetch = async (input, init) => {
    const url = String(input && input.url || input);
    if (url.startsWith(indexURL)) {
      const name = url.slice(indexURL.length).split("?")[0];
      const bytes = await Promise.resolve(files).then((all) => all[name]).catch(() => null);
      if (bytes) {
        const type = name.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
        return new Response(bytes, { headers: { "Content-Type": type } });
      }
    }
    return realFetch(input, init);
  };
}

// Pyodide asks for a package's wheel only once the interpreter runs; fetched
// here, the wheels download while it starts. Each is checked against the
// lock's sha256 by the browser (fetch's integrity).
function prefetchPackages(indexURL) {
  const integrity = (hex) => "sha256-" + btoa(String.fromCharCode(...hex.match(/../g).map((h) => parseInt(h, 16))));
  const wheel = (url, sha256) => realFetch(url, { integrity: integrity(sha256) })
    .then((response) => (response.ok ? response.arrayBuffer() : null)).catch(() => null);
  return realFetch(indexURL + "pyodide-lock.json").then((response) => response.json())
    .then((lock) => Object.fromEntries(Object.values(lock.packages)
      .map(({ file_name, sha256 }) => [file_name, wheel(indexURL + file_name, sha256)])))
    .catch(() => ({}));
}

async function canCompileWasm() {
  // The smallest valid module. A Content-Security-Policy without
  // 'wasm-unsafe-eval' refuses it at once, where Pyodide itself would hang.
  const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  try {
    await WebAssembly.compile(empty);
    return true;
  } catch (err) {
    return false;
  }
}

// Repeat visits: a memory snapshot of the bare interpreter, kept in the Cache
// API, restores in a fraction of a cold start. (Pyodide 0.27.7's snapshot
// options are undocumented and build-pinned, so any failure falls back to a
// normal start.) Only a bare interpreter can be snapshotted, so NumPy is loaded
// after it either way. Making one costs a first visit most of a second, so the
// first visit boots plainly and the page asks a second, short-lived worker to
// make the snapshot once it is idle (op "snapshot").
const SNAPSHOT_CACHE = "dlcourse-pyodide-0.27.7-snapshot-v1";
const SNAPSHOT_KEY = "https://dlcourse.invalid/pyodide-0.27.7/snapshot.bin";

async function snapshotCache() {
  try { return self.caches ? await caches.open(SNAPSHOT_CACHE) : null; } catch (err) { return null; }
}

// -> {pyodide, snapshotWanted}: whether a snapshot could be kept but is not there yet.
async function startInterpreter(indexURL) {
  const cache = await snapshotCache();
  const stored = cache && await cache.match(SNAPSHOT_KEY).catch(() => null);
  if (stored) {
    try {
      const pyodide = await loadPyodide({ indexURL, _loadSnapshot: stored.arrayBuffer() });
      pyodide.runPython("import random; random.seed()"); // the snapshot froze the old seed
      return { pyodide, snapshotWanted: false };
    } catch (err) {
      await cache.delete(SNAPSHOT_KEY).catch(() => {});
    }
  }
  return { pyodide: await loadPyodide({ indexURL }), snapshotWanted: !!cache };
}

async function makeSnapshot({ indexURL, files }) {
  try {
    if (files) serveFromMemory(indexURL, files);
    loadPyodideScripts(indexURL, files);
    const cache = await snapshotCache();
    if (cache && !(await cache.match(SNAPSHOT_KEY))) {
      const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
      await cache.put(SNAPSHOT_KEY, new Response(pyodide.makeMemorySnapshot()));
    }
  } catch (err) { /* no snapshot this time; the next visit starts normally */ }
  self.postMessage({ type: "snapshot-done" });
}

function loadPyodideScripts(indexURL, files) {
  // From memory, Pyodide's own scripts load as blob: URLs made here (a
  // file:// page's blob: URLs are not readable from its worker).
  const inMemory = (name) => URL.createObjectURL(new Blob([files[name]], { type: "text/javascript" }));
  importScripts(...(files ? [inMemory("pyodide.asm.js"), inMemory("pyodide.js")] : [indexURL + "pyodide.js"]));
}

// The course's own zips: from memory (offline) or fetched while Pyodide loads.
function courseZip(url, name, files) {
  if (!url) return Promise.resolve(null);
  const bytes = files && files[name] ? Promise.resolve(files[name]) : fetch(url).then((response) => {
    if (!response.ok) throw new Error(`could not download ${name} (HTTP ${response.status})`);
    return response.arrayBuffer();
  });
  bytes.catch(() => {});
  return bytes;
}

async function boot({ indexURL, coursePy, courseModels, files }) {
  try {
    if (!(await canCompileWasm())) {
      throw new Error("this page's security policy does not allow WebAssembly, which Python needs");
    }
    serveFromMemory(indexURL, files || prefetchPackages(indexURL));
    progress("Downloading Python…", 1);
    const coursePyBytes = courseZip(coursePy, "course-py.zip", files);
    const modelBytes = courseZip(courseModels, "course-models.zip", files);
    loadPyodideScripts(indexURL, files);
    progress("Starting Python…", 2);
    const { pyodide, snapshotWanted } = await startInterpreter(indexURL);
    progress("Loading NumPy…", 3);
    await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: () => {} });
    progress("Loading the course's Python…", 4);
    pyodide.unpackArchive(await coursePyBytes, "zip", { extractDir: "/home/pyodide/course" });
    const models = await modelBytes;        // only on pages whose widgets read trained weights
    if (models) pyodide.unpackArchive(models, "zip", { extractDir: "/home/pyodide/course" });
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/course')");
    bridge = pyodide.pyimport("bridge");
    self.postMessage({ type: "ready", snapshotWanted });
  } catch (err) {
    self.postMessage({ type: "boot-error", message: String(err && err.message || err) });
  }
}

const named = orderInName();
if (named) start(named);
