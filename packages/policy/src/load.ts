// Loads a policy document: YAML -> zod validation -> compiled revision. Every failure is a
// ConfigError naming the file and line. The revision is the content hash of the file.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '@rampart/core';
import type { z } from 'zod';
import { type CompiledPolicy, compilePolicy } from './compile.js';
import { PolicyDocumentSchema } from './policy-schema.js';
import { MAX_POLICY_BYTES, parseYamlSource, type YamlSource } from './yaml-source.js';

/** `sha256:` + the first 16 hex digits of the SHA-256 of the policy text. */
export function policyRevision(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;
}

/** The first zod issue as `file:line: path: message`. */
export function zodConfigError(file: string, src: YamlSource, error: z.ZodError): ConfigError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const line = src.line(path);
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  const opts: { path: string; line?: number } = { path: file };
  if (line !== undefined) opts.line = line;
  return new ConfigError(`${file}${line ? `:${line}` : ''}: ${where}${issue?.message ?? 'invalid'}`, opts);
}

export function compilePolicyText(text: string, file = 'policy.yaml'): CompiledPolicy {
  const src = parseYamlSource(text, file);
  const parsed = PolicyDocumentSchema.safeParse(src.data);
  if (!parsed.success) throw zodConfigError(file, src, parsed.error);
  return compilePolicy(parsed.data, policyRevision(text), { file, line: src.line });
}

/** Reads a policy or policy-test file, refusing non-files and anything over MAX_POLICY_BYTES before reading. */
export async function readPolicyFile(path: string): Promise<string> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new ConfigError(`${path}: not a regular file`, { path });
    if (st.size > MAX_POLICY_BYTES) throw new ConfigError(`${path}: larger than ${MAX_POLICY_BYTES} bytes`, { path });
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: cannot read: ${e instanceof Error ? e.message : String(e)}`, { path, cause: e });
  }
}
