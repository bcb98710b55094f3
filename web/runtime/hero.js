// The home page's hero: a small network drawn in its own canvas. Dots are
// neurons, lines are weighted connections, pulses are signals moving forward
// layer by layer. Purely decorative (aria-hidden); it runs only while on
// screen and stays still for learners who prefer reduced motion.
//
// Cheap on the main thread: the still network (lines, then neurons) is drawn
// once per size or theme into two layers kept off screen, so a frame is two
// image copies and a few pulses; it moves at ~30 frames per second, and only
// starts once the page has loaded and the browser is idle.
"use strict";
(function (DL) {
  const LAYERS = [3, 5, 5, 4, 2];
  const FRAME_MS = 33;

  DL.hero = function (canvas) {
    const ctx = canvas.getContext("2d");
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const weights = LAYERS.slice(1).map((n, l) => Array.from({ length: LAYERS[l] }, () => Array.from({ length: n }, () => random() * 2 - 1)));
    let pulses = [], visible = true, running = false, last = 0, width = 0, height = 0, dpr = 1;
    let lines = null, nodes = null, gold = "";

    function node(l, i) {
      const x = width * (0.12 + (0.76 * l) / (LAYERS.length - 1));
      const gap = height / (LAYERS[l] + 1);
      return [x, gap * (i + 1)];
    }

    function layer(paint) {
      const off = document.createElement("canvas");
      off.width = canvas.width;
      off.height = canvas.height;
      const c = off.getContext("2d");
      c.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint(c);
      return off;
    }

    // The still picture, in the theme's colours: connections below the pulses, neurons above.
    function paintLayers() {
      if (!canvas.width || !canvas.height) return;
      const css = getComputedStyle(document.documentElement);
      const color = (name) => css.getPropertyValue(name).trim();
      const pos = color("--c-pos"), neg = color("--c-neg"), panel = color("--c-panel"), accent = color("--c-accent");
      gold = color("--c-gold");
      lines = layer((c) => weights.forEach((matrix, l) => matrix.forEach((row, i) => row.forEach((w, j) => {
        const [x1, y1] = node(l, i), [x2, y2] = node(l + 1, j);
        c.globalAlpha = 0.15 + 0.45 * Math.abs(w);
        c.strokeStyle = w >= 0 ? pos : neg;
        c.lineWidth = 0.5 + 2.5 * Math.abs(w);
        c.beginPath(); c.moveTo(x1, y1); c.lineTo(x2, y2); c.stroke();
      }))));
      nodes = layer((c) => {
        c.fillStyle = panel;
        c.strokeStyle = accent;
        c.lineWidth = 2;
        LAYERS.forEach((n, l) => { for (let i = 0; i < n; i++) {
          const [x, y] = node(l, i);
          c.beginPath(); c.arc(x, y, 9, 0, 2 * Math.PI); c.fill(); c.stroke();
        } });
      });
    }

    function resize() {
      dpr = window.devicePixelRatio || 1;
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      paintLayers();
    }

    function spawn() {
      const from = Math.floor(random() * LAYERS[0]);
      pulses.push({ layer: 0, from, to: Math.floor(random() * LAYERS[1]), t: 0 });
    }

    function draw() {
      if (!canvas.width || !canvas.height) return;          // not laid out (yet)
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(lines, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = gold;
      for (const p of pulses) {
        const [x1, y1] = node(p.layer, p.from), [x2, y2] = node(p.layer + 1, p.to);
        ctx.beginPath(); ctx.arc(x1 + (x2 - x1) * p.t, y1 + (y2 - y1) * p.t, 4, 0, 2 * Math.PI); ctx.fill();
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(nodes, 0, 0);
    }

    function step(now) {
      if (!visible || document.hidden) { running = false; last = 0; return; }
      requestAnimationFrame(step);
      if (last && now - last < FRAME_MS - 4) return;      // ~30 frames per second is plenty here
      const dt = last ? Math.min((now - last) / 1000, 0.05) : 0;
      last = now;
      if (random() < dt * 3) spawn();
      const next = [];
      for (const p of pulses) {
        p.t += dt * 1.4;
        if (p.t < 1) next.push(p);
        else if (p.layer + 2 < LAYERS.length) next.push({ layer: p.layer + 1, from: p.to, to: Math.floor(random() * LAYERS[p.layer + 2]), t: 0 });
      }
      pulses = next;
      draw();
    }

    function run() {
      if (running || still || !visible || document.hidden) return;
      running = true;
      requestAnimationFrame(step);
    }

    resize();
    draw();
    new ResizeObserver(() => { resize(); draw(); }).observe(canvas);
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { paintLayers(); draw(); });
    if (still) return;
    for (let k = 0; k < 4; k++) spawn();
    // Move only once the page has loaded and the browser has a quiet moment.
    const start = () => {
      new IntersectionObserver((entries) => {
        visible = entries[entries.length - 1].isIntersecting;
        run();
      }).observe(canvas);
      document.addEventListener("visibilitychange", run);
    };
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(start, { timeout: 3000 }) : setTimeout(start, 500));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  };
})((window.DLCourse = window.DLCourse || {}));
