import { composeName, IMPLEMENTED_SERVICES, SERVICE_CATALOG, SERVICE_NAMES, type ServiceName } from './catalog';

/**
 * Renders the NGINX gateway from the service catalog. The committed docker/nginx/nginx.conf and
 * the localhost config used by `npm run up` and the native stack test come from this one
 * function, so what is tested natively is what runs in compose.
 */
export interface NginxRenderOptions {
  /** Services that get an upstream; the other catalog prefixes answer 503 "not deployed". */
  services?: readonly ServiceName[];
  /** `host:port` of each routed service. */
  upstream: (service: ServiceName) => string;
  /** `listen` argument of the plain HTTP server, e.g. `80` or `127.0.0.1:18080`. */
  listen: string;
  tls?: { listen: string; certificate: string; key: string } | null;
  /** Worker user (the official image has `nginx`); omitted when null. */
  user?: string | null;
  pidPath: string;
  errorLog: string;
  accessLog: string;
  /** Directory for request/response buffers; the packaged defaults need root-owned paths. */
  tempDir?: string | null;
  header?: string;
}

// Same rule as libs/telemetry's requestIdFrom: anything else is replaced, never logged or forwarded.
const REQUEST_ID_PATTERN = '^[A-Za-z0-9._:-]{1,128}$';

const HTTP_TIMEOUTS = ['proxy_connect_timeout 5s;', 'proxy_send_timeout 60s;', 'proxy_read_timeout 60s;'];
// WebSockets stay open for a long time; NGINX would close an idle one after proxy_read_timeout.
const WS_TIMEOUTS = ['proxy_connect_timeout 5s;', 'proxy_send_timeout 3600s;', 'proxy_read_timeout 3600s;', 'proxy_buffering off;'];

function jsonError(status: number, error: string, message: string): string {
  return `return ${status} '{"statusCode":${status},"error":"${error}","message":"${message}","requestId":"$wealist_request_id"}';`;
}

/** `location` regex for a prefix: the prefix itself or anything below it, never `/api/usersfoo`. */
export function prefixLocation(prefix: string): string {
  return `~ ^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/|$)`;
}

function proxyLocation(prefix: string, service: ServiceName, websocket: boolean): string[] {
  const lines = [
    `proxy_pass http://${composeName(service)};`,
    'proxy_http_version 1.1;',
    // Keep-alive to the upstream for HTTP; a WebSocket must forward the client's Upgrade.
    ...(websocket
      ? ['proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $connection_upgrade;']
      : ['proxy_set_header Connection "";']),
    'proxy_set_header Host $host;',
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Request-Id $wealist_request_id;',
    ...(websocket ? WS_TIMEOUTS : HTTP_TIMEOUTS),
  ];
  return [`location ${prefixLocation(prefix)} {`, ...lines.map((l) => `  ${l}`), '}'];
}

/** The route table: every catalog prefix, proxied when deployed, 503 JSON otherwise. */
export function renderRoutes(services: readonly ServiceName[]): string[] {
  const out: string[] = [];
  for (const name of SERVICE_NAMES) {
    const entry = SERVICE_CATALOG[name];
    const deployed = services.includes(name);
    const paths = [...entry.httpPrefixes.map((p) => ({ p, ws: false })), ...entry.wsPaths.map((p) => ({ p, ws: true }))];
    for (const { p, ws } of paths) {
      out.push(`# ${name} (${ws ? 'WebSocket' : 'HTTP'})`);
      if (deployed) out.push(...proxyLocation(p, name, ws));
      else out.push(`location ${prefixLocation(p)} {`, `  ${jsonError(503, 'Service Unavailable', `${name} is not deployed`)}`, '}');
    }
  }
  return out;
}

function serverBlock(listen: string[], services: readonly ServiceName[]): string[] {
  const body = [
    ...listen,
    'server_name _;',
    '# Echo the id the services and the access log used, also on responses NGINX made itself.',
    'add_header X-Request-Id $wealist_request_id always;',
    'error_page 413 @too_large;',
    'error_page 502 @bad_gateway;',
    'error_page 504 @gateway_timeout;',
    '',
    'location = /health {',
    '  access_log off;',
    `  return 200 '{"status":"healthy"}';`,
    '}',
    ...renderRoutes(services),
    'location / {',
    `  ${jsonError(404, 'Not Found', 'No route for this path')}`,
    '}',
    `location @too_large { ${jsonError(413, 'Payload Too Large', 'Request body is too large')} }`,
    `location @bad_gateway { ${jsonError(502, 'Bad Gateway', 'The service is unavailable')} }`,
    `location @gateway_timeout { ${jsonError(504, 'Gateway Timeout', 'The service did not answer in time')} }`,
  ];
  return ['server {', ...body.map((l) => (l ? `  ${l}` : '')), '}'];
}

