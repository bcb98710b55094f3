// Compiles the course's Python to bytecode with the very Pyodide the browser
// runs (Python 3.12, here in Node): JSON {name: source} in on stdin, JSON
// {name: base64 .pyc} or {name: {error, line}} out on stdout.
const { loadPyodide } = require("pyodide");

const COMPILE = `
import base64, importlib.util, json, marshal

def compile_one(name, source):
    data = source.encode()
    try:
        code = compile(data, "/home/pyodide/course/" + name, "exec", dont_inherit=True, optimize=2)
    except SyntaxError as err:
        return {"error": err.msg, "line": err.lineno or 1}
    # An unchecked-hash .pyc (PEP 552): its header holds the source's hash, not a date.
    header = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(data)
    return base64.b64encode(header + marshal.dumps(code)).decode()

json.dumps({name: compile_one(name, source) for name, source in json.loads(request).items()})
`;

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  pyodide.globals.set("request", input);
  process.stdout.write(pyodide.runPython(COMPILE));
});
