// The benchmark: container-standards beside its peers on the same files, each figure printed beside
// its target (issue 12), results in bench/results.json.
//   npm run bench               full run: 3 rounds, 100 edits per document (about 6 minutes of CPU)
//   npm run bench -- --quick    1 round, 30 edits per document: every figure, less settled (about 3 minutes of CPU)
//   npm run bench -- --smoke    tiny corpora, only to check that the benchmark itself works
//   node bench/editor.mjs       the editor and server-memory sections alone (see there)
// Whole processes are timed with GNU time (CPU = user + system, wall, peak RSS). Tools are run paired
// and interleaved (round r runs every tool once, in a rotated order), so a busy machine slows all alike;
// each figure is the median with min and max over the rounds. Slow peers that are not a target's
// reference (ruff with default tiers, bandit) run in the first round only. The load average of the
// machine is recorded for every section, since wall times mean little on a shared machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostileDockerfile, nestedPython, pythonModule, rng, stagesDockerfile, writeCorpus } from './corpus.mjs';
import { editorLatency, PAUSE_MS, serverMemory, startServer } from './editor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
// --smoke: tiny corpora and one round, to check that the benchmark itself works (figures meaningless).
const smoke = process.argv.includes('--smoke');
const ROUNDS = smoke || quick ? 1 : 3;
const EDITS = smoke ? 4 : quick ? 30 : 100;
const LINES = smoke ? [1000, 10000] : [1000, 10000, 100000];
const DEPTHS = smoke ? [100, 1000] : [100, 1000, 5000, 100000];
const STAGES = smoke ? [100, 1000] : [100, 1000, 10000, 40000];
const SIZES = smoke ? { dockerfiles: 20, python: 20, dense: 5 } : {};
const node = process.execPath;
const cli = join(root, 'dist/cli.js');
const bin = (name) => join(root, 'node_modules/.bin', name);
// A folder of its own, so two runs on one machine do not share files.
const work = mkdtempSync(join(tmpdir(), 'container-standards-bench-'));
const results = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, quick, date: new Date().toISOString(), sections: {} };
const notes = [];
const started = Date.now();

// ---------- measuring ----------
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command once; CPU and wall in seconds, peak RSS in MiB. */
function runOnce(cmd, args, { stdin, cwd } = {}) {
  const r = spawnSync(TIME, ['-f', '@@%e %U %S %M', cmd, ...args], {
    cwd: cwd ?? root,
    input: stdin ? readFileSync(stdin) : undefined,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`${cmd} ${args.join(' ').slice(0, 200)} failed: ${(r.stderr ?? '').slice(-500)}`);
  return { wall: +m[1], cpu: +m[2] + +m[3], rssMiB: +m[4] / 1024, status: r.status, stdout: r.stdout };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1] };
};

/** The slow peers that run in the first round only (they are shown, but no target compares with them). */
const ONCE = new Set(['ruff (default tiers)', 'bandit']);

/** Paired, interleaved runs of several tools: `tools` is { name: () => [cmd, args, opts] }. */
function compare(tools, rounds = ROUNDS) {
  const names = Object.keys(tools);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      if (r > 0 && ONCE.has(name)) continue;
      const [cmd, args, opts] = tools[name]();
      samples[name].push(runOnce(cmd, args, opts));
    }
  }
  return Object.fromEntries(
    names.map((n) => [
      n,
      { cpu: stats(samples[n].map((s) => s.cpu)), wall: stats(samples[n].map((s) => s.wall)), rssMiB: stats(samples[n].map((s) => s.rssMiB)) },
    ]),
  );
}

// ---------- printing ----------
const rows = [];
const fmt = (x, d = 2) => (x === undefined ? '—' : x.toFixed(d));
const range = (s, d = 2) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
function row(what, figure, target, met) {
  rows.push({ what, figure, target, met });
  console.log(`${what.padEnd(58)} ${figure.padEnd(34)} ${target.padEnd(30)} ${met === undefined ? '' : met ? 'met' : 'MISSED'}`);
}
const load = () => loadavg()[0].toFixed(1);
function heading(text) {
  console.log(`\n## ${text} (load average ${load()})`);
  rows.push({ heading: text, load: +load() });
}

