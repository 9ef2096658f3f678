// A hand-built ScanResult for reporter tests: every asset kind, relations between them, findings of
// every severity (scored and unscored, suppressed, binary offsets, archive members), errors and
// skipped files — and hostile strings everywhere a scanned repository controls the text.
import { assetId, type Finding, type Rule, type ScanResult } from '@rampart/core';

export const HOSTILE = '<script>alert("x")</script>';
export const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
export const ANSI_CLEAR = '\u001b[2J\u001b[32mALL CLEAR\u001b[0m';
export const BIDI = 'admin\u202eexe.txt';

const ids = {
  llama: assetId('model', 'huggingface', 'meta-llama/Llama-3.1-8B-Instruct'),
  gpt: assetId('model', 'openai', 'gpt-4o'),
  pkl: assetId('model', 'file', 'models/classifier.pkl'),
  openai: assetId('llm-client', 'openai', 'app/chat.py'),
  anthropic: assetId('llm-client', 'anthropic', 'web/src/ai.ts'),
  bedrock: assetId('cloud-ai-service', 'aws-bedrock', 'infra/main.tf'),
  vllm: assetId('inference-server', 'vllm', 'deploy/compose.yaml'),
  fsServer: assetId('mcp-server', 'filesystem'),
  remoteServer: assetId('mcp-server', 'remote-search'),
  hostileServer: assetId('mcp-server', HOSTILE),
  shell: assetId('tool', 'filesystem', 'run_shell'),
  agent: assetId('agent', 'app/agent.py', 'support_agent'),
  chroma: assetId('vector-store', 'chroma', 'kb'),
  customers: assetId('dataset', 'data/customers.csv'),
  prompt: assetId('prompt', 'prompts/system.txt'),
  notebook: assetId('notebook', 'notebooks/explore.ipynb'),
  langchain: assetId('ai-package', 'pypi', 'langchain'),
  lcCore: assetId('ai-package', 'npm', '@langchain/core'),
  badPurl: assetId('ai-package', 'npm', 'weird'),
};
export const SAMPLE_IDS = ids;

const fw = {
  deser: { 'owasp-llm-2025': ['LLM03'], 'mitre-atlas': ['AML.T0010'], cwe: ['CWE-502'] },
  agency: { 'owasp-llm-2025': ['LLM06'], 'owasp-agentic': ['ASI02'], 'nist-ai-rmf': ['MANAGE 2.2'] },
  secret: { 'owasp-llm-2025': ['LLM02'], cwe: ['CWE-798'], 'eu-ai-act': ['Art. 15'], 'iso-42001': ['A.6.2.4'] },
};

function finding(p: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'location' | 'message'>): Finding {
  return {
    id: `F-${p.ruleId}-${p.location.path}-${p.location.line ?? p.location.offset ?? 0}`,
    title: `Title of ${p.ruleId}`,
    frameworks: {},
    remediation: 'Fix it.',
    fingerprint: `fp-${p.ruleId}-${p.location.path}`,
    ...p,
  };
}

