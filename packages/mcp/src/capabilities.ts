// Capability labels per tool, the inputs to toxic-flow analysis: does the tool bring untrusted
// content into the context, touch private data, send data somewhere public, or destroy things?
// Judged from the tool name, description and MCP annotations; a label is a lead, not a verdict.
import type { McpTool } from './tool-model.js';

export const CAPABILITIES = ['untrusted-content', 'private-data', 'public-sink', 'destructive'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Name tokens: "get_issue_comments" / "getIssueComments" -> ["get","issue","comments"]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const UNTRUSTED_NAME = new Set([
  'fetch',
  'browse',
  'browser',
  'scrape',
  'crawl',
  'web',
  'url',
  'http',
  'rss',
  'feed',
  'email',
  'emails',
  'inbox',
  'mail',
  'message',
  'messages',
  'issue',
  'issues',
  'comment',
  'comments',
  'pr',
  'pull',
  'review',
  'reviews',
  'tweet',
  'tweets',
  'post',
  'posts',
  'channel',
  'chat',
  'discussion',
  'discussions',
  'ticket',
  'tickets',
  'webpage',
  'page',
  'navigate',
  'download',
  'youtube',
  'transcript',
  'reddit',
]);
const UNTRUSTED_DESC =
  /\b(?:fetch(?:es)? (?:a |the )?(?:url|web ?page|content)|web search|search (?:the )?(?:web|internet)|browse|scrape|crawl|read (?:e-?mails?|messages|the inbox)|(?:issue|pull request|pr) comments|untrusted|third[- ]party content|from the internet|rss|incoming (?:messages|emails))\b/i;

const PRIVATE_NAME = new Set([
  'file',
  'files',
  'read',
  'filesystem',
  'directory',
  'dir',
  'db',
  'database',
  'sql',
  'query',
  'select',
  'table',
  'tables',
  'memory',
  'memories',
  'graph',
  'entities',
  'nodes',
  'note',
  'notes',
  'calendar',
  'contacts',
  'contact',
  'drive',
  'document',
  'documents',
  'doc',
  'docs',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'password',
  'passwords',
  'env',
  'key',
  'keys',
  'vault',
  'wallet',
  'bank',
  'account',
  'accounts',
  'customer',
  'customers',
  'user',
  'users',
  'profile',
  'inbox',
  'email',
  'emails',
  'messages',
  'repo',
  'repository',
  'private',
  'history',
  'clipboard',
  'screenshot',
  'photos',
]);
const PRIVATE_DESC =
  /\b(?:read(?:s)? (?:the )?(?:contents? of )?(?:a |the )?files?|file ?system|local files?|database|sql query|private|personal|credentials?|secrets?|knowledge graph|memory|inbox|calendar|contacts|customer data|user data|passwords?|api keys?)\b/i;

const SINK_NAME = new Set([
  'send',
  'post',
  'publish',
  'upload',
  'share',
  'tweet',
  'reply',
  'comment',
  'webhook',
  'notify',
  'email',
  'mail',
  'sms',
  'message',
  'push',
  'gist',
  'submit',
  'http',
  'request',
  'fetch',
  'curl',
  'forward',
  'invite',
  'slack',
  'discord',
  'telegram',
  'whatsapp',
]);
const PUBLIC_OBJECTS = [
  'issue',
  'comment',
  'gist',
  'pull',
  'pr',
  'post',
  'message',
  'page',
  'tweet',
  'review',
  'release',
  'discussion',
];
const SINK_DESC =
  /\b(?:send(?:s)? (?:an? )?(?:e-?mail|message|sms|request|data|notification)|post(?:s)? (?:a |to )|publish|upload|share|webhook|http (?:post|request)|make (?:an? )?(?:http|web) request|create (?:a |an )?(?:issue|comment|gist|pull request|post)|to (?:a|any) url|external (?:server|service|endpoint))\b/i;

const DESTRUCTIVE_NAME = new Set([
  'delete',
  'remove',
  'rm',
  'drop',
  'destroy',
  'truncate',
  'purge',
  'wipe',
  'kill',
  'terminate',
  'overwrite',
  'reset',
  'revoke',
  'uninstall',
  'erase',
  'format',
  'shutdown',
  'exec',
  'execute',
  'run',
  'shell',
  'command',
  'eval',
  'write',
  'move',
  'rename',
  'edit',
  'update',
  'merge',
  'force',
]);
const DESTRUCTIVE_DESC =
  /\b(?:delet(?:e|es|ing)|remov(?:e|es|ing)|drop(?:s)? (?:a |the )?(?:table|database)|destroy|truncat|overwrit|permanently|irreversibl|execut(?:e|es) (?:a |arbitrary |shell )?(?:commands?|code|scripts?)|run(?:s)? (?:a |arbitrary |shell )?(?:commands?|scripts?)|terminat(?:e|es) (?:a |the )?(?:process|instance))\b/i;

function annotation(tool: McpTool, key: string): boolean | undefined {
  const v = tool.annotations?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function toolCapabilities(tool: McpTool): Capability[] {
  const tokens = new Set(nameTokens(tool.name));
  const desc = (tool.description ?? '').slice(0, 4000);
  const has = (set: Set<string>) => [...tokens].some((t) => set.has(t));
  const caps = new Set<Capability>();
  if (has(UNTRUSTED_NAME) || UNTRUSTED_DESC.test(desc) || annotation(tool, 'openWorldHint') === true) {
    // openWorldHint alone marks tools that talk to the outside world; read-only ones are sources.
    caps.add('untrusted-content');
  }
  if (has(PRIVATE_NAME) || PRIVATE_DESC.test(desc)) caps.add('private-data');
  const readOnly = annotation(tool, 'readOnlyHint') === true;
  // openWorldHint:false declares no contact with the outside world. It is the server's own claim,
  // but honouring it keeps local tools (memory graphs, files) from being labelled sources or sinks.
  const closedWorld = annotation(tool, 'openWorldHint') === false;
  // "create"/"add" alone is a local write (create_directory, create_entities); creating a public
  // artefact (issue, comment, gist, PR, post, message) is a sink.
  const publishes =
    ['create', 'add', 'update', 'open'].some((v) => tokens.has(v)) && PUBLIC_OBJECTS.some((o) => tokens.has(o));
  if (!readOnly && (has(SINK_NAME) || publishes || SINK_DESC.test(desc))) caps.add('public-sink');
  // A fetch of an attacker-chosen URL leaks data through the URL itself, read-only or not.
  if (tokens.has('fetch') || tokens.has('url') || tokens.has('http')) caps.add('public-sink');
  if (
    annotation(tool, 'destructiveHint') === true ||
    (!readOnly && (has(DESTRUCTIVE_NAME) || DESTRUCTIVE_DESC.test(desc)))
  ) {
    caps.add('destructive');
  }
  if (annotation(tool, 'destructiveHint') === false && readOnly) caps.delete('destructive');
  if (closedWorld) {
    caps.delete('untrusted-content');
    caps.delete('public-sink');
  }
  return CAPABILITIES.filter((c) => caps.has(c));
}
