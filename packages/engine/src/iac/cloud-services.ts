// Cloud AI services as data: which Terraform / CloudFormation resource types are AI services, what
// asset they become, and the posture checks that apply to them, with the provider's defaults (an
// attribute left out takes its default, which is often the insecure one).
import type { AssetKind } from '@rampart/core';
import { type IacResource, isExpression, prop, str, truthy } from './resource.js';

export interface Issue {
  ruleId: string;
  message: string;
}

export interface ServiceSpec {
  kind: AssetKind;
  provider: string;
  product: string;
  /** Property naming the asset when the resource's own name is less telling (a deployment's model). */
  nameProp?: string;
  /** Property holding a model id this resource uses, serves or is fine-tuned from. */
  model?: { prop: string; relation: 'uses-model' | 'serves' | 'fine-tuned-from' | 'embeds-with' };
  /** Property holding a dataset location (S3/GCS/Blob URI) this resource reads or trains on. */
  dataset?: { prop: string; relation: 'trained-on' | 'retrieves-from' | 'reads-from' };
  /** Internet exposure as the template declares it; undefined when it cannot be told. */
  exposed?: (r: IacResource) => boolean | undefined;
  checks: Array<(r: IacResource) => Issue | undefined>;
}

/** The same spec under several resource types (Terraform aws provider and CloudFormation names). */
const rowsFor = (types: readonly string[], spec: ServiceSpec): Array<[string, ServiceSpec]> =>
  types.map((t) => [t, spec]);

const label = (r: IacResource) => `${r.type} "${r.name}"`;

/** An attribute that is enabled unless set to false: true when absent (the provider default). */
function enabledByDefault(r: IacResource, path: string): boolean {
  const v = prop(r, path);
  if (v === undefined) return true;
  if (isExpression(v)) return false; // resolved at apply time: not provable from the template
  return truthy(v) !== false;
}

const noCmk =
  (...paths: string[]) =>
  (r: IacResource): Issue | undefined =>
    paths.some((p) => prop(r, p) !== undefined)
      ? undefined
      : {
          ruleId: 'iac-no-customer-managed-key',
          message: `${label(r)} is encrypted with a provider-managed key only (no ${paths[0]})`,
        };

const publicWhen =
  (test: (r: IacResource) => boolean, what: string) =>
  (r: IacResource): Issue | undefined =>
    test(r) ? { ruleId: 'iac-public-network-access', message: `${label(r)}: ${what}` } : undefined;

const azurePublic = (r: IacResource) =>
  enabledByDefault(r, 'public_network_access_enabled') && str(prop(r, 'network_acls.default_action')) !== 'Deny';

const sagemakerNotebook: ServiceSpec = {
  kind: 'cloud-ai-service',
  provider: 'aws-sagemaker',
  product: 'SageMaker notebook instance',
  checks: [
    (r) => {
      const internet =
        str(prop(r, 'direct_internet_access')) !== 'Disabled' && !isExpression(prop(r, 'direct_internet_access'));
      const root = str(prop(r, 'root_access')) !== 'Disabled' && !isExpression(prop(r, 'root_access'));
      if (!internet && !root) return undefined;
      const parts = [internet ? 'direct internet access' : '', root ? 'root access for users' : ''].filter(Boolean);
      return {
        ruleId: 'iac-notebook-internet-root',
        message: `${label(r)} has ${parts.join(' and ')} (the defaults when not set)`,
      };
    },
    noCmk('kms_key_id'),
  ],
};

const sagemakerDomain: ServiceSpec = {
  kind: 'cloud-ai-service',
  provider: 'aws-sagemaker',
  product: 'SageMaker domain',
  exposed: (r) => (str(prop(r, 'app_network_access_type')) ?? 'PublicInternetOnly') === 'PublicInternetOnly',
  checks: [
    publicWhen(
      (r) => (str(prop(r, 'app_network_access_type')) ?? 'PublicInternetOnly') === 'PublicInternetOnly',
      'app_network_access_type is PublicInternetOnly (the default): Studio traffic goes over the internet, not your VPC',
    ),
    noCmk('kms_key_id'),
  ],
};

