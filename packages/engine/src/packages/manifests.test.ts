import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LimitError, ParseError } from '@rampart/core';
import type { ManifestDependency } from './dependency.js';
import { type ManifestKind, manifestKind, parseManifest } from './manifest-kinds.js';
import { parseRequirement, pinnedVersion } from './pep508.js';

const data = (f: string) => readFileSync(new URL(`testdata/${f}`, import.meta.url), 'utf8');
const parse = (kind: ManifestKind, file: string) => parseManifest(kind, data(file), file).dependencies;
const pick = (deps: ManifestDependency[], name: string) => deps.filter((d) => d.name === name);
const one = (deps: ManifestDependency[], name: string) => {
  const hits = pick(deps, name);
  assert.equal(hits.length, 1, `${name}: ${JSON.stringify(hits)}`);
  return hits[0]!;
};

test('manifestKind recognises manifests by name only', () => {
  assert.equal(manifestKind('requirements.txt'), 'requirements.txt');
  assert.equal(manifestKind('svc/requirements-dev.txt'), 'requirements.txt');
  assert.equal(manifestKind('dev-requirements.txt'), 'requirements.txt');
  assert.equal(manifestKind('requirements/base.txt'), 'requirements.txt');
  assert.equal(manifestKind('a/b/npm-shrinkwrap.json'), 'package-lock.json');
  assert.equal(manifestKind('Pipfile.lock'), undefined);
  assert.equal(manifestKind('notes.txt'), undefined);
  assert.equal(manifestKind('package.json.bak'), undefined);
});

test('PEP 508: extras, markers, URLs, pins', () => {
  assert.deepEqual(parseRequirement('langchain[openai,anthropic] >= 0.1 , <0.2 ; python_version<"3.12"'), {
    name: 'langchain',
    extras: ['openai', 'anthropic'],
    spec: '>=0.1,<0.2',
    marker: 'python_version<"3.12"',
  });
  assert.equal(
    parseRequirement('torch @ https://x.invalid/torch.whl ; sys_platform == "linux"')?.url,
    'https://x.invalid/torch.whl',
  );
  assert.equal(parseRequirement('openai (==1.0)')?.spec, '==1.0');
  assert.equal(parseRequirement('openai = 1'), undefined);
  assert.equal(pinnedVersion('==1.2.3'), '1.2.3');
  assert.equal(pinnedVersion('===1.2.3'), '1.2.3');
  assert.equal(pinnedVersion('==1.2.*'), undefined);
  assert.equal(pinnedVersion('>=1,==1.2'), undefined);
});

test('requirements.txt: pins, ranges, hashes, continuations, includes, URLs', () => {
  const deps = parse('requirements.txt', 'requirements.txt');
  assert.deepEqual(
    deps.map((d) => d.name),
    ['openai', 'anthropic', 'langchain', 'torch', 'transformers', 'requests', 'Flask', 'mlflow', 'llama_index.core'],
  );
  assert.equal(one(deps, 'openai').version, '0.27.0');
  assert.equal(one(deps, 'openai').line, 4);
  const lc = one(deps, 'langchain');
  assert.equal(lc.version, '0.0.171', 'a hash on the continuation line does not hide the pin');
  assert.equal(lc.line, 6);
  assert.equal(one(deps, 'anthropic').marker, 'python_version >= "3.9"');
  assert.equal(one(deps, 'anthropic').version, undefined);
  assert.equal(one(deps, 'torch').spec, '');
  assert.equal(one(deps, 'mlflow').url, 'https://example.invalid/mlflow-2.0.0-py3-none-any.whl');
});

test('pyproject.toml: PEP 621, optional deps, dependency groups and Poetry tables', () => {
  const deps = parse('pyproject.toml', 'pyproject.toml');
  assert.equal(one(deps, 'openai').spec, '>=1.3');
  assert.equal(one(deps, 'gradio').version, '3.34.0');
  assert.equal(one(deps, 'gradio').line, 6);
  assert.equal(one(deps, 'torch').scope, 'optional');
  assert.equal(one(deps, 'transformers').scope, 'dev');
  assert.equal(one(deps, 'langchain').version, '0.0.300', 'a bare Poetry version is an exact pin');
  assert.equal(one(deps, 'langchain').line, 18);
  assert.equal(one(deps, 'chromadb').scope, 'optional');
  assert.equal(one(deps, 'chromadb').version, undefined);
  assert.equal(one(deps, 'vllm').version, undefined, 'two alternatives are not one pin');
  assert.equal(one(deps, 'mlflow').scope, 'dev');
  assert.equal(pick(deps, 'python').length, 0);
});

test('Pipfile, setup.cfg', () => {
  const pip = parse('Pipfile', 'Pipfile');
  assert.equal(one(pip, 'torch').version, '1.13.0');
  assert.equal(one(pip, 'torch').line, 9);
  assert.equal(one(pip, 'openai').spec, '');
  assert.equal(one(pip, 'gradio').url, 'https://github.com/gradio-app/gradio.git');
  assert.equal(one(pip, 'gradio').scope, 'dev');
  const cfg = parse('setup.cfg', 'setup.cfg');
  assert.equal(one(cfg, 'openai').version, '0.28.1');
  assert.equal(one(cfg, 'openai').line, 7);
  assert.equal(one(cfg, 'chromadb').scope, 'optional');
  assert.equal(one(cfg, 'sentence-transformers').line, 14);
});

