// Prints bench/results.json as the Markdown table of the README's Performance section.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
const out = ['| Measure | Figure | Target | |', '| --- | --- | --- | --- |'];
for (const r of results.rows) {
  if (r.heading) out.push(`| **${r.heading}** | | | |`);
  else out.push(`| ${r.what.trim()} | ${r.figure} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'met' : '**missed**'} |`);
}
console.log(out.join('\n'));
if (results.notes?.length) console.log(`\n${results.notes.map((n) => `- ${n}`).join('\n')}`);
