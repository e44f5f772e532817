import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { createAuthApp } from './auth.app';
import { loadAuthConfig } from './auth.config';

void runServiceMain({ service: 'auth', load: () => loadAuthConfig(), start: (config) => createAuthApp(config) });
