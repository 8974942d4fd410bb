// Rewrites the README's rules table from the rule registry (the readme test fails when it is stale).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const table = execFileSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'markdown'], { encoding: 'utf8' });
const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/(<!-- rules:start[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/, (_, start, end) => start + table + end);
writeFileSync('README.md', next);
console.log(next === readme ? 'README rules table already current' : 'README rules table updated');
