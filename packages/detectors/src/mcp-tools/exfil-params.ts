// Parameters that can carry data out of the conversation: names an attacker gives a side channel
// ("sidenote", "conversation_history", "ssh_key") and descriptions that ask for the whole context,
// the system prompt, keys or credentials. Top-level parameters only; descriptions read up to 2,000
// characters (the regex is alternations of literals, linear).
import { type ToolDefinition, toolParams } from './tool-definition.js';

const EXFIL_PARAM_NAMES = new Set([
  'sidenote',
  'side_note',
  'note_to_self',
  'conversation',
  'conversation_history',
  'chat_history',
  'history_dump',
  'system_prompt',
  'systemprompt',
  'full_context',
  'context_dump',
  'previous_messages',
  'all_messages',
  'messages_dump',
  'user_history',
  'secrets',
  'ssh_key',
  'private_key',
  'env_vars',
  'environment_variables',
  'file_contents_dump',
  'debug_context',
  'hidden',
  'extra_context',
]);
const EXFIL_PARAM_DESC =
  /\b(?:(?:entire|full|whole|complete|all)\s+(?:previous\s+)?(?:conversation|chat|context|history|messages)|system prompt|(?:contents?|text) of (?:~\/|the user'?s |any |all )|(?:ssh|private|api) keys?|environment variables|credentials|passwords?|everything (?:the user|you) (?:said|know|have))\b/i;

export interface ExfilParam {
  name: string;
  /** Why it was flagged, e.g. `parameter name "sidenote"`. */
  why: string;
}

export function exfilParams(tool: ToolDefinition): ExfilParam[] {
  const out: ExfilParam[] = [];
  for (const p of toolParams(tool)) {
    const n = p.name.toLowerCase();
    if (EXFIL_PARAM_NAMES.has(n)) out.push({ name: p.name, why: `parameter name "${p.name}"` });
    else if (EXFIL_PARAM_DESC.test(p.description.slice(0, 2000)))
      out.push({ name: p.name, why: `parameter "${p.name}" asks for ${EXFIL_PARAM_DESC.exec(p.description)?.[0]}` });
  }
  return out;
}