// ---------- peers ----------
function ensureBandit() {
  const found = () => spawnSync('bandit', ['--version'], { encoding: 'utf8' }).status === 0;
  if (found()) return true;
  const root = process.getuid?.() === 0;
  const apt = (args) =>
    spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (existsSync('/usr/bin/apt-get') && apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'python3-bandit']) && found()) return true;
  notes.push(
    'bandit: not installed and could not be installed (needs Debian apt-get as root or password-less sudo: apt-get install python3-bandit); its rows are missing.',
  );
  return false;
}
const hasBandit = ensureBandit();
const hasRg = spawnSync('rg', ['--version']).status === 0;
if (!hasRg) notes.push('rg (ripgrep) not found: its floor rows are missing (apt-get install ripgrep).');
if (!TIME) {
  console.error('GNU time (/usr/bin/time) is needed to measure CPU time and peak RSS of whole processes: apt-get install time');
  process.exit(2);
}
// The npm peers are devDependencies; a clone installed with --omit=dev gets them here, or says so.
for (const [peer, probe] of [
  ['dockerfilelint', bin('dockerfilelint')],
  ['dockerlint', join(root, 'node_modules/dockerlint/lib/parser.js')],
  ['dockerfile-utils', join(root, 'node_modules/dockerfile-utils/package.json')],
  ['@astral-sh/ruff-wasm-nodejs', join(root, 'node_modules/@astral-sh/ruff-wasm-nodejs/package.json')],
]) {
  if (existsSync(probe)) continue;
  const installed =
    spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', peer], { cwd: root, stdio: 'ignore' }).status === 0 && existsSync(probe);
  if (!installed) {
    notes.push(`${peer}: not in node_modules and 'npm install --no-save ${peer}' failed; its rows are missing.`);
    console.error(`cannot run the benchmark without ${peer}: run npm ci first`);
    process.exit(2);
  }
}

const filesIn = (dir) =>
  readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
// One thread (--jobs 1) wherever ours is compared with a peer: the peers use one thread, and the targets
// are CPU. The worker pool's own rows (below) compare --jobs 1 with the default.
const ours =
  (...paths) =>
  () => [node, [cli, 'check', '--no-config', '-q', '--fail-on', 'error', '--jobs', '1', ...paths]];
const oursPooled =
  (...paths) =>
  () => [node, [cli, 'check', '--no-config', '-q', '--fail-on', 'error', ...paths]];
const oursFile = (file, name) => () => [node, [cli, 'check', '--no-config', '-q', '--stdin', '--stdin-filename', name], { stdin: file }];
const ruff =
  (liftoff, ...dirs) =>
  () => [node, [...(liftoff ? ['--liftoff-only'] : []), join(root, 'bench/peers/lint-files.mjs'), 'ruff', ...dirs]];
const peer =
  (tool, ...dirs) =>
  () => [node, [join(root, 'bench/peers/lint-files.mjs'), tool, ...dirs]];
const cat = (files) => () => ['sh', ['-c', 'cat "$@" > /dev/null', 'cat', ...files]];
const rg =
  (...dirs) =>
  () => ['rg', ['-c', 'hashlib', ...dirs]];
const bandit =
  (...dirs) =>
  () => ['bandit', ['-q', '-r', '-t', 'B303,B324', '-f', 'json', ...dirs]];

// ---------- corpora ----------
rmSync(work, { recursive: true, force: true });
const corpus = join(work, 'corpus');
const counts = writeCorpus(corpus, SIZES);
results.corpus = { ...counts, seed: 12 };
results.loadAverageAtStart = loadavg();
console.log(
  `node ${process.version}, ${cpus().length} CPUs, ${ROUNDS} rounds${quick ? ' (--quick)' : ''}; corpus: ${counts.docker} Dockerfiles, ${counts.python} Python files (4% use hashlib), ${counts.dense} dense Python files, ${(counts.bytes / 1e6).toFixed(1)} MB`,
);
const docker = join(corpus, 'docker');
const python = join(corpus, 'python');
const dense = join(corpus, 'dense');
const dockerFiles = filesIn(docker);
const allFiles = [...dockerFiles, ...filesIn(python), ...filesIn(dense)];

