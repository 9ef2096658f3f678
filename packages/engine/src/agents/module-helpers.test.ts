// Tool capabilities through helpers of other modules: a helper function, a module-level client
// object (judged by its class), a module-level object of a class defined there, and a same-file
// service object; decoys (a helper without I/O, a harmless method, a plain dict) gain nothing, and a
// cycle between modules ends.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanResult } from '@rampart/core';
import { scan } from '../scan/scan.js';

let res: ScanResult;
const tool = (name: string) => res.assets.find((a) => a.kind === 'tool' && a.name === name);
const caps = (name: string) => tool(name)?.properties.capabilities;

describe('capabilities through helpers in other modules', () => {
  before(async () => {
    res = await scan({ paths: [fileURLToPath(new URL('./testdata/helpers', import.meta.url))], workers: 0 });
  });

  it('follows a helper function of another module and names it', () => {
    assert.deepEqual(caps('fetch_transcript_tool'), ['network-egress', 'untrusted-input']);
    assert.deepEqual(tool('fetch_transcript_tool')?.properties.capabilitiesFromHelpers, [
      'research/common/file_utils.py:6',
    ]);
    // A tool of the agent's own file (found by the per-file detector) gets them too.
    assert.deepEqual(caps('grab'), ['network-egress', 'untrusted-input']);
  });

  it('judges a module-level object of another module by its class', () => {
    assert.deepEqual(caps('query_tool'), ['private-data', 'sql-write']); // bq = bigquery.Client(); bq.query(sql)
    assert.deepEqual(caps('notify_tool'), ['email', 'network-egress', 'network-write']); // mailer = Mailer(); mailer.send
    // The SQL is a SELECT kept in a local f-string before bq.query(query): a read, not model-written SQL.
    assert.deepEqual(caps('prices_tool'), ['private-data']);
  });

  it('follows a method of a same-file service object (places_service = PlacesService())', () => {
    assert.deepEqual(caps('map_tool'), ['network-egress', 'untrusted-input']);
  });

  it('knows Vertex AI RAG retrieval reads private data (a config object does not)', () => {
    assert.deepEqual(caps('rag_response'), ['private-data']);
    assert.deepEqual(caps('rag_config'), []);
  });

  it('does not count removing its own temporary file as deleting data (removing a given path does)', () => {
    assert.deepEqual(caps('convert'), []);
    assert.deepEqual(caps('purge'), ['destructive', 'file-write']);
  });

  it('gives decoys nothing and ends a cycle between modules', () => {
    assert.deepEqual(caps('compare_tool'), []);
    assert.deepEqual(caps('preview_tool'), []);
    assert.deepEqual(caps('label_tool'), []);
    assert.deepEqual(caps('cycle_tool'), ['network-egress', 'untrusted-input']);
  });

  it('judges the agent with what the helpers add', () => {
    const rules = res.findings.map((f) => `${f.ruleId} ${f.message.split(' ')[1]}`).sort();
    assert.deepEqual(rules, [
      'agent-high-impact-tool-without-approval "notify_tool"',
      'agent-high-impact-tool-without-approval "purge"',
      'agent-high-impact-tool-without-approval "query_tool"',
      'graph-lethal-trifecta "research"',
    ]);
  });
});
