import type { Catalog } from '../profile/catalog';
import type { Profile } from '../profile/schema';
import type { SourceText } from '../text';
import type { DockerModel } from './model';

export interface DockerfileContext {
  source: SourceText;
  model: DockerModel;
  profile: Profile;
  catalog: Catalog;
}
