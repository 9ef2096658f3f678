// Whether a URI could be one a resource template (RFC 6570, as MCP's resources/templates/list gives
// them) expands to, for refusing resources/read of a URI under a template the proxy withheld. Every
// expression (`{id}`, `{+path}`, `{?q,lang}`, ...) is read as "any text, possibly empty", whatever its
// operator: wider than RFC 6570 (a simple `{id}` would not expand to a `/`), which errs towards
// refusing, the safe side for a withheld template. Matching is literal segments found left to right
// with indexOf (leftmost placement is optimal when every gap accepts anything): no regex, no
// backtracking, linear in practice on hostile input.

/** Templates and URIs longer than these are not matched: the URI then matches (refused), never passes. */
const MAX_TEMPLATE = 4096;
const MAX_URI = 64 * 1024;

/** The literal parts of a template, in order, between its expressions; undefined when too long. */
export function templateLiterals(template: string): string[] | undefined {
  if (template.length > MAX_TEMPLATE) return undefined;
  const parts: string[] = [];
  let lit = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = open === -1 ? -1 : template.indexOf('}', open + 1);
    if (open === -1 || close === -1) {
      // No (closed) expression left: the rest is literal.
      lit += template.slice(i);
      break;
    }
    lit += template.slice(i, open);
    parts.push(lit);
    lit = '';
    i = close + 1;
  }
  parts.push(lit);
  return parts;
}

/** True when `uri` fits `template` (see the header for how loosely). */
export function matchesTemplate(uri: string, template: string): boolean {
  const parts = templateLiterals(template);
  if (parts === undefined || uri.length > MAX_URI) return true;
  if (parts.length === 1) return uri === parts[0];
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (first.length + last.length > uri.length || !uri.startsWith(first) || !uri.endsWith(last)) return false;
  let at = first.length;
  const end = uri.length - last.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const p = parts[k] as string;
    if (p === '') continue;
    const found = uri.indexOf(p, at);
    if (found === -1 || found + p.length > end) return false;
    at = found + p.length;
  }
  return true;
}
