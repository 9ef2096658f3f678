// Text the server pushes at the client outside the answers it asks for: notifications a client may
// show its user or hand its model (log messages, progress and task status messages, cancellation
// reasons; mcp-content.ts says which fields), and task status messages inside results (tasks/get,
// tasks/list, a task-augmented request's CreateTaskResult). Both pass the content check that tool
// results get. A withheld notification is dropped; a withheld task status message is removed and
// the task itself goes on (its result is checked when it is fetched). A list_changed notification
// makes the session list again before its next use of the family.
import { NOTIFICATION_TEXTS, taskStatusTexts, withoutTaskStatusMessages } from './mcp-content.js';
import type { ItemUses } from './mcp-item-uses.js';
import type { ReviewSteps } from './mcp-review-steps.js';

type Msg = Record<string, unknown>;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A server notification in `session`: the message the client gets, or undefined when it is withheld. */
export async function reviewNotification(
  steps: ReviewSteps,
  uses: ItemUses,
  msg: Msg,
  method: string,
  session: string,
): Promise<Msg | undefined> {
  if (uses.listChanged(session, method)) return msg;
  const read = Object.hasOwn(NOTIFICATION_TEXTS, method) ? NOTIFICATION_TEXTS[method] : undefined;
  if (read === undefined) return msg;
  const texts = read(isObj(msg.params) ? msg.params : {});
  if (texts.length === 0) return msg;
  const why = await steps.texts(texts, { what: `${method} from the server`, policyTool: method, dryRun: true });
  return why === undefined ? msg : undefined;
}

/** A result with its task status messages checked: the result as is, or without them when withheld. */
export async function reviewTaskStatus(steps: ReviewSteps, result: Msg): Promise<Msg> {
  const status = taskStatusTexts(result);
  if (status.length === 0) return result;
  const why = await steps.texts(status, { what: 'task status message', policyTool: 'tasks/get', dryRun: true });
  return why === undefined ? result : withoutTaskStatusMessages(result);
}
