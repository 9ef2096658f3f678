// Worker entry when Rampart runs from TypeScript sources (tests, `tsx`): Node 20 does not carry the
// parent's loader hooks into worker threads, so register tsx here, then load the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
