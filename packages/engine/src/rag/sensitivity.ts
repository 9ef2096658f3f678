// Data-sensitivity labels inferred from names (paths, buckets, tables, collections, columns) and from
// sample content. Labels: pii, phi, financial, credentials. Word-boundary keyword lists, linear-time.
export const SENSITIVITY_LABELS = ['pii', 'phi', 'financial', 'credentials'] as const;
export type Sensitivity = (typeof SENSITIVITY_LABELS)[number];

const NAME_PATTERNS: ReadonlyArray<readonly [Sensitivity, RegExp]> = [
  [
    'phi',
    /(^|[^a-z])(patient|patients|medical|health|clinical|diagnos[ie]s|ehr|emr|phi|prescription|icd10|hipaa)([^a-z]|$)/i,
  ],
  [
    'pii',
    /(^|[^a-z])(customer|customers|user|users|employee|employees|person|people|pii|ssn|social_security|passport|dob|birth_?date|address|addresses|phone|email|emails|contacts?|crm|hr|payroll|applicant)([^a-z]|$)/i,
  ],
  [
    'financial',
    /(^|[^a-z])(payment|payments|card|cards|credit_?card|transaction|transactions|invoice|invoices|billing|bank|iban|account_number|ledger|salary|salaries|loan|loans)([^a-z]|$)/i,
  ],
  [
    'credentials',
    /(^|[^a-z])(secret|secrets|credential|credentials|password|passwords|passwd|token|tokens|api_?keys?|private_?key)([^a-z]|$)/i,
  ],
];

/** Labels a name suggests (a path, URI, table, collection or column). */
export function labelsFromName(name: string): Sensitivity[] {
  const s = name.replace(/[-.\s/]+/g, '_');
  return NAME_PATTERNS.filter(([, re]) => re.test(s)).map(([l]) => l);
}

export function mergeLabels(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())].sort();
}