const bedrockAgent: ServiceSpec = {
  kind: 'agent',
  provider: 'aws-bedrock',
  product: 'Bedrock agent',
  model: { prop: 'foundation_model', relation: 'uses-model' },
  checks: [
    (r) =>
      prop(r, 'guardrail_configuration') === undefined
        ? {
            ruleId: 'iac-bedrock-agent-no-guardrail',
            message: `${label(r)} has no guardrail_configuration: its inputs and outputs are not filtered`,
          }
        : undefined,
    noCmk('customer_encryption_key_arn'),
  ],
};

const azureCognitive: ServiceSpec = {
  kind: 'cloud-ai-service',
  provider: 'azure-openai',
  product: 'Azure OpenAI / AI Services account',
  exposed: azurePublic,
  checks: [
    publicWhen(azurePublic, 'public network access is enabled (the default) and network ACLs do not deny by default'),
    (r) =>
      enabledByDefault(r, 'local_auth_enabled')
        ? {
            ruleId: 'iac-local-auth-enabled',
            message: `${label(r)} accepts API keys (local_auth_enabled defaults to true); use Entra ID only`,
          }
        : undefined,
    noCmk('customer_managed_key'),
  ],
};

const azureMl: ServiceSpec = {
  kind: 'cloud-ai-service',
  provider: 'azure-ml',
  product: 'Azure Machine Learning workspace',
  exposed: (r) => enabledByDefault(r, 'public_network_access_enabled'),
  checks: [
    publicWhen(
      (r) => enabledByDefault(r, 'public_network_access_enabled'),
      'public network access is enabled (the default)',
    ),
    noCmk('encryption'),
  ],
};

const vertexEndpoint: ServiceSpec = {
  kind: 'cloud-ai-service',
  provider: 'gcp-vertex-ai',
  product: 'Vertex AI endpoint',
  exposed: (r) => prop(r, 'network') === undefined && prop(r, 'private_service_connect_config') === undefined,
  checks: [
    publicWhen(
      (r) => prop(r, 'network') === undefined && prop(r, 'private_service_connect_config') === undefined,
      'no network or Private Service Connect: the endpoint is served publicly',
    ),
    noCmk('encryption_spec'),
  ],
};

