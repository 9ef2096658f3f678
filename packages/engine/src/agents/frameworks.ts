// Agent frameworks as data: the calls that create an agent (and where its tools, model and name are
// passed), the decorators and helpers that define tools, and built-in tools with known capabilities.
// Callees are the lang layer's resolved names. Adding a framework is adding rows here.
import type { Capability } from './capabilities.js';

export interface ArgRef {
  kw?: string;
  pos?: number;
}

export interface AgentSpec {
  callee: string;
  framework: string;
  tools?: ArgRef;
  model?: ArgRef;
  name?: ArgRef;
  /** The agent itself writes and runs code (smolagents CodeAgent, AutoGen code executors). */
  codeExecution?: boolean;
  /** The call runs the loop and returns its result (generateText): the variable it is bound to is no agent name. */
  returnsResult?: boolean;
  /** Plain functions passed in the tools list become tools (ADK, PydanticAI, AutoGen, LlamaIndex workflows). */
  plainFunctions?: boolean;
  /**
   * The agent gets its tools from other calls in the file (LangGraph: the graph's ToolNode(tools)); a
   * construction with no such call is no agent (a graph without tools is a workflow).
   */
  toolsFrom?: { callee: string; tools: ArgRef };
  /** Keyword arguments that put a person in the loop, with the values that mean "yes". */
  approval?: Record<string, RegExp>;
  /** Arguments listing other agents it hands work to, beyond its framework's (DELEGATION_ARGS). */
  subAgents?: ArgRef;
}

/** How an agent hands work to another agent; either way the other agent's tools act for it. */
export type DelegationVia = 'agent-tool' | 'sub-agent' | 'handoff' | 'managed-agent' | 'runs-agent';

/** Per framework: agent arguments that list agents it delegates to. */
export const DELEGATION_ARGS: Readonly<Record<string, { arg: ArgRef; via: DelegationVia }>> = {
  'google-adk': { arg: { kw: 'sub_agents' }, via: 'sub-agent' },
  'openai-agents': { arg: { kw: 'handoffs' }, via: 'handoff' },
  'openai-agents-js': { arg: { kw: 'handoffs' }, via: 'handoff' },
  smolagents: { arg: { kw: 'managed_agents' }, via: 'managed-agent' },
};

/** Calls that wrap an agent so another agent calls it as a tool (ADK AgentTool) or hands off to it. */
export const AGENT_WRAPPERS: readonly { callee: string; agent: ArgRef; via: DelegationVia }[] = [
  { callee: 'google.adk.tools.agent_tool.AgentTool', agent: { kw: 'agent', pos: 0 }, via: 'agent-tool' },
  { callee: 'google.adk.tools.AgentTool', agent: { kw: 'agent', pos: 0 }, via: 'agent-tool' },
  { callee: 'agents.handoff', agent: { kw: 'agent', pos: 0 }, via: 'handoff' },
  { callee: '@openai/agents.handoff', agent: { pos: 0 }, via: 'handoff' },
];
/** Methods that turn an agent into a tool of another (OpenAI Agents SDK `agent.as_tool(...)`). */
export const AS_TOOL_METHODS: readonly string[] = ['as_tool', 'asTool'];

const T = (kw: string, pos?: number): ArgRef => (pos === undefined ? { kw } : { kw, pos });

