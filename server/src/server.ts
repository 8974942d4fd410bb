// Entry point of the language server (dist/server.js, also the `container-standards-language-server` bin and
// `container-standards lsp`). The transport (--stdio, --node-ipc, --socket=, --pipe=) comes from the command
// line, as vscode-languageserver reads it; without one the server speaks on standard input and output, as
// editors other than VS Code start it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { TOOL_NAME, TOOL_VERSION } from './product';

const USAGE = `Usage: ${TOOL_NAME} lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]
       ${TOOL_NAME}-language-server [same options]

Starts the Container Standards language server: diagnostics, quick fixes, completions and hovers for
Dockerfiles and Python files in any editor that speaks the Language Server Protocol. It talks on
standard input and output unless another transport is given. Editor setups: see the README section
"Any editor (language server)".

Options:
      --stdio            Talk on standard input and output (the default)
      --node-ipc         Talk over Node's IPC channel (VS Code)
      --socket=<port>    Connect to a TCP port on this machine
      --pipe=<name>      Connect to a named pipe or Unix socket
  -h, --help             Show this help
  -v, --version          Show the version
`;

const TRANSPORT = /^--(?:stdio|node-ipc|socket(?:=.*)?|pipe(?:=.*)?)$/;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${TOOL_VERSION}\n`);
} else {
  const stray = args.find((a) => a.startsWith('-') && !TRANSPORT.test(a) && !a.startsWith('--clientProcessId'));
  if (stray) {
    process.stderr.write(`${TOOL_NAME} lsp: unknown option '${stray.replace(/[\x00-\x1f\x7f]/g, '?')}'; run '${TOOL_NAME} lsp --help' to see the options\n`);
    process.exitCode = 2;
  } else {
    if (!args.some((a) => TRANSPORT.test(a))) process.argv.push('--stdio');
    if (process.argv.includes('--stdio') && process.stdin.isTTY) {
      process.stderr.write(
        `${TOOL_NAME} language server ${TOOL_VERSION}: speaking the Language Server Protocol on standard input and output; an editor starts it this way (see '${TOOL_NAME} lsp --help'). Ctrl-C stops it.\n`,
      );
    }
    startServer(createConnection(ProposedFeatures.all));
  }
}
