// Detector: unsafe AI-related code patterns. Deserialisation that executes code (torch.load
// without weights_only, pickle/joblib/dill loads — worse when the file was just downloaded),
// trust_remote_code=True, and model output flowing into eval/exec/shell/SQL (OWASP LLM05) through
// simple intra-function data flow from a completion call's result to the sink.
import type { Detector, DetectorOutput, FileInput, FindingDraft } from '@rampart/core';
import { type AnalyzedSource, type CallSite, calleeUnder, stringOf, type Value } from '../lang/index.js';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from './code-file.js';
import { matchProvider } from './provider-match.js';
import { PROVIDER_HINTS } from './providers.js';

export const UNSAFE_CODE_DETECTOR_ID = 'code-unsafe-patterns';

export const RULES = {
  torchLoad: 'code-torch-load-unsafe',
  pickleDownloaded: 'code-pickle-load-downloaded',
  pickleLoad: 'code-pickle-load',
  trustRemoteCode: 'code-trust-remote-code',
  outputToSink: 'code-llm-output-to-sink',
} as const;

const HINTS = hintPattern([
  'torch',
  'pickle',
  'joblib',
  'dill',
  'read_pickle',
  'allow_pickle',
  'trust_remote_code',
  'trustRemoteCode',
  ...PROVIDER_HINTS,
]);

/** Deserialisers that run code from the data they load. */
const PICKLE_LOADERS = [
  'pickle.load',
  'pickle.loads',
  'pickle.Unpickler',
  '_pickle.load',
  '_pickle.loads',
  'cPickle.load',
  'cPickle.loads',
  'joblib.load',
  'sklearn.externals.joblib.load',
  'dill.load',
  'dill.loads',
  'cloudpickle.load',
  'cloudpickle.loads',
  'pandas.read_pickle',
];

/** Calls that fetch a remote file (or its bytes). */
const DOWNLOADERS = [
  'huggingface_hub.hf_hub_download',
  'huggingface_hub.snapshot_download',
  'urllib.request.urlretrieve',
  'urllib.request.urlopen',
  'urllib.urlretrieve',
  'urllib.urlopen',
  'requests.get',
  'requests.request',
  'httpx.get',
  'wget.download',
  'gdown.download',
  'torch.hub.download_url_to_file',
  'torch.hub.load_state_dict_from_url',
  'boto3.client().download_file',
  'boto3.client().get_object',
  'fsspec.open',
];

