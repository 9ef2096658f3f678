// Misbehaving "MCP servers" for inspection tests, chosen by argv[2]. Never a real protocol peer.
const mode = process.argv[2];
if (mode === 'hang') setInterval(() => {}, 1000);
else if (mode === 'crash') {
  process.stderr.write('fatal: cannot start\n');
  process.exit(3);
} else if (mode === 'garbage') {
  process.stdout.write('Server starting... not JSON\n'.repeat(500));
  setInterval(() => {}, 1000);
}
else if (mode === 'huge') {
  process.stdout.write(`{"jsonrpc":"2.0","id":0,"result":{"x":"${'A'.repeat(8 * 1024 * 1024)}`);
  setInterval(() => {}, 1000);
} else if (mode === 'malformed') {
  // Answers initialize with JSON that is not JSON-RPC, forever.
  process.stdin.on('data', () => process.stdout.write('{"hello": "world"}\n'));
  setInterval(() => {}, 1000);
} else if (mode === 'no-init') {
  // Valid JSON-RPC, but never a response to initialize.
  setInterval(() => process.stdout.write('{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hi"}}\n'), 50);
}
