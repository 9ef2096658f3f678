import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assetId, findingFingerprint, memoryFile, testContext } from '@rampart/core';
import { AdvisoryDb } from '../advisories/advisory-db.js';
import { importAdvisories } from '../advisories/import.js';
import { createAiPackagesDetector, packagePurl } from './ai-packages-detector.js';

const data = (f: string) => readFileSync(new URL(`testdata/${f}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rampart-pkg-'));
let store: string;
before(async () => {
  store = join(tmp, 'advisories');
  await importAdvisories(fileURLToPath(new URL('../advisories/testdata/osv', import.meta.url)), store);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const detector = () => createAiPackagesDetector(new AdvisoryDb({ storeDir: store }));
async function run(path: string, content: string | Uint8Array) {
  const d = detector();
  const file = memoryFile(path, content);
  assert.equal(d.applies(file), true);
  return d.analyze(file, testContext());
}

test('purls follow the purl spec', () => {
  assert.equal(packagePurl('PyPI', 'LLama_Index.Core', '0.10.0'), 'pkg:pypi/llama-index-core@0.10.0');
  assert.equal(packagePurl('npm', '@langchain/openai', '0.0.14'), 'pkg:npm/%40langchain/openai@0.0.14');
  assert.equal(packagePurl('PyPI', 'torch'), 'pkg:pypi/torch');
});

test('requirements.txt: only AI packages become assets, with version, purl, location', async () => {
  const out = await run('svc/requirements.txt', data('requirements.txt'));
  const names = out.assets!.map((a) => a.name).sort();
  assert.deepEqual(names, ['anthropic', 'langchain', 'llama-index-core', 'mlflow', 'openai', 'torch', 'transformers']);
  const lc = out.assets!.find((a) => a.name === 'langchain')!;
  assert.equal(lc.kind, 'ai-package');
  assert.equal(lc.id, assetId('ai-package', 'PyPI', 'langchain', '0.0.171'));
  assert.equal(lc.version, '0.0.171');
  assert.equal(lc.purl, 'pkg:pypi/langchain@0.0.171');
  assert.equal(lc.provider, 'langchain');
  assert.deepEqual(lc.locations, [{ path: 'svc/requirements.txt', line: 6 }]);
  assert.equal(lc.properties.pinned, true);
  const anthropic = out.assets!.find((a) => a.name === 'anthropic')!;
  assert.equal(anthropic.version, '>=0.20,<1', 'unpinned: the spec, not a guessed version');
  assert.equal(anthropic.purl, 'pkg:pypi/anthropic');
});

test('a pinned vulnerable version gets one finding naming advisories, fix and the worst severity', async () => {
  const out = await run('requirements.txt', data('requirements.txt'));
  const vuln = out.findings!.filter((f) => f.ruleId === 'pkg-vulnerable-ai-package');
  assert.equal(vuln.length, 1, JSON.stringify(vuln.map((f) => f.message)));
  const f = vuln[0]!;
  assert.deepEqual(f.location, { path: 'requirements.txt', line: 6 });
  assert.equal(f.severity, 'critical');
  assert.match(
    f.message,
    /^langchain 0\.0\.171 \(PyPI\) is affected by 13 known advisories: PYSEC-2023-138 \(CVE-2023-36095\), /,
  );
  assert.match(f.message, /and 3 more\./);
  assert.doesNotMatch(f.message, /PYSEC-2023-151|PYSEC-2023-18 /, 'fixed at or below 0.0.171: not affected');
  assert.match(f.message, /Fix: upgrade to 0\.1\.11 or later\.$/, 'the highest fix covers every advisory');
  const facts = f.evidence!.facts as { advisories: Array<{ id: string }> };
  assert.ok(
    facts.advisories.some((a) => a.id === 'TEST-2026-0004'),
    'the imported store is consulted too',
  );
});

test('package findings keep their fingerprint when the advisory feed changes (baselines survive updates)', async () => {
  const withFeed = await run('requirements.txt', data('requirements.txt'));
  const d = createAiPackagesDetector(new AdvisoryDb({ storeDir: false }));
  const curatedOnly = await d.analyze(memoryFile('requirements.txt', data('requirements.txt')), testContext());
  for (const rule of ['pkg-vulnerable-ai-package', 'pkg-unpinned-ai-package']) {
    const pick = (fs: typeof withFeed.findings, name: string) =>
      fs!.find((f) => f.ruleId === rule && f.message.startsWith(`${name} `))!;
    const name = rule === 'pkg-vulnerable-ai-package' ? 'langchain' : 'torch';
    const a = pick(withFeed.findings, name);
    const b = pick(curatedOnly.findings, name);
    assert.ok(a && b, rule);
    if (rule === 'pkg-vulnerable-ai-package')
      assert.notEqual(a.message, b.message, 'the imported feed adds an advisory');
    assert.equal(findingFingerprint(a), findingFingerprint(b), rule);
  }
});

test('unpinned AI packages: say which advisories the spec admits instead of guessing', async () => {
  const out = await run('requirements.txt', data('requirements.txt'));
  const unpinned = out.findings!.filter((f) => f.ruleId === 'pkg-unpinned-ai-package');
  const torch = unpinned.find((f) => f.message.startsWith('torch '))!;
  assert.match(torch.message, /allows any version/);
  assert.match(torch.message, /GHSA-53q9-r3pm-6pq6/);
  assert.equal(torch.location.line, 8);
  const mlflow = unpinned.find((f) => f.message.startsWith('mlflow '))!;
  assert.match(mlflow.message, /direct reference/);
  const transformers = unpinned.find((f) => f.message.startsWith('transformers '))!;
  assert.match(transformers.message, /No known advisory/);
  assert.ok(
    out.findings!.every((f) => !f.message.startsWith('openai ') || f.ruleId === 'pkg-unpinned-ai-package') &&
      !unpinned.some((f) => f.message.startsWith('openai ')),
    'openai==0.27.0 is pinned and has no advisory: no finding',
  );
});

test('package-lock.json: locked npm versions are matched with semver; lock files never say unpinned', async () => {
  const out = await run('web/package-lock.json', data('package-lock.json'));
  const ids = out.assets!.map((a) => `${a.name}@${a.version}`).sort();
  assert.deepEqual(ids, ['langchain@0.0.200', 'openai@4.10.0', 'openai@4.20.1']);
  const vuln = out.findings!.filter((f) => f.ruleId === 'pkg-vulnerable-ai-package');
  assert.equal(vuln.length, 1);
  assert.match(
    vuln[0]!.message,
    /^openai 4\.10\.0 \(npm\) is affected by 1 known advisory: TEST-2026-0002\. .* Fix: upgrade to 4\.20\.1 or later\.$/,
  );
  assert.equal(vuln[0]!.severity, 'medium');
  assert.equal(vuln[0]!.location.line, 24);
  assert.equal(out.findings!.filter((f) => f.ruleId === 'pkg-unpinned-ai-package').length, 0);
});

test('every manifest kind yields AI assets', async () => {
  const cases: Array<[string, string, string[]]> = [
    [
      'pyproject.toml',
      'pyproject.toml',
      ['chromadb', 'gradio', 'langchain', 'mlflow', 'openai', 'torch', 'transformers', 'vllm'],
    ],
    ['Pipfile', 'Pipfile', ['gradio', 'openai', 'torch', 'transformers']],
    ['setup.cfg', 'setup.cfg', ['chromadb', 'openai', 'sentence-transformers', 'tiktoken']],
    ['poetry.lock', 'poetry.lock', ['langchain', 'mlflow']],
    ['uv.lock', 'uv.lock', ['torch', 'transformers']],
    ['package.json', 'package.json', ['@anthropic-ai/sdk', '@langchain/openai', 'ai', 'langchain', 'openai']],
  ];
  for (const [path, file, names] of cases) {
    const out = await run(path, data(file));
    assert.deepEqual(out.assets!.map((a) => a.name).sort(), names, path);
  }
  const gradio = (await run('pyproject.toml', data('pyproject.toml'))).findings!.find((f) =>
    f.message.startsWith('gradio 3.34.0'),
  );
  assert.ok(gradio, 'gradio 3.34.0 is below the 4.11.0 fix of PYSEC-2023-249');
  assert.equal(gradio.severity, 'high');
});

test('bad input becomes an error or a skipped entry naming the file; nothing throws', async () => {
  const broken = await run('app/pyproject.toml', '[project]\ndependencies = ["openai"');
  assert.equal(broken.assets!.length, 0);
  assert.equal(broken.errors![0]!.path, 'app/pyproject.toml');
  assert.equal(broken.errors![0]!.code, 'E_PARSE');
  assert.match(broken.errors![0]!.message, /invalid TOML/);

  const deep = await run('package-lock.json', `{"packages":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
  assert.equal(deep.skipped![0]!.reason, 'limit-reached');

  const binary = await run('requirements.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
  assert.equal(binary.errors![0]!.code, 'E_PARSE');
  assert.match(binary.errors![0]!.message, /UTF-8|binary/);

  const notObject = await run('package.json', '[1,2,3]');
  assert.equal(notObject.errors!.length, 1);
  assert.match(notObject.errors![0]!.message, /^package\.json: package\.json is not a JSON object/);
});

test('a project template (Jinja/cookiecutter placeholders) is skipped as a template, not a parse error', async () => {
  const t = await run('templates/crew/pyproject.toml', data('template/pyproject.toml'));
  assert.deepEqual(t.errors, []);
  assert.equal(t.skipped?.[0]?.reason, 'unsupported-format');
  assert.match(t.skipped?.[0]?.detail ?? '', /template/);
  // Valid TOML that merely holds braces in a string is still read.
  const ok = await run(
    'app/pyproject.toml',
    '[project]\nname = "x"\ndescription = "{{ not a template }}"\ndependencies = ["openai>=1"]\n',
  );
  assert.equal(ok.assets?.length, 1);
  // A broken manifest without placeholders is still an error.
  const broken = await run('app/pyproject.toml', '[project]\ndependencies = ["openai"');
  assert.equal(broken.errors?.[0]?.code, 'E_PARSE');
});

test('the template markers stay linear on hostile input', () => {
  const text = `[project\n${'{{'.repeat(50_000)}${'{% '.repeat(50_000)}`;
  const t0 = performance.now();
  return run('x/pyproject.toml', text).then((r) => {
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(r.errors?.length, 1);
  });
});
