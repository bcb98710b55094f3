// One widget on the page: wakes its snapshot up once Python is live, sends
// the learner's input to its Python object and draws each answer.
//
// Never queue work faster than it is drawn: one request per widget is in
// flight at a time; while it is, a newer slider value or pointer move replaces
// the older one. Animation ticks run only while the widget is on screen.
"use strict";
(function (DL) {
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const MAX_QUEUE = 32;

  DL.mountWidget = function (root) {
    const uid = root.id;
    const name = root.dataset.widget;
    const config = JSON.parse(root.dataset.config || "{}");
    const stage = root.querySelector(".widget-stage");
    const controls = root.querySelector(".widget-controls");
    const statusLine = root.querySelector(".widget-status");
    const progress = root.querySelector(".widget-progress");
    let canvas = null, scene = null, queue = [], busy = false, visible = false, lastTick = 0, dead = false, lastWidth = 0;

    const setStatus = (s) => { root.dataset.status = s; };

    DL.python.onState(({ phase, text }) => {
      if (phase === "loading") { setStatus("loading"); progress.textContent = text; }
      if (phase === "failed") {
        setStatus("snapshot");
        progress.textContent = `This is a still picture: Python could not start here (${text}). ` +
          "Try a recent Chrome, Edge or Firefox, or reload the page.";
      }
    });

    function send(event) {
      const last = queue[queue.length - 1];
      const sameStream = last && last.type === event.type &&
        ((event.type === "input" && last.id === event.id) || event.type === "tick" ||
       (event.type === "pointer" && /move|hover/.test(event.phase) && last.phase === event.phase));
      if (sameStream) queue[queue.length - 1] = event;
      else queue.push(event);
      if (queue.length > MAX_QUEUE) queue.shift();  // a click storm never builds a backlog
      pump();
    }

    function pump() {
      if (busy || dead || !queue.length) return;
      busy = true;
      const event = queue.shift();
      DL.python.request({ op: "event", uid, event }).then(show);
    }

    function show(view) {
      busy = false;
      if (view.error) return showError(view.error);
      // A tick that took a frame or more (e.g. a trainer that trains for a time budget): ask
      // for the next one now, so Python computes while the page draws this answer. Quicker
      // ticks wait for the next animation frame, so they never run more than once a frame.
      const now = performance.now();
      const pipelined = view.animating && !queue.length && visible && !document.hidden && now - lastTick >= 16;
      if (pipelined) tickAt(now);
      draw(view);
      if (view.animating && !queue.length && !pipelined) scheduleTick();
      pump();
    }

    function draw(view) {
      if (!canvas) {
        canvas = document.createElement("canvas");
        canvas.className = "widget-canvas";
        canvas.setAttribute("role", "img");
        stage.replaceChildren(canvas);
        wirePointer();
        new ResizeObserver(() => {
          if (scene) DL.drawScene(canvas, scene);
          const width = Math.round(root.clientWidth);
          if (Math.abs(width - lastWidth) > 24) { lastWidth = width; send({ type: "resize", width }); }
        }).observe(stage);
      }
      scene = view.scene;
      DL.drawScene(canvas, scene);
      if (scene.keys) canvas.tabIndex = 0;
      canvas.style.touchAction = scene.pointer ? "none" : "";
      DL.renderControls(controls, uid, view.controls, send);
      if (statusLine.textContent !== view.status) statusLine.textContent = view.status;
      if (view.won) DL.progress.markWon(uid);
      showNotice(view.notice);
      keepInURL(view.share);
      root.dataset.animating = view.animating ? "true" : "false";
    }

    function showNotice(text) {
      let box = root.querySelector(".widget-notice");
      if (!text) { if (box) box.remove(); return; }
      if (!box) {
        box = document.createElement("p");
        box.className = "widget-notice";
        box.setAttribute("role", "status");
        stage.before(box);
      }
      box.textContent = text;
    }

    // A widget that shares its setup keeps it in the page's URL (#uid?key=value…),
    // so copying the address shares exactly what the learner sees.
    let lastShare = "";
    function keepInURL(share) {
      if (!share || !Object.keys(share).length || DL.embedded) return;
      const text = new URLSearchParams(share).toString();
      if (text === lastShare) return;
      lastShare = text;
      history.replaceState(null, "", "#" + uid + "?" + text);
    }

    function settingsFromURL() {
      if (DL.embedQuery) return DL.embedQuery;
      const hash = location.hash.slice(1);  // URLSearchParams decodes, and forgives bad escapes
      if (!hash.startsWith(uid + "?")) return {};
      return Object.fromEntries(new URLSearchParams(hash.slice(uid.length + 1)));
    }

    function tickAt(now) {
      const dt = lastTick ? Math.min((now - lastTick) / 1000, 0.1) : 1 / 60;
      lastTick = now;
      send({ type: "tick", dt });
    }

    function scheduleTick() {
      if (!visible) return;
      requestAnimationFrame((now) => { if (!queue.length) tickAt(now); });
    }

    function wirePointer() {
      const at = (e) => DL.scenepoint(canvas, scene, e);
      canvas.addEventListener("pointerdown", (e) => {
        if (!scene.pointer) return;
        canvas.setPointerCapture(e.pointerId);
        send({ type: "pointer", phase: "down", ...at(e) });
      });
      canvas.addEventListener("pointermove", (e) => {
        if (scene.pointer && (e.buttons || e.pointerType !== "mouse")) send({ type: "pointer", phase: "move", ...at(e) });
        else if (scene.hover) send({ type: "pointer", phase: "hover", ...at(e) });
      });
      canvas.addEventListener("pointerleave", (e) => scene.hover && send({ type: "pointer", phase: "leave", ...at(e) }));
      canvas.addEventListener("pointerup", (e) => scene.pointer && send({ type: "pointer", phase: "up", ...at(e) }));
      // A scene that leaves touch scrolling alone (no "pointer") may still take taps.
      canvas.addEventListener("click", (e) => {
        if (scene.pointer || !scene.tap) return;
        send({ type: "pointer", phase: "down", ...at(e) });
        send({ type: "pointer", phase: "up", ...at(e) });
      });
      canvas.addEventListener("keydown", (e) => {
        if (!scene.keys || e.altKey || e.ctrlKey || e.metaKey) return;
        if (e.key.startsWith("Arrow") || e.key === " " || e.key === "Enter") e.preventDefault();
        send({ type: "key", key: e.key });
      });
    }

    function showError(message) {
      dead = true;
      queue = [];
      setStatus("error");
      const box = document.createElement("div");
      box.className = "widget-error";
      box.setAttribute("role", "alert");
      const text = document.createElement("p");
      text.textContent = `This widget hit an error and stopped: ${message}`;
      const reset = document.createElement("button");
      reset.type = "button";
      reset.className = "btn";
      reset.textContent = "Reset widget";
      reset.addEventListener("click", () => { box.remove(); start(); });
      box.append(text, reset);
      root.append(box);
    }

    function start() {
      dead = false;
      busy = true;
      DL.python.request({ op: "create", uid, widget: name, config, reducedMotion, query: settingsFromURL() }).then((view) => {
        busy = false;
        if (view.error) return showError(view.error);
        draw(view);
        setStatus("live");
        progress.textContent = "";
        if (view.animating) scheduleTick();
      });
    }

    new IntersectionObserver((entries) => {
      visible = entries[entries.length - 1].isIntersecting;
      if (visible && root.dataset.animating === "true" && !busy) { lastTick = 0; scheduleTick(); }
    }).observe(root);

    DL.progress.showIfWon(root);
    if (DL.setupEmbedButton) DL.setupEmbedButton(root, () => Object.fromEntries(new URLSearchParams(lastShare)));
    DL.python.ready.then(start, () => {});
  };
})((window.DLCourse = window.DLCourse || {}));
