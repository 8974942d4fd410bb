/** ANSI styles, or plain text when colour is off. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const style = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const COLORS: Paint = { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), yellow: style(33, 39), cyan: style(36, 39), green: style(32, 39) };
const same = (s: string) => s;
export const PLAIN: Paint = { bold: same, dim: same, red: same, yellow: same, cyan: same, green: same };

/** `--color`/`--no-color` win; then NO_COLOR and FORCE_COLOR (https://no-color.org); then whether stdout is a terminal. */
export function wantColor(flags: { color?: boolean; noColor?: boolean }, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
