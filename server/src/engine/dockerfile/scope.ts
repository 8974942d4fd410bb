import { ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import type { Catalog } from '../profile/catalog';
import type { SourceText } from '../text';
import type { DockerModel, ResolvedImage } from './model';
import { runCommands, type Command } from './shell';

export type ScopeDecision = { inScope: true; why: string } | { inScope: false; forced: boolean };

/** Programs whose use shows a Python application is built or run. */
const PYTHON_PROGRAMS = /^(python[\d.]*|pip[\d.]*|pipx|pipenv|uv|uvx|poetry|gunicorn|uvicorn|hypercorn|daphne)$/;
/** Files whose copy into the image shows Python dependencies are installed. */
const PYTHON_FILES = /^(requirements[\w.-]*\.(txt|in)|pyproject\.toml|poetry\.lock|uv\.lock|setup\.py|setup\.cfg|Pipfile(\.lock)?)$/i;
/** Environment variables only Python tooling reads. */
const PYTHON_ENV = /^(PYTHON\w*|PIP_\w+|POETRY_\w+|UV_\w+|VIRTUAL_ENV)$/;
/** Base images that are Python itself, by the last part of the repository name. */
const PYTHON_IMAGES = /^(python[\w.-]*|pypy[\w.-]*|miniconda\d*|anaconda\d*|micromamba)$/;
/** Commands that run the command after them (`exec gunicorn …`, `xargs pip install`). */
const WRAPPERS = new Set(['exec', 'time', 'nohup', 'nice', 'xargs', 'timeout', 'tini', 'dumb-init', 'gosu', 'su-exec']);
/** Shells whose `-c` script is read for Python programs too. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Files beside the Dockerfile that make its folder a Python project. */
const PROJECT_FILES = new Set(['pyproject.toml', 'setup.py']);

/** Words of an instruction's text, split where a shell or JSON array separates words. */
function words(text: string): string[] {
  return text.split(/[\s"'`[\],;&|()<>=]+/).filter(Boolean);
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function argumentText(instruction: Instruction): string {
  return instruction
    .getArguments()
    .map((a) => a.getValue())
    .join(' ');
}

/**
 * Whether a Dockerfile builds what the profile's standard covers. Evidence of a Python application: a
 * Python program run by RUN (as a command, not a package name: `apk add python3` for node-gyp is not
 * one), CMD or ENTRYPOINT; a COPY/ADD of Python dependency files; a PYTHON…, PIP_… or UV_… ENV; a
 * Python base image, one of the profile's images that has Python (not Gen3's `hardened` or plain
 * `latest`), or a retired one; or a `pyproject.toml`/`setup.py` beside the Dockerfile when the image
 * takes files from its folder. The engine reads no files: the caller passes the names beside it.
 */
export function decideScope(
  model: DockerModel,
  catalog: Catalog,
  setting: 'python-app' | 'outside' | 'auto' = 'auto',
  siblings: readonly string[] = [],
  source?: SourceText,
): ScopeDecision {
  if (setting === 'python-app') return { inScope: true, why: 'the configuration says so' };
  if (setting === 'outside') return { inScope: false, forced: true };
  if (catalog.profile.scope?.covers !== 'python-applications') return { inScope: true, why: 'the standard covers every image' };

  for (const stage of model.stages) {
    const image = stage.image;
    if (!image) continue;
    const repository = image.ref.repository;
    if (catalog.retired(repository) || profileImageWithPython(image, catalog)) return { inScope: true, why: `it builds on '${repository}'` };
    // A Python image by its name (`python:3.13-slim`, `circleci/python`) or its tag (`…:3.13-pythonbase`).
    if (PYTHON_IMAGES.test(basename(repository).toLowerCase()) || /python/i.test(`${basename(repository)}:${image.ref.tag ?? ''}`))
      return { inScope: true, why: `it builds on '${image.ref.text}'` };
  }
  const escape = model.dockerfile.getEscapeCharacter();
  let takesContext = false;
  for (const instruction of model.dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      const commands = keyword === 'RUN' && source ? runCommands(instruction, source, escape) : undefined;
      const program = commands ? commands.map(pythonProgram).find(Boolean) : words(argumentText(instruction)).find((w) => PYTHON_PROGRAMS.test(basename(w)));
      if (program) return { inScope: true, why: `${keyword} runs '${basename(program)}'` };
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      // COPY's flags are parsed apart from its arguments; `--from` takes files from a stage or an image.
      if (!(instruction instanceof ModifiableInstruction && instruction.getFlags().some((f) => f.getName().toLowerCase() === 'from'))) takesContext = true;
      const args = instruction
        .getArguments()
        .map((a) => a.getValue())
        .filter((v) => !v.startsWith('--'));
      const file = args
        .slice(0, -1)
        .flatMap(words)
        .find((w) => PYTHON_FILES.test(basename(w)));
      if (file) return { inScope: true, why: `${keyword} copies '${basename(file)}'` };
    } else if (keyword === 'ENV') {
      const name = words(argumentText(instruction)).find((w) => PYTHON_ENV.test(w));
      if (name) return { inScope: true, why: `ENV sets ${name}` };
    }
  }
  // A Python project beside the Dockerfile says nothing about an image built from other files only
  // (a Postgres image with pgvector, from `COPY --from` of its own build stage).
  const project = takesContext ? siblings.find((name) => PROJECT_FILES.has(name)) : undefined;
  if (project) return { inScope: true, why: `'${project}' is beside it` };
  return { inScope: false, forced: false };
}

/**
 * An image of the profile (or its mirror) that may be a Python application's base: a tag the profile
 * gives a Python version (a tag pattern with one), or no tag to judge (none written, a digest, an empty
 * tag, a variable with no value: IMG004 and IMG006 have something to say). Not a tag the profile knows
 * has no Python (Gen3's `hardened`, plain `latest`), nor one it does not know at all (`nodejs24-base`),
 * unless every tag of the repository has Python.
 */
function profileImageWithPython(image: ResolvedImage, catalog: Catalog): boolean {
  const match = catalog.matchRepository(image.ref.repository);
  if (match.kind === 'none') return false;
  const tag = image.ref.tag;
  if (image.unresolved.length || !tag) return true;
  const info = catalog.tagInfo(match.repository, tag);
  return info.kind === 'unknown' ? match.repository.tags.every((t) => t.python !== undefined) : info.python !== undefined;
}

/** The Python program a shell command runs, if any: its command word, after a wrapper, or in a `sh -c` script. */
function pythonProgram(command: Command): string | undefined {
  const names = command.words.slice(command.nameIndex).map((w) => w.value);
  let i = 0;
  while (i < names.length && WRAPPERS.has(basename(names[i]))) {
    i++;
    while (i < names.length && names[i].startsWith('-')) i++;
  }
  const name = names[i];
  if (name === undefined) return undefined;
  if (PYTHON_PROGRAMS.test(basename(name))) return name;
  const flag = SHELLS.has(basename(name)) ? names.indexOf('-c', i) : -1;
  const script = flag > 0 ? names[flag + 1] : undefined;
  return script === undefined ? undefined : words(script).find((w) => PYTHON_PROGRAMS.test(basename(w)));
}
