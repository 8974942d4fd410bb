/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * `$1`/`${1}` → '', `${1:default}` → default (placeholders may nest), `${1|a,b|}` → the chosen option
 * (`choice` picks it per tab stop; the first by default), `$0` → '', and `\$`, `\}`, `\\` → the character.
 */
export function expandSnippet(body: string, choice: (tabStop: number, options: string[]) => string = (_, o) => o[0]): string {
  let i = 0;
  const parse = (until?: string): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (until && c === until) {
        return out;
      } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        i++;
        while (/\d/.test(body[i] ?? '')) i++;
      } else if (c === '$' && body[i + 1] === '{' && /\d/.test(body[i + 2] ?? '')) {
        i += 2;
        let n = '';
        while (/\d/.test(body[i])) n += body[i++];
        if (body[i] === '}') {
          i++;
        } else if (body[i] === ':') {
          i++;
          out += parse('}');
          i++;
        } else if (body[i] === '|') {
          i++;
          const options = parse('|').split(',');
          i += 2; // `|}`
          out += choice(Number(n), options);
        } else {
          throw new Error(`unsupported snippet syntax at ${i}: ${body.slice(i, i + 20)}`);
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse();
}

/** The choices of every `${N|a,b|}` tab stop in a body. */
export function snippetChoices(body: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  expandSnippet(body, (n, options) => {
    found.set(n, options);
    return options[0];
  });
  return found;
}