// ---------- Dockerfiles ----------
heading('Dockerfiles: 2,000 generated files, CPU s of the whole process, median (min–max)');
const d = compare({
  ours: ours(docker),
  dockerfilelint: () => [bin('dockerfilelint'), dockerFiles],
  dockerlint: peer('dockerlint', docker),
  'dockerfile-utils': peer('dockerfile-utils', docker),
  cat: cat(dockerFiles),
  ...(hasRg ? { rg: rg(docker) } : {}),
});
results.sections.dockerfiles = d;
for (const [name, r] of Object.entries(d))
  row(`  ${name}`, `${range(r.cpu)} s CPU, ${fmt(r.wall.median)} s wall`, name === 'ours' ? 'less than each peer' : '', undefined);
for (const p of ['dockerfilelint', 'dockerlint', 'dockerfile-utils']) {
  const ratio = d.ours.cpu.median / d[p].cpu.median;
  row(`  ours / ${p}`, `${fmt(ratio)}×`, '< 1×', ratio < 1);
}

// ---------- Python ----------
const denseCount = counts.dense;
heading(`Python: ${denseCount} dense files (every file parsed), CPU s of the whole process`);
const pyTools = {
  ours: ours(dense),
  'ruff --liftoff-only': ruff(true, dense),
  'ruff (default tiers)': ruff(false, dense),
  ...(hasBandit ? { bandit: bandit(dense) } : {}),
  cat: cat(filesIn(dense)),
};
const p = compare(pyTools);
results.sections.pythonDense = p;
for (const [name, r] of Object.entries(p))
  row(`  ${name}${ONCE.has(name) ? ' (one run)' : ''}`, `${range(r.cpu)} s CPU (${fmt((r.cpu.median / denseCount) * 1000, 1)} ms/file)`, '', undefined);
{
  const ratio = p.ours.cpu.median / p['ruff --liftoff-only'].cpu.median;
  row('  ours / ruff --liftoff-only, per parsed file', `${fmt(ratio)}×`, '≤ 1×', ratio <= 1);
}
{
  const warmOurs = JSON.parse(execFileSync(node, [join(root, 'bench/peers/lint-files.mjs'), 'ours', dense, '--warm', '2'], { cwd: root, encoding: 'utf8' }));
  const warmRuff = JSON.parse(execFileSync(node, [join(root, 'bench/peers/lint-files.mjs'), 'ruff', dense, '--warm', '2'], { cwd: root, encoding: 'utf8' }));
  results.sections.pythonWarm = { ours: warmOurs, ruff: warmRuff };
  row('  warm in one process: ours', `${fmt(warmOurs.perFileMs)} ms CPU/file`, '', undefined);
  row('  warm in one process: ruff', `${fmt(warmRuff.perFileMs)} ms CPU/file`, '', undefined);
  row('  warm ours / warm ruff', `${fmt(warmOurs.perFileMs / warmRuff.perFileMs)}×`, '(no target; was ~16×)', undefined);
}

heading(`Python: ${counts.python} generated modules, 4% using hashlib`);
// bandit takes minutes of CPU on 2,000 modules (about 45 ms a file): it runs on the dense files only.
const pr = compare({ ours: ours(python), 'ruff --liftoff-only': ruff(true, python), cat: cat(filesIn(python)), ...(hasRg ? { rg: rg(python) } : {}) });
results.sections.pythonModules = pr;
for (const [name, r] of Object.entries(pr)) row(`  ${name}`, `${range(r.cpu)} s CPU`, '', undefined);

