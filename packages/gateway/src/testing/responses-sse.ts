// Test helpers for Responses API streams: read an SSE response whole, and rebuild `output` from its
// events the way the SDKs' stream accumulators do (text, argument and input deltas included).
import assert from 'node:assert/strict';
import { type SseEvent, SseParser } from '../sse.js';

type Obj = Record<string, unknown>;

export async function readSse(r: Response): Promise<SseEvent[]> {
  const p = new SseParser(4 * 1024 * 1024);
  const out: SseEvent[] = [];
  const reader = r.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.push(...p.push(value));
  }
  return out;
}

export function accumulateOutput(evs: SseEvent[]): Obj[] {
  const output: Obj[] = [];
  for (const e of evs) {
    const d = JSON.parse(e.data) as Obj;
    const oi = d.output_index as number;
    const append = (field: string) => {
      output[oi]![field] = `${(output[oi]![field] as string | undefined) ?? ''}${d.delta as string}`;
    };
    switch (d.type) {
      case 'response.output_item.added':
        assert.equal(oi, output.length, `output_item.added at ${oi} is contiguous`);
        output.push(structuredClone(d.item) as Obj);
        break;
      case 'response.content_part.added':
        (output[oi]!.content as Obj[]).push(structuredClone(d.part) as Obj);
        break;
      case 'response.output_text.delta': {
        const part = (output[oi]!.content as Obj[])[d.content_index as number]!;
        part.text = `${part.text as string}${d.delta as string}`;
        break;
      }
      case 'response.custom_tool_call_input.delta':
        append('input');
        break;
      case 'response.function_call_arguments.delta':
      case 'response.mcp_call_arguments.delta':
        append('arguments');
        break;
      case 'response.output_item.done':
        assert.ok(output[oi] !== undefined, 'output_item.done follows its output_item.added');
        output[oi] = d.item as Obj;
        break;
    }
  }
  return output;
}
