// Source hosting, package registries and developer platforms.
import { keyed, type Pattern, spellings, UUID } from './pattern.js';

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
  // personal, project, group and deploy tokens, runner, trigger, feed, feature-flag and OAuth secrets. Newer
  // "routable" tokens append ".<version><base36>" segments.
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /\bgl(?:pat|ptt|rt|dt|ft|ffct|soat|cbt|imt|oas|agent|rtr)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9]{2,40}){0,2}(?![A-Za-z0-9_-])/g,
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
      'glffct-',
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
  // GitLab session cookies: a signed-in browser session.
  {
    provider: 'gitlab',
    kind: 'service-token',
    re: /(?<![A-Za-z0-9_])_gitlab_session=([a-f0-9]{32})\b/g,
    group: 1,
    confidence: 0.9,
    hints: ['_gitlab_session='],
  },
  // RubyGems API keys: "rubygems_" + 48 hex.
  {
    provider: 'rubygems',
    kind: 'service-token',
    re: /\brubygems_[a-f0-9]{48}\b/g,
    randomFrom: 9,
    confidence: 0.98,
    hints: ['rubygems_'],
  },
  // Clojars deploy tokens: "CLOJARS_" + 60 hex.
  {
    provider: 'clojars',
    kind: 'service-token',
    re: /\bCLOJARS_[a-f0-9]{60}\b/g,
    randomFrom: 8,
    confidence: 0.98,
    hints: ['CLOJARS_'],
  },
  // Atlassian (Jira, Confluence) API tokens: "ATATT3" + base64url ending in a checksum; Bitbucket
  // app passwords: "ATBB" + letters and digits.
  {
    provider: 'atlassian',
    kind: 'service-token',
    re: /\bATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g,
    randomFrom: 6,
    confidence: 0.95,
    hints: ['ATATT3'],
  },
  {
    provider: 'bitbucket',
    kind: 'service-token',
    re: /\bATBB[A-Za-z0-9]{28,40}\b/g,
    randomFrom: 4,
    confidence: 0.9,
    hints: ['ATBB'],
  },
  // Postman API keys: "PMAK-" + 24 hex + "-" + 34 hex.
  {
    provider: 'postman',
    kind: 'service-token',
    re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['PMAK-'],
  },
  // Sourcegraph access tokens: "sgp_" (+ instance id or "local_") + 40 hex.
  {
    provider: 'sourcegraph',
    kind: 'service-token',
    re: /\bsgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['sgp_'],
  },
  // Linear personal API keys.
  {
    provider: 'linear',
    kind: 'service-token',
    re: /\blin_api_[A-Za-z0-9]{40}\b/g,
    randomFrom: 8,
    confidence: 0.98,
    hints: ['lin_api_'],
  },
  // JFrog Artifactory API keys ("AKCp" + 69) and reference tokens (base64 of "reftkn:01:" + …).
  {
    provider: 'artifactory',
    kind: 'service-token',
    re: /\bAKCp[A-Za-z0-9]{69}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['AKCp'],
  },
  {
    provider: 'artifactory',
    kind: 'service-token',
    re: /\bcmVmdGtuOjAxOj[A-Za-z0-9]{46,54}\b/g,
    randomFrom: 14,
    confidence: 0.95,
    hints: ['cmVmdGtuOjAxOj'],
  },
  // Harness personal (pat.) and service-account (sat.) tokens: account id, token id, secret.
  {
    provider: 'harness',
    kind: 'service-token',
    re: /\b(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['pat.', 'sat.'],
  },
  // Octopus Deploy API keys: "API-" + upper-case letters and digits (both present).
  {
    provider: 'octopus-deploy',
    kind: 'service-token',
    re: /\bAPI-[A-Z0-9]{26,32}\b/g,
    randomFrom: 4,
    confidence: 0.85,
    hints: ['API-'],
    check: (value) => /[0-9]/.test(value.slice(4)) && /[A-Z]/.test(value.slice(4)),
  },
  // SonarQube / SonarCloud user (squ_), project (sqp_) and global analysis (sqa_) tokens.
  {
    provider: 'sonarqube',
    kind: 'service-token',
    re: /\bsq[upa]_[a-f0-9]{40}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['squ_', 'sqp_', 'sqa_'],
  },
  // ReadMe API keys.
  {
    provider: 'readme',
    kind: 'service-token',
    re: /\brdme_[a-z0-9]{70}\b/g,
    randomFrom: 5,
    confidence: 0.98,
    hints: ['rdme_'],
  },
  // Prefect Cloud API keys.
  {
    provider: 'prefect',
    kind: 'service-token',
    re: /\bpnu_[A-Za-z0-9]{36}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['pnu_'],
  },
  // SettleMint application, personal and service access tokens.
  {
    provider: 'settlemint',
    kind: 'service-token',
    re: /\bsm_(?:aat|pat|sat)_[A-Za-z0-9]{16,64}\b/g,
    randomFrom: 7,
    confidence: 0.9,
    hints: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
  },
  // 42 intranet OAuth client secrets.
  {
    provider: 'intra42',
    kind: 'service-token',
    re: /\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b/g,
    randomFrom: 9,
    confidence: 0.98,
    hints: ['s-s4t2ud-', 's-s4t2af-'],
  },
  // Netlify personal access tokens ("nfp_").
  {
    provider: 'netlify',
    kind: 'service-token',
    re: /\bnfp_[A-Za-z0-9]{36}\b/g,
    randomFrom: 4,
    confidence: 0.95,
    hints: ['nfp_'],
  },
  // Codecov upload tokens and Snyk API tokens are UUIDs: next to the name only.
  {
    provider: 'codecov',
    kind: 'service-token',
    re: keyed('codecov', UUID, { secretName: true }),
    group: 1,
    confidence: 0.8,
    hints: spellings('codecov'),
  },
  {
    provider: 'snyk',
    kind: 'service-token',
    re: keyed('snyk', UUID, { secretName: true }),
    group: 1,
    confidence: 0.8,
    hints: spellings('snyk'),
  },
  // LaunchDarkly API access tokens and SDK keys: "api-"/"sdk-"/"mob-" + UUID, next to the name.
  {
    provider: 'launchdarkly',
    kind: 'service-token',
    re: keyed('launch_?darkly|ld_', `(?:api|sdk|mob)-${UUID}`),
    group: 1,
    randomFrom: 4,
    confidence: 0.85,
    hints: [...spellings('launchdarkly', 'launch_darkly', 'ld_'), 'LaunchDarkly'],
  },
  // Linear OAuth client secrets (32 hex), Drone CI (32) and Travis CI (22) tokens, next to the name.
  {
    provider: 'linear',
    kind: 'service-token',
    re: keyed('linear', '[a-f0-9]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('linear'),
  },
  {
    provider: 'droneci',
    kind: 'service-token',
    re: keyed('drone', '[A-Za-z0-9]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('drone'),
  },
  {
    provider: 'travisci',
    kind: 'service-token',
    re: keyed('travis', '[A-Za-z0-9]{22}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('travis'),
  },

  // NuGet.config feed credentials stored in clear text.
  {
    provider: 'nuget',
    kind: 'service-token',
    re: /<add[ \t]{1,4}key="ClearTextPassword"[ \t]{1,4}value="([^"\r\n]{4,200})"/g,
    group: 1,
    confidence: 0.9,
    hints: ['ClearTextPassword'],
  },
];
