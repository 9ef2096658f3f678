import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchProvider } from './provider-match.js';

test('LangChain classes match from any submodule of the LangChain family', () => {
  // rag-tutorial-v2 imports the class from its submodule; the table names `langchain_community.llms.Ollama`.
  const hit = matchProvider('langchain_community.llms.ollama.Ollama');
  assert.equal(hit?.row.provider, 'ollama');
  assert.equal(hit?.exact, true);
  assert.equal(matchProvider('langchain_community.llms.ollama.Ollama().invoke')?.exact, false);
  assert.equal(matchProvider('langchain.chat_models.openai.ChatOpenAI')?.row.provider, 'openai');
  // Rows that already match are untouched.
  assert.equal(matchProvider('langchain_openai.ChatOpenAI')?.row.match, 'langchain_openai.ChatOpenAI');
});

test('decoys: the class name outside LangChain, an unknown LangChain class, a class attribute', () => {
  assert.equal(matchProvider('mylib.llms.ollama.Ollama'), undefined);
  assert.equal(matchProvider('langchain_community.llms.fake.FakeListLLM'), undefined);
  assert.equal(matchProvider('langchain_community.llms.ollama.Ollama.model_fields'), undefined);
});

test('Haystack and Agno classes match from any module of their family, not from elsewhere', () => {
  const hs = matchProvider('haystack_experimental.components.generators.chat.openai.OpenAIChatGenerator');
  assert.equal(hs?.row.match, 'haystack.components.generators.chat.OpenAIChatGenerator');
  assert.equal(matchProvider('agno.models.anthropic.claude.Claude')?.row.provider, 'anthropic');
  assert.equal(matchProvider('mylib.generators.OpenAIChatGenerator'), undefined);
  assert.equal(matchProvider('agno.tools.openai.OpenAIChat'), undefined, 'only agno.models is the model family');
});
