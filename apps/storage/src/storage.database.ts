import type { ServiceDatabaseDefinition } from '@wealist/database';
import { FileEntity } from './files/file.entity';
import { ObjectDeletionEntity } from './files/object-deletion.entity';
import { FolderEntity } from './folders/folder.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const STORAGE_DATABASE: ServiceDatabaseDefinition = {
  entities: [FolderEntity, FileEntity, ObjectDeletionEntity],
  migrations: [InitialSchema1764000000000],
};
