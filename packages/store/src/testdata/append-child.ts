// Child process for the multi-writer test: appends N records to the store given on argv.
import { AuditLog } from '../audit-log.js';
import { openDatabase } from '../db.js';

const [url, schema, n, tag, key, mode] = process.argv.slice(2);
const db = await openDatabase(schema ? { url: url ?? '', schema } : { url: url ?? '' });
const log = new AuditLog(db, { hmacKey: key ?? '', writerThread: mode === 'thread', threadMinGroup: 1 });
for (let i = 0; i < Number(n); i++) {
  await Promise.all([log.append({ requestId: `${tag}-${i}-a` }), log.append({ requestId: `${tag}-${i}-b` })]);
}
await log.close();
await db.close();
