// Rules as data. A rule file (rules/<area>/<id>.yaml) carries everything a finding needs to
// explain itself: title, severity, maturity, remediation, references and framework mappings.
// The `match` block is detector-specific configuration the detector reads at run time.
import { z } from 'zod';
import { TextRoleSchema } from './decision.js';
import { FrameworkMappingSchema } from './frameworks.js';
import { SeveritySchema } from './severity.js';

export const MATURITIES = ['stable', 'incubating', 'experimental'] as const;
export const MaturitySchema = z.enum(MATURITIES);
export type Maturity = z.infer<typeof MaturitySchema>;

/**
 * What happens to a finding of this rule whose location is test code (see code-context.ts):
 * `report` it like any other, or `suppress` it (kept in the report, marked suppressed, never
 * failing a CI gate; `--include-test-code` reports it). Absent means `report`, so a new rule never
 * hides anything it was not told to.
 */
export const TEST_CODE_HANDLING = ['report', 'suppress'] as const;
export const TestCodeHandlingSchema = z.enum(TEST_CODE_HANDLING);
export type TestCodeHandling = z.infer<typeof TestCodeHandlingSchema>;

export const RULE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

export const RuleSchema = z
  .object({
    id: z
      .string()
      .regex(RULE_ID_PATTERN, 'rule ids are kebab-case, starting with their area, e.g. code-torch-load-unsafe'),
    /** Former ids; suppressions and baselines that name an alias still apply. */
    aliases: z.array(z.string()).optional(),
    title: z.string().min(5).max(120),
    description: z.string().min(10),
    severity: SeveritySchema,
    maturity: MaturitySchema,
    /** Which detector emits this rule (its registry id). */
    detector: z.string().min(1),
    remediation: z.string().min(10),
    references: z.array(z.string().url()).default([]),
    frameworks: FrameworkMappingSchema,
    tags: z.array(z.string()).optional(),
    /**
     * Findings located in test code: `suppress` where the risk lives in deployed code (agent
     * capabilities, posture, configuration), `report` where it bites wherever the file sits (secrets,
     * unsafe model files, vulnerable packages). Absent: report.
     */
    testCode: TestCodeHandlingSchema.optional(),
    /** Detector-specific match configuration. */
    match: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;

/**
 * A fixture beside each rule: cases that must and must not produce the rule.
 * `files` are written to a temporary scan root (value is text, or {base64}/{hex} for binary);
 * `text` cases run the runtime detector pipeline with the given role.
 */
export const FixtureFileSchema = z.union([
  z.string(),
  z.object({ base64: z.string() }).strict(),
  z.object({ hex: z.string() }).strict(),
]);
export const FixtureCaseSchema = z
  .object({
    name: z.string().min(1),
    expect: z.enum(['match', 'no-match']),
    files: z.record(z.string(), FixtureFileSchema).optional(),
    text: z.string().optional(),
    role: TextRoleSchema.optional(),
    /** For `match`: the path (and optionally line) the finding must point at. */
    at: z.object({ path: z.string(), line: z.number().int().positive().optional() }).strict().optional(),
    /** Extra scan options for this case, e.g. {"toolsJson": "tools.json"}. */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((c) => (c.files === undefined) !== (c.text === undefined), 'a case has either files or text');
export const RuleFixtureSchema = z
  .object({ rule: z.string(), cases: z.array(FixtureCaseSchema).min(2) })
  .strict()
  .refine((f) => f.cases.some((c) => c.expect === 'match') && f.cases.some((c) => c.expect === 'no-match'), {
    message: 'a fixture needs at least one match and one no-match case',
  });
export type RuleFixture = z.infer<typeof RuleFixtureSchema>;
export type FixtureCase = z.infer<typeof FixtureCaseSchema>;
