// What a tool can do, read from what its body calls: shell, code execution, file writes and deletes,
// network egress, email, SQL writes, payments — and what it reads (private data, untrusted content).
// Callee names are the lang layer's resolved names ("subprocess.run", "node:child_process.exec").
import { type CallSite, calleeUnder, type SourceModel, stringOf, stringsIn, type Value } from '../lang/index.js';
import { BUILTIN_TOOLS } from './frameworks.js';

export const CAPABILITIES = [
  'shell',
  'code-exec',
  'file-write',
  'file-read',
  'destructive',
  'network-egress',
  'network-write',
  'email',
  'sql-write',
  'payments',
  'private-data',
  'untrusted-input',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Callee prefixes (module or module.member) -> capabilities. */
const BY_CALLEE: ReadonlyArray<readonly [string, readonly Capability[]]> = [
  ['subprocess', ['shell']],
  ['os.system', ['shell']],
  ['os.popen', ['shell']],
  ['os.execv', ['shell']],
  ['os.execvp', ['shell']],
  ['os.spawnl', ['shell']],
  ['pty.spawn', ['shell']],
  ['asyncio.create_subprocess_shell', ['shell']],
  ['asyncio.create_subprocess_exec', ['shell']],
  ['child_process', ['shell']],
  ['node:child_process', ['shell']],
  ['execa', ['shell']],
  ['shelljs', ['shell']],
  ['eval', ['code-exec']],
  ['exec', ['code-exec']],
  ['compile', ['code-exec']],
  ['builtins.eval', ['code-exec']],
  ['builtins.exec', ['code-exec']],
  ['Function', ['code-exec']],
  ['vm', ['code-exec']],
  ['node:vm', ['code-exec']],
  ['langchain_experimental.utilities.PythonREPL', ['code-exec']],
  ['os.remove', ['destructive', 'file-write']],
  ['os.unlink', ['destructive', 'file-write']],
  ['os.rmdir', ['destructive', 'file-write']],
  ['shutil.rmtree', ['destructive', 'file-write']],
  ['shutil.move', ['file-write']],
  ['shutil.copy', ['file-write']],
  ['fs.rm', ['destructive', 'file-write']],
  ['fs.rmSync', ['destructive', 'file-write']],
  ['fs.unlink', ['destructive', 'file-write']],
  ['fs.unlinkSync', ['destructive', 'file-write']],
  ['fs.writeFile', ['file-write']],
  ['fs.writeFileSync', ['file-write']],
  ['fs.appendFile', ['file-write']],
  ['fs.promises.writeFile', ['file-write']],
  ['fs/promises.writeFile', ['file-write']],
  ['fs/promises.rm', ['destructive', 'file-write']],
  ['node:fs.writeFileSync', ['file-write']],
  ['node:fs/promises.writeFile', ['file-write']],
  ['fs.readFile', ['file-read', 'private-data']],
  ['fs.readFileSync', ['file-read', 'private-data']],
  ['fs/promises.readFile', ['file-read', 'private-data']],
  ['node:fs.readFileSync', ['file-read', 'private-data']],
  ['node:fs/promises.readFile', ['file-read', 'private-data']],
  ['requests.post', ['network-egress', 'network-write']],
  ['requests.put', ['network-egress', 'network-write']],
  ['requests.patch', ['network-egress', 'network-write']],
  ['requests.delete', ['network-egress', 'network-write']],
  ['requests.request', ['network-egress', 'untrusted-input']],
  ['requests.get', ['network-egress', 'untrusted-input']],
  ['httpx', ['network-egress', 'untrusted-input']],
  ['aiohttp', ['network-egress', 'untrusted-input']],
  ['urllib.request.urlopen', ['network-egress', 'untrusted-input']],
  ['urllib3', ['network-egress', 'untrusted-input']],
  ['socket', ['network-egress', 'network-write']],
  ['fetch', ['network-egress', 'untrusted-input']],
  ['httpx.post', ['network-write']],
  ['httpx.put', ['network-write']],
  ['httpx.patch', ['network-write']],
  ['httpx.AsyncClient().post', ['network-write']],
  ['httpx.Client().post', ['network-write']],
  ['aiohttp.ClientSession().post', ['network-write']],
  ['axios.post', ['network-write']],
  ['axios.put', ['network-write']],
  ['axios.patch', ['network-write']],
  ['got.post', ['network-write']],
  ['axios', ['network-egress', 'untrusted-input']],
  ['node-fetch', ['network-egress', 'untrusted-input']],
  ['got', ['network-egress', 'untrusted-input']],
  ['langchain_community.document_loaders.WebBaseLoader', ['untrusted-input']],
  ['langchain_community.tools.DuckDuckGoSearchRun', ['untrusted-input']],
  ['langchain_community.tools.tavily_search.TavilySearchResults', ['untrusted-input']],
  ['tavily', ['untrusted-input']],
  // Web search clients: results are third-party content.
  ['exa_py', ['network-egress', 'untrusted-input']],
  ['serpapi', ['network-egress', 'untrusted-input']],
  ['duckduckgo_search', ['network-egress', 'untrusted-input']],
  ['firecrawl', ['network-egress', 'untrusted-input']],
  ['imaplib', ['untrusted-input', 'private-data']],
  ['smtplib', ['email', 'network-egress', 'network-write']],
  ['sendgrid', ['email', 'network-egress', 'network-write']],
  ['@sendgrid/mail', ['email', 'network-egress', 'network-write']],
  ['nodemailer', ['email', 'network-egress', 'network-write']],
  ['resend', ['email', 'network-egress', 'network-write']],
  ['stripe', ['payments', 'network-egress', 'network-write']],
  ['paypalrestsdk', ['payments', 'network-egress']],
  ['braintree', ['payments', 'network-egress']],
  ['psycopg2.connect', ['private-data']],
  ['psycopg.connect', ['private-data']],
  ['sqlite3.connect', ['private-data']],
  ['pymongo.MongoClient', ['private-data']],
  ['sqlalchemy.create_engine', ['private-data']],
  ['google.cloud.bigquery.Client', ['private-data']],
  // Vertex AI RAG Engine: retrieval from the project's corpus.
  ['vertexai.rag.retrieval_query', ['private-data']],
  ['vertexai.preview.rag.retrieval_query', ['private-data']],
  ['pg', ['private-data']],
  ['mysql2', ['private-data']],
];

/**
 * LLM vendor API hosts. A POST to a fixed URL on one of them sends data to the model provider the
 * application already uses, not to an attacker-chosen place: it is not an exfiltration sink.
 */
const LLM_VENDOR_HOSTS =
  /^https:\/\/(api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.cohere\.(ai|com)|api\.groq\.com|api\.together\.xyz|api\.deepseek\.com|api\.perplexity\.ai|api\.fireworks\.ai|openrouter\.ai|api-inference\.huggingface\.co|router\.huggingface\.co|api\.x\.ai)(\/|$)/i;

/** The URL a call is sent to, when it is fixed in the source (a literal, a constant, or an f-string with a literal host). */
function fixedUrl(call: CallSite): string | undefined {
  const v = call.kwargs.url ?? call.args[0];
  if (v?.kind === 'template') return /^https?:\/\/[^{}/]+\//.test(v.value) ? v.value : undefined;
  return stringOf(v);
}

const SQL_WRITE = /^\s*(insert|update|delete|drop|truncate|alter|merge|replace)\b/i;
const SQL_DESTRUCTIVE = /^\s*(delete|drop|truncate)\b/i;
const SQL_READ = /^\s*(select|with)\b/i;

/** Capabilities of one call. */
export function callCapabilities(call: CallSite): Set<Capability> {
  const out = new Set<Capability>();
  for (const [prefix, caps] of BY_CALLEE) {
    if (!calleeUnder(call.callee, prefix)) continue;
    // A method on the response (`requests.post(...).json()`) sends nothing more: no second write.
    const onResult = call.callee.charAt(prefix.length) === '(';
    for (const c of caps) if (!(onResult && c === 'network-write')) out.add(c);
  }
  if (out.has('network-write')) {
    const url = fixedUrl(call);
    if (url && LLM_VENDOR_HOSTS.test(url)) out.delete('network-write');
  }
  // Using a built-in tool inside a tool body confers its capabilities (GmailSendMessage(...).run()).
  // A toolkit built inside a tool body only lends its client (GmailToolkit().api_resource for a draft),
  // so it confers nothing by itself; the tool classes it is handed to say what happens.
  for (const b of BUILTIN_TOOLS)
    if (calleeUnder(call.callee, b.callee) && !b.callee.endsWith('Toolkit')) for (const c of b.caps) out.add(c);

  // boto3 / AWS SDK: deletes are destructive, SES sends mail, S3 reads are private data.
  if (/\.(delete_\w+|terminate_\w+)$/.test(call.callee) && call.callee.startsWith('boto3')) out.add('destructive');
  if (/^boto3\.client\(\)?.*\.send_(raw_)?email$/.test(call.callee) || /\.send_(raw_)?email$/.test(call.callee))
    out.add('email');
  if (/^boto3.*\.(get_object|download_file)$/.test(call.callee)) out.add('private-data');
  // open(path, "w") writes; open(path) reads.
  if (call.callee === 'open' || call.callee === 'builtins.open' || call.callee === 'io.open') {
    const mode = stringOf(call.kwargs.mode) ?? stringOf(call.args[1]) ?? 'r';
    if (/[wax+]/.test(mode)) out.add('file-write');
    else {
      out.add('file-read');
      out.add('private-data');
    }
  }
  if (/\.(write_text|write_bytes)$/.test(call.callee)) out.add('file-write');
  if (/\.(unlink|rmdir)$/.test(call.callee) && call.callee.startsWith('pathlib')) {
    out.add('destructive');
    out.add('file-write');
  }
  if (/\.(read_text|read_bytes)$/.test(call.callee) && call.callee.startsWith('pathlib')) {
    out.add('file-read');
    out.add('private-data');
  }
  // A BigQuery query whose statement is not in the source (an LLM-written query) may write anything.
  if (
    // the query call itself: `.result()` on the job it returns runs nothing new
    call.callee === 'google.cloud.bigquery.Client().query' &&
    ![...stringsIn(call.args[0] ?? { kind: 'unknown' })].length
  )
    out.add('sql-write');
  // SQL by its text, wherever the statement is passed.
  if (/(^|\.)(execute|executemany|executescript|query|raw|run)$/.test(call.callee)) {
    for (const v of [...call.args, ...Object.values(call.kwargs)]) {
      for (const s of stringsIn(v)) {
        if (SQL_WRITE.test(s.value)) out.add('sql-write');
        if (SQL_DESTRUCTIVE.test(s.value)) out.add('destructive');
        if (SQL_READ.test(s.value)) out.add('private-data');
      }
    }
  }
  return out;
}

/** Helper depth followed inside one file: a tool calling a helper calling requests.post. */
const HELPER_DEPTH = 3;

/**
 * Functions of this file that a call names: helper(), self.helper(), Class.helper(), and a method of a
 * class of this file called on an instance (`places_service = PlacesService()` then
 * `places_service.find_place(...)` resolves to "PlacesService().find_place").
 */
function localTargets(model: SourceModel, call: CallSite): number[] {
  const text = call.text;
  const member = /^(self|cls|this)\.([A-Za-z_$][\w$]*)$/.exec(text)?.[2];
  const onInstance = /^([A-Za-z_$][\w$]*)\(\)\.([A-Za-z_$][\w$]*)$/.exec(call.callee);
  const method = onInstance ? `${onInstance[1]}.${onInstance[2]}` : undefined;
  return model.functions
    .filter((f) => f.name === text || (member !== undefined && f.name.endsWith(`.${member}`)) || f.name === method)
    .map((f) => f.index);
}

/** A function, the functions nested in it and the same-file helpers it calls (a bounded number of levels). */
export function functionScope(model: SourceModel, fnIndex: number): Set<number> {
  const inside = new Set<number>([fnIndex]);
  const addNested = () => {
    for (const f of model.functions) if (inside.has(f.parent)) inside.add(f.index);
  };
  addNested();
  for (let depth = 0; depth < HELPER_DEPTH; depth++) {
    const before = inside.size;
    for (const c of model.calls) if (inside.has(c.scope)) for (const t of localTargets(model, c)) inside.add(t);
    addNested();
    if (inside.size === before) break;
  }
  return inside;
}

/** Capabilities of everything a function (and functions nested in it, and same-file helpers it calls) calls. */
export function functionCapabilities(model: SourceModel, fnIndex: number): Set<Capability> {
  const inside = functionScope(model, fnIndex);
  const out = new Set<Capability>();
  for (const c of model.calls)
    if (inside.has(c.scope) && !removesOwnTempFile(model, c))
      for (const cap of callCapabilities(withLocalText(model, c))) out.add(cap);
  return out;
}

/**
 * `handle, path = tempfile.mkstemp()` … `os.unlink(path)`: removing the temporary file the function
 * made itself deletes nobody's data (smolagents' mdconvert cleans up after each download).
 */
function removesOwnTempFile(model: SourceModel, c: CallSite): boolean {
  if (!/^(os\.(remove|unlink)|pathlib\.Path\(\)\.unlink)$/.test(c.callee)) return false;
  // The path as written (a tuple-unpacked temp path folds to no value, but it is a reference).
  const first = c.args[0];
  const name = first?.kind === 'name' ? first.qname : c.argRefs.length === 1 ? c.argRefs[0] : undefined;
  if (!name || name.includes('.')) return false;
  return model.assignments.some(
    (a) =>
      a.scope === c.scope &&
      a.target === name &&
      a.line <= c.line &&
      a.calls.some((i) => model.calls[i]?.callee.startsWith('tempfile.')),
  );
}

/**
 * A statement built in a local variable just before the call (`query = f"SELECT ..."` then
 * `client.query(query)`): the call with that text in place of the name, so the SQL is judged by its text.
 */
function withLocalText(model: SourceModel, c: CallSite): CallSite {
  const first = c.args[0];
  if (first?.kind !== 'name' || first.qname.includes('.')) return c;
  let bound: Value | undefined;
  for (const a of model.assignments)
    if (a.scope === c.scope && a.target === first.qname && a.line <= c.line) bound = a.value;
  if (bound?.kind !== 'string' && bound?.kind !== 'template') return c;
  return { ...c, args: [bound, ...c.args.slice(1)] };
}

const DB_DEP = /(^|_)(db|database|sql|pool|conn|connection|cursor|engine|repo|store)s?$/i;
const HTTP_DEP = /(^|_)(client|http|https|session|api|requests|httpx)s?$/i;

/**
 * What a dependency-injected object lets a function do, from the method's name: PydanticAI tools
 * reach I/O through `ctx.deps.client.get(...)` or `ctx.deps.db.execute(...)`, whose types the
 * source does not tell. Only `<param>.deps.<name>.<method>` calls whose dependency name says what it
 * is (an HTTP client, a database) count; these capabilities are inferred, and reported as such.
 */
function injectedCallCapabilities(call: CallSite, params: readonly string[]): Capability[] {
  const m = /^([A-Za-z_]\w*)\.deps\.(?:[A-Za-z_]\w*\.)*?([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(call.text);
  if (!m || !params.includes(m[1]!)) return [];
  const dep = m[2]!;
  const method = m[3]!.toLowerCase();
  const hasText = [...call.args, ...Object.values(call.kwargs)].some((v) => [...stringsIn(v)].length > 0);
  if (DB_DEP.test(dep)) {
    if (/^(fetch\w*|select|query|get|find\w*)$/.test(method)) return ['private-data'];
    if (/^(delete\w*|drop\w*|truncate)$/.test(method)) return ['sql-write', 'destructive'];
    if (/^(insert\w*|update\w*|upsert\w*|add|merge|commit)$/.test(method)) return ['sql-write'];
    // execute("SELECT ...") is judged by its SQL text (callCapabilities); a statement built elsewhere may write.
    if (/^(execute|executemany|exec|run)$/.test(method)) return hasText ? [] : ['sql-write'];
    // Any other call on a database handle (`ctx.deps.db.customer_balance(id=...)`) reads from it at least.
    return ['private-data'];
  }
  if (HTTP_DEP.test(dep)) {
    if (/^(get|head|options|stream)$/.test(method)) return ['network-egress', 'untrusted-input'];
    if (/^(post|put|patch)$/.test(method)) return ['network-egress', 'network-write'];
    if (method === 'delete') return ['network-egress', 'network-write', 'destructive'];
    if (method === 'request') return ['network-egress', 'untrusted-input'];
  }
  return [];
}

/** Capabilities inferred from calls on injected dependencies inside a function and the functions nested in it. */
export function functionInferredCapabilities(model: SourceModel, fnIndex: number): Set<Capability> {
  const fn = model.functions[fnIndex];
  const out = new Set<Capability>();
  if (!fn) return out;
  const inside = new Set<number>([fnIndex]);
  for (const f of model.functions) if (inside.has(f.parent)) inside.add(f.index);
  for (const c of model.calls)
    if (inside.has(c.scope)) for (const cap of injectedCallCapabilities(c, fn.params)) out.add(cap);
  return out;
}

/** True when a function body asks a person before acting (LangGraph interrupt, input(), confirm). */
export function functionAsksApproval(model: SourceModel, fnIndex: number): boolean {
  return model.calls.some(
    (c) =>
      c.scope === fnIndex &&
      (calleeUnder(c.callee, 'langgraph.types.interrupt') ||
        c.callee === 'input' ||
        c.callee === 'confirm' ||
        /(^|\.)(request_approval|require_approval|ask_human)$/.test(c.callee)),
  );
}

const PHRASES: Record<Capability, string> = {
  shell: 'run shell commands',
  'code-exec': 'execute code',
  'file-write': 'write files',
  'file-read': 'read files',
  destructive: 'delete data',
  'network-egress': 'reach the network',
  'network-write': 'send data out over the network',
  email: 'send email',
  'sql-write': 'modify databases',
  payments: 'make payments',
  'private-data': 'read private data',
  'untrusted-input': 'read untrusted content',
};

/** "delete data, write files and send email" */
export function describeCapabilities(caps: Iterable<Capability>): string {
  const list = [...caps].map((c) => PHRASES[c]);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}
