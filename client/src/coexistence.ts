// Whether our general Dockerfile features (instruction completion, hover, signature help, formatting)
// should run. Docker's own extensions bring the same features (the Docker DX language server), and
// showing every completion and hover twice helps nobody, so by default we step aside when one is there.

/** Extensions that bring general Dockerfile language features. */
export const DOCKER_EXTENSIONS = [
  'docker.docker', // Docker DX (Docker's language server)
  'ms-azuretools.vscode-containers', // Container Tools, which bundles the Docker DX language server
  'ms-azuretools.vscode-docker', // the Docker extension
] as const;

export type FeaturesSetting = boolean | 'auto';

export interface FeaturesDecision {
  enable: boolean;
  /** Why, for the output channel. */
  reason: string;
}

/** `true`/`false` from the user win; `auto` (the default, and anything unrecognised) turns them off when a Docker extension is installed. */
export function decideDockerfileFeatures(setting: unknown, installed: readonly string[]): FeaturesDecision {
  if (setting === true || setting === false) return { enable: setting, reason: `containerStandards.dockerfileFeatures.enable is ${setting}` };
  const lower = new Set(installed.map((id) => id.toLowerCase()));
  const docker = DOCKER_EXTENSIONS.find((id) => lower.has(id));
  if (docker)
    return { enable: false, reason: `${docker} is installed and provides them (set containerStandards.dockerfileFeatures.enable to true to have both)` };
  return { enable: true, reason: 'no Docker extension is installed' };
}
