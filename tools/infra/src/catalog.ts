import { resolve } from 'node:path';
import {
  AUTH_STATE_REDIS_DB,
  EVENT_BUS_REDIS_DB,
  IMPLEMENTED_SERVICES,
  SERVICE_CATALOG,
  SERVICE_NAMES,
  type ServiceEntry,
  type ServiceName,
} from '@wealist/config';

/**
 * The infrastructure's view of the service catalog. Every generator and check in tools/infra
 * goes through these helpers, so "which services exist and how are they named in compose,
 * nginx and Prometheus" is answered in one place.
 */
export { AUTH_STATE_REDIS_DB, EVENT_BUS_REDIS_DB, IMPLEMENTED_SERVICES, SERVICE_CATALOG, SERVICE_NAMES };
export type { ServiceEntry, ServiceName };

export const REPO_ROOT = resolve(__dirname, '../../..');
export const DOCKER_DIR = resolve(REPO_ROOT, 'docker');

/** Compose service, container host name, nginx upstream and Prometheus job of an app (as in seed 003). */
export function composeName(service: ServiceName): string {
  return `${service}-service`;
}

export function migrateName(service: ServiceName): string {
  return `${service}-migrate`;
}

/** Docker secret holding the password of the service's database role. */
export function dbPasswordSecret(service: ServiceName): string {
  return `${service}_db_password`;
}

export function entries(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): ServiceEntry[] {
  return services.map((name) => SERVICE_CATALOG[name]);
}

export interface ServiceDatabase {
  service: ServiceName;
  database: string;
  role: string;
}

/** The databases the PostgreSQL init step creates and the backup script dumps. */
export function serviceDatabases(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): ServiceDatabase[] {
  return entries(services).flatMap((e) => (e.database ? [{ service: e.name, database: e.database.name, role: e.database.role }] : []));
}

/** `service:database:role` words, the format of WEALIST_DATABASES read by docker/postgres/init. */
export function databasesSpec(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): string {
  return serviceDatabases(services)
    .map((d) => `${d.service}:${d.database}:${d.role}`)
    .join(' ');
}

/** Exporters and their ports from docs/PLATFORM.md; Prometheus scrapes them in the full stack. */
export const EXPORTERS = [
  { name: 'postgres-exporter', port: 9187 },
  { name: 'redis-exporter', port: 9121 },
  { name: 'node-exporter', port: 9100 },
] as const;

/** Containers of the monitoring stack: apps and the gateway must never wait on any of them. */
export const MONITORING_SERVICES = [
  'prometheus',
  'grafana',
  'loki',
  'promtail',
  'tempo',
  ...EXPORTERS.map((e) => e.name),
] as const;

/** The four networks and the named volumes of seed 003 (compose key -> Docker name). */
export const NETWORKS = {
  frontend: 'wealist-frontend-net',
  backend: 'wealist-backend-net',
  database: 'wealist-database-net',
  monitoring: 'wealist-monitoring-net',
} as const;

export const VOLUMES = {
  'postgres-data': 'wealist-postgres-data',
  'redis-data': 'wealist-redis-data',
  'minio-data': 'wealist-minio-data',
  'prometheus-data': 'wealist-prometheus-data',
  'loki-data': 'wealist-loki-data',
  'grafana-data': 'wealist-grafana-data',
  'tempo-data': 'wealist-tempo-data',
} as const;
