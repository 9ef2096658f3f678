// Shared by the detector tests (excluded from the build).

/** Deterministic random-looking text, so tests never carry a real credential. */
export function rnd(
  n: number,
  alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  seed = 7,
): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += alphabet[(x >>> 16) % alphabet.length];
  }
  return s;
}
