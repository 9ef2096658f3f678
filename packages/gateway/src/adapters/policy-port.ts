// Binds the PolicyPort to @rampart/policy's PolicyStore: validated load, hot reload on file change
// (a bad file is rejected and the previous revision stays active), fail closed before a first load.
import { PolicyStore } from '@rampart/policy';
import type { PolicyPort } from '../ports.js';

export interface LoadedPolicy {
  port: PolicyPort;
  store: PolicyStore;
  stop(): void;
}

export async function loadPolicy(
  path: string,
  log: (msg: string) => void,
  opts: { watch?: boolean } = {},
): Promise<LoadedPolicy> {
  const store = new PolicyStore();
  await store.loadFile(path);
  log(`policy ${path} loaded (revision ${store.revision()})`);
  const stop =
    opts.watch === false
      ? () => undefined
      : store.watch(path, {
          onReload: (rev) => log(`policy reloaded (revision ${rev})`),
          onError: (e) => log(`policy reload rejected, revision ${store.revision()} stays active: ${e.message}`),
        });
  return { port: store, store, stop };
}
