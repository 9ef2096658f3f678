// What every manifest parser returns: the dependencies it declares or locks, with the line they
// are on. Parsers know nothing about AI; the detector filters by the AI package table.
import type { Ecosystem } from './ai-package-table.js';

export type DependencyScope = 'main' | 'dev' | 'optional' | 'peer';

export interface ManifestDependency {
  ecosystem: Ecosystem;
  /** The name as written in the file. */
  name: string;
  /** The version constraint as written ('' when none). */
  spec: string;
  /** Exact version when the file pins (==1.2.3, "1.2.3") or locks it. */
  version?: string;
  line?: number;
  scope: DependencyScope;
  /** Lock files record what is installed; manifests record what is allowed. */
  source: 'manifest' | 'lock';
  /** PEP 508 environment marker, kept for the report. */
  marker?: string;
  /** Direct reference (name @ url, git+..., file:), which no advisory range can judge. */
  url?: string;
}

export interface ManifestParse {
  dependencies: ManifestDependency[];
  /** Entries that could not be understood; reported as notes, never fatal for the rest. */
  warnings: string[];
}
