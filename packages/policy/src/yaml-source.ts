// Bounded YAML parsing that remembers where every value came from, so a bad policy or policy-test
// file is reported as file:line. Aliases are capped (billion-laughs) and the input size is capped
// before parsing; any parser failure, including stack exhaustion on absurd nesting, is a ConfigError.
import { ConfigError } from '@rampart/core';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { LineLocator } from './compile.js';

export const MAX_POLICY_BYTES = 4 * 1024 * 1024;

export interface YamlSource {
  data: unknown;
  line: LineLocator;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  if (text.length > MAX_POLICY_BYTES) {
    throw new ConfigError(`${file}: larger than ${MAX_POLICY_BYTES} bytes`, { path: file });
  }
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, strict: true });
    const err = doc.errors[0];
    if (err) {
      const line = counter.linePos(err.pos[0]).line;
      throw new ConfigError(`${file}:${line}: ${err.message.split('\n')[0]}`, { path: file, line });
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${file}: not valid YAML: ${e instanceof Error ? e.message : String(e)}`, {
      path: file,
      cause: e,
    });
  }
  const line: LineLocator = (path, offsetInValue) => {
    // Walk down as far as the path exists; report the deepest node found.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        const start = node.range[0] as number;
        let l = counter.linePos(start).line;
        if (n === path.length && offsetInValue !== undefined && isScalar(node) && typeof node.value === 'string') {
          if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') l += 1;
          const before = node.value.slice(0, offsetInValue);
          l += before.split('\n').length - 1;
        }
        return l;
      }
      if (n > 0) {
      }
    }
    return undefined;
  };
  return { data, line };
}
