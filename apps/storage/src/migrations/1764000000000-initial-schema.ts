import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // trash_root_id: the item the user put in the trash (itself or an ancestor folder), so a
    // restore brings back exactly what that one trash action hid.
    await q.query(`
      CREATE TABLE folders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        parent_id uuid REFERENCES folders(id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        trashed_at timestamptz,
        trashed_by uuid,
        trash_root_id uuid,
        CONSTRAINT folders_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE INDEX folders_listing_idx ON folders (workspace_id, parent_id, lower(name), id)`);
    await q.query(`CREATE INDEX folders_parent_idx ON folders (parent_id)`);
    await q.query(`CREATE INDEX folders_trash_root_idx ON folders (trash_root_id) WHERE trash_root_id IS NOT NULL`);
    // Files are rows from the upload request on (status pending) so that quota reservations and
    // abandoned uploads are visible to the service; only status active is shown to users.
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        folder_id uuid REFERENCES folders(id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        content_type varchar(127) NOT NULL,
        object_key varchar(255) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'active')),
        multipart_upload_id text,
        part_size bigint,
        expires_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        trashed_at timestamptz,
        trashed_by uuid,
        trash_root_id uuid,
        CONSTRAINT files_object_key_key UNIQUE (object_key)
      )`);
    await q.query(`CREATE INDEX files_listing_idx ON files (workspace_id, folder_id, lower(name), id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX files_usage_idx ON files (workspace_id, status)`);
    await q.query(`CREATE INDEX files_folder_idx ON files (folder_id)`);
    await q.query(`CREATE INDEX files_pending_expiry_idx ON files (expires_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX files_trash_root_idx ON files (trash_root_id) WHERE trash_root_id IS NOT NULL`);
    // Objects whose rows are gone but whose bytes may still be in the bucket: written in the
    // same transaction as the delete, removed once the store confirms (retried by the sweeper).
    await q.query(`
      CREATE TABLE object_deletions (
        object_key varchar(255) PRIMARY KEY,
        multipart_upload_id text,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE object_deletions`);
    await q.query(`DROP TABLE files`);
    await q.query(`DROP TABLE folders`);
  }
}
