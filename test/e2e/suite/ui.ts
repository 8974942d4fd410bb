// Looks at and drives the workbench page from inside the extension host, through the launcher
// (test/e2e/run.mjs, serveUi): the `vscode` API cannot read a quick pick's items, a dialog's text
// or a status bar item, so the tests ask the launcher's browser for them.
import * as fs from 'fs';
import * as path from 'path';
import { sleep } from './helpers';

export interface Element {
  text: string;
  value?: string;
  placeholder?: string;
  ariaLabel?: string;
}

let counter = 0;

/** True when the launcher serves UI requests (run.mjs does; the electron launcher does not). */
export function uiAvailable(): boolean {
  return Boolean(process.env.CS_E2E_UI_DIR);
}

/** True when `npm run demo` asked for the pictures (run.mjs --shots). */
export function shotsWanted(): boolean {
  return process.env.CS_E2E_SHOTS === '1';
}

async function request<T>(req: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
  const dir = process.env.CS_E2E_UI_DIR;
  if (!dir) throw new Error('no UI bridge: run the suite with test/e2e/run.mjs');
  const n = counter++;
  const tmp = path.join(dir, `req-${n}.json.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(req));
  fs.renameSync(tmp, path.join(dir, `req-${n}.json`));
  const resFile = path.join(dir, `res-${n}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(resFile)) {
    if (Date.now() > deadline) throw new Error(`the launcher did not answer ${JSON.stringify(req)} within ${timeoutMs} ms`);
    await sleep(50);
  }
  const res = JSON.parse(fs.readFileSync(resFile, 'utf8')) as { ok: boolean; result?: T; error?: string };
  if (!res.ok) throw new Error(`${req.op} ${JSON.stringify(req)} failed: ${res.error}`);
  return res.result as T;
}

export const ui = {
  /** Waits until `selector` (optionally containing `hasText`) is visible and returns every match. */
  query(selector: string, opts: { hasText?: string; timeoutMs?: number } = {}): Promise<Element[]> {
    return request({ op: 'query', selector, ...opts }, (opts.timeoutMs ?? 10_000) + 20_000);
  },
  /** Waits until `selector` is hidden or gone. */
  async gone(selector: string, opts: { hasText?: string; timeoutMs?: number } = {}): Promise<void> {
    await request({ op: 'query', selector, state: 'hidden', ...opts }, (opts.timeoutMs ?? 10_000) + 20_000);
  },
  /** The text of the webview (e.g. a Markdown preview) that shows `hasText`. */
  frameText(hasText: string, timeoutMs = 10_000): Promise<string> {
    return request({ op: 'frameText', hasText, timeoutMs }, timeoutMs + 20_000);
  },
  press(key: string): Promise<void> {
    return request({ op: 'press', key });
  },
  type(text: string): Promise<void> {
    return request({ op: 'type', text }, 60_000);
  },
  click(selector: string, hasText?: string): Promise<void> {
    return request({ op: 'click', selector, hasText });
  },
  /** Replaces the text of an input (e.g. the path in VS Code's own save dialog). */
  fill(selector: string, value: string): Promise<void> {
    return request({ op: 'fill', selector, value });
  },
  /** Moves the pointer to a corner so no hover is open in a picture. */
  mouseAway(): Promise<void> {
    return request({ op: 'mouse', x: 2, y: 2 });
  },
  /** A picture of the window, `<name>.png` in the --shots folder; with `delayMs`, a frame of the GIF. */
  async screenshot(name: string, delayMs?: number): Promise<void> {
    await request({ op: 'screenshot', name, ...(delayMs === undefined ? {} : { delayMs }) });
  },
};

// Selectors of the workbench (VS Code 1.100) the tests rely on, in one place.
export const sel = {
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  quickPickRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  dialog: '.monaco-dialog-box',
  dialogMessage: '.monaco-dialog-box .dialog-message-text',
  dialogButton: '.monaco-dialog-box .dialog-buttons a.monaco-button',
  statusBarItem: '#workbench\\.parts\\.statusbar .statusbar-item',
  actionWidget: '.action-widget',
  actionWidgetRow: '.action-widget .monaco-list-row',
  suggestWidget: '.editor-widget.suggest-widget',
  suggestRow: '.editor-widget.suggest-widget .monaco-list-row',
  suggestDetails: '.suggest-details-container .suggest-details',
};
