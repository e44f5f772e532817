// Public API of tools/infra for other tooling (e.g. `npm run up`).
export { findNginx, renderLocalGateway, startNginx, type LocalGatewayFiles, type LocalGatewayOptions, type RunningGateway } from './gateway';
export { renderLocalPrometheus, startPrometheus, type LocalPrometheusOptions, type RunningPrometheus } from './prometheus-process';
export { backup, restore, type BackupManifest, type Target as BackupTarget } from './backup';
export { outdatedFiles, writeGeneratedFiles } from './generate';
