import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSource } from './index.js';
import { grammarInfo } from './tree-sitter.js';

test('grammars load and share one ABI range with the runtime', async () => {
  const info = await grammarInfo();
  assert.equal(info.length, 4);
  for (const g of info) assert.ok(g.abi >= 13 && g.abi <= 15, `${g.grammar} ABI ${g.abi}`);
});

test('callees resolve through imports, aliases, variables and self attributes', async () => {
  const m = await analyzeSource(
    'app.py',
    [
      'from openai import OpenAI as O',
      'import anthropic as ant',
      'class Bot:',
      '    def __init__(self):',
      '        self.llm = ant.Anthropic()',
      '    def ask(self, q):',
      '        return self.llm.messages.create(model="claude-3-5-sonnet-latest")',
      'client = O()',
      'client.chat.completions.create(model="gpt-4o")',
    ].join('\n'),
  );
  const callees = m.calls.map((c) => `${c.line}:${c.callee}`);
  assert.deepEqual(callees, [
    '5:anthropic.Anthropic',
    '7:anthropic.Anthropic().messages.create',
    '8:openai.OpenAI',
    '9:openai.OpenAI().chat.completions.create',
  ]);
  assert.deepEqual(
    m.functions.map((f) => f.name),
    ['Bot.__init__', 'Bot.ask'],
  );
});

test('comments, docstrings and strings never produce imports or calls', async () => {
  const m = await analyzeSource(
    'decoy.py',
    ['# from openai import OpenAI', '"""', 'client = OpenAI()', 'torch.load(f)', '"""', 'x = "openai.OpenAI()"'].join(
      '\n',
    ),
  );
  assert.equal(m.imports.length, 0);
  assert.equal(m.calls.length, 0);
});

test('module constants and env defaults fold into values', async () => {
  const m = await analyzeSource(
    'cfg.py',
    [
      'import os',
      'MODEL = os.getenv("MODEL", "gpt-4o-mini")',
      'ALT = os.environ.get("ALT") or "claude-3-haiku-20240307"',
      'KEY = os.environ["KEY"]',
      'PROMPT = "You are " "terse."',
      'TWICE = "a"',
      'TWICE = "b"',
      'f(model=MODEL, alt=ALT, p=PROMPT, t=f"x{y}")',
    ].join('\n'),
  );
  const call = m.calls.find((c) => c.callee === 'f');
  assert.deepEqual(call?.kwargs.model, {
    kind: 'env',
    name: 'MODEL',
    default: { kind: 'string', value: 'gpt-4o-mini', line: 2 },
  });
  assert.equal(call?.kwargs.alt?.kind, 'env');
  assert.deepEqual(call?.kwargs.p, { kind: 'string', value: 'You are terse.', line: 5 });
  assert.deepEqual(call?.kwargs.t, { kind: 'template', value: 'x{}', line: 8 });
  assert.deepEqual(m.constants.KEY, { kind: 'env', name: 'KEY' });
  assert.equal(m.constants.TWICE, undefined, 'a name bound twice is not a constant');
});

test('decorators and data-flow references are recorded', async () => {
  const m = await analyzeSource(
    'tools.py',
    [
      '@app.tool(name="search")',
      'async def search(q):',
      '    r = llm.invoke(q)',
      '    out = r.content',
      '    eval(out)',
    ].join('\n'),
  );
  const fn = m.functions[0];
  assert.equal(fn?.isAsync, true);
  assert.deepEqual(
    fn?.decorators.map((d) => d.callee),
    ['app.tool'],
  );
  assert.deepEqual(fn?.params, ['q']);
  const ev = m.calls.find((c) => c.callee === 'eval');
  assert.deepEqual(ev?.argRefs, ['out']);
  assert.equal(ev?.scope, 0);
  const out = m.assignments.find((a) => a.target === 'out');
  assert.ok(out?.refs.includes('r'));
});

test('hostile nesting is bounded and reported as truncated, not a crash', async () => {
  const deep = `x = ${'['.repeat(2000)}${']'.repeat(2000)}\nf(1)\n`;
  const m = await analyzeSource('deep.py', deep);
  assert.equal(m.truncated, true);
});

test('files over the parse limit are refused with a LimitError', async () => {
  await assert.rejects(analyzeSource('big.py', 'x = 1\n'.repeat(500_000)), { code: 'E_LIMIT' });
});

test('calls inside attribute chains, f-strings and with-statements are recorded with their refs', async () => {
  const m = await analyzeSource(
    'chain.py',
    [
      'import pickle, requests',
      'from openai import OpenAI',
      'def f(u, q):',
      '    data = pickle.loads(requests.get(u).content)',
      '    with OpenAI() as c:',
      '        s = f"{c.responses.create(input=q).output_text}"',
    ].join('\n'),
  );
  assert.deepEqual(
    m.calls.map((c) => c.callee),
    ['requests.get', 'pickle.loads', 'openai.OpenAI', 'openai.OpenAI().responses.create'],
  );
  const loads = m.calls[1];
  assert.deepEqual(loads?.argCalls, [0]);
  assert.ok(loads?.argRefs.includes('u'));
  const s = m.assignments.find((a) => a.target === 's');
  assert.deepEqual(s?.calls, [3]);
  assert.ok(s?.refs.includes('c') && s.refs.includes('q'));
  assert.ok(!s?.refs.includes('output_text'), 'attribute names are not variables');
});
