// Chat, messaging, e-mail and social-platform tokens.
import { keyed, type Pattern } from './pattern.js';

export const MESSAGING: Pattern[] = [
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxox[abeoprs]-(?:\d{1,20}-){1,3}[A-Za-z0-9-]{10,200}/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['xox'],
  },
  {
    provider: 'slack-webhook',
    kind: 'service-token',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{30,120}/g,
    randomFrom: 32,
    confidence: 0.95,
    hints: ['hooks.slack.com'],
  },
  // Slack app-level tokens and configuration (access and refresh) tokens.
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxapp-\d-[A-Z0-9]{8,14}-\d{8,16}-[a-z0-9]{40,80}\b/g,
    randomFrom: 5,
    confidence: 0.95,
    hints: ['xapp-'],
  },
  {
    provider: 'slack',
    kind: 'service-token',
    re: /\bxoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{100,300}\b/g,
    randomFrom: 7,
    confidence: 0.95,
    hints: ['xoxe'],
  },
  // Twilio API key SIDs ("SK" + 32 hex) and auth tokens next to the name.
  {
    provider: 'twilio',
    kind: 'service-token',
    re: /\bSK[0-9a-f]{32}\b/g,
    randomFrom: 2,
    confidence: 0.85,
    hints: ['SK'],
  },
  {
    provider: 'twilio',
    kind: 'service-token',
    re: keyed('twilio', '[a-f0-9]{32}'),
    group: 1,
    confidence: 0.85,
    hints: ['twilio', 'TWILIO', 'Twilio'],
  },
  {
    provider: 'sendgrid',
    kind: 'service-token',
    re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    randomFrom: 3,
    confidence: 0.98,
    hints: ['SG.'],
  },
  // Facebook/Meta user and page access tokens, and "<app id>|<app secret>" app tokens near the name.
  {
    provider: 'facebook',
    kind: 'service-token',
    re: /(?<![A-Za-z0-9+/])EAA[A-Za-z0-9]{90,400}(?![A-Za-z0-9+/=])/g,
    randomFrom: 3,
    confidence: 0.85,
    hints: ['EAA'],
  },
  {
    provider: 'facebook',
    kind: 'service-token',
    re: /(?:facebook|fb)[A-Za-z0-9_ .-]{0,30}["']?[ \t]{0,4}[:=]?[ \t]{0,4}["']?(\d{15,16}\|[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/gi,
    group: 1,
    randomFrom: 17,
    confidence: 0.85,
    hints: ['facebook', 'Facebook', 'FACEBOOK', 'fb', 'FB'],
  },
];
