// IaC detectors through the real engine: lineage from references, bad input reported with file and
// reason, Helm templates reported as not rendered.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../scan/scan.js';
import { bedrockLoggingCorrelator } from './bedrock-logging.js';
import { cloudFormationDetector } from './cloudformation.js';
import { composeDetector } from './compose.js';
import { isMutableTag, parseImage } from './images.js';
import { kubernetesDetector } from './kubernetes.js';
import { terraformDetector } from './terraform.js';
import { moduleLocals, terraformModulesCorrelator } from './terraform-modules.js';

const detectors = [terraformDetector, cloudFormationDetector, kubernetesDetector, composeDetector];

function tree(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'rampart-iac-'));
  for (const [k, v] of Object.entries(files)) {
    mkdirSync(dirname(join(d, k)), { recursive: true });
    writeFileSync(join(d, k), v);
  }
  return d;
}

describe('IaC detectors', () => {
  it('reads the AWS Cloud Control provider (awscc_*) like the aws provider, object attributes included', async () => {
    const d = tree({
      'main.tf': `resource "awscc_bedrock_agent" "helper" {
  agent_name       = "helper"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
}
resource "awscc_bedrock_agent" "guarded" {
  agent_name                  = "guarded"
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  customer_encryption_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  guardrail_configuration = {
    guardrail_identifier = awscc_bedrock_guardrail.g.id
    guardrail_version    = "1"
  }
}
resource "awscc_bedrock_guardrail" "g" {
  name = "g"
}
resource "awscc_bedrock_knowledge_base" "kb" {
  name = "manuals"
  knowledge_base_configuration = {
    type = "VECTOR"
    vector_knowledge_base_configuration = {
      embedding_model_arn = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
}`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const kinds = (k: string) =>
      r.assets
        .filter((a) => a.kind === k)
        .map((a) => a.name)
        .sort();
    assert.deepEqual(kinds('agent'), ['guarded', 'helper']);
    assert.deepEqual(kinds('vector-store'), ['manuals']);
    const noGuard = r.findings.filter((f) => f.ruleId === 'iac-bedrock-agent-no-guardrail');
    assert.deepEqual(
      noGuard.map((f) => f.location.line),
      [1],
      'only the agent without guardrail_configuration',
    );
    const kb = r.assets.find((a) => a.name === 'manuals')!;
    assert.ok(r.relations.some((x) => x.from === kb.id && x.type === 'embeds-with'));
  });

  it('inventories the Bedrock, SageMaker and Kendra resource types found unmapped on real modules', async () => {
    const d = tree({
      'ai.tf': `resource "aws_bedrockagent_agent" "support" {
  agent_name       = "support"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
}
resource "aws_bedrockagent_agent_action_group" "refunds" {
  action_group_name = "refunds"
  agent_id          = aws_bedrockagent_agent.support.agent_id
  agent_version     = "DRAFT"
}
resource "awscc_bedrock_prompt" "triage" {
  name = "triage"
}
resource "awscc_bedrock_guardrail_version" "v1" {
  guardrail_identifier = "abc"
}
resource "aws_bedrock_provisioned_model_throughput" "pt" {
  provisioned_model_name = "claude-pt"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1"
  model_units            = 1
}
resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name = "customers"
}
resource "awscc_kendra_index" "docs" {
  name = "docs"
}
# Decoys: not AI resources, or not mapped.
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_kendra_thesaurus" "words" {
  name = "words"
}`,
      'stack.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Flow:
    Type: AWS::Bedrock::Flow
    Properties:
      Name: intake
  Component:
    Type: AWS::SageMaker::InferenceComponent
    Properties:
      InferenceComponentName: ranker
`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const products = r.assets
      .filter((a) => a.properties.product)
      .map((a) => `${a.kind}:${a.name}`)
      .sort();
    assert.deepEqual(products, [
      'agent:support',
      'cloud-ai-service:intake',
      'cloud-ai-service:v1',
      'dataset:customers',
      'inference-server:claude-pt',
      'inference-server:ranker',
      'prompt:triage',
      'tool:refunds',
      'vector-store:docs',
    ]);
    const byName = (n: string) => r.assets.find((a) => a.name === n)!;
    assert.ok(
      r.relations.some(
        (x) => x.from === byName('support').id && x.to === byName('refunds').id && x.type === 'uses-tool',
      ),
    );
    assert.ok(r.relations.some((x) => x.from === byName('claude-pt').id && x.type === 'serves'));
  });

  it('follows local module calls: variables passed in make checks provable; cycles and outside sources are reported', async () => {
    const openai = `resource "azurerm_cognitive_account" "openai" {
  name                          = var.name
  kind                          = "OpenAI"
  local_auth_enabled            = false
  customer_managed_key {
    key_vault_key_id = "k"
  }
  public_network_access_enabled = var.public_network_access_enabled
}
variable "name" {}
variable "public_network_access_enabled" {
  default = false
}`;
    const d = tree({
      'infra/main.tf': `module "openai" {
  source                        = "./modules/openai"
  name                          = "\${var.prefix}-oai"
  public_network_access_enabled = var.openai_public
}
module "private_openai" {
  source = "./modules/openai"
  name   = "private-oai"
}
module "shared" {
  source = "../../outside"
}`,
      'infra/variables.tf': `variable "openai_public" {
  default = true
}
variable "prefix" {
  default = "acme"
}`,
      'infra/modules/openai/main.tf': openai,
      'loop/a/main.tf': `module "b" {
  source = "../b"
}
resource "aws_bedrockagent_agent" "x" {
  agent_name       = "x"
  foundation_model = "m"
}`,
      'loop/b/main.tf': `module "a" {
  source = "../a"
}`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [terraformModulesCorrelator] });
    const pub = r.findings.filter((f) => f.ruleId === 'iac-public-network-access');
    // Only the instance whose caller passes openai_public (default true); the module's own default is false.
    assert.deepEqual(
      pub.map((f) => [f.location.path, f.evidence?.facts?.moduleCall]),
      [['infra/modules/openai/main.tf', 'infra/main.tf:1 module.openai']],
    );
    const account = r.assets.find((a) => a.kind === 'cloud-ai-service');
    assert.deepEqual(account?.properties.moduleInstances, [
      'infra/main.tf:1 module.openai',
      'infra/main.tf:6 module.private_openai',
    ]);
    const skipped = r.skipped.filter((s) => s.detector === 'iac-terraform-modules').map((s) => [s.path, s.detail]);
    assert.ok(
      skipped.some(([p, x]) => p === 'infra/main.tf' && /outside the scan root/.test(x ?? '')),
      JSON.stringify(skipped),
    );
    assert.ok(
      skipped.some(([p, x]) => p?.startsWith('loop/') && /module cycle/.test(x ?? '')),
      JSON.stringify(skipped),
    );
  });

  it('follows a called module through its locals (literal substitution only), not through expressions', async () => {
    const d = tree({
      'env/main.tf': `module "open" {
  source = "../modules/oai"
  public = true
}
module "conditional" {
  source = "../modules/oai_cond"
  public = true
}`,
      'modules/oai/main.tf': `locals {
  exposed = var.public
  flag    = local.exposed
}
resource "azurerm_cognitive_account" "openai" {
  name                          = "\${var.prefix}-oai"
  kind                          = "OpenAI"
  local_auth_enabled            = false
  customer_managed_key {
    key_vault_key_id = "k"
  }
  public_network_access_enabled = local.flag
}
variable "public" {}
variable "prefix" {
  default = "acme"
}`,
      // Decoy: the local is a conditional, which literal substitution does not decide.
      'modules/oai_cond/main.tf': `locals {
  flag = var.public && var.allow ? true : false
}
resource "azurerm_cognitive_account" "openai" {
  name                          = "cond-oai"
  kind                          = "OpenAI"
  local_auth_enabled            = false
  customer_managed_key {
    key_vault_key_id = "k"
  }
  public_network_access_enabled = local.flag
}
variable "public" {}
variable "allow" {
  default = false
}`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [terraformModulesCorrelator] });
    const pub = r.findings.filter((f) => f.ruleId === 'iac-public-network-access');
    assert.deepEqual(
      pub.map((f) => [f.location.path, f.evidence?.facts?.moduleCall]),
      [['modules/oai/main.tf', 'env/main.tf:1 module.open']],
    );
  });

  it('bounds locals that name themselves (each pass would double them)', () => {
    // A 100 KB self-doubling local would reach 25 MB in 8 passes; it stops at the 256 KiB / 4× bound.
    const big = 'x'.repeat(100_000);
    const ref = (x: string) => `$\{${x}}`; // a Terraform reference as hcl2json writes it
    const doc = { locals: [{ a: [ref('local.a'), ref('local.a'), big], b: ref('local.c'), c: `x-${ref('var.n')}` }] };
    const out = moduleLocals([{ doc }], new Map([['n', 7]]));
    assert.equal(out.get('c'), 'x-7');
    assert.equal(out.get('b'), 'x-7');
    assert.ok(JSON.stringify([...out]).length <= 2 * 400 * 1024);
  });

  it('builds lineage from Terraform references across files of one module', async () => {
    const d = tree({
      'rag/kb.tf': `resource "aws_bedrockagent_knowledge_base" "kb" {
  name = "help-centre"
  knowledge_base_configuration {
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
}`,
      'rag/source.tf': `resource "aws_bedrockagent_data_source" "docs" {
  name              = "docs"
  knowledge_base_id = aws_bedrockagent_knowledge_base.kb.id
  data_source_configuration {
    s3_configuration { bucket_arn = "arn:aws:s3:::acme-help-centre" }
  }
}`,
      'ml/custom.tf': `resource "aws_bedrock_custom_model" "tuned" {
  custom_model_name     = "support-tuned"
  base_model_identifier = "amazon.titan-text-express-v1"
  training_data_config { s3_uri = "s3://acme-tickets/train.jsonl" }
}`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const byName = new Map(r.assets.map((a) => [a.name, a]));
    const kb = byName.get('help-centre')!;
    const src = r.assets.find((a) => a.properties.resourceName === 'docs')!;
    const bucket = byName.get('arn:aws:s3:::acme-help-centre')!;
    const has = (from: string, type: string, to: string) =>
      r.relations.some((x) => x.from === from && x.type === type && x.to === to);
    assert.ok(has(src.id, 'writes-to', kb.id), 'data source feeds the knowledge base');
    assert.ok(has(src.id, 'reads-from', bucket.id), 'data source reads the bucket');
    assert.ok(has(kb.id, 'embeds-with', byName.get('amazon.titan-embed-text-v2:0')!.id));
    const tuned = r.assets.find((a) => a.properties.resourceName === 'tuned')!;
    assert.ok(has(tuned.id, 'trained-on', byName.get('s3://acme-tickets/train.jsonl')!.id));
    assert.ok(has(tuned.id, 'fine-tuned-from', byName.get('amazon.titan-text-express-v1')!.id));
  });

  it('resolves CloudFormation !Ref / !GetAtt between resources and keeps intrinsic values unevaluated', async () => {
    const d = tree({
      'stack.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointConfigName: !GetAtt Config.EndpointConfigName
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: !Ref MlKey
      ProductionVariants:
        - ModelName: !Ref Model
          VariantName: main
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      PrimaryContainer:
        Image: !Sub "\${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/chat:1"
        ModelDataUrl: s3://acme-models/chat/model.tar.gz
`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    assert.deepEqual(r.errors, []);
    const id = (n: string) => r.assets.find((a) => a.properties.resourceName === n)!.id;
    assert.ok(r.relations.some((x) => x.from === id('Endpoint') && x.to === id('Config')));
    assert.ok(r.relations.some((x) => x.from === id('Config') && x.to === id('Model') && x.type === 'uses-model'));
    assert.equal(
      r.findings.filter((f) => f.ruleId === 'iac-no-customer-managed-key').length,
      0,
      'KmsKeyId set via !Ref',
    );
  });

  it('reports templates that do not parse with file and reason, and scans the rest', async () => {
    const d = tree({
      'broken.tf': 'resource "aws_sagemaker_notebook_instance" "x" {\n  name = \n}\n',
      'broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n',
      'k8s/bad.yaml': 'apiVersion: v1\nkind: Pod\nspec: {containers: [\n',
      'ok.tf': 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "ok"\n}\n',
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const errs = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    assert.match(errs['broken.tf']!.message, /HCL does not parse/);
    assert.match(errs['broken.yaml']!.message, /CloudFormation template does not parse/);
    assert.match(errs['k8s/bad.yaml']!.message, /YAML does not parse/);
    assert.ok(r.findings.some((f) => f.ruleId === 'iac-notebook-internet-root' && f.location.path === 'ok.tf'));
  });

  it('reports Helm templates as not rendered instead of guessing, and analyses the values file', async () => {
    const d = tree({
      'charts/llm/templates/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
      'charts/llm/values.yaml': 'image:\n  repository: vllm/vllm-openai\n  tag: latest\ningress:\n  enabled: true\n',
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    assert.ok(
      r.skipped.some(
        (s) =>
          s.path === 'charts/llm/templates/deployment.yaml' &&
          s.reason === 'unsupported-format' &&
          /not rendered/.test(s.detail ?? ''),
      ),
    );
    const rules = r.findings.map((f) => f.ruleId).sort();
    assert.deepEqual(rules, ['iac-ai-image-mutable-tag', 'iac-ai-server-exposed-no-auth']);
    assert.equal(r.assets.find((a) => a.kind === 'inference-server')?.properties.exposure, 'internet');
  });

  it('a model deployed on a cloud AI service has the same hosting property as a code-side model', async () => {
    const d = tree({
      'a.tf':
        'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"\n}\n',
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const m = r.assets.find((a) => a.kind === 'model');
    assert.equal(m?.properties.hosting, 'hosted-api');
    assert.equal(m?.properties.hosted, undefined, 'one property, not hosted: true beside hosting');
  });

  it('reports Bedrock without invocation logging once for the estate', async () => {
    const d = tree({
      'a.tf': 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  foundation_model = "m"\n}\n',
      'b.tf': 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n',
    });
    const r = await scan({ paths: [d], detectors, correlators: [bedrockLoggingCorrelator] });
    const once = r.findings.filter((f) => f.ruleId === 'iac-bedrock-invocation-logging-off');
    assert.equal(once.length, 1);
    // One more Bedrock resource changes the count in the message, not the finding's fingerprint.
    const d2 = tree({
      'a.tf': 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  foundation_model = "m"\n}\n',
      'b.tf':
        'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\nresource "aws_bedrock_guardrail" "h" {\n  name = "h"\n}\n',
    });
    const r2 = await scan({ paths: [d2], detectors, correlators: [bedrockLoggingCorrelator] });
    const again = r2.findings.find((f) => f.ruleId === 'iac-bedrock-invocation-logging-off')!;
    assert.notEqual(again.message, once[0]!.message);
    assert.equal(again.fingerprint, once[0]!.fingerprint);
  });

  it('parses image references, including registry ports and digests', () => {
    assert.deepEqual(parseImage('registry.local:5000/vllm/vllm-openai'), {
      name: 'registry.local:5000/vllm/vllm-openai',
    });
    assert.deepEqual(parseImage('ollama/ollama:0.3.12'), { name: 'ollama/ollama', tag: '0.3.12' });
    assert.equal(isMutableTag('registry.local:5000/ollama/ollama'), true);
    assert.equal(isMutableTag('ollama/ollama:latest'), true);
    assert.equal(isMutableTag('ollama/ollama:0.3.12'), false);
    assert.equal(isMutableTag('ollama/ollama@sha256:abc'), false);
  });

  it('a CloudFormation property named "__proto__" is a property, not the source of the others', async () => {
    // Direct internet and root access are on when not set: values under "__proto__" must not stand in.
    const shadow = `{"DirectInternetAccess": "Disabled", "RootAccess": "Disabled"}`;
    const d = tree({
      'nb.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Nb": {"Type": "AWS::SageMaker::NotebookInstance",
        "Properties": {"InstanceType": "ml.t3.medium", "RoleArn": "arn:aws:iam::1:role/r", "__proto__": ${shadow}}}}}`,
      'nb.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Nb:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      __proto__: ${shadow}
`,
    });
    const r = await scan({ paths: [d], detectors, correlators: [] });
    const hits = r.findings.filter((f) => f.ruleId === 'iac-notebook-internet-root').map((f) => f.location.path);
    assert.deepEqual(hits.sort(), ['nb.json', 'nb.yaml']);
  });
});
