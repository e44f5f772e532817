import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Strategies1765000050000 implements MigrationInterface {
  name = 'Strategies1765000050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE strategies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        description varchar(2000) NOT NULL DEFAULT '',
        latest_version integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      )`);
    await q.query(`CREATE INDEX strategies_workspace_idx ON strategies (workspace_id, created_at DESC, id DESC)`);
    // Versions are immutable: no UPDATE is ever issued on this table. The compiled script and
    // its source map are kept so a run never depends on the compiler version of the day.
    await q.query(`
      CREATE TABLE strategy_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
        version integer NOT NULL,
        language varchar(16) NOT NULL CHECK (language IN ('typescript', 'javascript')),
        source text NOT NULL,
        params_schema jsonb NOT NULL DEFAULT '{}',
        compiled_code text NOT NULL,
        source_map text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT strategy_versions_number_key UNIQUE (strategy_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS strategy_versions`);
    await q.query(`DROP TABLE IF EXISTS strategies`);
  }
}