// The standard library of this machine's python3: code nobody here wrote.
const stdlib = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).stdout?.trim();
if (stdlib && existsSync(stdlib) && !smoke) {
  const lib = join(work, 'stdlib');
  mkdirSync(lib, { recursive: true });
  // Top-level modules and packages, without the test suites (they include deliberately broken files).
  spawnSync('sh', [
    '-c',
    `cd "${stdlib}" && find . -name '*.py' -not -path '*/test/*' -not -path '*/tests/*' -not -path '*/idle_test/*' -size -1000k | tar -cf - -T - | tar -xf - -C "${lib}"`,
  ]);
  const n = Number(spawnSync('sh', ['-c', `find "${lib}" -name '*.py' | wc -l`], { encoding: 'utf8' }).stdout.trim());
  heading(`Python: the standard library of python3 (${stdlib}, ${n} files without tests)`);
  const s = compare({ ours: ours(lib), 'ruff --liftoff-only': ruff(true, lib), ...(hasRg ? { rg: rg(lib) } : {}) });
  results.sections.stdlib = { files: n, ...s };
  for (const [name, r] of Object.entries(s)) row(`  ${name}`, `${range(r.cpu)} s CPU`, '', undefined);
} else if (!smoke) notes.push('python3 standard library not found: its rows are missing.');

// ---------- whole corpus ----------
heading('Whole generated corpus (Dockerfiles and Python), against cat of the same bytes');
const w = compare({ ours: ours(corpus), cat: cat(allFiles) });
results.sections.wholeCorpus = w;
{
  const ratio = w.ours.cpu.median / w.cat.cpu.median;
  const wallRatio = w.ours.wall.median / w.cat.wall.median;
  row('  ours', `${range(w.ours.cpu)} s CPU`, '', undefined);
  row('  cat', `${range(w.cat.cpu, 3)} s CPU`, '', undefined);
  row('  ours / cat (CPU)', `${fmt(ratio, 1)}×`, '≤ 10×', ratio <= 10);
  row('  ours / cat (wall)', `${fmt(wallRatio, 1)}×`, '≤ 10×', wallRatio <= 10);
}

// ---------- worker pool ----------
// What a CI user feels is wall time: the default (--jobs auto: one thread per core, workers started once
// the run has more than a moment of work) against one thread, on the whole corpus and the dense files.
heading(`CLI worker pool: the default (--jobs auto, ${cpus().length} threads here) against --jobs 1, wall and CPU s`);
{
  const pool = {};
  for (const [what, dir] of [
    ['whole corpus', corpus],
    ['dense Python', dense],
  ]) {
    const r = compare({ '--jobs 1': ours(dir), default: oursPooled(dir) });
    pool[what] = r;
    const one = r['--jobs 1'];
    const many = r.default;
    row(`  ${what}, --jobs 1`, `${range(one.wall)} s wall, ${fmt(one.cpu.median)} s CPU, ${fmt(one.rssMiB.median, 0)} MiB`, '', undefined);
    row(`  ${what}, default`, `${range(many.wall)} s wall, ${fmt(many.cpu.median)} s CPU, ${fmt(many.rssMiB.median, 0)} MiB`, '', undefined);
    const ratio = many.wall.median / one.wall.median;
    row(
      `  ${what}: wall, default / --jobs 1`,
      `${fmt(ratio)}× (CPU ${fmt(many.cpu.median / one.cpu.median)}×)`,
      cpus().length > 1 ? '< 1× on more than one core' : '',
      cpus().length > 1 ? ratio < 1 : undefined,
    );
  }
  results.sections.workerPool = pool;
  const wallRatio = pool['whole corpus'].default.wall.median / w.cat.wall.median;
  row('  whole corpus, default / cat (wall)', `${fmt(wallRatio, 1)}×`, '≤ 10×', wallRatio <= 10);
}

