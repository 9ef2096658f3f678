// The output parts of an OpenAI Responses object besides `output_text`: fields a compatible server
// adds, message parts (annotations, logprobs, refusals, the `output_audio` transcript, signed),
// reasoning, the built-in tools' items and unknown items, read whole. Tool items (function, custom,
// MCP) are reviewed in responses-tool-items.ts. The slot model and the checks: output-parts.ts.
import { NONE, notAList, type OutSlot, objectSlots, TEXT_ONLY } from './output-parts.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Responses fields that are not model output: settings and what the request said (instructions,
 * tools, metadata: read as input already), bookkeeping, and `output` (read item by item).
 */
const RESPONSES_TOP = new Set([
  'object',
  'created_at',
  'completed_at',
  'background',
  'error',
  'incomplete_details',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'model',
  'output',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_retention',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'usage',
  'user',
  'metadata',
  'conversation',
  'billing',
]);

/**
 * A Responses object besides its output items: fields a compatible server adds (an `output_text`
 * that repeats the text, unredacted) and fields nobody knows yet.
 */
export function responsesBodySlots(body: Obj): OutSlot[] {
  return [...objectSlots(body, 'the response', RESPONSES_TOP), ...notAList(body, 'output', 'the response')];
}

const IMAGE_RESULT = new Set(['result']);

/** A Responses output item that is not a tool item; for a message, everything but its output_text. */
export function responsesItemSlots(item: Obj, oi: number): OutSlot[] {
  const type = typeof item.type === 'string' ? item.type : '(none)';
  const where = `${type} item output[${oi}]`;
  if (type === 'message' && Array.isArray(item.content)) {
    const out = objectSlots(item, where, CONTENT);
    item.content.forEach((p, ci) => {
      if (!isObj(p)) return;
      const at = `content[${ci}] of ${where}`;
      // output_text: its annotations and logprobs; output_audio: its transcript, signed (the audio
      // says the same), and not its audio; refusal and other parts: read whole.
      if (p.type === 'output_audio' && typeof p.transcript === 'string')
        out.push(
          { holder: p, key: 'transcript', where: `transcript of ${at}`, mode: 'signed' },
          ...objectSlots(p, at, AUDIO_PART),
        );
      else out.push(...objectSlots(p, at, p.type === 'output_text' ? TEXT_ONLY : NONE));
    });
    return out;
  }
  // The generated image is not text.
  if (type === 'image_generation_call') return objectSlots(item, where, IMAGE_RESULT);
  // reasoning (summary, reasoning text), web_search_call, computer_call, local_shell_call, shell_call,
  // apply_patch_call, and item types the gateway does not know yet.
  return objectSlots(item, where);
}

const CONTENT = new Set(['content']);
const AUDIO_PART = new Set(['transcript', 'audio', 'data']);
