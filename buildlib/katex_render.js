// Renders every formula of a build in one Node process: JSON list in on stdin,
// JSON list out on stdout, one {html} or {error} per formula.
const katex = require("katex");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex, display }) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "html", strict: "ignore" }) };
    } catch (err) {
      return { error: String(err.message || err).replace(/^KaTeX parse error: /, "") };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
