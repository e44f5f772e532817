import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // Deleted rooms keep their rows (deleted_at) so the call history stays whole.
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        max_participants integer NOT NULL CHECK (max_participants BETWEEN 2 AND 100),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX rooms_workspace_idx ON rooms (workspace_id, created_at) WHERE deleted_at IS NULL`);
    // One call per LiveKit room session (its sid): from room_started to room_finished.
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL REFERENCES rooms(id),
        livekit_room_sid varchar(64) NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT calls_livekit_room_sid_key UNIQUE (livekit_room_sid)
      )`);
    await q.query(`CREATE INDEX calls_room_idx ON calls (room_id, started_at DESC, id DESC)`);
    // One row per LiveKit participant session (its sid), so retried or reordered webhooks upsert.
    await q.query(`
      CREATE TABLE call_participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        identity varchar(255) NOT NULL,
        name varchar(255),
        participant_sid varchar(64) NOT NULL,
        joined_at timestamptz NOT NULL,
        left_at timestamptz,
        CONSTRAINT call_participants_participant_sid_key UNIQUE (participant_sid)
      )`);
    await q.query(`CREATE INDEX call_participants_call_idx ON call_participants (call_id, joined_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_participants`);
    await q.query(`DROP TABLE calls`);
    await q.query(`DROP TABLE rooms`);
  }
}
