// The home page's hero: a small network drawn in its own canvas. Dots are
// neurons, lines are weighted connections, pulses are signals moving forward
// layer by layer. Purely decorative (aria-hidden); it stays still for
// learners who prefer reduced motion.
//
// Nothing of it runs on the main thread frame after frame: the still network
// is drawn once per size or theme, and each pulse is a small element moved by
// one Web Animation along its path through the layers (a transform, which the
// browser's compositor animates by itself); script only runs when a pulse
// ends its path and a new one starts. Pulses start once the page has loaded.
"use strict";
(function (DL) {
  const LAYERS = [3, 5, 5, 4, 2];
  const PULSES = 5, SEGMENT_MS = 714, SIZE = 8;

  DL.hero = function (canvas) {
    const ctx = canvas.getContext("2d");
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pick = (n) => Math.floor(random() * n);
    const weights = LAYERS.slice(1).map((n, l) => Array.from({ length: LAYERS[l] }, () => Array.from({ length: n }, () => random() * 2 - 1)));
    let width = 0, height = 0, layer = null, pulses = [];

    function node(l, i) {
      const x = width * (0.12 + (0.76 * l) / (LAYERS.length - 1));
      const gap = height / (LAYERS[l] + 1);
      return [x, gap * (i + 1)];
    }

    function draw() {
      const dpr = window.devicePixelRatio || 1;
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const css = getComputedStyle(document.documentElement);
      const color = (name) => css.getPropertyValue(name).trim();
      const pos = color("--c-pos"), neg = color("--c-neg");
      ctx.clearRect(0, 0, width, height);
      weights.forEach((matrix, l) => matrix.forEach((row, i) => row.forEach((w, j) => {
        const [x1, y1] = node(l, i), [x2, y2] = node(l + 1, j);
        ctx.globalAlpha = 0.15 + 0.45 * Math.abs(w);
        ctx.strokeStyle = w >= 0 ? pos : neg;
        ctx.lineWidth = 0.5 + 2.5 * Math.abs(w);
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      })));
      ctx.globalAlpha = 1;
      ctx.fillStyle = color("--c-panel");
      ctx.strokeStyle = color("--c-accent");
      ctx.lineWidth = 2;
      LAYERS.forEach((n, l) => { for (let i = 0; i < n; i++) {
        const [x, y] = node(l, i);
        ctx.beginPath(); ctx.arc(x, y, 9, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
      } });
      if (layer) {                       // the pulses' layer lies exactly under the canvas
        Object.assign(layer.style, { left: canvas.offsetLeft + "px", top: canvas.offsetTop + "px",
          width: width + "px", height: height + "px" });
      }
    }

    // One pulse: from a random input neuron, one random neuron per layer, to an output.
    function send(dot, delay) {
      const path = LAYERS.map((n, l) => node(l, pick(n)));
      const frames = path.map(([x, y]) => ({ transform: `translate(${x - SIZE / 2}px, ${y - SIZE / 2}px)` }));
      const move = dot.animate(frames, { duration: SEGMENT_MS * (LAYERS.length - 1), delay, easing: "linear", fill: "backwards" });
      move.onfinish = () => { if (dot.isConnected) send(dot, pick(1200)); };
    }

    function start() {
      layer = document.createElement("div");
      layer.setAttribute("aria-hidden", "true");
      Object.assign(layer.style, { position: "absolute", pointerEvents: "none", overflow: "hidden", zIndex: "0" });
      Object.assign(canvas.style, { position: "relative", zIndex: "1" });   // lines and neurons over the pulses
      canvas.before(layer);
      draw();
      for (let k = 0; k < PULSES; k++) {
        const dot = document.createElement("span");
        Object.assign(dot.style, { position: "absolute", left: "0", top: "0", width: SIZE + "px", height: SIZE + "px",
          borderRadius: "50%", background: "var(--c-gold)", willChange: "transform" });
        layer.append(dot);
        pulses.push(dot);
        send(dot, k * 600);
      }
    }

    function restart() {                 // a new size: the paths start again from the new positions
      pulses.forEach((dot) => { dot.getAnimations().forEach((a) => { a.onfinish = null; a.cancel(); }); send(dot, pick(600)); });
    }

    draw();
    new ResizeObserver(() => { const w = width, h = height; draw(); if (pulses.length && (w !== width || h !== height)) restart(); })
      .observe(canvas);
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
    if (still || !canvas.animate) return;
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
  };
})((window.DLCourse = window.DLCourse || {}));