// ---------- scaling ----------
heading('Scaling (one file per process, CPU s of the whole process)');
const scaleDir = join(work, 'scale');
mkdirSync(scaleDir, { recursive: true });
const scaling = { python: {}, nesting: {}, stages: {} };
const write = (name, text) => {
  const f = join(scaleDir, name);
  writeFileSync(f, text);
  return f;
};
const scaleRounds = quick || smoke ? 1 : 3;
for (const lines of LINES) {
  const text = pythonModule(rng(lines), lines, true);
  const f = write(`lines${lines}.py`, text);
  // ruff's driver takes folders: one folder per scaling file.
  const only = join(scaleDir, `only${lines}`);
  mkdirSync(only, { recursive: true });
  writeFileSync(join(only, 'x.py'), text);
  scaling.python[lines] = compare({ ours: oursFile(f, 'x.py'), 'ruff --liftoff-only': ruff(true, only) }, scaleRounds);
}
for (const lines of LINES) {
  const r = scaling.python[lines];
  const ratio = r.ours.cpu.median / r['ruff --liftoff-only'].cpu.median;
  row(
    `  Python ${lines.toLocaleString('en')} lines: ours / ruff --liftoff-only`,
    `${fmt(r.ours.cpu.median)} / ${fmt(r['ruff --liftoff-only'].cpu.median)} s = ${fmt(ratio)}×`,
    lines === LINES[LINES.length - 1] ? '≤ 1×' : '',
    lines === LINES[LINES.length - 1] ? ratio <= 1 : undefined,
  );
}
for (const depth of DEPTHS) {
  const f = write(`nest${depth}.py`, nestedPython(depth, 'lambda'));
  const r = compare({ ours: oursFile(f, 'x.py') }, scaleRounds);
  scaling.nesting[depth] = r;
  row(`  Python ${depth.toLocaleString('en')} nested lambdas (scopes)`, `${fmt(r.ours.cpu.median)} s CPU`, 'linear in depth', undefined);
}
{
  const n = scaling.nesting;
  const perLevel = (a, b) => (n[b].ours.cpu.median - n[a].ours.cpu.median) / (b - a);
  const [a, b, c] = DEPTHS.length > 2 ? [100, 5000, 100000] : [0, 100, 1000];
  const early = a ? perLevel(a, b) : perLevel(b, c);
  const late = perLevel(b, c);
  row(
    `  nesting: CPU per level, ${b}→${c} against ${a || b}→${a ? b : c}`,
    `${fmt(late * 1e6, 1)} vs ${fmt(early * 1e6, 1)} µs/level`,
    'linear (≤ 2× growth)',
    late <= 2 * Math.max(early, 1e-6),
  );
}
for (const stages of STAGES) {
  const f = write(`stages${stages}.Dockerfile`, stagesDockerfile(stages));
  const r = compare({ ours: oursFile(f, 'Dockerfile'), dockerfilelint: () => [bin('dockerfilelint'), [f]] }, scaleRounds);
  scaling.stages[stages] = r;
  const target = stages === 10000 ? 0.3 : stages === 40000 ? 1.2 : undefined;
  row(
    `  Dockerfile ${stages.toLocaleString('en')} stages: ours (dockerfilelint)`,
    `${fmt(r.ours.cpu.median)} s CPU, ${fmt(r.ours.wall.median)} s wall (${fmt(r.dockerfilelint.cpu.median)} s)`,
    target ? `< ${target} s${stages === 40000 ? ' (issue 11: < 2 s)' : ''}` : '',
    target ? r.ours.cpu.median < target : undefined,
  );
}
// Issue 11 item 5: shapes that were quadratic or overflowed the stack, each answered in bounded time.
scaling.hostile = {};
const deepest = DEPTHS[DEPTHS.length - 1];
const hostile = [
  ...['paren', 'attribute'].map((kind) => [
    `Python ${deepest.toLocaleString('en')}-deep ${kind} nest`,
    write(`${kind}${deepest}.py`, nestedPython(deepest, kind)),
    'x.py',
  ]),
  ...['pragma', 'user-var', 'arg-per-from'].map((kind) => [
    `Dockerfile ${(STAGES[2] ?? STAGES[1]).toLocaleString('en')} stages, ${kind}`,
    write(`${kind}.Dockerfile`, hostileDockerfile(STAGES[2] ?? STAGES[1], kind)),
    'Dockerfile',
  ]),
];
for (const [what, f, name] of hostile) {
  const r = compare({ ours: oursFile(f, name) }, scaleRounds);
  scaling.hostile[what] = r;
  row(`  ${what}`, `${fmt(r.ours.cpu.median)} s CPU`, 'linear (issue 11)', undefined);
}
results.sections.scaling = scaling;

