import type { Instruction } from 'dockerfile-ast';
import type { Catalog } from '../profile/catalog';
import type { DockerModel } from './model';

export type ScopeDecision =
  | { inScope: true; why: string }
  | { inScope: false; forced: boolean };

/** Programs whose use shows a Python application is built or run. */
const PYTHON_PROGRAMS = /^(python[\d.]*|pip[\d.]*|pipx|pipenv|uv|uvx|poetry|gunicorn|uvicorn|hypercorn|daphne)$/;
/** Files whose copy into the image shows Python dependencies are installed. */
const PYTHON_FILES = /^(requirements[\w.-]*\.(txt|in)|pyproject\.toml|poetry\.lock|uv\.lock|setup\.py|setup\.cfg|Pipfile(\.lock)?)$/i;
/** Environment variables only Python tooling reads. */
const PYTHON_ENV = /^(PYTHON\w*|PIP_\w+|POETRY_\w+|UV_\w+|VIRTUAL_ENV)$/;
/** Base images that are Python itself, by the last part of the repository name. */
const PYTHON_IMAGES = /^(python[\w.-]*|pypy[\w.-]*|miniconda\d*|anaconda\d*|micromamba)$/;
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
  return instruction.getArguments().map((a) => a.getValue()).join(' ');
}

/**
 * Whether a Dockerfile builds what the profile's standard covers. Evidence of a Python application: a
 * Python program in RUN/CMD/ENTRYPOINT, a COPY/ADD of Python dependency files, a PYTHON…, PIP_… or UV_…
 * ENV, a Python base image or one of the profile's own (approved, mirrored or retired) images, or a
 * `pyproject.toml`/`setup.py` beside the Dockerfile. The engine reads no files: the caller passes the
 * names beside it.
 */
export function decideScope(model: DockerModel, catalog: Catalog, setting: 'python-app' | 'outside' | 'auto' = 'auto', siblings: readonly string[] = []): ScopeDecision {
  if (setting === 'python-app') return { inScope: true, why: 'the configuration says so' };
  if (setting === 'outside') return { inScope: false, forced: true };
  if (catalog.profile.scope?.covers !== 'python-applications') return { inScope: true, why: 'the standard covers every image' };

  for (const stage of model.stages) {
    const image = stage.image;
    if (!image) continue;
    const repository = image.ref.repository;
    if (catalog.matchRepository(repository).kind !== 'none' || catalog.retired(repository)) return { inScope: true, why: `it builds on '${repository}'` };
    // A Python image by its name (`python:3.13-slim`, `circleci/python`) or its tag (`…:3.13-pythonbase`).
    if (PYTHON_IMAGES.test(basename(repository).toLowerCase()) || /python/i.test(`${basename(repository)}:${image.ref.tag ?? ''}`)) return { inScope: true, why: `it builds on '${image.ref.text}'` };
  }
  for (const instruction of model.dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      const program = words(argumentText(instruction)).find((w) => PYTHON_PROGRAMS.test(basename(w)));
      if (program) return { inScope: true, why: `${keyword} runs '${basename(program)}'` };
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const args = instruction.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith('--'));
      const file = args.slice(0, -1).flatMap(words).find((w) => PYTHON_FILES.test(basename(w)));
      if (file) return { inScope: true, why: `${keyword} copies '${basename(file)}'` };
    } else if (keyword === 'ENV') {
      const name = words(argumentText(instruction)).find((w) => PYTHON_ENV.test(w));
      if (name) return { inScope: true, why: `ENV sets ${name}` };
    }
  }
  const project = siblings.find((name) => PROJECT_FILES.has(name));
  if (project) return { inScope: true, why: `'${project}' is beside it` };
  return { inScope: false, forced: false };
}
