// The offline zip's runtime, for pages opened from file:// (double-click).
// There, browsers refuse fetch, XHR and workers loaded from files, but allow
// classic <script src> and workers made from blob: URLs. So the zip carries
// every runtime file as a classic script holding its bytes (gzip + base64);
// this loads them once and returns a function that starts a worker from a
// blob: URL and hands it the bytes, which the worker serves to Pyodide instead
// of fetching (see worker.js).
"use strict";
(function (DL) {
  // Pyodide asks for its files under this made-up address; the worker answers
  // every request under it from memory. Nothing is ever sent to it.
  const INDEX_URL = "https://dlcourse.invalid/pyodide/";

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error("the offline runtime files are missing (" + src.split("/").pop() + ")"));
      document.head.append(script);
    });
  }

  async function gunzip(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }

  DL.offlineRuntime = async function (progress) {
    if (typeof DecompressionStream === "undefined") throw new Error("this browser is too old to unpack the offline runtime");
    const base = new URL(DL.root + "offline/", location.href).href;
    DL.offlinePayloads = {};
    progress("Unpacking Python…");
    await loadScript(base + "manifest.js");
    await Promise.all(DL.offlineManifest.map((entry) => loadScript(base + entry.script)));
    const files = {};
    await Promise.all(DL.offlineManifest.map(async (entry) => {
      files[entry.name] = await gunzip(DL.offlinePayloads[entry.name]);
      delete DL.offlinePayloads[entry.name];
    }));
    const source = URL.createObjectURL(new Blob([files["worker.js"]], { type: "text/javascript" }));
    delete files["worker.js"];
    // Called again when a runaway request makes the page start a new worker: the
    // bytes stay here and each worker gets its own copy (no transfer list).
    return (op = "boot") => {
      const worker = new Worker(source);
      worker.postMessage({ op, indexURL: INDEX_URL, coursePy: INDEX_URL + "course-py.zip",
        courseModels: INDEX_URL + "course-models.zip", files });
      return worker;
    };
  };
})((window.DLCourse = window.DLCourse || {}));
