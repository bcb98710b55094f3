// The home page's hero: a small network drawn in its own canvas. Dots are
// neurons, lines are weighted connections, pulses are signals moving forward
// layer by layer. Purely decorative (aria-hidden); it runs only while on
// screen and stays still for learners who prefer reduced motion.
"use strict";
(function (DL) {
  const LAYERS = [3, 5, 5, 4, 2];

  DL.hero = function (canvas) {
    const ctx = canvas.getContext("2d");
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const weights = LAYERS.slice(1).map((n, l) => Array.from({ length: LAYERS[l] }, () => Array.from({ length: n }, () => random() * 2 - 1)));
    let pulses = [], visible = true, last = 0, width = 0, height = 0;

    function node(l, i) {
      const x = width * (0.12 + (0.76 * l) / (LAYERS.length - 1));
      const gap = height / (LAYERS[l] + 1);
      return [x, gap * (i + 1)];
    }

    function resize() {
      const dpr = window.devicePixelRatio || 1;
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    }

    function spawn() {
      const from = Math.floor(random() * LAYERS[0]);
      pulses.push({ layer: 0, from, to: Math.floor(random() * LAYERS[1]), t: 0 });
    }

    function draw() {
      const css = getComputedStyle(document.documentElement);
      const pos = css.getPropertyValue("--c-pos").trim(), neg = css.getPropertyValue("--c-neg").trim();
      ctx.clearRect(0, 0, width, height);
      weights.forEach((matrix, l) => matrix.forEach((row, i) => row.forEach((w, j) => {
        const [x1, y1] = node(l, i), [x2, y2] = node(l + 1, j);
        ctx.globalAlpha = 0.15 + 0.45 * Math.abs(w);
        ctx.strokeStyle = w >= 0 ? pos : neg;
        ctx.lineWidth = 0.5 + 2.5 * Math.abs(w);
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      })));
      ctx.globalAlpha = 1;
      for (const p of pulses) {
        const [x1, y1] = node(p.layer, p.from), [x2, y2] = node(p.layer + 1, p.to);
        ctx.fillStyle = css.getPropertyValue("--c-gold").trim();
        ctx.beginPath(); ctx.arc(x1 + (x2 - x1) * p.t, y1 + (y2 - y1) * p.t, 4, 0, 2 * Math.PI); ctx.fill();
      }
      LAYERS.forEach((n, l) => { for (let i = 0; i < n; i++) {
        const [x, y] = node(l, i);
        ctx.fillStyle = css.getPropertyValue("--c-panel").trim();
        ctx.strokeStyle = css.getPropertyValue("--c-accent").trim();
        ctx.lineWidth = 2;
        ctx.beginPath(); ctx.arc(x, y, 9, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
      } });
    }

    function step(now) {
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
      if (visible) requestAnimationFrame(step);
      else last = 0;
    }

    resize();
    new ResizeObserver(() => { resize(); draw(); }).observe(canvas);
    if (still) return draw();
    new IntersectionObserver((entries) => {
      const was = visible;
      visible = entries[entries.length - 1].isIntersecting;
      if (visible && !was) requestAnimationFrame(step);
    }).observe(canvas);
    for (let k = 0; k < 4; k++) spawn();
    requestAnimationFrame(step);
  };
})((window.DLCourse = window.DLCourse || {}));
