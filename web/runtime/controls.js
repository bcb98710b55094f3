// Real HTML controls (sliders, buttons, switches, choices) built from the
// descriptions a widget's Python returns; the same markup the build writes
// into the snapshot (buildlib/snapshot.py), but enabled.
"use strict";
(function (DL) {
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  // As pysrc/kit/fmt.py writes numbers: the true minus sign, and never "−0.00".
  function format(c, value) {
    const text = Number(value).toFixed(c.digits == null ? 2 : c.digits);
    if (!text.startsWith("-")) return text;
    return Number(text) === 0 ? text.slice(1) : "\u2212" + text.slice(1);
  }

  const BUILD = {
    slider(c, id, send) {
      const input = el("input", { type: "range", id, min: c.min, max: c.max, step: c.step });
      input.value = c.value;
      const out = el("output", { for: id, text: format(c, c.value) });
      input.addEventListener("input", () => {
        out.textContent = format(c, input.value);
        send({ type: "input", id: c.id, value: Number(input.value) });
      });
      return el("div", { class: "ctl ctl-slider" }, [el("label", { for: id, text: c.label }), input, out]);
    },
    button(c, id, send) {
      const b = el("button", { type: "button", id, class: c.primary ? "btn btn-primary" : "btn", text: c.label, disabled: !!c.disabled });
      b.addEventListener("click", () => send({ type: "click", id: c.id }));
      return b;
    },
    toggle(c, id, send) {
      const input = el("input", { type: "checkbox", role: "switch", id });
      input.checked = !!c.value;
      input.addEventListener("change", () => send({ type: "input", id: c.id, value: input.checked }));
      return el("label", { class: "ctl ctl-toggle" }, [input, el("span", { text: c.label })]);
    },
    choice(c, id, send) {
      const select = el("select", { id }, c.options.map(([v, t]) => el("option", { value: v, text: t })));
      select.value = c.value;
      select.addEventListener("change", () => send({ type: "input", id: c.id, value: select.value }));
      return el("div", { class: "ctl ctl-choice" }, [el("label", { for: id, text: c.label }), select]);
    },
  };

  BUILD.group = (c) => el("p", { class: "ctl-group", text: c.label });

  BUILD.text = function (c, id, send) {
    const area = el("textarea", { id, rows: c.rows || 4, placeholder: c.placeholder || "", spellcheck: "false" });
    area.value = c.value || "";
    const load = el("button", { type: "button", class: "btn", text: c.button || "Load" });
    load.addEventListener("click", () => send({ type: "input", id: c.id, value: area.value }));
    const actions = [load];
    if (c.file) {  // a file from the learner's computer: read here, handed over as text
      const picker = el("input", { type: "file", id: id + "-file", accept: c.file, class: "ctl-file-input" });
      picker.addEventListener("change", async () => {
        const file = picker.files[0];
        if (!file) return;
        area.value = await file.slice(0, 1 << 20).text();   // the first megabyte is plenty
        picker.value = "";
        send({ type: "input", id: c.id, value: area.value });
      });
      actions.push(picker, el("label", { for: id + "-file", class: "btn ctl-file", text: "Open a file…" }));
    }
    return el("div", { class: "ctl ctl-text" }, [el("label", { for: id, text: c.label }), area,
      el("div", { class: "ctl-text-actions" }, actions)]);
  };

  BUILD.code = function (c, id) {
    const pre = el("pre", { id, tabindex: "0", "aria-label": c.label }, [el("code", { text: c.value })]);
    const copy = el("button", { type: "button", class: "btn", text: "Copy" });
    copy.addEventListener("click", () => {
      const done = () => { copy.textContent = "Copied"; setTimeout(() => (copy.textContent = "Copy"), 1500); };
      if (navigator.clipboard) navigator.clipboard.writeText(pre.textContent).then(done, () => selectText(pre));
      else selectText(pre);
    });
    const save = el("button", { type: "button", class: "btn", text: "Download" });
    save.addEventListener("click", () => {
      const link = el("a", { href: URL.createObjectURL(new Blob([pre.textContent], { type: "text/plain" })), download: c.filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
    return el("div", { class: "ctl ctl-code" }, [el("p", { class: "ctl-code-label", text: c.label }), pre, el("div", { class: "ctl-code-actions" }, [copy, save])]);
  };

  function selectText(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }

  // Bring the controls up to date without disturbing the one being used. Only what
  // changed is written: a control rewritten with its own text still costs the page a new
  // layout, thirty times a second while an animation runs.
  function put(node, key, value) {
    if (node[key] !== value) node[key] = value;
  }

  const UPDATE = {
    slider(node, c) {
      const input = node.querySelector("input");
      if (document.activeElement !== input) put(input, "value", String(c.value));
      put(node.querySelector("output"), "textContent", format(c, c.value));
      put(node.querySelector("label"), "textContent", c.label);
    },
    button(node, c) {
      put(node, "textContent", c.label);
      put(node, "disabled", !!c.disabled);
      put(node, "className", c.primary ? "btn btn-primary" : "btn");
    },
    toggle(node, c) {
      put(node.querySelector("input"), "checked", !!c.value);
      put(node.querySelector("span"), "textContent", c.label);
    },
    choice(node, c) {
      put(node.querySelector("select"), "value", String(c.value));
    },
    text(node, c) {
      const area = node.querySelector("textarea");
      if (document.activeElement !== area && c.value != null && area.dataset.last !== c.value) area.value = area.dataset.last = c.value;
    },
    group(node, c) {
      put(node, "textContent", c.label);
    },
    code(node, c) {
      put(node.querySelector("code"), "textContent", c.value);
    },
  };

  DL.renderControls = function (container, uid, controls, send) {
    const shape = controls.map((c) => c.kind + ":" + c.id + (c.options ? ":" + c.options.length : "")).join("|");
    if (container.dataset.shape !== shape) {
      container.replaceChildren(...controls.map((c) => BUILD[c.kind](c, uid + "-" + c.id, send)));
      container.dataset.shape = shape;
      return;
    }
    controls.forEach((c, i) => UPDATE[c.kind](container.children[i], c));
  };
})((window.DLCourse = window.DLCourse || {}));
