import type { Plugin } from 'vite';

/**
 * Mounts Galley's backend (API, health check, collaboration WebSocket) inside Vite's dev server,
 * so `npm run dev` serves everything on one port with hot reload of the app.
 */
export function galleyBackend(): Plugin {
	return {
		name: 'galley-backend',
		apply: 'serve',
		async configureServer(server) {
			const [{ createBackend }, { loadConfig }, { createLogger }] = await Promise.all([
				import('./backend'),
				import('./config'),
				import('./logger')
			]);
			const config = loadConfig();
			const backend = createBackend(config, createLogger(config.logLevel));
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
