// The answers the MCP proxy gives in place of the server's: a JSON-RPC error for a refused request
// or a withheld answer that has no isError form (resources, prompts, completions), and an `isError`
// tool result for a tools/call that policy denies. The text always starts with `[rampart]`.
export type Id = string | number;
type Msg = Record<string, unknown>;

/** A refused request or a withheld answer that has no isError form (resources, prompts, completions). */
export function rpcError(id: Id, message: string, code = -32603): Msg {
  return { jsonrpc: '2.0', id, error: { code, message: `[rampart] ${message}` } };
}

export function toolError(id: Id, message: string): Msg {
  return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `[rampart] ${message}` }], isError: true } };
}
