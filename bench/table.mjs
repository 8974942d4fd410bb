// Prints bench/results.json as the Markdown table of the README's Performance section.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
const out = [
  `Node ${results.node}, ${results.cpus} CPUs (${results.cpuModel}), ${results.quick ? '--quick' : 'full run'}, ${results.date}; ` +
    `load average ${results.loadAverageAtStart?.[0]?.toFixed(1)} at the start, ${results.loadAverageAtEnd?.[0]?.toFixed(1)} at the end; ${Math.round((results.elapsedSeconds ?? 0) / 60)} minutes.`,
  '',
  '| Measure | Figure | Target | |',
  '| --- | --- | --- | --- |',
];
for (const r of results.rows) {
  if (r.heading) out.push(`| **${r.heading}**${r.load !== undefined ? ` (load ${r.load})` : ''} | | | |`);
  else out.push(`| ${r.what.trim()} | ${r.figure} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'met' : '**missed**'} |`);
}
console.log(out.join('\n'));
if (results.notes?.length) console.log(`\n${results.notes.map((n) => `- ${n}`).join('\n')}`);