const ACCESS_LOG_FORMAT = [
  '{"time":"$time_iso8601","request_id":"$wealist_request_id","remote_addr":"$remote_addr",',
  '"method":"$request_method","uri":"$request_uri","status":$status,"bytes_sent":$body_bytes_sent,',
  '"request_time":$request_time,"upstream":"$upstream_addr","upstream_status":"$upstream_status",',
  '"upstream_time":"$upstream_response_time","user_agent":"$http_user_agent","service":"gateway"}',
];

export function renderNginxConf(options: NginxRenderOptions): string {
  const services = options.services ?? IMPLEMENTED_SERVICES;
  const temp = options.tempDir
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${options.tempDir}/${k};`)
    : [];
  const upstreams = services.flatMap((s) => [
    `upstream ${composeName(s)} {`,
    `  server ${options.upstream(s)} max_fails=3 fail_timeout=10s;`,
    '  keepalive 16;',
    '}',
  ]);
  const http = [
    'default_type application/json;',
    'server_tokens off;',
    'sendfile on;',
    'keepalive_timeout 65s;',
    // Files go straight to MinIO with presigned URLs; API bodies are JSON and stay small.
    'client_max_body_size 10m;',
    'client_header_timeout 15s;',
    'client_body_timeout 30s;',
    'send_timeout 60s;',
    ...temp,
    '',
    `map $http_x_request_id $wealist_request_id {`,
    `  "~${REQUEST_ID_PATTERN}" $http_x_request_id;`,
    '  default $request_id;',
    '}',
    'map $http_upgrade $connection_upgrade {',
    '  default upgrade;',
    `  '' close;`,
    '}',
    '',
    `log_format wealist_json escape=json '${ACCESS_LOG_FORMAT.join("'\n    '")}';`,
    `access_log ${options.accessLog} wealist_json;`,
    '# The services echo X-Request-Id too; the gateway sets it once for every response.',
    'proxy_hide_header X-Request-Id;',
    '',
    ...upstreams,
    '',
    // One server for both ports, so HTTP and HTTPS can never route differently.
    ...serverBlock(
      [
        `listen ${options.listen} default_server;`,
        ...(options.tls
          ? [
              `listen ${options.tls.listen} ssl default_server;`,
              `ssl_certificate ${options.tls.certificate};`,
              `ssl_certificate_key ${options.tls.key};`,
              'ssl_protocols TLSv1.2 TLSv1.3;',
              'ssl_session_cache shared:wealist_tls:10m;',
              'ssl_session_timeout 1d;',
            ]
          : []),
      ],
      services,
    ),
  ];
  const header = options.header ?? '# Generated by tools/infra/src/nginx.ts from the service catalog; edit that file, not this one.';
  const main = [
    header,
    ...(options.user ? [`user ${options.user};`] : []),
    'worker_processes auto;',
    `pid ${options.pidPath};`,
    `error_log ${options.errorLog} warn;`,
    '',
    'events {',
    '  worker_connections 1024;',
    '}',
    '',
    'http {',
    ...http.map((l) => (l ? `  ${l}` : '')),
    '}',
  ];
  return `${main.join('\n')}\n`;
}

/** The committed docker/nginx/nginx.conf: service names resolved on the compose networks. */
export function renderDockerNginxConf(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): string {
  return renderNginxConf({
    services,
    upstream: (s) => `${composeName(s)}:${SERVICE_CATALOG[s].port}`,
    listen: '80',
    tls: { listen: '443', certificate: '/etc/nginx/certs/tls.crt', key: '/etc/nginx/certs/tls.key' },
    user: 'nginx',
    pidPath: '/var/run/nginx.pid',
    errorLog: '/dev/stderr',
    accessLog: '/dev/stdout',
    header: [
      '# Generated by tools/infra/src/nginx.ts from libs/config/src/lib/service-catalog.ts.',
      '# Do not edit: change the generator and run `npx nx run infra:generate`.',
    ].join('\n'),
  });
}
