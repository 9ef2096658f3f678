// Media in a request: images, audio and files (PDFs and other documents the provider reads itself).
// The input checks read text only, so these reach the model unscanned, and an image can carry an
// instruction as well as a paragraph can (visual prompt injection) or a scanned ID card. The gateway
// says so instead of passing them silently: every request with media gets a decision in its audit
// record, and `checks.input.media: deny` refuses such requests outright.
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import type { PolicyVerdict } from './ports.js';
import type { ApiPath } from './upstream.js';

type Obj = Record<string, unknown>;

export interface MediaCount {
  images: number;
  audio: number;
  files: number;
}

/** Content part / block types that hold media, by what they hold. */
const MEDIA_TYPE = new Map<string, keyof MediaCount>([
  // OpenAI chat
  ['image_url', 'images'],
  ['input_audio', 'audio'],
  ['file', 'files'],
  // OpenAI Responses (and computer-use screenshots)
  ['input_image', 'images'],
  ['input_file', 'files'],
  ['computer_screenshot', 'images'],
  // Anthropic
  ['image', 'images'],
  ['container_upload', 'files'],
]);

/** Anthropic document sources the gateway reads as text (content-parts.ts); any other is a file. */
const TEXT_SOURCES = new Set(['text', 'content']);

/** The kind of media a content part or block is, by its type; undefined for text and anything else. */
export function mediaKindOf(o: Obj): keyof MediaCount | undefined {
  if (typeof o.type !== 'string') return undefined;
  const kind = MEDIA_TYPE.get(o.type);
  if (kind !== undefined || o.type !== 'document') return kind;
  const src = o.source;
  const st = src !== null && typeof src === 'object' ? (src as Obj).type : undefined;
  return typeof st === 'string' && TEXT_SOURCES.has(st) ? undefined : 'files';
}

const MAX_NODES = 200_000;
const MAX_DEPTH = 64;

/**
 * Counts the media parts of a request's conversation (chat `messages`; Anthropic `system` and
 * `messages`; Responses `input`), nested ones included (an image inside a tool result). Bounded: past
 * the node or depth bound the walk stops and says so (`truncated`), and the caller treats the rest as
 * unread, like media.
 */
export function countMedia(path: ApiPath, body: Obj): { count: MediaCount; truncated: boolean } {
  const count: MediaCount = { images: 0, audio: 0, files: 0 };
  const roots =
    path === '/v1/chat/completions'
      ? [body.messages]
      : path === '/v1/messages'
        ? [body.system, body.messages]
        : path === '/v1/responses'
          ? [body.input]
          : [];
  let nodes = 0;
  let truncated = false;
  const walk = (v: unknown, depth: number): void => {
    if (truncated || v === null || typeof v !== 'object') return;
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      truncated = true;
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Obj;
    const kind = mediaKindOf(o);
    if (kind !== undefined) {
      count[kind]++;
      // A document's other fields (title, context) are text the checks read; other media holds none.
      if (o.type !== 'document') return;
    }
    for (const k of Object.keys(o)) walk(o[k], depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return { count, truncated };
}

/** "2 images and 1 file", for reasons; undefined when there is nothing. */
export function describeMedia(c: MediaCount): string | undefined {
  const parts: string[] = [];
  const say = (n: number, one: string, many: string): void => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  say(c.images, 'image', 'images');
  say(c.audio, 'audio clip', 'audio clips');
  say(c.files, 'file', 'files');
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Counts the request's media once, for the audit and for policy (`state.media`, Cedar
 * `context.media` of the use-model decision); records what the input checks could not read (rule
 * `gateway/unscanned-media`) and returns the decision to refuse the request with when
 * `checks.input.media` is deny and the gateway enforces.
 */
export function reviewMedia(
  enforcer: Enforcer,
  state: RequestState,
  path: ApiPath,
  body: Obj,
): PolicyVerdict | undefined {
  const { count, truncated } = countMedia(path, body);
  // Policy sees the counts (context.media); past the walk's bound the rest is unread and may hold
  // any kind, so each kind counts at least once there: a rule on media fails closed.
  state.media = truncated
    ? { images: Math.max(1, count.images), audio: Math.max(1, count.audio), files: Math.max(1, count.files) }
    : count;
  const what = describeMedia(count);
  if (what === undefined && !truncated) return undefined;
  const deny = enforcer.config.checks.input.media === 'deny';
  const said = `${what ?? 'no media'}${truncated ? ' (and parts nested too deep or too many to count)' : ''}`;
  const d = gatewayDecision(enforcer, state, {
    action: 'use-model',
    resource: state.model,
    effect: deny ? 'deny' : 'allow',
    reason: deny
      ? `the request carries media the input checks cannot read (${said}); checks.input.media is deny`
      : `the request carries media the input checks cannot read (${said}); it went to the model unscanned`,
    rule: 'unscanned-media',
  });
  return deny && enforcer.config.mode === 'enforce' ? d : undefined;
}
