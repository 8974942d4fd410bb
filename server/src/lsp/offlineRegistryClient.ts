/**
 * Stands in for dockerfile-language-service's Docker Hub client in the bundle (scripts/build.mjs):
 * the server makes no network calls, and the profile, not Docker Hub, says which tags exist.
 */
export class DockerRegistryClient {
  getTags(): Promise<string[]> {
    return Promise.resolve([]);
  }
}
