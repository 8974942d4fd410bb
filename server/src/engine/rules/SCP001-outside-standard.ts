import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * Applies to Dockerfiles (profiles whose `scope.covers` is `python-applications`; built in: gen3, defra).
 *
 * Both built-in standards cover *Python application images* (Gen3: "all Python application images";
 * Defra: Python parent images for AI and data-science backend services).
 *
 * Before any other rule runs, the engine looks for evidence that a Dockerfile builds a Python application:
 *
 * - `python`, `pip`, `pipx`, `pipenv`, `uv`, `uvx`, `poetry`, `gunicorn`, `uvicorn` (also as a path such as
 *   `/venv/bin/python`) run by `RUN` (as a command, also after `exec`, `xargs` and the like or in a
 *   `sh -c` script; a package name is not evidence: `apk add python3` for a Node build tool is not),
 *   `CMD` or `ENTRYPOINT`;
 * - a `COPY`/`ADD` of `requirements*.txt`, `pyproject.toml`, `poetry.lock`, `uv.lock`, `setup.py`,
 *   `setup.cfg` or `Pipfile`;
 * - an `ENV` of `PYTHON*`, `PIP_*`, `POETRY_*`, `UV_*` or `VIRTUAL_ENV`;
 * - a Python base image (`python`, `pypy`, `python-*` under any namespace, conda images), a retired image
 *   of the profile, or one of the profile's images (or its mirror) that has Python: a tag with a Python
 *   version, or no tag to judge yet (none, a digest, an empty tag, a variable). Gen3's `hardened` and plain
 *   `latest`, and tags the profile does not know (`nodejs24-base`), have no Python: a Go or Node service on
 *   them is not evidence;
 * - a `pyproject.toml` or `setup.py` in the same folder, when the image takes files from it (a `COPY`/`ADD`
 *   without `--from`): a Postgres image beside a Python project, built only from its own stages, is not a
 *   Python application. The CLI and the editor pass the folder's file names to the engine, which reads no
 *   files itself.
 *
 * With none of these, the image and user rules (IMG, USR, STG) do not apply to the file, and this one
 * information finding on the first `FROM` says why and how to opt in. How the heuristic does on real
 * Gen3 and Defra repositories is measured in [docs/scope.md](../scope.md).
 *
 * ## Why
 *
 * The same organisations also build Go services, Node front ends, infrastructure images (Grafana, Loki,
 * squid), database and Liquibase images; those follow other conventions, and a Python base image cannot
 * build them. Reporting them against the Python standard would bury the findings that matter.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/golang-build-base:master AS build
 * RUN go build -o /arborist
 * FROM scratch
 * COPY --from=build /arborist /arborist
 * ENTRYPOINT ["/arborist"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM python:3.13-slim
 * RUN pip install -r requirements.txt
 * CMD ["python", "app.py"]
 * ```
 *
 * ## Forcing the scope
 *
 * A `.container-standards.json` can decide per path (see the README's configuration section):
 * `"scope": "python-app"` applies the standard even without evidence, `"scope": "outside"` takes a
 * Dockerfile out of it (the SCP001 note remains, saying the configuration decided), `"auto"` (default)
 * uses the evidence.
 *
 * ## Fix
 *
 * None.
 *
 * ## Suppressing
 *
 * Turning SCP001 off does not bring the other rules back: set the scope for that.
 *
 * ## Profile fields read
 *
 * And the approved, mirror and retired repositories, whose images count as evidence.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'SCP001',
    name: 'outside-standard',
    language: 'dockerfile',
    severity: 'info',
    summary: 'The Dockerfile shows no sign of building what the standard covers, so its image and user rules do not apply.',
    profileFields: ['scope.covers', 'scope.description'],
  },
  check({ model, profile, scope }, report) {
    const first = model.stages[0];
    if (scope.inScope || !first) return;
    const covers = profile.scope?.description ?? 'Python application images';
    const message = scope.forced
      ? `The configuration puts this Dockerfile outside the ${profile.id} standard (${covers}), so its image and user rules do not apply.`
      : `No sign that this Dockerfile builds a Python application, so the ${profile.id} image and user rules do not apply.`;
    report({ range: first.from.getInstructionRange(), message });
  },
});
