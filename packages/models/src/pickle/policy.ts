// Verdicts for the globals a pickle imports. Four tiers, most severe wins:
//  dangerous  - known code-execution, file, network or deserialization primitives (denylist);
//  suspicious - attribute walks through dunders, computed names, non-allowlisted standard-library
//               callables (where new scanner bypass gadgets keep being found);
//  unknown    - third-party callables we cannot vouch for (a scikit-learn estimator): flagged, lower;
//  safe       - tensor/array rebuild helpers and plain containers (allowlist).
// Module aliases (posix, nt, __builtin__, _operator...) are folded first so renames do not bypass.
import { NUMPY_SCALARS, SAFE_NAMES, TORCH_DTYPES } from './allowlist.js';
import { ALIASES, DANGEROUS_DUNDERS, DANGEROUS_MODULES, DANGEROUS_NAMES } from './denylist.js';
import { STDLIB_MODULES } from './stdlib-modules.js';

export type Verdict = 'dangerous' | 'suspicious' | 'unknown' | 'safe';

export function normalizeModule(module: string): string {
  const m = module.trim();
  const [head, ...rest] = m.split('.');
  // Own keys only: a module named "constructor" or "__proto__" is not an alias of Object.prototype's.
  const alias = head !== undefined && Object.hasOwn(ALIASES, head) ? ALIASES[head] : undefined;
  return alias ? [alias, ...rest].join('.') : m;
}

function underDangerousModule(module: string): boolean {
  const parts = module.split('.');
  for (let n = parts.length; n >= 1; n--) if (DANGEROUS_MODULES.has(parts.slice(0, n).join('.'))) return true;
  return false;
}

export interface GlobalVerdict {
  verdict: Verdict;
  /** Normalized "module.name". */
  qualified: string;
  reason: string;
}

export function classifyGlobal(module: string, name: string): GlobalVerdict {
  if (module === '?' && name === '?') {
    return { verdict: 'suspicious', qualified: '?', reason: 'global name computed at load time' };
  }
  const mod = normalizeModule(module);
  const trimmed = name.trim();
  const qualified = `${mod}.${trimmed}`;
  const attrs = trimmed.split('.');
  // Protocol 4+ resolves dotted names attribute by attribute: each prefix is itself a callable.
  for (let n = 1; n <= attrs.length; n++) {
    const q = `${mod}.${attrs.slice(0, n).join('.')}`;
    if (DANGEROUS_NAMES.has(q))
      return { verdict: 'dangerous', qualified, reason: `${q} is a known dangerous callable` };
  }
  // A dotted name can reach a module another module imported (pathlib.os.system, torch.os.system).
  const reexported = attrs
    .slice(0, -1)
    .find((a) => DANGEROUS_MODULES.has((Object.hasOwn(ALIASES, a) ? ALIASES[a] : undefined) ?? a) || a === 'builtins');
  if (reexported !== undefined) {
    return { verdict: 'dangerous', qualified, reason: `attribute walk reaches module ${reexported}` };
  }
  if (attrs.some((a) => DANGEROUS_DUNDERS.has(a))) {
    return { verdict: 'dangerous', qualified, reason: 'attribute walk through a dunder reaches code or builtins' };
  }
  if (SAFE_NAMES.has(qualified)) return { verdict: 'safe', qualified, reason: 'allowlisted' };
  if (underDangerousModule(mod))
    return { verdict: 'dangerous', qualified, reason: `module ${mod} can run code, touch files or the network` };
  if (attrs.some((a) => a.startsWith('__') && a.endsWith('__') && a.length > 4) && !SAFE_NAMES.has(qualified)) {
    return { verdict: 'suspicious', qualified, reason: 'dunder attribute access' };
  }
  if (module !== module.trim() || name !== trimmed || /[\s\u0000]/.test(qualified)) {
    return { verdict: 'suspicious', qualified, reason: 'global name with whitespace or control characters' };
  }
  if ((mod === 'numpy' || mod === 'numpy.core.numerictypes') && NUMPY_SCALARS.test(trimmed))
    return { verdict: 'safe', qualified, reason: 'numpy scalar type' };
  if (mod === 'torch' && (TORCH_DTYPES.test(trimmed) || /^[A-Z][A-Za-z]*Storage$/.test(trimmed)))
    return { verdict: 'safe', qualified, reason: 'torch dtype or storage type' };
  if (/^torch\.nn\.modules(\.[a-z_]+)+$/.test(mod) && /^[A-Z][A-Za-z0-9]*$/.test(trimmed))
    return { verdict: 'safe', qualified, reason: 'torch.nn module class' };
  if (/^torch\.nn\.functional$/.test(mod) && /^[a-z_0-9]+$/.test(trimmed) && !trimmed.startsWith('_'))
    return { verdict: 'safe', qualified, reason: 'torch.nn.functional tensor op' };
  const top = mod.split('.')[0] ?? mod;
  // torch and numpy have a small, known set of globals that real checkpoints use; anything else from
  // them is where published gadgets live (collect_env.run, f2py, bottleneck...).
  if (top === 'torch' || top === 'numpy') {
    return { verdict: 'suspicious', qualified, reason: `${top} callable outside the tensor/array rebuild allowlist` };
  }
  if (STDLIB_MODULES.has(top) || top === 'builtins' || top.startsWith('_')) {
    return { verdict: 'suspicious', qualified, reason: 'standard-library callable not expected in a model file' };
  }
  return { verdict: 'unknown', qualified, reason: 'third-party callable not on the allowlist' };
}
