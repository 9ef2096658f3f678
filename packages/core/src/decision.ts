// Runtime policy decisions. Every decision is logged with the policy revision that made it.
import { z } from 'zod';

export const EFFECTS = ['allow', 'deny', 'redact', 'require-approval'] as const;
export const EffectSchema = z.enum(EFFECTS);
export type Effect = z.infer<typeof EffectSchema>;

export const DecisionSchema = z
  .object({
    id: z.string().min(1),
    effect: EffectSchema,
    reasons: z.array(
      z.object({ policyId: z.string().optional(), ruleId: z.string().optional(), message: z.string() }).strict(),
    ),
    policyRevision: z.string(),
    /** monitor: the effect is recorded but not applied. */
    mode: z.enum(['enforce', 'monitor']).default('enforce'),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * The texts a runtime detector sees, and where they came from. `assistant` is an earlier model turn
 * as a client sends it back (chat history, a prefill): the client wrote that copy, so it is input and
 * is checked like a user turn; `model-output` is what the model answers now.
 */
export const TEXT_ROLES = ['user', 'system', 'tool-result', 'retrieved-document', 'model-output', 'assistant'] as const;
export const TextRoleSchema = z.enum(TEXT_ROLES);
export type TextRole = z.infer<typeof TextRoleSchema>;