test('poetry.lock and uv.lock: locked versions with lines; uv project itself skipped', () => {
  const poetry = parse('poetry.lock', 'poetry.lock');
  assert.deepEqual(
    poetry.map((d) => [d.name, d.version, d.line, d.source]),
    [
      ['certifi', '2023.7.22', 2, 'lock'],
      ['langchain', '0.0.300', 9, 'lock'],
      ['mlflow', '2.9.0', 16, 'lock'],
    ],
  );
  const uv = parse('uv.lock', 'uv.lock');
  assert.deepEqual(
    uv.map((d) => [d.name, d.version, d.line]),
    [
      ['torch', '2.0.1', 10],
      ['transformers', '4.36.0', 15],
    ],
  );
});

test('package.json: sections, exact versions vs ranges', () => {
  const deps = parse('package.json', 'package.json');
  assert.equal(one(deps, 'openai').version, undefined);
  assert.equal(one(deps, 'openai').spec, '^4.20.0');
  assert.equal(one(deps, 'langchain').version, '0.0.200');
  assert.equal(one(deps, '@anthropic-ai/sdk').scope, 'dev');
  assert.equal(one(deps, '@anthropic-ai/sdk').line, 12);
});

test('package-lock.json v3 and v1: nested installs become separate entries', () => {
  const v3 = parse('package-lock.json', 'package-lock.json');
  assert.deepEqual(
    pick(v3, 'openai').map((d) => [d.version, d.line, d.scope]),
    [
      ['4.20.1', 15, 'main'],
      ['4.10.0', 24, 'dev'],
    ],
  );
  const v1 = parse('package-lock.json', 'package-lock-v1.json');
  assert.deepEqual(
    pick(v1, 'openai').map((d) => [d.version, d.line, d.scope]),
    [
      ['3.3.0', 14, 'main'],
      ['3.2.1', 19, 'dev'],
    ],
  );
  assert.equal(one(v1, '@tensorflow/tfjs-node').version, '1.7.4');
});

test('broken and hostile manifests fail with a typed error naming the file', () => {
  assert.throws(
    () => parseManifest('pyproject.toml', '[project\nname = 1', 'x/pyproject.toml'),
    (e) => {
      assert.ok(e instanceof ParseError);
      assert.match(e.message, /x\/pyproject\.toml: invalid TOML at line 1/);
      return true;
    },
  );
  assert.throws(() => parseManifest('package.json', '{"dependencies": {', 'package.json'), ParseError);
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.throws(() => parseManifest('package-lock.json', deep, 'package-lock.json'), LimitError);
  const deepToml = `a = ${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.throws(() => parseManifest('Pipfile', deepToml, 'Pipfile'), ParseError);
});

test('adversarial requirement lines parse in linear time', () => {
  // Shapes that make backtracking regexes blow up: long runs of name chars, separators, spaces.
  const lines = [
    'a'.repeat(200_000),
    `${'a.'.repeat(100_000)}!`,
    `x ${' '.repeat(100_000)}#`,
    `x[${','.repeat(100_000)}`,
    `x ${'-'.repeat(100_000)}a`,
    `x==${'1.'.repeat(100_000)}`,
  ];
  const out = parseManifest('requirements.txt', lines.join('\n'), 'requirements.txt');
  assert.ok(out.dependencies.length >= 2);
  assert.ok(out.dependencies.every((d) => d.version === undefined || d.version.length > 0));
});

test('a large lockfile is read in one linear pass', () => {
  // 20,000 entries (~1.5 MB): quadratic line lookups would take minutes here, linear ones well under a second.
  const packages: Record<string, unknown> = { '': { name: 'big' } };
  for (let i = 0; i < 20_000; i++) packages[`node_modules/dep-${i}`] = { version: `1.0.${i}` };
  packages['node_modules/openai'] = { version: '4.0.0' };
  const text = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
  const deps = parseManifest('package-lock.json', text, 'package-lock.json').dependencies;
  assert.equal(deps.length, 20_001);
  const openai = one(deps, 'openai');
  assert.equal(openai.line, text.slice(0, text.indexOf('"node_modules/openai"')).split('\n').length);
});

test('hostile manifests with many entries stay linear: lines are dropped past a scan budget', () => {
  const n = 30_000;
  const names = Array.from({ length: n }, (_, i) => `pkg${i}`);
  const toml = `[project]\nname = "x"\ndependencies = [\n${names.map((x) => `  "${x}==1.0",`).join('\n')}\n]\n`;
  const deps = parseManifest('pyproject.toml', toml, 'pyproject.toml').dependencies;
  assert.equal(deps.length, n);
  assert.equal(deps[0]!.line, 4);
  assert.equal(deps[0]!.version, '1.0');
});

test('a scoped npm name does not give its line to the unscoped package of the same name', () => {
  const text = '{\n  "dependencies": {\n    "@azure/openai": "^1.0.0",\n    "openai": "^4.23.0"\n  }\n}\n';
  const deps = parseManifest('package.json', text, 'package.json').dependencies;
  assert.equal(one(deps, '@azure/openai').line, 3);
  assert.equal(one(deps, 'openai').line, 4);
});
