// Draws a widget's scene (plain data from Python, see pysrc/kit/scene.py)
// on a canvas: crisp on high-DPI screens, scaled to its container's width.
// It only draws; it never computes anything a learner should see.
"use strict";
(function (DL) {
  const FONTS = { sans: "var(--font-sans)", mono: "var(--font-mono)" };
  let themeCache = null;

  // The page's computed style, with every colour looked up once: any theme name a
  // scene uses ("accent", "pos", …) is the stylesheet's --c-<name> (written by the
  // build from pysrc/kit/theme.py), so this file keeps no list of its own.
  function theme() {
    if (themeCache) return themeCache;
    const css = getComputedStyle(document.documentElement);
    themeCache = {
      css, colors: new Map(),
      fontSans: css.getPropertyValue("--font-sans").trim() || "sans-serif",
      fontMono: css.getPropertyValue("--font-mono").trim() || "monospace",
    };
    return themeCache;
  }
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { themeCache = null; });

  function color(name) {
    if (!name) return null;
    const t = theme();
    if (!t.colors.has(name)) {
      const named = /^[a-z][a-z-]*$/.test(name) ? t.css.getPropertyValue("--c-" + name).trim() : "";
      t.colors.set(name, named || name); // not a theme name: a CSS colour such as "#1f6feb"
    }
    return t.colors.get(name);
  }

  // Kept from one frame to the next, least recently used first: what Python sends once and
  // then by its key alone (see bridge.py). keep(key, value) stores value; keep(key) gives
  // the value kept, if any.
  function keeper(limit) {
    const map = new Map();
    return function keep(key, value) {
      if (value === undefined) value = map.get(key);
      map.delete(key);
      if (value !== undefined) {
        map.set(key, value);
        if (map.size > limit) map.delete(map.keys().next().value);
      }
      return value;
    };
  }

  // Decoded pictures, by their key (or their pixels): a big network's diagram shows one
  // picture per layer beside the heatmap, and most of them stay the same from one frame to
  // the next. And groups of items (kit.scene.group), e.g. the trainer's data points.
  const keptPicture = keeper(48), keptGroup = keeper(32);

  function bytesOf(base64) {
    const text = atob(base64), bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  // A palette's colors as 32-bit words (RGBA bytes in memory order), for one copy per pixel.
  const keptPalette = keeper(8);
  function colorTable(base64) {
    return keptPalette(base64) || keptPalette(base64, new Uint32Array(bytesOf(base64).buffer));
  }

  function decode(item) {
    let rgba;
    if (item.palette) {                     // one byte per pixel: the index of its color
      const table = colorTable(item.palette), index = bytesOf(item.data), pixels = new Uint32Array(index.length);
      for (let i = 0; i < index.length; i++) pixels[i] = table[index[i]];
      rgba = new Uint8ClampedArray(pixels.buffer);
    } else {
      rgba = new Uint8ClampedArray(bytesOf(item.data).buffer);
    }
    const canvas = document.createElement("canvas");
    canvas.width = item.cols;
    canvas.height = item.rows;
    canvas.getContext("2d").putImageData(new ImageData(rgba, item.cols, item.rows), 0, 0);
    return canvas;
  }

  function bitmap(item) {
    const key = item.key || item.cols + "x" + item.rows + ":" + (item.palette || "") + ":" + item.data;
    return keptPicture(key) || (item.data ? keptPicture(key, decode(item)) : null);
  }

  function groupItems(item) {
    return item.items ? keptGroup(item.key, item.items) : keptGroup(item.key) || null;
  }

  function drawItems(ctx, items) {
    let complete = true;
    for (const item of items) {
      ctx.globalAlpha = typeof item.alpha === "number" ? item.alpha : 1;
      if (DRAW[item.t](ctx, item) === false) complete = false;
    }
    ctx.globalAlpha = 1;
    return complete;
  }

  function strokeFill(ctx, item) {
    if (item.fill) { ctx.fillStyle = color(item.fill); ctx.fill(); }
    if (item.stroke) { ctx.strokeStyle = color(item.stroke); ctx.lineWidth = item.lw || 1; ctx.stroke(); }
  }

  const DRAW = {
    line(ctx, it) {
      ctx.beginPath();
      ctx.moveTo(it.x1, it.y1);
      ctx.lineTo(it.x2, it.y2);
      ctx.setLineDash(it.dash || []);
      ctx.lineCap = "round";
      ctx.strokeStyle = color(it.stroke);
      ctx.lineWidth = it.lw || 1;
      ctx.stroke();
      ctx.setLineDash([]);
    },
    // Many lines: those that look alike are stroked as one path, the faint ones first.
    segments(ctx, it) {
      const each = (v, i) => (Array.isArray(v) ? v[i] : v), looks = new Map();
      for (let i = 0; i < it.xy.length / 4; i++) {
        const look = [each(it.stroke, i), each(it.lw, i) || 1, each(it.alpha, i) ?? 1];
        const name = look.join("|");
        if (!looks.has(name)) looks.set(name, { look, lines: [] });
        looks.get(name).lines.push(i);
      }
      ctx.lineCap = "round";
      ctx.setLineDash([]);
      for (const { look: [stroke, lw, alpha], lines } of [...looks.values()].sort((a, b) => a.look[2] - b.look[2])) {
        ctx.globalAlpha = alpha;
        ctx.strokeStyle = color(stroke);
        ctx.lineWidth = lw;
        ctx.beginPath();
        for (const i of lines) {
          ctx.moveTo(it.xy[4 * i], it.xy[4 * i + 1]);
          ctx.lineTo(it.xy[4 * i + 2], it.xy[4 * i + 3]);
        }
        ctx.stroke();
      }
    },
    circle(ctx, it) {
      ctx.beginPath();
      ctx.arc(it.x, it.y, it.r, 0, 2 * Math.PI);
      strokeFill(ctx, it);
    },
    rect(ctx, it) {
      ctx.beginPath();
      if (it.rx && ctx.roundRect) ctx.roundRect(it.x, it.y, it.w, it.h, it.rx);
      else ctx.rect(it.x, it.y, it.w, it.h);
      strokeFill(ctx, it);
    },
    path(ctx, it) {
      ctx.beginPath();
      it.pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      if (it.closed) ctx.closePath();
      ctx.lineJoin = "round";
      strokeFill(ctx, it);
    },
    text(ctx, it) {
      const t = theme();
      ctx.font = `${it.weight || "normal"} ${it.size}px ${it.font === "mono" ? t.fontMono : t.fontSans}`;
      ctx.textAlign = it.anchor === "middle" ? "center" : it.anchor === "end" ? "right" : "left";
      ctx.textBaseline = { middle: "middle", top: "top", bottom: "bottom", alphabetic: "alphabetic" }[it.baseline] || "middle";
      ctx.fillStyle = color(it.fill);
      ctx.fillText(it.s, it.x, it.y);
    },
    image(ctx, it) {
      const picture = bitmap(it);
      if (!picture) return false;
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(picture, it.x, it.y, it.w, it.h);
    },
    group(ctx, it) {
      const items = groupItems(it);
      return items ? drawItems(ctx, items) : false;
    },
  };

  // Draw `scene` on `canvas`, filling the width of the canvas's parent. False if a picture
  // sent by key alone was missing (the widget then asks Python for every picture again).
  DL.drawScene = function (canvas, scene) {
    const width = canvas.parentElement.clientWidth || scene.w;
    const scale = width / scene.w;
    const height = scene.h * scale;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.height = height + "px";
    }
    if (canvas.getAttribute("aria-label") !== (scene.label || "")) canvas.setAttribute("aria-label", scene.label || "");
    const ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(scale * dpr, 0, 0, scale * dpr, 0, 0);
    return drawItems(ctx, scene.items);
  };

  // Page coordinates of a pointer event -> the scene's own units.
  DL.scenepoint = function (canvas, scene, event) {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * scene.w, y: ((event.clientY - box.top) / box.height) * scene.h };
  };
})((window.DLCourse = window.DLCourse || {}));
