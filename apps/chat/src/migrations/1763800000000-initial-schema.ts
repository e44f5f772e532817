import { createOutboxTable, dropOutboxTable } from '@wealist/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('channel', 'direct')),
        name varchar(100),
        -- "<smaller user id>:<larger user id>" of a direct room, so a pair has one per workspace.
        direct_key varchar(73),
        created_by uuid NOT NULL,
        -- The last allocated message sequence; bumped under this row's lock by every send.
        last_seq integer NOT NULL DEFAULT 0,
        last_message_at timestamptz,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rooms_name_of_kind CHECK ((kind = 'channel') = (name IS NOT NULL)),
        CONSTRAINT rooms_direct_key_of_kind CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX rooms_workspace_direct_key ON rooms (workspace_id, direct_key) WHERE direct_key IS NOT NULL`);
    await q.query(`CREATE INDEX rooms_workspace_id_idx ON rooms (workspace_id)`);
    await q.query(`
      CREATE TABLE room_members (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        role varchar(10) NOT NULL CHECK (role IN ('owner', 'member')),
        last_read_seq integer NOT NULL DEFAULT 0,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room_id, user_id)
      )`);
    await q.query(`CREATE INDEX room_members_user_id_idx ON room_members (user_id)`);
    await q.query(`
      CREATE TABLE messages (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        sender_id uuid NOT NULL,
        body text NOT NULL,
        mentions uuid[] NOT NULL DEFAULT '{}',
        client_message_id varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        PRIMARY KEY (room_id, seq)
      )`);
    // A client retrying a send with the same id gets the stored message back instead of a copy.
    await q.query(
      `CREATE UNIQUE INDEX messages_client_id ON messages (room_id, sender_id, client_message_id) WHERE client_message_id IS NOT NULL`,
    );
    await createOutboxTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropOutboxTable(q);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE room_members`);
    await q.query(`DROP TABLE rooms`);
  }
}