// ---------- editor ----------
// The editor and server-memory sections live in bench/editor.mjs, which also runs them alone.
heading('Editor: the language server over stdio (dist/server.js)');
const editor = {};
{
  const server = await startServer();
  Object.assign(editor, await editorLatency(server, work, { edits: EDITS }));
  await server.stop();
  for (const [key, r] of Object.entries(editor)) {
    const [language, n] = key.split(' ');
    const lines = Number(n);
    const target = lines === 1000 ? 10 : lines === 10000 ? 50 : undefined;
    row(
      `  ${language} ${lines.toLocaleString('en')} lines: edit → diagnostics p50 / p95 / p99`,
      `${fmt(r.p50, 1)} / ${fmt(r.p95, 1)} / ${fmt(r.p99, 1)} ms (server CPU ${fmt(r.cpuPerEditMs, 1)} ms/edit)`,
      target ? `p99 < ${target} ms` : '',
      target ? r.p99 < target : undefined,
    );
    if (lines === 1000) row(`  ${language} 1,000 lines: first diagnostics after opening`, `${fmt(r.firstMs, 1)} ms`, '< 100 ms', r.firstMs < 100);
  }
}
results.sections.editor = { pauseMs: PAUSE_MS, note: 'times after the typing pause the server waits on purpose', ...editor };

// ---------- memory ----------
heading('Memory');
{
  const server = await startServer();
  const texts = filesIn(dense)
    .concat(filesIn(python))
    .slice(0, 1000)
    .map((f) => readFileSync(f, 'utf8'));
  const { idleMiB: idle, after1000DocsMiB: open } = await serverMemory(server, work, texts, smoke ? 20 : 1000);
  await server.stop();
  results.sections.serverMemory = { idleMiB: idle, after1000DocsMiB: open };
  row('  server RSS idle', `${fmt(idle, 0)} MiB`, '', undefined);
  row('  server RSS with 1,000 open Python documents', `${fmt(open, 0)} MiB`, '< 100 MiB', open < 100);
}
{
  // 1×: the whole-corpus runs above (median peak RSS); 4×: the same generator with four times the files.
  const four = join(work, 'corpus4');
  writeCorpus(four, { ...SIZES, scale: 4 });
  const one = w.ours.rssMiB.median;
  const x4 = runOnce(...ours(four)().slice(0, 2));
  results.sections.cliMemory = { corpus1xMiB: one, corpus4xMiB: x4.rssMiB, corpus4xCpu: x4.cpu, bytes1x: counts.bytes };
  row(`  CLI peak RSS, corpus 1× (${(counts.bytes / 1e6).toFixed(0)} MB)`, `${fmt(one, 0)} MiB`, '', undefined);
  row(
    `  CLI peak RSS, corpus 4× (${((4 * counts.bytes) / 1e6).toFixed(0)} MB)`,
    `${fmt(x4.rssMiB, 0)} MiB (${fmt(x4.rssMiB / one)}× the 1× figure)`,
    'independent of corpus size (≤ 1.25×)',
    x4.rssMiB <= one * 1.25,
  );
}

// ---------- start ----------
heading('Start');
{
  const s = compare({ 'ours --version': () => [node, [cli, '--version']], node: () => [node, ['-e', '0']] }, ROUNDS);
  results.sections.start = s;
  row(
    '  --version against bare node',
    `${fmt(s['ours --version'].cpu.median, 3)} / ${fmt(s.node.cpu.median, 3)} s CPU = ${fmt(s['ours --version'].cpu.median / s.node.cpu.median)}×`,
    '',
    undefined,
  );
}

results.rows = rows;
results.notes = notes;
results.loadAverageAtEnd = loadavg();
results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
if (notes.length) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
console.log('\nwrote bench/results.json');
rmSync(work, { recursive: true, force: true });
