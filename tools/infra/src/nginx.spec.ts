import { SERVICE_CATALOG, SERVICE_NAMES } from './catalog';
import { parseNginx } from './drift';
import { prefixLocation, renderDockerNginxConf, renderNginxConf } from './nginx';

describe('gateway rendering', () => {
  const conf = renderDockerNginxConf(['auth', 'user', 'chat']);
  const { upstreams, routes } = parseNginx(conf);

  it('routes every catalog prefix: deployed ones to their upstream, the rest to a 503', () => {
    for (const name of SERVICE_NAMES) {
      for (const prefix of [...SERVICE_CATALOG[name].httpPrefixes, ...SERVICE_CATALOG[name].wsPaths]) {
        const route = routes.find((r) => r.prefix === prefix);
        expect(route).toBeDefined();
        expect(route?.upstream).toBe(['auth', 'user', 'chat'].includes(name) ? `${name}-service` : null);
      }
    }
    expect(conf).toContain('"message":"board is not deployed"');
  });

  it('upgrades WebSocket paths only', () => {
    expect(routes.find((r) => r.prefix === '/ws/chat')?.websocket).toBe(true);
    expect(routes.find((r) => r.prefix === '/api/chats')?.websocket).toBe(false);
    expect(upstreams).toEqual({ 'auth-service': 'auth-service:8090', 'user-service': 'user-service:8080', 'chat-service': 'chat-service:8001' });
  });

  it('matches a prefix and what is below it, not a longer word', () => {
    const re = new RegExp(prefixLocation('/api/users').slice(2));
    expect(re.test('/api/users')).toBe(true);
    expect(re.test('/api/users/me')).toBe(true);
    expect(re.test('/api/usersx')).toBe(false);
  });

  it('passes on or mints X-Request-Id and returns it on every response', () => {
    expect(conf).toContain('"~^[A-Za-z0-9._:-]{1,128}$" $http_x_request_id;');
    expect(conf).toContain('default $request_id;');
    expect(conf).toContain('add_header X-Request-Id $wealist_request_id always;');
    expect(conf).toContain('proxy_hide_header X-Request-Id;');
  });

  it('serves TLS from the mounted certificate path in compose and plain HTTP natively', () => {
    expect(conf).toContain('ssl_certificate /etc/nginx/certs/tls.crt;');
    const local = renderNginxConf({
      services: ['user'],
      upstream: () => '127.0.0.1:1234',
      listen: '127.0.0.1:8081',
      pidPath: '/tmp/x/nginx.pid',
      errorLog: '/tmp/x/error.log',
      accessLog: '/tmp/x/access.log',
      tempDir: '/tmp/x/temp',
    });
    expect(local).not.toContain('ssl');
    expect(local).not.toMatch(/^user /m);
    expect(local).toContain('proxy_temp_path /tmp/x/temp/proxy;');
    expect(parseNginx(local).upstreams).toEqual({ 'user-service': '127.0.0.1:1234' });
  });
});
