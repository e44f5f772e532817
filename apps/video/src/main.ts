import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { createVideoApp } from './video.app';
import { loadVideoConfig } from './video.config';
import { VIDEO_DATABASE } from './video.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'video',
  load: () => loadVideoConfig(),
  database: VIDEO_DATABASE,
  start: (config) => createVideoApp(config),
});
