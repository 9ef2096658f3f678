// Cloud and data-platform credentials.
import { keyed, type Pattern } from './pattern.js';

export const CLOUD: Pattern[] = [
  {
    provider: 'aws-access-key-id',
    kind: 'service-token',
    re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  },
  {
    provider: 'aws-secret-access-key',
    kind: 'service-token',
    re: keyed('aws_?secret_?access_?key|aws_?secret', '[A-Za-z0-9/+=]{40}'),
    group: 1,
    confidence: 0.9,
    hints: ['aws', 'AWS', 'Aws'],
  },
  {
    provider: 'databricks',
    kind: 'service-token',
    re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['dapi'],
  },
  // Azure storage account keys (88 base64 characters) in connection strings or settings.
  {
    provider: 'azure-storage',
    kind: 'service-token',
    re: /\bAccountKey\s{0,2}=\s{0,2}([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    confidence: 0.95,
    hints: ['AccountKey'],
  },
  // Microsoft Entra ID (Azure AD) client secrets: three characters, a digit, "Q~", then 31-34.
  {
    provider: 'azure-ad-client-secret',
    kind: 'service-token',
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    randomFrom: 6,
    confidence: 0.9,
    hints: ['Q~'],
  },
];