/** Sinks that execute their argument as code, a command or SQL. */
const CODE_SINKS = ['eval', 'exec', 'compile', 'Function', 'vm.runInNewContext', 'vm.runInThisContext', 'vm.Script'];
const SHELL_SINKS = [
  'os.system',
  'os.popen',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'child_process.exec',
  'child_process.execSync',
  'child_process.spawn',
  'child_process.spawnSync',
  'child_process.execFile',
  'child_process.execFileSync',
];
const SQL_METHODS = /\.(execute|executemany|executescript|exec_driver_sql|query)$/;
/** `.execute` / `.query` count as SQL only on something that looks like a database handle. */
const DB_RECEIVER =
  /cursor|conn|connect\(\)|session|engine|(?:^|[._])db(?:$|[._(])|sql|database|pool|psycopg|pymysql|duckdb|knex|prisma/i;

/** Each downloader and its call result ("requests.get" and "requests.get()"), built once. */
const DOWNLOADER_CALLS = DOWNLOADERS.map((p) => [p, `${p}()`] as const);
const isDownload = (callee: string) =>
  DOWNLOADER_CALLS.some(([p, called]) => callee === p || calleeUnder(callee, called));
const isExactly = (callee: string, list: readonly string[]) => list.includes(callee);

function sinkKind(call: CallSite): 'code' | 'shell' | 'sql' | undefined {
  const c = call.callee.replace(/^node:/, '');
  if (isExactly(c, CODE_SINKS) || (call.isNew && c === 'Function')) return 'code';
  if (isExactly(c, SHELL_SINKS)) return 'shell';
  if (c === 'sqlalchemy.text' || (SQL_METHODS.test(c) && (DB_RECEIVER.test(c) || DB_RECEIVER.test(call.text))))
    return 'sql';
  return undefined;
}

/** A call that returns model output: a method on an LLM client instance, or a direct completion call. */
function isLlmCall(call: CallSite): boolean {
  const hit = matchProvider(call.callee);
  if (!hit) return false;
  if (!hit.exact) return true;
  return hit.row.role === 'call' || hit.row.role === 'factory';
}

function draft(
  ruleId: string,
  ref: SourceRef,
  call: CallSite,
  message: string,
  facts: Record<string, unknown>,
): FindingDraft {
  return {
    ruleId,
    location: { ...ref.locate(call.line), column: call.column },
    message,
    evidence: { snippet: `${call.text.slice(0, 120)}(...)`, facts },
  };
}

/** Variables in each scope that hold model output (fixpoint over the scope's assignments). */
function taintedNames(model: AnalyzedSource, llmCalls: ReadonlySet<number>): Map<number, Set<string>> {
  const byScope = new Map<number, Set<string>>();
  if (llmCalls.size === 0) return byScope;
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const a of model.assignments) {
      const set = byScope.get(a.scope) ?? new Set<string>();
      if (set.has(a.target)) continue;
      if (a.calls.some((i) => llmCalls.has(i)) || a.refs.some((r) => set.has(r))) {
        set.add(a.target);
        byScope.set(a.scope, set);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return byScope;
}

function literalArg(v: Value | undefined): boolean {
  return v?.kind === 'string' || v?.kind === 'number';
}

export function findUnsafe(model: AnalyzedSource, ref: SourceRef): Partial<DetectorOutput> {
  const findings: FindingDraft[] = [];
  const downloads = new Set(model.calls.filter((c) => isDownload(c.callee)).map((c) => c.index));
  // Names bound (in any scope of this file) to a downloaded file or its bytes.
  const downloaded = new Set<string>();
  for (let pass = 0; pass < 2; pass++)
    for (const a of model.assignments)
      if (a.calls.some((i) => downloads.has(i)) || a.refs.some((r) => downloaded.has(r))) downloaded.add(a.target);
  const llmCalls = new Set(model.calls.filter(isLlmCall).map((c) => c.index));
  const tainted = taintedNames(model, llmCalls);

  for (const call of model.calls) {
    const c = call.callee;
    // torch.load without weights_only=True: the file's pickle runs on load.
    if (c === 'torch.load') {
      const wo = call.kwargs.weights_only;
      if (!(wo?.kind === 'bool' && wo.value)) {
        findings.push(
          draft(
            RULES.torchLoad,
            ref,
            call,
            wo
              ? 'torch.load with weights_only=False unpickles arbitrary code'
              : 'torch.load without weights_only=True unpickles arbitrary code',
            {
              callee: c,
            },
          ),
        );
      }
    } else if (
      isExactly(c, PICKLE_LOADERS) ||
      (c === 'numpy.load' && call.kwargs.allow_pickle?.kind === 'bool' && call.kwargs.allow_pickle.value)
    ) {
      const fromDownload =
        call.argCalls.some((i) => downloads.has(i)) ||
        call.argRefs.some((r) => downloaded.has(r)) ||
        call.args.some((a) => /^https?:\/\//i.test(stringOf(a) ?? ''));
      if (fromDownload) {
        findings.push(
          draft(RULES.pickleDownloaded, ref, call, `${c} deserialises a file fetched from the network`, { callee: c }),
        );
      } else {
        findings.push(
          draft(RULES.pickleLoad, ref, call, `${c} can execute code embedded in the data it loads`, { callee: c }),
        );
      }
    }
    const trc = call.kwargs.trust_remote_code ?? call.kwargs.trustRemoteCode;
    if (trc?.kind === 'bool' && trc.value) {
      findings.push(
        draft(
          RULES.trustRemoteCode,
          ref,
          call,
          `${call.text}(trust_remote_code=True) runs Python code from the model repository`,
          { callee: c },
        ),
      );
    }
    const sink = sinkKind(call);
    if (sink && !call.args.every(literalArg)) {
      const names = tainted.get(call.scope);
      const via = call.argRefs.find((r) => names?.has(r));
      const direct = call.argCalls.some((i) => llmCalls.has(i));
      if (via || direct) {
        findings.push(
          draft(
            RULES.outputToSink,
            ref,
            call,
            `model output${via ? ` ("${via}")` : ''} reaches ${c} (${sink} execution)`,
            {
              sink: c,
              kind: sink,
            },
          ),
        );
      }
    }
  }
  return { findings };
}

export const unsafeCodeDetector: Detector = {
  id: UNSAFE_CODE_DETECTOR_ID,
  version: '1',
  description:
    'Unsafe AI code patterns: torch.load / pickle loads, trust_remote_code=True, model output passed to eval/exec/shell/SQL',
  applies: (file) => codeApplies(file, HINTS),
  async analyze(file: FileInput) {
    const out: Partial<DetectorOutput> = {};
    const model = await loadSource(file, HINTS, out, UNSAFE_CODE_DETECTOR_ID);
    if (!model) return out;
    return { ...out, ...findUnsafe(model, fileRef(file.path)) };
  },
};
