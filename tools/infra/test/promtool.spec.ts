import { join } from 'node:path';
import { DOCKER_DIR } from '../src/catalog';
import { requireBinary, runSync } from '../src/process-util';

// promtool ships with Debian's prometheus package (tools/infra/install-native-deps.sh).
describe('committed Prometheus files', () => {
  const promtool = requireBinary('promtool', 'PROMTOOL_BIN');
  const dir = join(DOCKER_DIR, 'prometheus');

  it('promtool check config passes (and loads the rule files it names)', () => {
    const { code, output } = runSync(promtool, ['check', 'config', join(dir, 'prometheus.yml')]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('promtool check rules passes', () => {
    const { code, output } = runSync(promtool, ['check', 'rules', join(dir, 'rules/alerts.yml')]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS: 8 rules found') });
  });

  it('the alert rules fire as intended (promtool test rules)', () => {
    const { code, output } = runSync(promtool, ['test', 'rules', join(dir, 'tests/alerts.test.yml')]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });
});
