// Where a code or shell tool (or a code-writing agent) runs, as data: a hosted or isolated sandbox
// (e2b, Docker, Modal, OpenAI's container) keeps an injected command off the host that runs the agent.
// A sandboxed one is still reported (it still runs whatever the model writes, with the sandbox's
// network and mounted files), one level lower. "local" executors and unknown values name no sandbox.
import { type CallSite, type SourceModel, stringOf, type Value } from '../lang/index.js';
import type { ArgRef } from './frameworks.js';

/** Executor objects handed to an agent or tool, by constructor callee: the sandbox each runs code in. */
export const SANDBOX_EXECUTORS: Readonly<Record<string, string>> = {
  'smolagents.E2BExecutor': 'e2b',
  'smolagents.remote_executors.E2BExecutor': 'e2b',
  'smolagents.DockerExecutor': 'docker',
  'smolagents.remote_executors.DockerExecutor': 'docker',
  'smolagents.ModalExecutor': 'modal',
  'smolagents.remote_executors.ModalExecutor': 'modal',
  'smolagents.BlaxelExecutor': 'blaxel',
  'smolagents.remote_executors.BlaxelExecutor': 'blaxel',
  'smolagents.WasmExecutor': 'wasm',
  'smolagents.remote_executors.WasmExecutor': 'wasm',
  // AutoGen: LocalCommandLineCodeExecutor and JupyterCodeExecutor run on the host and name none.
  'autogen_ext.code_executors.docker.DockerCommandLineCodeExecutor': 'docker',
  'autogen_ext.code_executors.docker_jupyter.DockerJupyterCodeExecutor': 'docker',
  'autogen_ext.code_executors.azure.ACADynamicSessionsCodeExecutor': 'azure-container-apps',
  'autogen.coding.DockerCommandLineCodeExecutor': 'docker',
};

/** An argument whose literal value names the sandbox (values not listed, such as "local", name none). */
export interface SandboxArg {
  callee: string;
  arg: ArgRef;
  values: Readonly<Record<string, string>>;
  /** For a dict argument (`environment={"type": "container_auto"}`): the key holding the value. */
  key?: string;
}

const CONTAINER = 'openai-container';

export const SANDBOX_ARGS: readonly SandboxArg[] = [
  ...['smolagents.CodeAgent', 'smolagents.agents.CodeAgent'].map((callee) => ({
    callee,
    arg: { kw: 'executor_type' },
    values: { e2b: 'e2b', docker: 'docker', modal: 'modal', blaxel: 'blaxel', wasm: 'wasm' },
  })),
  // CAMEL: "subprocess", "internal_python" and "jupyter" run on the host.
  {
    callee: 'camel.toolkits.CodeExecutionToolkit',
    arg: { kw: 'sandbox', pos: 0 },
    values: { docker: 'docker', e2b: 'e2b', microsandbox: 'microsandbox' },
  },
  { callee: 'camel.toolkits.TerminalToolkit', arg: { kw: 'use_docker_backend' }, values: { true: 'docker' } },
  // OpenAI Agents SDK ShellTool(environment={"type": "container_auto"}) runs in a hosted container.
  {
    callee: 'agents.ShellTool',
    arg: { kw: 'environment' },
    key: 'type',
    values: { container_auto: CONTAINER, container_reference: CONTAINER },
  },
];

/** Arguments that hand over an executor object (SANDBOX_EXECUTORS). */
export const EXECUTOR_ARGS: ReadonlyArray<{ callee: string; arg: ArgRef }> = [
  { callee: 'smolagents.CodeAgent', arg: { kw: 'executor' } },
  { callee: 'smolagents.agents.CodeAgent', arg: { kw: 'executor' } },
  { callee: 'autogen_agentchat.agents.CodeExecutorAgent', arg: { kw: 'code_executor', pos: 1 } },
  { callee: 'autogen_ext.tools.code_execution.PythonCodeExecutionTool', arg: { kw: 'executor', pos: 0 } },
];

function argOf(c: CallSite, ref: ArgRef): Value | undefined {
  return (ref.kw !== undefined ? c.kwargs[ref.kw] : undefined) ?? (ref.pos !== undefined ? c.args[ref.pos] : undefined);
}

function literal(v: Value | undefined): string | undefined {
  if (v?.kind === 'bool') return String(v.value);
  return stringOf(v);
}

/** The constructor callee of a value: a call, or a variable bound to one in the same scope or at module level. */
function calleeOfValue(model: SourceModel, v: Value | undefined, scope: number): string | undefined {
  if (v?.kind === 'call') return model.calls[v.call]?.callee;
  if (v?.kind !== 'name') return undefined;
  const bound = model.assignments.filter(
    (a) => a.target === v.qname && a.value.kind === 'call' && (a.scope === scope || a.scope === -1),
  );
  const last = bound[bound.length - 1]?.value;
  return last?.kind === 'call' ? model.calls[last.call]?.callee : undefined;
}

/** The sandbox a construction (agent, tool or toolkit) runs code in, or undefined for the host. */
export function sandboxOf(model: SourceModel, c: CallSite, callee: string): string | undefined {
  for (const s of SANDBOX_ARGS) {
    if (s.callee !== callee) continue;
    let v = argOf(c, s.arg);
    if (s.key !== undefined) v = v?.kind === 'dict' ? v.entries.find((e) => e.key === s.key)?.value : undefined;
    const lit = literal(v);
    if (lit !== undefined && Object.hasOwn(s.values, lit)) return s.values[lit];
  }
  for (const e of EXECUTOR_ARGS) {
    if (e.callee !== callee) continue;
    const ctor = calleeOfValue(model, argOf(c, e.arg), c.scope);
    if (ctor !== undefined && Object.hasOwn(SANDBOX_EXECUTORS, ctor)) return SANDBOX_EXECUTORS[ctor];
  }
  return undefined;
}