export function sampleResult(): ScanResult {
  return {
    schemaVersion: '1',
    tool: { name: 'rampart', version: '0.1.0' },
    assets: [
      {
        id: ids.llama,
        kind: 'model',
        name: 'meta-llama/Llama-3.1-8B-Instruct',
        provider: 'huggingface',
        locations: [
          { path: 'app/local.py', line: 4 },
          { path: 'app/local.py', line: 4 },
          { path: 'config/models.yaml', line: 2 },
        ],
        properties: {
          license: 'llama3.1',
          datasets: ['data/customers.csv', 'wikitext'],
          pipeline_tag: 'text-generation',
          base_model: 'meta-llama/Llama-3.1-8B',
        },
      },
      {
        id: ids.gpt,
        kind: 'model',
        name: 'gpt-4o',
        provider: 'openai',
        locations: [{ path: 'app/chat.py', line: 9 }],
        properties: {},
      },
      {
        id: ids.pkl,
        kind: 'model',
        name: 'models/classifier.pkl',
        locations: [{ path: 'models/classifier.pkl' }],
        properties: {
          format: 'pickle',
          sha256: 'a'.repeat(64),
          license: 'MIT',
          framework: 'scikit-learn',
        },
      },
      {
        id: ids.openai,
        kind: 'llm-client',
        name: 'openai.OpenAI',
        provider: 'openai',
        locations: [{ path: 'app/chat.py', line: 3 }],
        properties: { models: ['gpt-4o'] },
      },
      {
        id: ids.anthropic,
        kind: 'llm-client',
        name: '@anthropic-ai/sdk Anthropic',
        provider: 'anthropic',
        locations: [{ path: 'web/src/ai.ts', line: 1 }],
        properties: {},
      },
      {
        id: ids.bedrock,
        kind: 'cloud-ai-service',
        name: 'aws_bedrockagent_agent.support',
        provider: 'aws-bedrock',
        locations: [{ path: 'infra/main.tf', line: 10 }],
        properties: { public: false },
      },
      {
        id: ids.vllm,
        kind: 'inference-server',
        name: 'vllm',
        locations: [{ path: 'deploy/compose.yaml', line: 5 }],
        properties: { image: 'vllm/vllm-openai:latest', ports: ['0.0.0.0:8000'] },
      },
      {
        id: ids.fsServer,
        kind: 'mcp-server',
        name: 'filesystem',
        locations: [{ path: '.cursor/mcp.json', line: 3 }],
        properties: { transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem'] },
      },
      {
        id: ids.remoteServer,
        kind: 'mcp-server',
        name: 'remote-search',
        locations: [{ path: '.vscode/mcp.json', line: 7 }],
        properties: { transport: 'http', url: 'https://mcp.example.com/sse?q=a b' },
      },
      {
        id: ids.hostileServer,
        kind: 'mcp-server',
        name: HOSTILE,
        locations: [{ path: `configs/${HOSTILE_IMG}.json`, line: 1 }],
        properties: { transport: 'stdio', command: `sh -c "${ANSI_CLEAR}"`, url: 'javascript:alert(1)' },
      },
      {
        id: ids.shell,
        kind: 'tool',
        name: 'run_shell',
        locations: [{ path: '.cursor/mcp.json', line: 3 }],
        properties: { server: 'filesystem', capabilities: ['shell', 'file-write'] },
      },
      {
        id: ids.agent,
        kind: 'agent',
        name: 'support_agent',
        provider: 'langgraph',
        locations: [{ path: 'app/agent.py', line: 20 }],
        properties: {},
      },
      {
        id: ids.chroma,
        kind: 'vector-store',
        name: 'chroma:kb',
        provider: 'chroma',
        locations: [{ path: 'app/rag.py', line: 5 }],
        properties: {},
      },
      {
        id: ids.customers,
        kind: 'dataset',
        name: 'data/customers.csv',
        locations: [{ path: 'data/customers.csv' }],
        properties: { sensitivity: ['pii'] },
      },
      {
        id: ids.prompt,
        kind: 'prompt',
        name: 'system prompt',
        locations: [{ path: 'prompts/system.txt', line: 1 }],
        properties: {},
      },
      {
        id: ids.notebook,
        kind: 'notebook',
        name: 'notebooks/explore.ipynb',
        locations: [{ path: 'notebooks/explore.ipynb' }],
        properties: { cells: 12 },
      },
      {
        id: ids.langchain,
        kind: 'ai-package',
        name: 'langchain',
        version: '0.1.0',
        purl: 'pkg:pypi/langchain@0.1.0',
        locations: [{ path: 'requirements.txt', line: 2 }],
        properties: { ecosystem: 'pypi' },
      },
      {
        id: ids.lcCore,
        kind: 'ai-package',
        name: '@langchain/core',
        version: '0.2.1',
        purl: 'pkg:npm/%40langchain/core@0.2.1',
        locations: [{ path: 'web/package.json', line: 12 }],
        properties: { ecosystem: 'npm' },
      },
      {
        id: ids.badPurl,
        kind: 'ai-package',
        name: 'weird',
        version: '1.0.0',
        purl: 'not a purl',
        locations: [{ path: 'web/package.json', line: 13 }],
        properties: { ecosystem: 'npm' },
      },
    ],
    relations: [
      { from: ids.openai, to: ids.gpt, type: 'uses-model' },
      { from: ids.agent, to: ids.gpt, type: 'uses-model' },
      { from: ids.agent, to: ids.fsServer, type: 'uses-mcp-server' },
      { from: ids.agent, to: ids.shell, type: 'uses-tool' },
      { from: ids.fsServer, to: ids.shell, type: 'provides-tool' },
      { from: ids.agent, to: ids.chroma, type: 'retrieves-from' },
      { from: ids.chroma, to: ids.customers, type: 'reads-from' },
      { from: ids.llama, to: ids.customers, type: 'trained-on' },
      { from: ids.vllm, to: ids.llama, type: 'serves' },
      { from: ids.agent, to: ids.hostileServer, type: 'uses-mcp-server' },
      { from: ids.agent, to: 'model:does-not-exist', type: 'uses-model' },
    ],
    findings: [
      finding({
        ruleId: 'model-pickle-dangerous-global',
        title: 'Pickle imports a dangerous global',
        severity: 'critical',
        assetId: ids.pkl,
        location: { path: 'models/classifier.pkl', offset: 0x40, member: 'archive/data.pkl' },
        message: 'Pickle calls os.system when loaded',
        frameworks: fw.deser,
        remediation: 'Convert the model to safetensors.',
        risk: 95,
        evidence: { facts: { global: 'os.system' } },
      }),
      finding({
        ruleId: 'agent-shell-tool-no-approval',
        title: 'Agent can run shell commands without approval',
        severity: 'high',
        assetId: ids.agent,
        location: { path: 'app/agent.py', line: 20, column: 5 },
        message: `Tool ${HOSTILE} runs ${HOSTILE_IMG} ${ANSI_CLEAR} ${BIDI}`,
        frameworks: fw.agency,
        remediation: 'Require human approval for shell tools.',
        risk: 99,
        evidence: { path: [ids.agent, ids.shell] },
      }),
      finding({
        ruleId: 'code-trust-remote-code',
        title: 'trust_remote_code=True runs code from the model repository',
        severity: 'high',
        assetId: ids.llama,
        location: { path: 'app/local.py', line: 4 },
        message: 'from_pretrained(..., trust_remote_code=True)',
        frameworks: fw.deser,
      }),
      finding({
        ruleId: 'secret-openai-api-key',
        title: 'OpenAI API key in source',
        severity: 'medium',
        location: { path: 'app/settings.py', line: 7 },
        message: 'OpenAI key sk-proj-AbCd…[redacted 51 chars]',
        frameworks: fw.secret,
        risk: 40,
      }),
      finding({
        ruleId: 'iac-image-mutable-tag',
        title: 'Container image uses a mutable tag',
        severity: 'low',
        assetId: ids.vllm,
        location: { path: 'deploy/compose.yaml', line: 5 },
        message: 'vllm/vllm-openai:latest',
      }),
      finding({
        ruleId: 'mcp-server-unpinned',
        title: 'MCP server package is not pinned',
        severity: 'info',
        assetId: ids.fsServer,
        location: { path: '.cursor/mcp.json', line: 3 },
        message: 'npx -y without a version',
      }),
      finding({
        ruleId: 'code-torch-load-unsafe',
        title: 'torch.load without weights_only',
        severity: 'critical',
        location: { path: 'train/load.py', line: 12 },
        message: 'torch.load(path) can unpickle arbitrary code',
        frameworks: fw.deser,
        suppressed: { kind: 'inline', reason: 'trusted checkpoint' },
      }),
    ],
    errors: [
      { path: 'config/broken.yaml', code: 'E_PARSE', message: 'bad indentation at line 3', detector: 'config-models' },
      { path: `weird/${HOSTILE}.py`, code: 'E_IO', message: `EACCES ${ANSI_CLEAR}` },
    ],
    skipped: [
      { path: 'dist/bundle.min.js', reason: 'too-large', detail: '52 MB' },
      { path: 'models/huge.bin', reason: 'limit-reached', detail: 'maxDecompressedBytes', detector: 'model-archive' },
      { path: 'a.txt', reason: 'binary' },
      { path: 'b.txt', reason: 'binary' },
      { path: 'c.txt', reason: 'binary' },
      { path: 'd.txt', reason: 'binary' },
      { path: 'e.txt', reason: 'binary' },
    ],
    stats: {
      filesSeen: 120,
      filesAnalyzed: 111,
      bytesRead: 3_500_000,
      durationMs: 1234,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1, info: 1 },
      byAssetKind: {},
      suppressed: 1,
    },
  };
}

function rule(id: string, title: string, severity: Rule['severity'], frameworks: Rule['frameworks']): Rule {
  return {
    id,
    title,
    description: `${title}. Longer description of why this matters.`,
    severity,
    maturity: 'stable',
    detector: 'test',
    remediation: `Remediation for ${id}.`,
    references: [`https://example.org/rules/${id}`, 'https://genai.owasp.org/llmrisk/llm03-supply-chain/'],
    frameworks,
  };
}

/** Rules for most sample findings; `mcp-server-unpinned` and `iac-image-mutable-tag` are left out on purpose. */
export function sampleRules(): Rule[] {
  return [
    rule('model-pickle-dangerous-global', 'Pickle imports a dangerous global', 'critical', fw.deser),
    rule('agent-shell-tool-no-approval', 'Agent can run shell commands without approval', 'high', fw.agency),
    rule('code-trust-remote-code', 'trust_remote_code=True runs code from the model repository', 'high', fw.deser),
    rule('secret-openai-api-key', 'OpenAI API key in source', 'high', fw.secret),
    rule('code-torch-load-unsafe', 'torch.load without weights_only', 'critical', fw.deser),
    rule('unused-rule-not-referenced', 'A rule no finding references', 'low', {}),
  ];
}
