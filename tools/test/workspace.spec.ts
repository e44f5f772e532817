import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nxPlugin from '@nx/eslint-plugin';
import { ESLint } from 'eslint';
import { WORKSPACE_ROOT } from '@wealist/testing';

const nx = (...args: string[]) =>
  execFileSync(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), args, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  }).toString();

interface ProjectJson {
  name: string;
  tags: string[];
  projectType: string;
  targets: Record<string, unknown>;
}

describe('workspace rules', () => {
  const projects = JSON.parse(nx('show', 'projects', '--json')) as string[];
  const config = (name: string) => JSON.parse(nx('show', 'project', name, '--json')) as ProjectJson;

  it('tags every project on both axes and gives apps serve, build, test and lint', () => {
    for (const name of projects) {
      const project = config(name);
      expect(project.tags.filter((t) => t.startsWith('scope:'))).toHaveLength(1);
      expect(project.tags.filter((t) => t.startsWith('type:'))).toHaveLength(1);
      expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['lint', 'test']));
      if (project.projectType === 'application') {
        expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['serve', 'build', 'test', 'lint', 'migrate']));
      }
    }
  });

  it('a change in a lib affects its dependents and nothing else', () => {
    const affected = (file: string) => (JSON.parse(nx('show', 'projects', '--affected', `--files=${file}`, '--json')) as string[]).sort();
    expect(affected('libs/config/src/lib/service-catalog.ts')).toEqual(expect.arrayContaining(['auth', 'user', 'config', 'bootstrap', 'auth-guard']));
    const guard = affected('libs/auth-guard/src/lib/auth.guard.ts');
    expect(guard).toEqual(expect.arrayContaining(['auth-guard', 'auth', 'user']));
    expect(guard).not.toContain('config');
    expect(guard).not.toContain('telemetry');
    expect(affected('apps/user/src/main.ts')).not.toContain('config');
  });

  it('fails lint when an app imports another app or a scope reaches outside shared', async () => {
    // The same options object eslint.config.mjs uses.
    const boundaries = require('../lint/module-boundaries.js') as object;
    expect(readFileSync(join(WORKSPACE_ROOT, 'eslint.config.mjs'), 'utf8')).toContain("'@nx/enforce-module-boundaries': ['error', moduleBoundaries]");
    const eslint = new ESLint({
      cwd: WORKSPACE_ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        ...nxPlugin.configs['flat/base'],
        ...nxPlugin.configs['flat/typescript'],
        { files: ['**/*.ts'], rules: { '@nx/enforce-module-boundaries': ['error', boundaries] } },
      ] as ESLint.Options['overrideConfig'],
    });
    const lint = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(WORKSPACE_ROOT, file) });
      return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
    };
    nx('show', 'projects'); // makes sure the cached project graph the rule reads exists
    expect(await lint('apps/auth/src/probe.ts', "import { createUserApp } from '../../user/src/user.app';\nexport const x = createUserApp;\n")).not.toEqual([]);
    expect(await lint('libs/config/src/probe.ts', "import { Public } from '@wealist/auth-guard';\nexport const x = Public;\n")).not.toEqual([]);
    expect(await lint('apps/auth/src/probe.ts', "import { loadEnv } from '@wealist/config';\nexport const x = loadEnv;\n")).toEqual([]);
  });

  it('keeps the README opening with the two commands', () => {
    const lines = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8').split('\n').filter((l) => l && !l.startsWith('```'));
    expect(lines.slice(0, 2)).toEqual(['npm run up', 'npm test']);
  });
});
