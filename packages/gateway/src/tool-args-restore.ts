// Puts this request's input placeholders ("[EMAIL_1]") back into the arguments of a tool call the
// model proposes, when the input decision said restore (the text path does the same in
// Enforcer.restore). The model only ever saw the placeholder, so it copies it into the call it
// proposes; without this the client's tool would get "[EMAIL_1]" instead of the user's address.
// Only string values are rewritten (keys never), and only exact placeholders this request's map
// knows (the detectors' restore), so the arguments stay valid JSON once re-serialised and a
// placeholder from another request or caller stays as it is.
import type { ArgsLayout } from './tool-args-leak.js';

/** Bounds on the walk, as for the leakage checks: past them nothing is restored (the tool gets placeholders). */
const MAX_DEPTH = 64;
const MAX_VALUES = 10_000;

type Obj = Record<string, unknown>;

/**
 * A copy of `args` with the placeholders restored in its string values; undefined when there was
 * nothing to restore (or the arguments are past the walk's bounds).
 */
export function restoreArgs(args: unknown, restore: (s: string) => string): unknown | undefined {
  let values = 0;
  let changed = false;
  let ok = true;
  const visit = (v: unknown, depth: number): unknown => {
    if (!ok) return v;
    if (++values > MAX_VALUES || depth > MAX_DEPTH) {
      ok = false;
      return v;
    }
    if (typeof v === 'string') {
      const r = restore(v);
      if (r !== v) changed = true;
      return r;
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => visit(x, depth + 1));
    const out: Obj = {};
    for (const [k, x] of Object.entries(v as Obj)) {
      // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
      Object.defineProperty(out, k, {
        value: visit(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  const copy = visit(args, 0);
  return ok && changed ? copy : undefined;
}

/** The string values of a laid-out call, in leaf order (undefined for keys, numbers, empties). */
export function stringValues(layout: ArgsLayout): (string | undefined)[] {
  return layout.leaves.map((l) =>
    l.isString ? ((l.holder as Record<string | number, unknown>)[l.key] as string) : undefined,
  );
}

/**
 * After the leakage redaction rewrote some values in place: restores the placeholders in the string
 * values it left as they were. A value it rewrote holds placeholders of its own (numbered afresh,
 * "[EMAIL_1]" too), which must never be swapped for an input value, so it is left alone.
 */
export function restoreUntouched(
  layout: ArgsLayout,
  before: (string | undefined)[],
  restore: (s: string) => string,
): unknown {
  layout.leaves.forEach((l, i) => {
    const was = before[i];
    const holder = l.holder as Record<string | number, unknown>;
    if (was !== undefined && holder[l.key] === was) holder[l.key] = restore(was);
  });
  return layout.root[0];
}
