import type { Instruction } from 'dockerfile-ast';
import type { SourceText } from '../text';

/** A shell word: its value after quote removal, and where it is written (document offsets). */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/** A simple command of a RUN: its words, up to an operator (`&&`, `||`, `;`, `|`, `&`). */
export interface Command {
  words: Word[];
  /** The command word, past `sudo`, `env` and `NAME=value` prefixes; `undefined` for a bare assignment. */
  name?: Word;
  /** Index of `name` in `words`. */
  nameIndex: number;
  /** Run through `sudo`. */
  sudo: boolean;
}

/** The length of the operator (`&&`, `||`, `;`, `|`, `&`) at `i`, or 0. */
function operatorAt(text: string, i: number): number {
  const c = text[i];
  if (c === ';') return 1;
  if (c === '&' || c === '|') return text[i + 1] === c ? 2 : 1;
  return 0;
}
/** Characters that end a run of plain word characters: whitespace, quotes, backslash, operators (and the escape character). */
const STOPS = ' \t\n\r\'"\\;&|';

/**
 * The simple commands of a shell-form RUN, enough to tell which programs it runs and on which arguments:
 * quotes, backslash escapes, the Dockerfile's line continuations and the comment lines inside them are
 * understood. Exec form, heredocs and anything after an unbalanced quote give `undefined` — the caller
 * then says nothing rather than guess.
 */
export function runCommands(instruction: Instruction, source: SourceText, escapeChar: string): Command[] | undefined {
  // Several rules and the scope decision ask for the same RUN: it is read once per model (the result is
  // shared, so callers only read it).
  const known = (instruction as ReadRun)[COMMANDS];
  if (known && known.source === source && known.escapeChar === escapeChar) return known.commands;
  // RUN's own flags (`--mount=…`, `--network=…`) come before the command.
  const all = instruction.getArguments();
  let first = 0;
  while (first < all.length && all[first].getValue().startsWith('--')) first++;
  const args = all.slice(first);
  let commands: Command[] | undefined;
  if (args.length && !args[0].getValue().startsWith('[') && !args.some((a) => a.getValue().startsWith('<<'))) {
    const start = source.offsetAt(args[0].getRange().start);
    const end = source.offsetAt(args[args.length - 1].getRange().end);
    commands = tokenize(source.text, start, end, escapeChar);
  }
  (instruction as ReadRun)[COMMANDS] = { source, escapeChar, commands };
  return commands;
}

// Kept on the instruction, not in a WeakMap: V8's minor GC keeps WeakMap entries with young keys, and with
// them every document's tree until a full GC (see dockerfile/variables.ts).
const COMMANDS = Symbol('run commands');
interface ReadRun {
  [COMMANDS]?: { source: SourceText; escapeChar: string; commands: Command[] | undefined };
}

function tokenize(text: string, from: number, to: number, escapeChar: string): Command[] | undefined {
  const commands: Command[] = [];
  let words: Word[] = [];
  let word: Word | undefined;
  const finishWord = () => {
    if (word) words.push(word);
    word = undefined;
  };
  const finishCommand = () => {
    finishWord();
    if (words.length) commands.push(command(words));
    words = [];
  };
  const add = (c: string, at: number, next: number) => {
    word ??= { value: '', start: at, end: next };
    word.value += c;
    word.end = next;
  };
  let i = from;
  while (i < to) {
    const c = text[i];
    const continued = c === escapeChar ? continuation(text, i + 1, to) : undefined;
    if (continued !== undefined) {
      i = continued;
      continue;
    }
    if (c === ' ' || c === '\t') {
      finishWord();
      i++;
    } else if (c === '\n' || c === '\r') {
      finishCommand();
      i++;
    } else if (c === "'" || c === '"') {
      const close = closingQuote(text, i, to);
      if (close < 0) return undefined;
      add(unquote(text.slice(i + 1, close), c), i, close + 1);
      i = close + 1;
    } else if (c === '\\' && i + 1 < to) {
      add(text[i + 1], i, i + 2);
      i += 2;
    } else if (c === '#' && !word) {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
    } else {
      const op = operatorAt(text, i);
      if (op) {
        finishCommand();
        i += op;
      } else {
        // The characters up to the next one any branch above reads differently join the word at once.
        let j = i + 1;
        while (j < to && !STOPS.includes(text[j]) && text[j] !== escapeChar) j++;
        add(text.slice(i, j), i, j);
        i = j;
      }
    }
  }
  finishCommand();
  return commands;
}

/** After an escape character: the offset past the line break (and the comment lines after it) if it continues the line. */
function continuation(text: string, i: number, to: number): number | undefined {
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i >= to || (text[i] !== '\n' && text[i] !== '\r')) return i >= to ? to : undefined;
  i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  // Docker drops comment lines inside a continued instruction.
  for (;;) {
    let j = i;
    while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] !== '#') return i;
    while (j < to && text[j] !== '\n' && text[j] !== '\r') j++;
    i = j + (text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1);
  }
}

function closingQuote(text: string, open: number, to: number): number {
  const q = text[open];
  for (let i = open + 1; i < to; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

function unquote(inner: string, quote: string): string {
  if (quote === "'") return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length && '$`"\\\n'.includes(inner[i + 1])) i++;
    out += inner[i];
  }
  return out;
}

/** The command word comes after `sudo`, `env` and variable assignments. */
function command(words: Word[]): Command {
  let i = 0;
  while (i < words.length && (words[i].value === 'sudo' || words[i].value === 'env' || isAssignment(words[i].value))) i++;
  return { words, name: words[i], nameIndex: i, sudo: words.slice(0, i).some((w) => w.value === 'sudo') };
}

function isAssignment(word: string): boolean {
  const eq = word.indexOf('=');
  if (eq <= 0) return false;
  for (let k = 0; k < eq; k++) {
    const c = word[k];
    if (!(c === '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (k > 0 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}
