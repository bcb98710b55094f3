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
  if (msg.op === "boot") return boot(msg);
  let reply;
  try {
    if (!bridge) throw new Error("Python is not ready yet");
    const text = msg.op === "create"
      ? bridge.call(bridge.create, msg.uid, msg.widget, JSON.stringify(msg.config), !!msg.reducedMotion,
        JSON.stringify(msg.query || {}))
      : bridge.call(bridge.event, msg.uid, JSON.stringify(msg.event));
    reply = { id: msg.id, json: text };
  } catch (err) {
    reply = { id: msg.id, json: JSON.stringify({ error: String(err && err.message || err) }) };
  }
  self.postMessage(reply);
};

function progress(text) {
  self.postMessage({ type: "progress", text });
}

function serveFromMemory(indexURL, files) {
  const realFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = String(input && input.url || input);
    if (url.startsWith(indexURL)) {
      const name = url.slice(indexURL.length).split("?")[0];
      if (files[name]) {
        const type = name.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
        return new Response(files[name], { headers: { "Content-Type": type } });
      }
    }
    return realFetch(input, init);
  };
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

async function boot({ indexURL, coursePy, files, scripts }) {
  try {
    if (files) serveFromMemory(indexURL, files);
    if (!(await canCompileWasm())) {
      throw new Error("this page's security policy does not allow WebAssembly, which Python needs");
    }
    progress("Downloading Python…");
    // `scripts`: blob: URLs of pyodide.asm.js and pyodide.js where files cannot be fetched.
    importScripts(...(scripts || [indexURL + "pyodide.js"]));
    progress("Starting Python…");
    const pyodide = await loadPyodide({ indexURL, fullStdLib: false });
    progress("Loading NumPy…");
    await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: () => {} });
    progress("Loading the course's Python…");
    const zip = files && files["course-py.zip"] ? files["course-py.zip"] : await (await fetch(coursePy)).arrayBuffer();
    pyodide.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/course" });
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/course')");
    bridge = pyodide.pyimport("bridge");
    self.postMessage({ type: "ready" });
  } catch (err) {
    self.postMessage({ type: "boot-error", message: String(err && err.message || err) });
  }
}
