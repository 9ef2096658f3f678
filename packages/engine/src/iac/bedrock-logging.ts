// Cross-file check: an estate that declares Bedrock resources (agents, knowledge bases, custom
// models, guardrails) but no model-invocation logging configuration anywhere in the scan.
import type { Correlator, FindingDraft } from '@rampart/core';
import { BEDROCK_LOGGING_TYPE } from './cloud-services.js';

export const bedrockLoggingCorrelator: Correlator = {
  id: 'iac-bedrock-logging',
  version: '1',
  description: 'Bedrock used in IaC without model invocation logging',
  run(result) {
    const bedrock = result.assets.filter(
      (a) => a.provider === 'aws-bedrock' && typeof a.properties.resourceType === 'string',
    );
    if (bedrock.length === 0) return {};
    if (bedrock.some((a) => a.properties.resourceType === BEDROCK_LOGGING_TYPE)) return {};
    const first = [...bedrock].sort((a, b) =>
      (a.locations[0]?.path ?? '').localeCompare(b.locations[0]?.path ?? ''),
    )[0]!;
    const finding: FindingDraft = {
      ruleId: 'iac-bedrock-invocation-logging-off',
      assetId: first.id,
      location: first.locations[0] ?? { path: '.' },
      // One per scan; the message counts resources, which must not move the fingerprint.
      discriminator: 'bedrock-invocation-logging',
      message: `${bedrock.length} Bedrock resource(s) are declared but no aws_bedrock_model_invocation_logging_configuration exists in the scanned infrastructure: prompts and responses are not logged for investigation`,
      evidence: { facts: { bedrockResources: bedrock.map((a) => String(a.properties.resourceType)) } },
    };
    return { findings: [finding] };
  },
};
