// Redaction of secrets for reports and logs. Reports show enough to recognise a credential
// (prefix, length) but never enough to use it.

/** "sk-proj-AbCd…(51 chars)" style: keeps at most a 4-character known prefix beyond separators. */
export function redactSecret(secret: string): string {
  const m = /^([A-Za-z]{2,8}[-_](?:[A-Za-z]{2,8}[-_])?)/.exec(secret);
  const prefix = m?.[1] ?? '';
  const keep = Math.min(4, Math.max(0, secret.length - prefix.length - 8));
  return `${prefix}${secret.slice(prefix.length, prefix.length + keep)}…[redacted ${secret.length} chars]`;
}

/** Replace every occurrence of each secret in `text` by its redacted form. */
export function redactIn(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length === 0) continue;
    out = out.split(s).join(redactSecret(s));
  }
  return out;
}
