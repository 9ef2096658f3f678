// Keras model configs (.keras config.json, the model_config attribute of .h5 files): Lambda layers
// carry Python bytecode or source that runs on load/call, and custom objects pull in code from
// outside Keras. Walks the parsed JSON iteratively with node and depth bounds.

export interface KerasIssue {
  kind: 'lambda' | 'custom-object';
  layer: string;
  className: string;
  module: string | undefined;
  message: string;
}

const KERAS_MODULES =
  /^(keras|tf_keras|tensorflow|tensorflow\.keras|keras_core|keras_nlp|keras_hub|keras_cv|builtins)(\.|$)/;

export function checkKerasConfig(config: unknown, maxNodes = 200_000): KerasIssue[] {
  const issues: KerasIssue[] = [];
  const stack: Array<{ v: unknown; layer: string; depth: number }> = [{ v: config, layer: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && nodes++ < maxNodes) {
    const { v, layer, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object' || depth > 200) continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, layer, depth: depth + 1 });
      continue;
    }
    const o = v as Record<string, unknown>;
    const cls = typeof o.class_name === 'string' ? o.class_name : undefined;
    const cfg = o.config as Record<string, unknown> | undefined;
    const name = typeof cfg?.name === 'string' ? cfg.name : layer;
    if (cls !== undefined) {
      const module = typeof o.module === 'string' ? o.module : undefined;
      const registered = typeof o.registered_name === 'string' ? o.registered_name : undefined;
      if (cls === 'Lambda' || cls === '__lambda__' || (cfg && cfg.function_type === 'lambda')) {
        issues.push({
          kind: 'lambda',
          layer: name,
          className: cls,
          module,
          message: `Keras layer "${name}" (${cls}) embeds Python code that runs when the model is loaded or called`,
        });
        continue; // its serialized function belongs to the same finding
      } else if ((module !== undefined && !KERAS_MODULES.test(module)) || registered?.includes('>')) {
        issues.push({
          kind: 'custom-object',
          layer: name,
          className: cls,
          module,
          message: `Keras object "${name}" uses custom class ${registered ?? cls}${module ? ` from module ${module}` : ''}, code outside Keras that loading imports`,
        });
      }
    }
    for (const x of Object.values(o))
      if (x !== null && typeof x === 'object') stack.push({ v: x, layer: name, depth: depth + 1 });
    if (issues.length > 100) break;
  }
  return issues;
}
