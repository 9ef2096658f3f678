// Peer prompt-injection detectors run side by side with Rampart on the same samples. Each peer
// is wrapped as (text) -> {score, flagged}; a peer that cannot load is reported, not skipped
// silently.

export interface PeerResult {
  score: number;
  flagged: boolean;
}

export interface Peer {
  name: string;
  note: string;
  check(text: string): Promise<PeerResult>;
}

export async function loadPeers(): Promise<{ peers: Peer[]; problems: string[] }> {
  const peers: Peer[] = [];
  const problems: string[] = [];
  try {
    const { vard } = await import('@andersmyrmel/vard');
    const v = vard.moderate();
    peers.push({
      name: 'vard',
      note: '@andersmyrmel/vard 1.2, moderate preset (threshold 0.7)',
      async check(text) {
        const r = v.safeParse(text);
        if (r.safe) return { score: 0, flagged: false };
        const sev = Math.max(0, ...r.threats.map((t: { severity: number }) => t.severity));
        return { score: sev, flagged: true };
      },
    });
  } catch (e) {
    problems.push(`vard: ${(e as Error).message}`);
  }
  try {
    const { LLMGuard } = await import('llm-guard');
    const g = new LLMGuard({ jailbreak: true, promptInjection: true });
    peers.push({
      name: 'llm-guard',
      note: 'llm-guard 0.1.9, jailbreak + promptInjection guards',
      async check(text) {
        const r = (await g.validate(text)) as { isValid: boolean; score: number };
        return { score: 1 - r.score, flagged: !r.isValid };
      },
    });
  } catch (e) {
    problems.push(`llm-guard: ${(e as Error).message}`);
  }
  try {
    // hai-guardrails starts a worker pool at import whose worker path points at the package's CI
    // machine; those errors are expected and only the in-process "pattern" mode can run.
    process.on('uncaughtException', (e) => {
      if (!String((e as Error)?.message).includes('piscina')) throw e;
    });
    const hai = await import('@presidio-dev/hai-guardrails');
    const engine = new hai.GuardrailsEngine({
      guards: [hai.injectionGuard({ roles: ['user'] }, { mode: 'pattern', threshold: 0.7 })],
    });
    peers.push({
      name: 'hai-guardrails',
      note: '@presidio-dev/hai-guardrails 1.12, injectionGuard pattern mode, threshold 0.7 (heuristic mode cannot run from the npm build: worker path hard-coded to its CI machine)',
      async check(text) {
        const r = (await engine.run([{ role: 'user', content: text }])) as {
          messagesWithGuardResult: Array<{
            messages: Array<{ passed: boolean; additionalFields?: { score?: number } }>;
          }>;
        };
        const m = r.messagesWithGuardResult[0]?.messages[0];
        return { score: m?.additionalFields?.score ?? (m?.passed ? 0 : 1), flagged: m ? !m.passed : false };
      },
    });
  } catch (e) {
    problems.push(`hai-guardrails: ${(e as Error).message}`);
  }
  return { peers, problems };
}
