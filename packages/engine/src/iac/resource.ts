// One shape for a cloud resource whatever template declared it (Terraform or CloudFormation), so the
// AI-service checks are written once. Property names are normalised to snake_case.
export interface IacResource {
  /** Provider resource type, e.g. aws_sagemaker_notebook_instance or AWS::SageMaker::NotebookInstance. */
  type: string;
  /** Logical name in the template. */
  name: string;
  /** Properties with snake_case keys; nested blocks are objects or arrays of objects. */
  props: Record<string, unknown>;
  path: string;
  line?: number;
  source: 'terraform' | 'cloudformation';
}

/** CamelCase / PascalCase -> snake_case, recursively (CloudFormation properties). */
export function snakeKeys(v: unknown, depth = 0): unknown {
  if (depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => snakeKeys(x, depth + 1));
  if (v !== null && typeof v === 'object') {
    // defineProperty: `out["__proto__"] = x` would make x the prototype, and a template could then
    // supply any property it does not set (prop() reads inherited keys) from under "__proto__".
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const key =
        k.startsWith('Fn::') || k === 'Ref'
          ? k
          : k
              .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
              .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
              .toLowerCase();
      Object.defineProperty(out, key, {
        value: snakeKeys(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

/** Read a dotted path; Terraform blocks are arrays of one object, so arrays are entered at [0]. */
export function prop(r: IacResource | Record<string, unknown>, path: string): unknown {
  let cur: unknown = 'props' in r && 'type' in r ? (r as IacResource).props : r;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return Array.isArray(cur) && cur.length === 1 && typeof cur[0] === 'object' ? cur[0] : cur;
}

/** Terraform/CloudFormation booleans arrive as true, "true", "Enabled"… */
export function truthy(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', 'enabled', 'yes', '1'].includes(s)) return true;
  if (['false', 'disabled', 'no', '0'].includes(s)) return false;
  return undefined; // an expression we cannot resolve statically
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** An unresolved Terraform interpolation or CloudFormation intrinsic. */
export function isExpression(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('${');
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::'))
  );
}
