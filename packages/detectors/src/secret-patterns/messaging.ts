// Chat, messaging, e-mail and social-platform tokens.
import { keyed, type Pattern, spellings } from './pattern.js';

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
  // Discord bot tokens (base64 user id, timestamp, HMAC) next to the name, and webhook URLs.
  {
    provider: 'discord',
    kind: 'service-token',
    re: keyed('discord', '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}'),
    group: 1,
    confidence: 0.85,
    hints: spellings('discord'),
  },
  {
    provider: 'discord-webhook',
    kind: 'service-token',
    re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,80}(?![A-Za-z0-9_-])/g,
    randomFrom: 33,
    confidence: 0.95,
    hints: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
  },
  // Telegram bot tokens: "<bot id>:" + 35 characters that start with "AA".
  {
    provider: 'telegram',
    kind: 'service-token',
    re: /(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    hints: [':AA'],
  },
  // Microsoft Teams incoming-webhook URLs.
  {
    provider: 'teams-webhook',
    kind: 'service-token',
    re: /https:\/\/[A-Za-z0-9-]{1,60}\.webhook\.office\.com\/webhookb2\/[a-f0-9-]{36}@[a-f0-9-]{36}\/IncomingWebhook\/[a-f0-9]{32}\/[a-f0-9-]{36}(?:\/[A-Za-z0-9_-]{20,80})?/g,
    confidence: 0.95,
    hints: ['.webhook.office.com/webhookb2/'],
  },
  // Mailgun private API keys ("key-" + 32 hex, or 32 hex + two 8-hex groups), next to the name.
  {
    provider: 'mailgun',
    kind: 'service-token',
    re: keyed('mailgun', 'key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    group: 1,
    confidence: 0.85,
    hints: spellings('mailgun'),
  },
  // Mailchimp API keys: 32 hex + "-us" + data-centre number.
  {
    provider: 'mailchimp',
    kind: 'service-token',
    re: /\b[a-f0-9]{32}-us[0-9]{1,2}\b/g,
    confidence: 0.9,
    hints: ['-us'],
  },
  // Brevo (formerly Sendinblue) API and SMTP keys.
  {
    provider: 'brevo',
    kind: 'service-token',
    re: /\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\b/g,
    randomFrom: 9,
    confidence: 0.98,
    hints: ['xkeysib-', 'xsmtpsib-'],
  },
  // Twitter / X app bearer tokens (a run of "A", then URL-encoded base64), next to the name.
  {
    provider: 'twitter',
    kind: 'service-token',
    re: keyed('twitter', 'A{18,26}[A-Za-z0-9%]{60,140}', { secretName: true }),
    group: 1,
    randomFrom: 26,
    confidence: 0.85,
    hints: spellings('twitter'),
  },
  // Twitter / X access tokens (<user id>-<40>), API secrets (50), access secrets (45), API keys (25).
  {
    provider: 'twitter',
    kind: 'service-token',
    re: keyed('twitter', '[0-9]{1,20}-[A-Za-z0-9]{40}|[A-Za-z0-9]{50}|[A-Za-z0-9]{45}|[A-Za-z0-9]{25}', {
      secretName: true,
    }),
    group: 1,
    confidence: 0.85,
    hints: spellings('twitter'),
  },
  // Discord OAuth client secrets (32), Mattermost (26) and Gitter (40 hex) tokens, next to the name.
  {
    provider: 'discord',
    kind: 'service-token',
    re: keyed('discord', '[A-Za-z0-9_-]{32}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('discord'),
  },
  {
    provider: 'mattermost',
    kind: 'service-token',
    re: keyed('mattermost', '[a-z0-9]{26}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('mattermost'),
  },
  {
    provider: 'gitter',
    kind: 'service-token',
    re: keyed('gitter', '[a-f0-9]{40}', { secretName: true }),
    group: 1,
    confidence: 0.85,
    hints: spellings('gitter'),
  },
];
