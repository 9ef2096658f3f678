import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assetId, type ScanResult } from '@rampart/core';
import { render } from './index.js';
import { HOSTILE, SAMPLE_IDS as ids, sampleResult } from './testdata/sample-result.js';
import { cycloneDxValidator } from './testdata/schemas.js';

// biome-ignore lint/suspicious/noExplicitAny: walking parsed CycloneDX JSON in assertions
type J = any;

const validate = cycloneDxValidator();
const NOW = new Date('2026-01-02T03:04:05.000Z');
const SERIAL = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';

function bom(r: ScanResult = sampleResult()): J {
  return JSON.parse(render(r, 'cyclonedx', { now: NOW, serialNumber: SERIAL, projectName: 'demo' }));
}

function assertValid(doc: J): void {
  const ok = validate(doc);
  assert.ok(ok, `CycloneDX schema errors: ${JSON.stringify(validate.errors, null, 1)?.slice(0, 2000)}`);
}

const byRef = (doc: J, ref: string): J =>
  [...(doc.components ?? []), ...(doc.services ?? [])].find((x: J) => x['bom-ref'] === ref);

describe('cyclonedx report', () => {
  it('validates against the official CycloneDX 1.6 schema', () => {
    const doc = bom();
    assertValid(doc);
    assert.equal(doc.bomFormat, 'CycloneDX');
    assert.equal(doc.specVersion, '1.6');
    assert.equal(doc.serialNumber, SERIAL);
    assert.equal(doc.metadata.timestamp, '2026-01-02T03:04:05.000Z');
    assert.equal(doc.metadata.component.name, 'demo');
    assert.equal(doc.metadata.tools.components[0].name, 'rampart');
  });

  it('an empty scan is a valid BOM, and the validator does reject a broken one', () => {
    const r = sampleResult();
    r.assets = [];
    r.relations = [];
    const doc = bom(r);
    assertValid(doc);
    doc.components = [{ type: 'machine-learning-model' }];
    assert.equal(validate(doc), false, 'a component without a name must fail the schema');
  });

  it('is deterministic for a fixed time and serial number', () => {
    assert.deepEqual(bom(), bom());
  });

  it('models are machine-learning-model components with a model card where known', () => {
    const doc = bom();
    const llama = byRef(doc, ids.llama);
    assert.equal(llama.type, 'machine-learning-model');
    assert.equal(llama.purl, 'pkg:huggingface/meta-llama/Llama-3.1-8B-Instruct');
    assert.deepEqual(llama.licenses, [{ license: { name: 'llama3.1' } }]);
    assert.equal(llama.modelCard.modelParameters.task, 'text-generation');
    // The training set found in the scan is referenced; the one only named is inline.
    assert.deepEqual(llama.modelCard.modelParameters.datasets, [
      { ref: ids.customers },
      { type: 'dataset', name: 'wikitext' },
    ]);
    assert.ok(llama.modelCard.properties.some((p: J) => p.name === 'rampart:base_model'));
    const pkl = byRef(doc, ids.pkl);
    assert.deepEqual(pkl.hashes, [{ alg: 'SHA-256', content: 'a'.repeat(64) }]);
    assert.deepEqual(pkl.licenses, [{ license: { id: 'MIT' } }]);
    assert.ok(pkl.modelCard.properties.some((p: J) => p.name === 'rampart:format' && p.value === 'pickle'));
    const gpt = byRef(doc, ids.gpt);
    assert.equal(gpt.modelCard, undefined, 'nothing known, no empty model card');
    assert.equal(byRef(doc, ids.customers).type, 'data');
  });

  it('hosted AI APIs, inference and MCP servers are services; only web URLs become endpoints', () => {
    const doc = bom();
    const openai = byRef(doc, 'provider:openai');
    assert.equal(openai.name, 'OpenAI API');
    assert.equal(openai.provider.name, 'OpenAI');
    assert.ok(openai.properties.some((p: J) => p.name === 'rampart:client' && p.value.startsWith('openai.OpenAI')));
    assert.equal(byRef(doc, ids.openai), undefined, 'clients fold into their provider service');
    assert.deepEqual(byRef(doc, ids.remoteServer).endpoints, ['https://mcp.example.com/sse?q=a%20b']);
    const hostile = byRef(doc, ids.hostileServer);
    assert.equal(hostile.name, HOSTILE);
    assert.equal(hostile.endpoints, undefined, 'javascript: URLs are not endpoints');
    assert.ok(byRef(doc, ids.vllm));
    assert.equal(byRef(doc, ids.bedrock).provider.name, 'AWS Bedrock');
  });

  it('self-hosted endpoints get their own service, local runtimes are frameworks, ranges are not versions', () => {
    const r = sampleResult();
    const local = assetId('llm-client', 'huggingface', 'local');
    const vllm = assetId('llm-client', 'openai-compatible', 'vllm');
    const range = assetId('ai-package', 'npm', '@anthropic-ai/sdk');
    r.assets.push(
      {
        id: local,
        kind: 'llm-client',
        name: 'transformers',
        provider: 'huggingface',
        locations: [{ path: 'rag.py', line: 3 }],
        properties: { runtime: 'local' },
      },
      {
        id: vllm,
        kind: 'llm-client',
        name: 'openai.OpenAI',
        provider: 'openai-compatible',
        locations: [{ path: 'app.py', line: 5 }],
        properties: { endpoint: 'http://vllm.ml.svc.cluster.local:8000/v1' },
      },
      {
        id: range,
        kind: 'ai-package',
        name: '@anthropic-ai/sdk',
        version: '^0.27.0',
        purl: 'pkg:npm/%40anthropic-ai/sdk',
        locations: [{ path: 'package.json', line: 3 }],
        properties: {},
      },
    );
    r.relations.push({ from: vllm, to: ids.llama, type: 'uses-model' });
    r.assets.push({ ...r.assets[0]! }); // a stray duplicate id must not duplicate a bom-ref
    const doc = bom(r);
    assertValid(doc);
    const refs = [...doc.components, ...doc.services].map((x: J) => x['bom-ref']);
    assert.equal(new Set(refs).size, refs.length, 'bom-refs are unique');
    assert.equal(byRef(doc, local).type, 'framework');
    const svc = byRef(doc, 'provider:openai-compatible:http://vllm.ml.svc.cluster.local:8000/v1');
    assert.equal(svc.name, 'OpenAI-compatible server at vllm.ml.svc.cluster.local:8000');
    assert.deepEqual(svc.endpoints, ['http://vllm.ml.svc.cluster.local:8000/v1']);
    const dep = doc.dependencies.find((d: J) => d.ref === svc['bom-ref']);
    assert.deepEqual(dep.dependsOn, [ids.llama]);
    const pkg = byRef(doc, range);
    assert.equal(pkg.version, undefined);
    assert.ok(pkg.properties.some((p: J) => p.name === 'rampart:versionSpec' && p.value === '^0.27.0'));
  });

  it('AI packages are libraries with purls; an invalid purl is dropped, not emitted', () => {
    const doc = bom();
    const core = byRef(doc, ids.lcCore);
    assert.equal(core.type, 'library');
    assert.equal(core.group, '@langchain');
    assert.equal(core.name, 'core');
    assert.equal(core.version, '0.2.1');
    assert.equal(core.purl, 'pkg:npm/%40langchain/core@0.2.1');
    const bad = byRef(doc, ids.badPurl);
    assert.equal(bad.purl, undefined);
    assert.equal(bad.name, 'weird');
  });

  it('advisories in findings become vulnerabilities affecting the package; suppressed ones and junk ids do not', () => {
    const r = sampleResult();
    const base = r.findings[0]!;
    const advisoryFinding = (id: string, suppressed: boolean) => ({
      ...base,
      id: `F-${id}`,
      ruleId: 'pkg-vulnerable-ai-package',
      assetId: ids.langchain,
      fingerprint: `fp-${id}`,
      message: 'langchain 0.1.0 is affected by an advisory',
      evidence: {
        facts: {
          version: '0.1.0',
          fixed: ['0.1.11'],
          advisories: [
            { id, aliases: ['CVE-2024-28088', '<script>'], severity: 'HIGH' },
            { id: '"; DROP', aliases: [] },
            'not an object',
          ],
        },
      },
      ...(suppressed ? { suppressed: { kind: 'baseline' as const, reason: 'accepted' } } : {}),
    });
    r.findings.push(advisoryFinding('PYSEC-2024-43', false), advisoryFinding('GHSA-aaaa-bbbb-cccc', true));
    const doc = bom(r);
    assertValid(doc);
    assert.equal(doc.vulnerabilities.length, 1);
    const v = doc.vulnerabilities[0];
    assert.equal(v.id, 'PYSEC-2024-43');
    assert.deepEqual(v.references, [
      { id: 'CVE-2024-28088', source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-28088' } },
    ]);
    assert.equal(v.ratings[0].severity, 'high');
    assert.equal(v.recommendation, 'Upgrade to 0.1.11 or later.');
    assert.deepEqual(v.affects, [{ ref: ids.langchain, versions: [{ version: '0.1.0', status: 'affected' }] }]);
  });

  it('relations become the dependency graph, rooted at the scanned project', () => {
    const doc = bom();
    const deps = new Map<string, string[]>(doc.dependencies.map((d: J) => [d.ref, d.dependsOn ?? []]));
    assert.deepEqual(deps.get('provider:openai'), [ids.gpt]);
    assert.ok(deps.get(ids.agent)?.includes(ids.shell));
    assert.ok(deps.get(ids.vllm)?.includes(ids.llama));
    assert.ok(deps.get(ids.chroma)?.includes(ids.customers));
    const root = deps.get('rampart:scanned-project') ?? [];
    assert.ok(root.includes(ids.agent) && root.includes(ids.langchain));
    assert.equal(root.includes(ids.gpt), false, 'used models hang below their users');
    // The relation to an asset that does not exist is dropped.
    assert.equal(JSON.stringify(doc).includes('model:does-not-exist'), false);
  });
});
