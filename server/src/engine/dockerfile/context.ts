import type { Catalog } from '../profile/catalog';
import type { Profile } from '../profile/schema';
import type { SourceText } from '../text';
import type { DockerModel } from './model';
import type { ScopeDecision } from './scope';

export interface DockerfileContext {
  source: SourceText;
  model: DockerModel;
  profile: Profile;
  catalog: Catalog;
  /** Whether the profile's standard covers this Dockerfile; outside it only SCP001 runs. */
  scope: ScopeDecision;
}