export const AGENT_SPECS: readonly AgentSpec[] = [
  // LangChain / LangGraph (Python)
  { callee: 'langchain.agents.create_react_agent', framework: 'langchain', tools: T('tools', 1), model: T('llm', 0) },
  {
    callee: 'langchain.agents.create_tool_calling_agent',
    framework: 'langchain',
    tools: T('tools', 1),
    model: T('llm', 0),
  },
  {
    callee: 'langchain.agents.create_openai_functions_agent',
    framework: 'langchain',
    tools: T('tools', 1),
    model: T('llm', 0),
  },
  {
    callee: 'langchain.agents.create_openai_tools_agent',
    framework: 'langchain',
    tools: T('tools', 1),
    model: T('llm', 0),
  },
  {
    callee: 'langchain.agents.create_structured_chat_agent',
    framework: 'langchain',
    tools: T('tools', 1),
    model: T('llm', 0),
  },
  { callee: 'langchain.agents.AgentExecutor', framework: 'langchain', tools: T('tools'), model: T('agent') },
  { callee: 'langchain.agents.initialize_agent', framework: 'langchain', tools: T('tools', 0), model: T('llm', 1) },
  {
    callee: 'langgraph.prebuilt.create_react_agent',
    framework: 'langgraph',
    tools: T('tools', 1),
    model: T('model', 0),
    name: T('name'),
    approval: { interrupt_before: /./, interrupt_after: /./ },
  },
  // A ToolNode only executes tool calls: the agent is the graph it is added to, which gets its tools.
  {
    callee: 'langgraph.graph.StateGraph',
    framework: 'langgraph',
    toolsFrom: { callee: 'langgraph.prebuilt.ToolNode', tools: T('tools', 0) },
    plainFunctions: true,
  },
  // LangChain.js / LangGraph.js
  {
    callee: '@langchain/langgraph/prebuilt.createReactAgent',
    framework: 'langgraph-js',
    tools: T('tools'),
    model: T('llm'),
    name: T('name'),
    approval: { interruptBefore: /./ },
  },
  { callee: 'langchain/agents.createToolCallingAgent', framework: 'langchain-js', tools: T('tools'), model: T('llm') },
  { callee: 'langchain/agents.AgentExecutor', framework: 'langchain-js', tools: T('tools') },
  // CrewAI
  {
    callee: 'crewai.Agent',
    framework: 'crewai',
    tools: T('tools'),
    model: T('llm'),
    name: T('role'),
    approval: { human_input: /^true$/i },
  },
  // AutoGen / AG2
  {
    callee: 'autogen_agentchat.agents.AssistantAgent',
    plainFunctions: true,
    framework: 'autogen',
    tools: T('tools'),
    model: T('model_client'),
    name: T('name', 0),
  },
  {
    callee: 'autogen_agentchat.agents.CodeExecutorAgent',
    framework: 'autogen',
    name: T('name', 0),
    codeExecution: true,
    // approval_func is called before each code execution (None = no approval).
    approval: { approval_func: /./ },
  },
  {
    callee: 'autogen.AssistantAgent',
    framework: 'ag2',
    model: T('llm_config'),
    name: T('name', 0),
    approval: { human_input_mode: /^(ALWAYS)$/ },
  },
  {
    callee: 'autogen.UserProxyAgent',
    framework: 'ag2',
    name: T('name', 0),
    approval: { human_input_mode: /^(ALWAYS)$/ },
  },
  {
    callee: 'autogen.ConversableAgent',
    framework: 'ag2',
    model: T('llm_config'),
    name: T('name', 0),
    approval: { human_input_mode: /^(ALWAYS)$/ },
  },
  // OpenAI Agents SDK
  { callee: 'agents.Agent', framework: 'openai-agents', tools: T('tools'), model: T('model'), name: T('name') },
  // Generic subscripts (Agent[Ctx](...)) resolve to the same callee; sandbox and realtime agents take tools too.
  {
    callee: 'agents.sandbox.SandboxAgent',
    framework: 'openai-agents',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  { callee: 'agents.realtime.RealtimeAgent', framework: 'openai-agents', tools: T('tools'), name: T('name') },
  {
    callee: '@openai/agents.Agent',
    framework: 'openai-agents-js',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  // LlamaIndex
  {
    callee: 'llama_index.core.agent.ReActAgent.from_tools',
    framework: 'llamaindex',
    tools: T('tools', 0),
    model: T('llm'),
  },
  { callee: 'llama_index.core.agent.ReActAgent', framework: 'llamaindex', tools: T('tools'), model: T('llm') },
  {
    callee: 'llama_index.core.agent.workflow.FunctionAgent',
    plainFunctions: true,
    framework: 'llamaindex',
    tools: T('tools'),
    model: T('llm'),
    name: T('name'),
  },
  {
    callee: 'llama_index.core.agent.workflow.ReActAgent',
    plainFunctions: true,
    framework: 'llamaindex',
    tools: T('tools'),
    model: T('llm'),
    name: T('name'),
  },
  // Semantic Kernel
  {
    callee: 'semantic_kernel.agents.ChatCompletionAgent',
    framework: 'semantic-kernel',
    tools: T('plugins'),
    model: T('service'),
    name: T('name'),
  },
  // smolagents
  {
    callee: 'smolagents.CodeAgent',
    framework: 'smolagents',
    tools: T('tools', 0),
    model: T('model', 1),
    codeExecution: true,
  },
  { callee: 'smolagents.ToolCallingAgent', framework: 'smolagents', tools: T('tools', 0), model: T('model', 1) },
  // The same classes imported from their module (`from smolagents.agents import CodeAgent`).
  {
    callee: 'smolagents.agents.CodeAgent',
    framework: 'smolagents',
    tools: T('tools', 0),
    model: T('model', 1),
    codeExecution: true,
  },
  {
    callee: 'smolagents.agents.ToolCallingAgent',
    framework: 'smolagents',
    tools: T('tools', 0),
    model: T('model', 1),
  },
  // PydanticAI
  {
    callee: 'pydantic_ai.Agent',
    plainFunctions: true,
    framework: 'pydantic-ai',
    tools: T('tools'),
    model: T('model', 0),
    name: T('name'),
  },
  // Google ADK (the package re-exports Agent at its root: `from google.adk import Agent`)
  {
    callee: 'google.adk.Agent',
    plainFunctions: true,
    framework: 'google-adk',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'google.adk.agents.Agent',
    plainFunctions: true,
    framework: 'google-adk',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'google.adk.agents.LlmAgent',
    plainFunctions: true,
    framework: 'google-adk',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'google.adk.agents.llm_agent.LlmAgent',
    plainFunctions: true,
    framework: 'google-adk',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'google.adk.agents.llm_agent.Agent',
    plainFunctions: true,
    framework: 'google-adk',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  // ADK workflow agents run their sub-agents (sub_agents=[...]) in order, in parallel or in a loop.
  { callee: 'google.adk.agents.SequentialAgent', framework: 'google-adk', name: T('name') },
  { callee: 'google.adk.agents.ParallelAgent', framework: 'google-adk', name: T('name') },
  { callee: 'google.adk.agents.LoopAgent', framework: 'google-adk', name: T('name') },
  // LangGraph supervisor: routes work to the agents it is given.
  {
    callee: 'langgraph_supervisor.create_supervisor',
    framework: 'langgraph',
    tools: T('tools'),
    model: T('model'),
    subAgents: T('agents', 0),
  },
  // Vercel AI SDK: a generateText/streamText call with tools is an agent loop
  { callee: 'ai.generateText', returnsResult: true, framework: 'vercel-ai', tools: T('tools'), model: T('model') },
  { callee: 'ai.streamText', returnsResult: true, framework: 'vercel-ai', tools: T('tools'), model: T('model') },
  // Agno: plain functions and toolkits in tools=[...]; a Team routes work to its members.
  {
    callee: 'agno.agent.Agent',
    plainFunctions: true,
    framework: 'agno',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'agno.agent.agent.Agent',
    plainFunctions: true,
    framework: 'agno',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
  },
  {
    callee: 'agno.team.Team',
    plainFunctions: true,
    framework: 'agno',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
    subAgents: T('members'),
  },
  {
    callee: 'agno.team.team.Team',
    plainFunctions: true,
    framework: 'agno',
    tools: T('tools'),
    model: T('model'),
    name: T('name'),
    subAgents: T('members'),
  },
  // CAMEL: ChatAgent(system_message, model=..., tools=[FunctionTool(fn), *Toolkit().get_tools(), fn]).
  { callee: 'camel.agents.ChatAgent', plainFunctions: true, framework: 'camel', tools: T('tools'), model: T('model') },
  {
    callee: 'camel.agents.chat_agent.ChatAgent',
    plainFunctions: true,
    framework: 'camel',
    tools: T('tools'),
    model: T('model'),
  },
  // Haystack: Agent(chat_generator=OpenAIChatGenerator(...), tools=[...]) runs the tool loop.
  {
    callee: 'haystack.components.agents.Agent',
    framework: 'haystack',
    tools: T('tools'),
    model: T('chat_generator'),
  },
  {
    callee: 'haystack.components.agents.agent.Agent',
    framework: 'haystack',
    tools: T('tools'),
    model: T('chat_generator'),
  },
  // Mastra
  { callee: '@mastra/core/agent.Agent', framework: 'mastra', tools: T('tools'), model: T('model'), name: T('name') },
  { callee: '@mastra/core.Agent', framework: 'mastra', tools: T('tools'), model: T('model'), name: T('name') },
];

/** Decorators that turn a function into a tool (callee prefixes; `mcp.tool` style methods match by suffix). */
export const TOOL_DECORATORS: readonly string[] = [
  'langchain.tools.tool',
  'langchain_core.tools.tool',
  'langchain.agents.tool',
  'crewai.tools.tool',
  'crewai_tools.tool',
  'agents.function_tool',
  'agents.tool',
  'smolagents.tool',
  'llama_index.core.tools.FunctionTool',
  'semantic_kernel.functions.kernel_function',
  'google.adk.tools.FunctionTool',
  'agno.tools.tool',
  'agno.tools.decorator.tool',
  'haystack.tools.tool',
  'haystack.tools.from_function.tool',
];

/** Method names that register a tool on an object (PydanticAI agent.tool, FastMCP mcp.tool). */
export const TOOL_METHOD_DECORATORS = /\.(tool|tool_plain)$/;

/**
 * Base classes whose subclasses are tools, with the method that does the work. The lang layer has no
 * class model, so a `Class.method` function counts when the file imports one of these bases.
 */
export const TOOL_BASE_CLASSES: ReadonlyArray<{ module: string; name: string; method: string }> = [
  { module: 'smolagents', name: 'Tool', method: 'forward' },
  { module: 'smolagents.tools', name: 'Tool', method: 'forward' },
  { module: 'crewai.tools', name: 'BaseTool', method: '_run' },
  { module: 'crewai_tools', name: 'BaseTool', method: '_run' },
  { module: 'langchain.tools', name: 'BaseTool', method: '_run' },
  { module: 'langchain_core.tools', name: 'BaseTool', method: '_run' },
];

/** Calls that wrap a function (by reference) into a tool: where the function is passed. */
export const TOOL_WRAPPERS: ReadonlyArray<{ callee: string; fn: ArgRef; name?: ArgRef }> = [
  { callee: 'langchain.tools.Tool', fn: T('func'), name: T('name') },
  { callee: 'langchain_core.tools.Tool', fn: T('func'), name: T('name') },
  { callee: 'langchain_core.tools.StructuredTool.from_function', fn: T('func', 0), name: T('name') },
  { callee: 'langchain.tools.StructuredTool.from_function', fn: T('func', 0), name: T('name') },
  { callee: 'llama_index.core.tools.FunctionTool.from_defaults', fn: T('fn', 0), name: T('name') },
  { callee: 'google.adk.tools.FunctionTool', fn: T('func', 0) },
  { callee: 'camel.toolkits.FunctionTool', fn: T('func', 0) },
  { callee: 'camel.toolkits.function_tool.FunctionTool', fn: T('func', 0) },
  { callee: 'haystack.tools.Tool', fn: T('function'), name: T('name') },
  { callee: 'haystack.tools.create_tool_from_function', fn: T('function', 0), name: T('name') },
];

/** JS helpers whose object argument defines a tool with an inline execute function. */
export const JS_TOOL_HELPERS: ReadonlyArray<{ callee: string; name?: ArgRef }> = [
  { callee: 'ai.tool' },
  { callee: '@openai/agents.tool', name: T('name') },
  { callee: '@mastra/core/tools.createTool', name: T('id') },
  { callee: '@langchain/core/tools.tool', name: T('name') },
];

/** Built-in tools whose capabilities are known from their class. */
export interface BuiltinTool {
  callee: string;
  name: string;
  caps: readonly Capability[];
  /**
   * Toolkits that expose several functions (Agno): the functions that give a capability. The
   * construction can switch functions off (`enable_save_file=False`, or `send_email=False` for the
   * Google toolkits, `include_tools=[...]`, `exclude_tools=[...]`); a capability none of whose
   * functions is left is dropped.
   */
  functions?: Partial<Record<Capability, readonly string[]>>;
  /** Of those functions, the ones that are off unless enabled (`enable_delete_file=True` or `all=True`). */
  optIn?: readonly string[];
  /** It always runs code in this sandbox, not on the host (see sandboxes.ts for per-construction ones). */
  sandbox?: string;
}

const PYTHON_RUN = [
  'save_to_file_and_run',
  'run_python_code',
  'pip_install_package',
  'uv_pip_install_package',
  'run_python_file_return_variable',
];
const FILE_READ = ['read_file', 'read_file_chunk', 'search_content', 'search_files', 'list_files'];
const GMAIL_SEND = ['send_email', 'send_email_reply', 'send_draft'];
const GMAIL_READ = [
  'get_latest_emails',
  'get_emails_from_user',
  'get_unread_emails',
  'get_starred_emails',
  'get_emails_by_context',
  'get_emails_by_date',
  'get_emails_by_thread',
  'search_emails',
  'get_message',
  'get_thread',
  'search_threads',
  'get_draft',
  'list_drafts',
  'download_attachment',
];

export const BUILTIN_TOOLS: readonly BuiltinTool[] = [
  // A retriever handed to the agent as a tool: it reads the project's indexed documents.
  { callee: 'langchain.tools.retriever.create_retriever_tool', name: 'retriever_tool', caps: ['private-data'] },
  { callee: 'langchain_core.tools.create_retriever_tool', name: 'retriever_tool', caps: ['private-data'] },
  { callee: 'langchain_core.tools.retriever.create_retriever_tool', name: 'retriever_tool', caps: ['private-data'] },
  { callee: 'langchain.tools.create_retriever_tool', name: 'retriever_tool', caps: ['private-data'] },
  {
    callee: 'langchain_community.tools.gmail.get_thread.GmailGetThread',
    name: 'gmail_get_thread',
    caps: ['untrusted-input', 'private-data'],
  },
  {
    callee: 'langchain_community.tools.gmail.search.GmailSearch',
    name: 'gmail_search',
    caps: ['untrusted-input', 'private-data'],
  },
  // A draft is not sent: no outbound capability of its own.
  { callee: 'langchain_community.tools.gmail.create_draft.GmailCreateDraft', name: 'gmail_create_draft', caps: [] },
  {
    callee: 'langchain_community.tools.gmail.send_message.GmailSendMessage',
    name: 'gmail_send_message',
    caps: ['email', 'network-write'],
  },
  { callee: 'langchain_community.tools.ShellTool', name: 'terminal', caps: ['shell'] },
  { callee: 'langchain_experimental.tools.PythonREPLTool', name: 'python_repl', caps: ['code-exec'] },
  { callee: 'langchain_experimental.tools.PythonAstREPLTool', name: 'python_repl_ast', caps: ['code-exec'] },
  { callee: 'langchain_community.tools.file_management.WriteFileTool', name: 'write_file', caps: ['file-write'] },
  {
    callee: 'langchain_community.tools.file_management.DeleteFileTool',
    name: 'file_delete',
    caps: ['destructive', 'file-write'],
  },
  {
    callee: 'langchain_community.agent_toolkits.FileManagementToolkit',
    name: 'file_management',
    caps: ['file-write', 'file-read', 'destructive', 'private-data'],
  },
  {
    callee: 'langchain_community.agent_toolkits.GmailToolkit',
    name: 'gmail',
    caps: ['email', 'network-egress', 'untrusted-input', 'private-data'],
  },
  {
    callee: 'langchain_community.agent_toolkits.SQLDatabaseToolkit',
    name: 'sql_database',
    caps: ['sql-write', 'private-data'],
  },
  {
    callee: 'langchain_community.agent_toolkits.openapi.toolkit.RequestsToolkit',
    name: 'requests',
    caps: ['network-egress', 'untrusted-input'],
  },
  { callee: 'langchain_community.tools.DuckDuckGoSearchRun', name: 'duckduckgo_search', caps: ['untrusted-input'] },
  {
    callee: 'langchain_community.tools.tavily_search.TavilySearchResults',
    name: 'tavily_search',
    caps: ['untrusted-input'],
  },
  { callee: 'crewai_tools.CodeInterpreterTool', name: 'code_interpreter', caps: ['code-exec'] },
  { callee: 'crewai_tools.FileWriterTool', name: 'file_writer', caps: ['file-write'] },
  { callee: 'crewai_tools.ScrapeWebsiteTool', name: 'scrape_website', caps: ['untrusted-input', 'network-egress'] },
  { callee: 'crewai_tools.SerperDevTool', name: 'serper_search', caps: ['untrusted-input'] },
  {
    callee: 'crewai_tools.WebsiteSearchTool',
    name: 'website_search',
    caps: ['untrusted-input', 'network-egress'],
  },
  { callee: 'crewai_tools.FileReadTool', name: 'file_read', caps: ['file-read', 'private-data'] },
  { callee: 'crewai_tools.DirectoryReadTool', name: 'directory_read', caps: ['file-read', 'private-data'] },
  { callee: 'crewai_tools.PDFSearchTool', name: 'pdf_search', caps: ['file-read', 'private-data'] },
  { callee: 'smolagents.DuckDuckGoSearchTool', name: 'web_search', caps: ['untrusted-input'] },
  { callee: 'smolagents.VisitWebpageTool', name: 'visit_webpage', caps: ['untrusted-input', 'network-egress'] },
  { callee: 'agents.WebSearchTool', name: 'web_search', caps: ['untrusted-input'] },
  // The hosted code interpreter runs in a container on OpenAI's side.
  { callee: 'agents.CodeInterpreterTool', name: 'code_interpreter', caps: ['code-exec'], sandbox: 'openai-container' },
  { callee: 'agents.ComputerTool', name: 'computer', caps: ['shell', 'network-egress', 'untrusted-input'] },
  { callee: 'agents.LocalShellTool', name: 'local_shell', caps: ['shell'] },
  // Hosted and local tools of the OpenAI Agents SDK (ShellTool/ApplyPatchTool take needs_approval=).
  { callee: 'agents.ShellTool', name: 'shell', caps: ['shell'] },
  { callee: 'agents.ApplyPatchTool', name: 'apply_patch', caps: ['file-write'] },
  { callee: 'agents.FileSearchTool', name: 'file_search', caps: ['private-data'] },
  { callee: 'agents.ImageGenerationTool', name: 'image_generation', caps: [] },
  { callee: 'agents.HostedMCPTool', name: 'hosted_mcp', caps: ['network-egress', 'untrusted-input'] },
  { callee: 'google.adk.tools.google_search', name: 'google_search', caps: ['untrusted-input'] },
  { callee: 'google.adk.tools.google_search_tool.google_search', name: 'google_search', caps: ['untrusted-input'] },
  { callee: 'google.adk.tools.load_artifacts', name: 'load_artifacts', caps: [] },
  { callee: 'google.adk.tools.load_artifacts_tool.load_artifacts_tool', name: 'load_artifacts', caps: [] },
  // Retrieval from a Vertex AI RAG corpus: the project's own documents.
  {
    callee: 'google.adk.tools.retrieval.vertex_ai_rag_retrieval.VertexAiRagRetrieval',
    name: 'vertex_ai_rag_retrieval',
    caps: ['private-data'],
  },
  {
    callee: 'google.adk.tools.retrieval.VertexAiRagRetrieval',
    name: 'vertex_ai_rag_retrieval',
    caps: ['private-data'],
  },
  { callee: 'google.adk.tools.url_context', name: 'url_context', caps: ['untrusted-input', 'network-egress'] },
  // smolagents default tools beyond the two above.
  { callee: 'smolagents.WebSearchTool', name: 'web_search', caps: ['untrusted-input'] },
  { callee: 'smolagents.GoogleSearchTool', name: 'web_search', caps: ['untrusted-input'] },
  { callee: 'smolagents.ApiWebSearchTool', name: 'web_search', caps: ['untrusted-input'] },
  { callee: 'smolagents.WikipediaSearchTool', name: 'wikipedia_search', caps: ['untrusted-input'] },
  { callee: 'smolagents.PythonInterpreterTool', name: 'python_interpreter', caps: ['code-exec'] },
  // Agno toolkits (Toolkit(requires_confirmation_tools=[...]) puts a person in the loop).
  {
    callee: 'agno.tools.shell.ShellTools',
    name: 'shell_tools',
    caps: ['shell'],
    functions: { shell: ['run_shell_command'] },
  },
  {
    callee: 'agno.tools.python.PythonTools',
    name: 'python_tools',
    caps: ['code-exec', 'file-write'],
    functions: { 'code-exec': PYTHON_RUN, 'file-write': ['save_to_file_and_run'] },
  },
  { callee: 'agno.tools.e2b.E2BTools', name: 'e2b_tools', caps: ['code-exec'], sandbox: 'e2b' },
  // Daytona runs code and shell commands (and its file functions) inside the remote sandbox.
  {
    callee: 'agno.tools.daytona.DaytonaTools',
    name: 'daytona_tools',
    caps: ['code-exec', 'shell'],
    sandbox: 'daytona',
  },
  {
    callee: 'agno.tools.docker.DockerTools',
    name: 'docker_tools',
    caps: ['shell', 'destructive'],
    functions: {
      shell: ['run_container', 'exec_in_container'],
      // Stopping a container interrupts it; removing one (or an image, volume, network) deletes data.
      destructive: ['remove_container', 'remove_image', 'remove_volume', 'remove_network'],
    },
  },
  {
    callee: 'agno.tools.file.FileTools',
    name: 'file_tools',
    caps: ['file-read', 'file-write', 'private-data'],
    functions: {
      'file-write': ['save_file', 'replace_file_chunk', 'delete_file'],
      'file-read': FILE_READ,
      'private-data': FILE_READ,
    },
    optIn: ['delete_file'],
  },
  {
    callee: 'agno.tools.local_file_system.LocalFileSystemTools',
    name: 'local_file_system',
    caps: ['file-write'],
    functions: { 'file-write': ['write_file'] },
  },
  {
    callee: 'agno.tools.sql.SQLTools',
    name: 'sql_tools',
    caps: ['sql-write', 'private-data'],
    functions: { 'sql-write': ['run_sql_query'] },
  },
  {
    callee: 'agno.tools.postgres.PostgresTools',
    name: 'postgres_tools',
    caps: ['sql-write', 'private-data'],
    functions: { 'sql-write': ['run_query'] },
  },
  {
    callee: 'agno.tools.email.EmailTools',
    name: 'email_tools',
    caps: ['email'],
    functions: { email: ['email_user'] },
  },
  // Agno moved the Google toolkits under agno.tools.google; the old module re-exports them.
  { callee: 'agno.tools.gmail.GmailTools', name: 'gmail_tools', caps: ['email', 'untrusted-input', 'private-data'] },
  {
    callee: 'agno.tools.google.gmail.GmailTools',
    name: 'gmail_tools',
    caps: ['email', 'untrusted-input', 'private-data'],
    functions: { email: GMAIL_SEND, 'untrusted-input': GMAIL_READ, 'private-data': GMAIL_READ },
    optIn: ['send_draft', 'download_attachment'],
  },
  { callee: 'agno.tools.google.drive.GoogleDriveTools', name: 'google_drive_tools', caps: ['private-data'] },
  { callee: 'agno.tools.google.calendar.GoogleCalendarTools', name: 'google_calendar_tools', caps: ['private-data'] },
  // Tools of an MCP server the agent connects to: what they do is the server's, read as untrusted.
  { callee: 'agno.tools.mcp.MCPTools', name: 'mcp_tools', caps: ['untrusted-input'] },
  { callee: 'agno.tools.mcp.MultiMCPTools', name: 'mcp_tools', caps: ['untrusted-input'] },
  {
    callee: 'agno.tools.trafilatura.TrafilaturaTools',
    name: 'trafilatura_tools',
    caps: ['untrusted-input', 'network-egress'],
  },
  {
    callee: 'agno.tools.slack.SlackTools',
    name: 'slack_tools',
    caps: ['network-write', 'untrusted-input'],
    functions: {
      'network-write': ['send_message', 'send_message_thread', 'upload_file'],
      'untrusted-input': ['get_channel_history', 'download_file', 'search_messages', 'get_thread'],
    },
    optIn: ['search_messages', 'get_thread'],
  },
  { callee: 'agno.tools.duckduckgo.DuckDuckGoTools', name: 'duckduckgo', caps: ['untrusted-input'] },
  { callee: 'agno.tools.websearch.WebSearchTools', name: 'websearch', caps: ['untrusted-input'] },
  { callee: 'agno.tools.tavily.TavilyTools', name: 'tavily_tools', caps: ['untrusted-input'] },
  { callee: 'agno.tools.exa.ExaTools', name: 'exa_tools', caps: ['untrusted-input'] },
  { callee: 'agno.tools.hackernews.HackerNewsTools', name: 'hackernews', caps: ['untrusted-input'] },
  { callee: 'agno.tools.wikipedia.WikipediaTools', name: 'wikipedia_tools', caps: ['untrusted-input'] },
  { callee: 'agno.tools.website.WebsiteTools', name: 'website_tools', caps: ['untrusted-input', 'network-egress'] },
  { callee: 'agno.tools.yfinance.YFinanceTools', name: 'yfinance_tools', caps: [] },
  { callee: 'agno.tools.calculator.CalculatorTools', name: 'calculator', caps: [] },
  { callee: 'agno.tools.reasoning.ReasoningTools', name: 'reasoning_tools', caps: [] },
  // CAMEL toolkits, passed as Toolkit().get_tools().
  { callee: 'camel.toolkits.TerminalToolkit', name: 'terminal_toolkit', caps: ['shell'] },
  { callee: 'camel.toolkits.CodeExecutionToolkit', name: 'code_execution_toolkit', caps: ['code-exec'] },
  { callee: 'camel.toolkits.FileWriteToolkit', name: 'file_write_toolkit', caps: ['file-write'] },
  { callee: 'camel.toolkits.SearchToolkit', name: 'search_toolkit', caps: ['untrusted-input'] },
  {
    callee: 'camel.toolkits.BrowserToolkit',
    name: 'browser_toolkit',
    caps: ['untrusted-input', 'network-egress'],
  },
  { callee: 'camel.toolkits.MathToolkit', name: 'math_toolkit', caps: [] },
];

/** Methods of a built-in toolkit object that hand its tools to an agent (`TerminalToolkit().get_tools()`). */
export const TOOLKIT_METHODS: readonly string[] = ['get_tools'];

/** Keyword arguments of a tool or toolkit that put a person in the loop before it runs. */
export const TOOL_APPROVAL_KWARGS: readonly string[] = [
  'needs_approval',
  // PydanticAI `@agent.tool(requires_approval=True)` defers the call to the application.
  'requires_approval',
  'requires_confirmation',
  'requires_confirmation_tools',
];

/** `load_tools(["terminal", ...])`: LangChain tool names with known capabilities. */
export const LOAD_TOOLS_NAMES: Readonly<Record<string, readonly Capability[]>> = {
  terminal: ['shell'],
  python_repl: ['code-exec'],
  requests_all: ['network-egress', 'untrusted-input'],
  requests_post: ['network-egress'],
  requests_get: ['untrusted-input'],
  'ddg-search': ['untrusted-input'],
  serpapi: ['untrusted-input'],
};

/** MCP servers written with the SDKs: constructor callees. */
export const MCP_SERVER_CTORS: readonly string[] = [
  'mcp.server.fastmcp.FastMCP',
  'fastmcp.FastMCP',
  'mcp.server.Server',
  '@modelcontextprotocol/sdk/server/mcp.js.McpServer',
  '@modelcontextprotocol/sdk/server/index.js.Server',
];