const AWS_SERVICES = new Map<string, ServiceSpec>([
  ['aws_sagemaker_notebook_instance', sagemakerNotebook],
  ['AWS::SageMaker::NotebookInstance', sagemakerNotebook],
  ['aws_sagemaker_domain', sagemakerDomain],
  ['AWS::SageMaker::Domain', sagemakerDomain],
  [
    'aws_sagemaker_endpoint',
    { kind: 'inference-server', provider: 'aws-sagemaker', product: 'SageMaker endpoint', checks: [] },
  ],
  [
    'AWS::SageMaker::Endpoint',
    { kind: 'inference-server', provider: 'aws-sagemaker', product: 'SageMaker endpoint', checks: [] },
  ],
  [
    'aws_sagemaker_endpoint_configuration',
    {
      kind: 'cloud-ai-service',
      provider: 'aws-sagemaker',
      product: 'SageMaker endpoint configuration',
      checks: [noCmk('kms_key_arn')],
    },
  ],
  [
    'AWS::SageMaker::EndpointConfig',
    {
      kind: 'cloud-ai-service',
      provider: 'aws-sagemaker',
      product: 'SageMaker endpoint configuration',
      checks: [noCmk('kms_key_id')],
    },
  ],
  [
    'aws_sagemaker_model',
    {
      kind: 'model',
      provider: 'aws-sagemaker',
      product: 'SageMaker model',
      dataset: { prop: 'primary_container.model_data_url', relation: 'reads-from' },
      checks: [],
    },
  ],
  [
    'AWS::SageMaker::Model',
    {
      kind: 'model',
      provider: 'aws-sagemaker',
      product: 'SageMaker model',
      dataset: { prop: 'primary_container.model_data_url', relation: 'reads-from' },
      checks: [],
    },
  ],
  ['aws_bedrockagent_agent', bedrockAgent],
  ['AWS::Bedrock::Agent', bedrockAgent],
  [
    'aws_bedrock_guardrail',
    { kind: 'cloud-ai-service', provider: 'aws-bedrock', product: 'Bedrock guardrail', checks: [] },
  ],
  [
    'AWS::Bedrock::Guardrail',
    { kind: 'cloud-ai-service', provider: 'aws-bedrock', product: 'Bedrock guardrail', checks: [] },
  ],
  [
    'aws_bedrockagent_knowledge_base',
    {
      kind: 'vector-store',
      provider: 'aws-bedrock',
      product: 'Bedrock knowledge base',
      model: {
        prop: 'knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_arn',
        relation: 'embeds-with',
      },
      checks: [],
    },
  ],
  [
    'AWS::Bedrock::KnowledgeBase',
    {
      kind: 'vector-store',
      provider: 'aws-bedrock',
      product: 'Bedrock knowledge base',
      model: {
        prop: 'knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_arn',
        relation: 'embeds-with',
      },
      checks: [],
    },
  ],
  [
    'aws_bedrockagent_data_source',
    {
      kind: 'dataset',
      provider: 'aws-bedrock',
      product: 'Bedrock knowledge base data source',
      dataset: { prop: 'data_source_configuration.s3_configuration.bucket_arn', relation: 'reads-from' },
      checks: [],
    },
  ],
  [
    'AWS::Bedrock::DataSource',
    {
      kind: 'dataset',
      provider: 'aws-bedrock',
      product: 'Bedrock knowledge base data source',
      dataset: { prop: 'data_source_configuration.s3_configuration.bucket_arn', relation: 'reads-from' },
      checks: [],
    },
  ],
  [
    'aws_bedrock_custom_model',
    {
      kind: 'model',
      provider: 'aws-bedrock',
      product: 'Bedrock custom model',
      model: { prop: 'base_model_identifier', relation: 'fine-tuned-from' },
      dataset: { prop: 'training_data_config.s3_uri', relation: 'trained-on' },
      checks: [noCmk('custom_model_kms_key_id')],
    },
  ],
  [
    'aws_bedrock_model_invocation_logging_configuration',
    { kind: 'cloud-ai-service', provider: 'aws-bedrock', product: 'Bedrock model invocation logging', checks: [] },
  ],
  // Bedrock pieces found unmapped on aws-ia/terraform-aws-bedrock (issue 6 re-measure): inventory
  // rows; the posture checks stay on the agent, guardrail and knowledge base.
  ...rowsFor(['aws_bedrockagent_agent_action_group'], {
    kind: 'tool',
    provider: 'aws-bedrock',
    product: 'Bedrock agent action group',
    nameProp: 'action_group_name',
    checks: [],
  }),
  ...rowsFor(['aws_bedrockagent_agent_alias', 'AWS::Bedrock::AgentAlias'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock agent alias',
    nameProp: 'agent_alias_name',
    checks: [],
  }),
  ...rowsFor(['aws_bedrockagent_agent_collaborator'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock agent collaborator',
    nameProp: 'collaborator_name',
    checks: [],
  }),
  ...rowsFor(['aws_bedrockagent_agent_knowledge_base_association'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock agent knowledge base association',
    checks: [],
  }),
  ...rowsFor(['aws_bedrockagent_flow', 'AWS::Bedrock::Flow'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock flow',
    checks: [],
  }),
  ...rowsFor(['AWS::Bedrock::FlowVersion', 'AWS::Bedrock::FlowAlias'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock flow version or alias',
    checks: [],
  }),
  ...rowsFor(['aws_bedrockagent_prompt', 'AWS::Bedrock::Prompt', 'AWS::Bedrock::PromptVersion'], {
    kind: 'prompt',
    provider: 'aws-bedrock',
    product: 'Bedrock managed prompt',
    checks: [],
  }),
  ...rowsFor(['aws_bedrock_guardrail_version', 'AWS::Bedrock::GuardrailVersion'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock guardrail version',
    checks: [],
  }),
  ...rowsFor(['aws_bedrock_provisioned_model_throughput'], {
    kind: 'inference-server',
    provider: 'aws-bedrock',
    product: 'Bedrock provisioned throughput',
    nameProp: 'provisioned_model_name',
    model: { prop: 'model_arn', relation: 'serves' },
    checks: [],
  }),
  ...rowsFor(['aws_bedrock_inference_profile', 'AWS::Bedrock::ApplicationInferenceProfile'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock inference profile',
    checks: [],
  }),
  ...rowsFor(['AWS::Bedrock::DataAutomationProject', 'AWS::Bedrock::Blueprint'], {
    kind: 'cloud-ai-service',
    provider: 'aws-bedrock',
    product: 'Bedrock Data Automation',
    checks: [],
  }),
  ...rowsFor(['aws_sagemaker_feature_group', 'AWS::SageMaker::FeatureGroup'], {
    kind: 'dataset',
    provider: 'aws-sagemaker',
    product: 'SageMaker feature group',
    nameProp: 'feature_group_name',
    checks: [],
  }),
  ...rowsFor(['aws_sagemaker_model_package_group', 'AWS::SageMaker::ModelPackageGroup'], {
    kind: 'model',
    provider: 'aws-sagemaker',
    product: 'SageMaker model package group (model registry)',
    nameProp: 'model_package_group_name',
    checks: [],
  }),
  ...rowsFor(['AWS::SageMaker::InferenceComponent'], {
    kind: 'inference-server',
    provider: 'aws-sagemaker',
    product: 'SageMaker inference component',
    nameProp: 'inference_component_name',
    checks: [],
  }),
  ...rowsFor(['aws_kendra_index', 'AWS::Kendra::Index'], {
    kind: 'vector-store',
    provider: 'aws-kendra',
    product: 'Kendra index',
    checks: [],
  }),
  ...rowsFor(['aws_kendra_data_source', 'AWS::Kendra::DataSource'], {
    kind: 'dataset',
    provider: 'aws-kendra',
    product: 'Kendra data source',
    checks: [],
  }),
  ['azurerm_cognitive_account', azureCognitive],
  ['azurerm_ai_services', azureCognitive],
  [
    'azurerm_cognitive_deployment',
    {
      kind: 'model',
      provider: 'azure-openai',
      product: 'Azure OpenAI deployment',
      nameProp: 'model.name',
      checks: [],
    },
  ],
  ['azurerm_machine_learning_workspace', azureMl],
  [
    'azurerm_search_service',
    {
      kind: 'vector-store',
      provider: 'azure-ai-search',
      product: 'Azure AI Search',
      exposed: (r) => enabledByDefault(r, 'public_network_access_enabled'),
      checks: [
        publicWhen(
          (r) => enabledByDefault(r, 'public_network_access_enabled'),
          'public network access is enabled (the default)',
        ),
        (r) =>
          enabledByDefault(r, 'local_authentication_enabled')
            ? {
                ruleId: 'iac-local-auth-enabled',
                message: `${label(r)} accepts admin/query API keys (local_authentication_enabled defaults to true)`,
              }
            : undefined,
      ],
    },
  ],
  ['google_vertex_ai_endpoint', vertexEndpoint],
  [
    'google_vertex_ai_index_endpoint',
    {
      kind: 'vector-store',
      provider: 'gcp-vertex-ai',
      product: 'Vertex AI vector search endpoint',
      exposed: (r) => truthy(prop(r, 'public_endpoint_enabled')) === true,
      checks: [
        publicWhen((r) => truthy(prop(r, 'public_endpoint_enabled')) === true, 'public_endpoint_enabled is true'),
      ],
    },
  ],
  [
    'google_vertex_ai_dataset',
    { kind: 'dataset', provider: 'gcp-vertex-ai', product: 'Vertex AI dataset', checks: [noCmk('encryption_spec')] },
  ],
  [
    'google_workbench_instance',
    {
      kind: 'cloud-ai-service',
      provider: 'gcp-vertex-ai',
      product: 'Vertex AI Workbench instance',
      checks: [
        publicWhen(
          (r) => truthy(prop(r, 'gce_setup.disable_public_ip')) !== true,
          'the instance has a public IP (gce_setup.disable_public_ip is not true)',
        ),
      ],
    },
  ],
  [
    'google_notebooks_instance',
    {
      kind: 'cloud-ai-service',
      provider: 'gcp-vertex-ai',
      product: 'Vertex AI notebook instance',
      checks: [
        publicWhen(
          (r) => truthy(prop(r, 'no_public_ip')) !== true,
          'the instance has a public IP (no_public_ip is not true)',
        ),
      ],
    },
  ],
]);

