import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'SCP001',
    name: 'outside-standard',
    language: 'dockerfile',
    severity: 'info',
    summary: 'The Dockerfile shows no sign of building what the standard covers, so its image and user rules do not apply.',
  },
  check({ model, profile, scope }, report) {
    const first = model.stages[0];
    if (scope.inScope || !first) return;
    const covers = profile.scope?.description ?? 'Python application images';
    const message = scope.forced
      ? `The configuration puts this Dockerfile outside the ${profile.id} standard (${covers}), so its image and user rules do not apply.`
      : `No sign that this Dockerfile builds a Python application (no python, pip, uv, poetry, gunicorn or uvicorn command, Python dependency file, Python or ${profile.id} base image, or pyproject.toml/setup.py beside it); the ${profile.id} standard covers ${covers}, so its image and user rules do not apply. To apply them, set "scope": "python-app" for this path in .container-standards.json.`;
    report({ range: first.from.getInstructionRange(), message });
  },
});
