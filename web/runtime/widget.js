// One widget on the page: wakes its snapshot up once Python is live, sends
// the learner's input to its Python object and draws each answer.
//
// Never queue work faster than it is drawn: one request per widget is in
// flight at a time; while it is, a newer slider value or pointer move replaces
// the older one. Animation ticks run only while the widget is on screen.
//
// A mount is a small state machine (MOVES below); `move` is the one place that
// changes it and the root's data-status. "busy" is "live" with a request in
// flight: data-status stays "live" then (data-busy says which), so code waiting
// for a live widget sees one steady state even while it animates.
"use strict";
(function (DL) {
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const MAX_QUEUE = 32;

  const MOVES = {
    snapshot: ["loading"],                                 // the build's picture; Python not live (yet)
    loading: ["live", "error", "stopped", "snapshot"],     // creating the Python object
    live: ["busy", "loading", "snapshot"],
    busy: ["live", "error", "stopped", "loading", "snapshot"],
    error: ["loading"],                                    // its Python raised; Reset starts it again
    stopped: ["loading"],                                  // its Python ran away and was stopped; Reset
  };

  // -- Links: the page URL's hash holds every widget's setup -------------------------
  // #<uid>.<key>=<value>&<uid2>.<key>=<value> (URLSearchParams-encoded); each widget
  // rewrites only its own keys. The first form, #<uid>?<key>=<value>&…, is still read.
  const links = {
    entries() {
      const hash = location.hash.slice(1);   // URLSearchParams decodes, and forgives bad escapes
      const first = /^([a-z0-9-]+)\?(.*)$/s.exec(hash);
      if (first) return [...new URLSearchParams(first[2])].map(([k, v]) => [first[1] + "." + k, v]);
      return [...new URLSearchParams(hash)];
    },
    read(uid) {
      const prefix = uid + ".";
      return Object.fromEntries(links.entries().filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]));
    },
    write(uid, share) {
      const prefix = uid + ".", left = new Map(Object.entries(share).map(([k, v]) => [prefix + k, String(v)]));
      const kept = [];                       // its keys stay where they were; new ones go last
      for (const [k, v] of links.entries()) {
        if (!k.startsWith(prefix)) kept.push([k, v]);
        else if (left.has(k)) { kept.push([k, left.get(k)]); left.delete(k); }
      }
      const text = [...kept, ...left].map(([k, v]) => (v === "" && !k.includes(".")
        ? encodeURIComponent(k) : new URLSearchParams([[k, v]]).toString())).join("&");
      if (text === location.hash.slice(1)) return;
      history.replaceState(history.state, "", text ? "#" + text : location.pathname + location.search);
    },
  };
  DL.links = links;

  class Mount {
    constructor(root) {
      this.root = root;
      this.uid = root.id;
      this.name = root.dataset.widget;
      this.config = JSON.parse(root.dataset.config || "{}");
      this.stage = root.querySelector(".widget-stage");
      this.controls = root.querySelector(".widget-controls");
      this.statusLine = root.querySelector(".widget-status");
      this.progress = root.querySelector(".widget-progress");
      this.state = "snapshot";
      this.canvas = null;
      this.scene = null;
      this.queue = [];
      this.inFlight = null;         // the event Python works on now
      this.visible = false;
      this.lastTick = 0;
      this.lastWidth = 0;
      this.share = null;            // the link's part Python gave last (null before it went live)
      this.epoch = 0;               // one per start: answers to an older start are ignored
      this.needsRestart = false;    // Python was restarted under this widget: re-create it
      this.listening = new AbortController();
      this.send = this.send.bind(this);
      this.onPython = this.onPython.bind(this);
      this.onRestart = this.onRestart.bind(this);
      this.intersection = new IntersectionObserver((entries) => {
        this.visible = entries[entries.length - 1].isIntersecting;
        if (this.visible && this.root.dataset.animating === "true" && this.state === "live") {
          this.lastTick = 0;
          this.scheduleTick();
        }
      });
      this.intersection.observe(root);
      this.resize = null;
      DL.python.onState(this.onPython);
      DL.python.onRestart(this.onRestart);
      DL.progress.showIfWon(root);
      if (DL.setupEmbedButton) DL.setupEmbedButton(root, () => this.share || {});
      DL.python.ready.then(() => this.state === "snapshot" || this.state === "loading"
        ? this.start(this.settingsFromURL()) : null, () => {});
    }

    move(next) {
      if (this.state === next) return;
      if (!(MOVES[this.state] || []).includes(next) && next !== "destroyed") {
        throw new Error(`widget ${this.uid}: no move from ${this.state} to ${next}`);
      }
      this.state = next;
      this.root.dataset.status = next === "busy" ? "live" : next;
      this.root.dataset.busy = next === "busy" ? "true" : "false";
    }

    onPython({ phase, text, done }) {
      if (phase === "loading" && (this.state === "snapshot" || this.state === "loading")) {
        this.move("loading");
        this.progress.textContent = text;
        this.progress.style.setProperty("--done", `${Math.round(100 * (done || 0))}%`);
      } else if (phase === "restarting" && ["live", "busy", "loading"].includes(this.state)) {
        this.needsRestart = true;
        this.queue = [];
        this.move("loading");
        this.progress.textContent = "Python is restarting; this widget comes back as it was…";
      } else if (phase === "failed" && !["error", "stopped", "destroyed"].includes(this.state)) {
        this.move("snapshot");
        this.progress.textContent = `This is a still picture: Python could not start here (${text}). ` +
          "Try a recent Chrome, Edge or Firefox, or reload the page.";
      }
    }

    // A new Python is live after another widget's ran away: come back with the same setup.
    onRestart() {
      if (!this.needsRestart) return;
      this.start(this.share ? { ...this.hideQuery(), ...this.share } : this.settingsFromURL());
    }

    settingsFromURL() {
      return DL.embedQuery || links.read(this.uid);
    }

    hideQuery() {
      return DL.embedQuery && DL.embedQuery.hide ? { hide: DL.embedQuery.hide } : {};
    }

    start(query) {
      const epoch = ++this.epoch;
      this.needsRestart = false;
      this.queue = [];
      this.inFlight = null;
      this.move("loading");
      DL.python.request({ op: "create", uid: this.uid, widget: this.name, config: this.config, reducedMotion, query })
        .then((view) => {
          if (epoch !== this.epoch || this.state !== "loading" || view.lost) return;  // a restart re-creates it
          if (view.stopped || view.error) return this.problem(view);
          this.move("live");
          this.progress.textContent = "";
          this.draw(view);
          this.lastWidth = 0;
          this.checkWidth();        // a new Python object starts at its default width
          if (view.animating) this.scheduleTick();
          this.pump();
        });
    }

    send(event) {
      if (this.state !== "live" && this.state !== "busy" && this.state !== "loading") return;
      const queue = this.queue, last = queue[queue.length - 1];
      const sameStream = last && last.type === event.type &&
        ((event.type === "input" && last.id === event.id) || event.type === "tick" ||
       (event.type === "pointer" && /move|hover/.test(event.phase) && last.phase === event.phase));
      if (sameStream) queue[queue.length - 1] = event;
      else queue.push(event);
      if (queue.length > MAX_QUEUE) queue.shift();  // a click storm never builds a backlog
      this.pump();
    }

    pump() {
      if (this.state !== "live" || !this.queue.length) return;
      this.move("busy");
      const epoch = this.epoch;
      const event = this.inFlight = this.queue.shift();
      DL.python.request({ op: "event", uid: this.uid, event }).then((view) => {
        if (epoch !== this.epoch) return;
        this.inFlight = null;
        if (view.stopped) this.problem(view);  // arrives after Python's "restarting"
        else if (this.state === "busy") this.show(view);
      });
    }

    show(view) {
      if (view.lost) return;        // Python is restarting; onRestart brings this widget back
      if (view.error) return this.problem(view);
      this.move("live");
      // A tick that took a frame or more (e.g. a trainer that trains for a time budget): ask
      // for the next one now, so Python computes while the page draws this answer. Quicker
      // ticks wait for the next animation frame, so they never run more than once a frame.
      const now = performance.now();
      const pipelined = view.animating && !this.queue.length && this.visible && !document.hidden &&
        now - this.lastTick >= 16;
      if (pipelined) this.tickAt(now);
      this.draw(view);
      if (view.animating && !this.queue.length && !pipelined) this.scheduleTick();
      this.pump();
    }

    draw(view) {
      if (!this.canvas) this.makeCanvas();
      const root = this.root;
      if (view.scene) {           // (an answer without a scene keeps the picture drawn)
        this.scene = view.scene;
        this.paint();
      }
      // (each written only when it changes: a write, even of the same value, costs a new style)
      if (this.scene && this.scene.keys && this.canvas.tabIndex !== 0) this.canvas.tabIndex = 0;
      const touch = this.scene && this.scene.pointer ? "none" : "";
      if (this.canvas.style.touchAction !== touch) this.canvas.style.touchAction = touch;
      if (view.controls) DL.renderControls(this.controls, this.uid, view.controls, this.send);  // (sent when changed)
      if (this.statusLine.textContent !== view.status) this.statusLine.textContent = view.status;
      if (view.won) DL.progress.markWon(this.uid);
      this.showNotice(view.notice);
      this.keepInURL(view.share || {});
      const animating = view.animating ? "true" : "false";
      if (root.dataset.animating !== animating) root.dataset.animating = animating;
    }

    paint() {
      if (DL.drawScene(this.canvas, this.scene) === false) this.send({ type: "refresh" });
    }

    makeCanvas() {
      const canvas = this.canvas = document.createElement("canvas");
      canvas.className = "widget-canvas";
      canvas.setAttribute("role", "img");
      this.stage.replaceChildren(canvas);
      this.wirePointer();
      this.resize = new ResizeObserver(() => {
        if (this.scene) this.paint();
        this.checkWidth();
      });
      this.resize.observe(this.stage);
    }

    checkWidth() {
      const width = Math.round(this.root.clientWidth);
      if (Math.abs(width - this.lastWidth) > 24) { this.lastWidth = width; this.send({ type: "resize", width }); }
    }

    showNotice(text) {
      let box = this.root.querySelector(".widget-notice");
      if (!text) { if (box) box.remove(); return; }
      if (!box) {
        box = document.createElement("p");
        box.className = "widget-notice";
        box.setAttribute("role", "status");
        this.stage.before(box);
      }
      box.textContent = text;
    }

    // The widget's setup lives in the page's URL, so copying the address shares
    // exactly what the learner sees on every widget of the page.
    keepInURL(share) {
      const changed = JSON.stringify(share) !== JSON.stringify(this.share);
      this.share = share;
      if (changed && !DL.embedded) links.write(this.uid, share);
    }

    tickAt(now) {
      const dt = this.lastTick ? Math.min((now - this.lastTick) / 1000, 0.1) : 1 / 60;
      this.lastTick = now;
      this.send({ type: "tick", dt });
    }

    scheduleTick() {
      if (!this.visible) return;
      requestAnimationFrame((now) => { if (!this.queue.length) this.tickAt(now); });
    }

    wirePointer() {
      const canvas = this.canvas, send = this.send, opts = { signal: this.listening.signal };
      const at = (e) => DL.scenepoint(canvas, this.scene, e);
      const on = (type, fn) => canvas.addEventListener(type, (e) => this.scene && fn(e, this.scene), opts);
      on("pointerdown", (e, scene) => {
        if (!scene.pointer) return;
        canvas.setPointerCapture(e.pointerId);
        send({ type: "pointer", phase: "down", ...at(e) });
      });
      on("pointermove", (e, scene) => {
        if (scene.pointer && (e.buttons || e.pointerType !== "mouse")) send({ type: "pointer", phase: "move", ...at(e) });
        else if (scene.hover) send({ type: "pointer", phase: "hover", ...at(e) });
      });
      on("pointerleave", (e, scene) => scene.hover && send({ type: "pointer", phase: "leave", ...at(e) }));
      on("pointerup", (e, scene) => scene.pointer && send({ type: "pointer", phase: "up", ...at(e) }));
      // A scene that leaves touch scrolling alone (no "pointer") may still take taps.
      on("click", (e, scene) => {
        if (scene.pointer || !scene.tap) return;
        send({ type: "pointer", phase: "down", ...at(e) });
        send({ type: "pointer", phase: "up", ...at(e) });
      });
      on("keydown", (e, scene) => {
        if (!scene.keys || e.altKey || e.ctrlKey || e.metaKey) return;
        if (e.key.startsWith("Arrow") || e.key === " " || e.key === "Enter") e.preventDefault();
        send({ type: "key", key: e.key });
      });
    }

    // Its Python raised (error) or ran too long and was stopped (stopped): say so, offer a Reset.
    problem(view) {
      this.queue = [];
      this.needsRestart = false;
      const stopped = !!view.stopped;
      this.move(stopped ? "stopped" : "error");
      this.root.dataset.animating = "false";
      this.root.querySelectorAll(".widget-error").forEach((old) => old.remove());
      const box = document.createElement("div");
      box.className = "widget-error";
      box.setAttribute("role", "alert");
      const text = document.createElement("p");
      text.textContent = stopped ? `This widget stopped: ${view.stopped}. The other widgets were restarted.`
        : `This widget hit an error and stopped: ${view.error}`;
      const reset = document.createElement("button");
      reset.type = "button";
      reset.className = "btn";
      reset.textContent = "Reset widget";
      reset.addEventListener("click", () => {
        box.remove();
        this.start(this.hideQuery());         // the lesson's own setup: the link's may be the cause
      }, { signal: this.listening.signal });
      box.append(text, reset);
      this.root.append(box);
    }

    // Take the widget off the page's Python: observers, listeners and its Python object.
    destroy() {
      if (this.state === "destroyed") return;
      const live = ["live", "busy"].includes(this.state);
      this.epoch++;
      this.queue = [];
      this.move("destroyed");
      this.listening.abort();
      this.intersection.disconnect();
      if (this.resize) this.resize.disconnect();
      DL.python.offState(this.onPython);
      DL.python.offRestart(this.onRestart);
      DL.mounts.delete(this.uid);
      if (live) DL.python.request({ op: "drop", uid: this.uid });
    }
  }

  DL.mounts = new Map();
  DL.mountWidget = function (root) {
    const mount = new Mount(root);
    DL.mounts.set(mount.uid, mount);
    return mount;
  };
})((window.DLCourse = window.DLCourse || {}));
