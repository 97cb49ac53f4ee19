import type { Plugin } from 'vite';
import type * as BackendModule from './backend';
import type * as ConfigModule from './config';
import type * as LoggerModule from './logger';

/**
 * Mounts Galley's backend (API, health check, collaboration WebSocket) inside Vite's dev server,
 * so `npm run dev` serves everything on one port with hot reload of the app. The backend is
 * loaded through Vite's SSR loader, so the config file itself stays free of server code.
 */
export function galleyBackend(): Plugin {
	return {
		name: 'galley-backend',
		apply: 'serve',
		async configureServer(server) {
			const load = <T>(path: string) => server.ssrLoadModule(path) as Promise<T>;
			const [{ createBackend }, { loadConfig }, { createLogger }] = await Promise.all([
				load<typeof BackendModule>('/server/backend.ts'),
				load<typeof ConfigModule>('/server/config.ts'),
				load<typeof LoggerModule>('/server/logger.ts')
			]);
			const config = loadConfig();
			const backend = await createBackend(config, createLogger(config.logLevel));
			server.middlewares.use((request, response, next) => {
				if (!backend.handleRequest(request, response)) next();
			});
			server.httpServer?.on('upgrade', (request, socket, head) => {
				backend.handleUpgrade(request, socket, head);
			});
			server.httpServer?.on('close', () => void backend.close());
		}
	};
}