/**
 * The AWS Cloud Control provider (awscc_*) mirrors CloudFormation with snake_case attributes, which
 * are the same names the aws provider uses for these resources (guardrail_configuration,
 * customer_encryption_key_arn, knowledge_base_configuration...), so the same specs apply.
 */
const AWSCC_ALIASES: ReadonlyArray<readonly [awscc: string, aws: string]> = [
  ['awscc_bedrock_agent', 'aws_bedrockagent_agent'],
  ['awscc_bedrock_guardrail', 'aws_bedrock_guardrail'],
  ['awscc_bedrock_knowledge_base', 'aws_bedrockagent_knowledge_base'],
  ['awscc_bedrock_data_source', 'aws_bedrockagent_data_source'],
  ['awscc_sagemaker_endpoint', 'aws_sagemaker_endpoint'],
  ['awscc_sagemaker_model', 'aws_sagemaker_model'],
  ['awscc_sagemaker_domain', 'aws_sagemaker_domain'],
  ['awscc_bedrock_agent_alias', 'aws_bedrockagent_agent_alias'],
  ['awscc_bedrock_flow', 'aws_bedrockagent_flow'],
  ['awscc_bedrock_flow_version', 'AWS::Bedrock::FlowVersion'],
  ['awscc_bedrock_flow_alias', 'AWS::Bedrock::FlowAlias'],
  ['awscc_bedrock_prompt', 'aws_bedrockagent_prompt'],
  ['awscc_bedrock_prompt_version', 'AWS::Bedrock::PromptVersion'],
  ['awscc_bedrock_guardrail_version', 'aws_bedrock_guardrail_version'],
  ['awscc_bedrock_application_inference_profile', 'aws_bedrock_inference_profile'],
  ['awscc_bedrock_data_automation_project', 'AWS::Bedrock::DataAutomationProject'],
  ['awscc_bedrock_blueprint', 'AWS::Bedrock::Blueprint'],
  ['awscc_sagemaker_feature_group', 'aws_sagemaker_feature_group'],
  ['awscc_sagemaker_model_package_group', 'aws_sagemaker_model_package_group'],
  ['awscc_sagemaker_inference_component', 'AWS::SageMaker::InferenceComponent'],
  ['awscc_kendra_index', 'aws_kendra_index'],
  ['awscc_kendra_data_source', 'aws_kendra_data_source'],
];

export const CLOUD_SERVICES: ReadonlyMap<string, ServiceSpec> = new Map<string, ServiceSpec>([
  ...AWS_SERVICES,
  ...AWSCC_ALIASES.flatMap(([cc, aws]) => {
    const spec = AWS_SERVICES.get(aws);
    return spec ? [[cc, spec] as const] : [];
  }),
]);

export const BEDROCK_LOGGING_TYPE = 'aws_bedrock_model_invocation_logging_configuration';
