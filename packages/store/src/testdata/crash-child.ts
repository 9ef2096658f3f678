// Child process for the kill -9 test: appends durable records forever (in concurrent groups, as a
// busy gateway would) and prints each acknowledged request id only after append() resolved.
import { AuditLog } from '../audit-log.js';
import { openDatabase } from '../db.js';

const [url, schema, key, mode] = process.argv.slice(2);
const db = await openDatabase(schema ? { url: url ?? '', schema } : { url: url ?? '' });
const log = new AuditLog(db, { hmacKey: key ?? '', writerThread: mode === 'thread', threadMinGroup: 1 });
let i = 0;
for (;;) {
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const id = `c-${i++}`;
      await log.append({ requestId: id, outcome: 'allowed' });
      process.stdout.write(`${id}\n`);
    }),
  );
}
