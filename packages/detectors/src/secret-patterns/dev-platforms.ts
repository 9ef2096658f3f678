// Source hosting, package registries and developer platforms.
import type { Pattern } from './pattern.js';

export const DEV_PLATFORMS: Pattern[] = [
  {
    provider: 'github',
    kind: 'service-token',
    re: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
    randomFrom: 4,
    confidence: 0.98,
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  {
    provider: 'github',
    kind: 'service-token',
    re: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g,
    randomFrom: 11,
    confidence: 0.98,
    hints: ['github_pat_'],
  },
  // GitHub classic, OAuth, user-to-server, server-to-server and refresh tokens are above; GitLab:
  // personal, project, group and deploy tokens, runner, trigger, feed and OAuth secrets. Newer
  // "routable" tokens append ".<version><base36>" segments.
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /\bgl(?:pat|ptt|rt|dt|ft|soat|cbt|imt|oas|agent|rtr)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9]{2,40}){0,2}(?![A-Za-z0-9_-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: [
      'glpat-',
      'glptt-',
      'glrt-',
      'gldt-',
      'glft-',
      'glsoat-',
      'glcbt-',
      'glimt-',
      'gloas-',
      'glagent-',
      'glrtr-',
    ],
  },
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /\bGR1348941[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])/g,
    randomFrom: 9,
    confidence: 0.95,
    hints: ['GR1348941'],
  },
  {
    provider: 'npm',
    kind: 'service-token',
    re: /\bnpm_[A-Za-z0-9]{36}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['npm_'],
  },
  // PyPI upload tokens are macaroons whose base64 starts with the "pypi.org" location.
  {
    provider: 'pypi',
    kind: 'service-token',
    re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}/g,
    randomFrom: 22,
    confidence: 0.98,
    hints: ['pypi-AgEIcHlwaS5vcmc'],
  },
];
