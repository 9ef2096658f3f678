// Code context: is a path (relative to the scan root, posix separators) test code by the conventions
// of its language? Test fixtures are not deployed agents, so rules may treat findings there apart
// (a rule's `testCode`); assets there carry `properties.codeContext: "test"`. Conventions only, by
// name: examples/, samples/ and docs/ are code people copy and run, so they are NOT test code.
// Pure string work, no I/O; the few regexes are anchored and linear.

/** The asset property that names where an asset was found; its only value today is "test". */
export const CODE_CONTEXT_PROPERTY = 'codeContext';

/** Directory names (case-insensitive) whose whole subtree is test code. */
const TEST_DIRS: ReadonlySet<string> = new Set([
  'test', // Java/Maven src/test, Rust, many
  'tests', // Python, Rust integration tests, PHP
  '__tests__', // Jest
  '__mocks__', // Jest manual mocks
  'spec', // RSpec, Jasmine
  'testdata', // Go
  'test_data',
  'e2e',
  'integration_test', // Flutter
]);

/** Directory-name endings (case-insensitive) for suites: integration_tests, e2e-tests, MyApp.Tests. */
const TEST_DIR_ENDINGS = ['_tests', '-tests', '.tests', '.test'] as const;

/** JavaScript and TypeScript source extensions for `*.test.*` and `*.spec.*`. */
const JS_EXT = '(?:[cm]?js|jsx|[cm]?ts|tsx)';
// File-name conventions, matched against the base name only (bounded: one literal prefix or suffix).
const TEST_FILES: readonly RegExp[] = [
  /^test_[^/]*\.py$/, // pytest / unittest
  /^[^/]+_test\.py$/, // pytest
  /^[^/]+_test\.go$/, // go test
  new RegExp(`^[^/]+\\.(?:test|spec)\\.${JS_EXT}$`), // Jest, Vitest, Mocha, Jasmine
  /^[^/]+_(?:spec|test)\.rb$/, // RSpec, minitest
  /^test_[^/]*\.rb$/, // minitest
];
const TEST_FILE_NAMES: ReadonlySet<string> = new Set(['conftest.py']);

function isTestDir(segment: string): boolean {
  const s = segment.toLowerCase();
  return TEST_DIRS.has(s) || TEST_DIR_ENDINGS.some((e) => s.length > e.length && s.endsWith(e));
}

/**
 * True when the path is test code: under a test directory (tests/, test/, __tests__/, spec/,
 * testdata/, e2e/, *_tests/ …) or named like a test file (test_*.py, *_test.py, *_test.go,
 * *.test.ts, *.spec.js, *_spec.rb, conftest.py …). Paths are relative to the scan root.
 */
export function isTestCodePath(path: string): boolean {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  const base = segments.pop();
  if (base === undefined) return false;
  if (segments.some(isTestDir)) return true;
  return TEST_FILE_NAMES.has(base) || TEST_FILES.some((re) => re.test(base));
}
