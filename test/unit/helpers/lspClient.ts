import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

// Run from out/test/unit/helpers: the repository root is four levels up.
export const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The bundled language server (dist/server.js) over stdio, driven as an editor would: it answers the
 * server's `workspace/configuration` requests from `settings` and records published diagnostics.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];
  settings: Record<string, unknown> = {};
  readonly configurationRequests: string[] = [];
  readonly messages: string[] = [];

  constructor() {
    this.child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) => {
      for (const item of p.items) this.configurationRequests.push(item.scopeUri ?? '');
      return p.items.map(() => this.settings);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootPath = ROOT, initializationOptions?: unknown) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { formatting: { dynamicRegistration: true }, completion: { completionItem: { snippetSupport: true } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, any>; serverInfo: { name: string } };
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** All diagnostics published so far for `uri`, oldest first. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** The first publication for `uri` (so far, or when it comes) that satisfies `accept`. */
  async diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      const list = this.publishedFor(uri);
      const hit = list.slice(seen).find(accept);
      if (hit) return hit;
      seen = list.length;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(list.map((p) => p.diagnostics.map((d) => d.code)))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve(null) : this.child.once('exit', resolve)));
  }
}
