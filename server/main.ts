import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend } from './backend';
import { loadConfig } from './config';
import { createLogger } from './logger';

type AppHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** The built SvelteKit app (adapter-node), or a plain page saying how to build it. */
async function loadAppHandler(): Promise<AppHandler> {
	const handlerPath = path.resolve('build/handler.js');
	if (existsSync(handlerPath)) {
		const module = (await import(pathToFileURL(handlerPath).href)) as { handler: AppHandler };
		return module.handler;
	}
	return (_request, response) => {
		response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
		response.end(
			'The Galley app is not built yet: run `npm run build` (npm start does it for you).'
		);
	};
}

async function main(): Promise<void> {
	const config = loadConfig();
	const logger = createLogger(config.logLevel);
	const backend = await createBackend(config, logger);
	const app = await loadAppHandler();

	// A request must have fully arrived within REQUEST_TIMEOUT_MS (Node answers 408 and closes):
	// a body trickled in a few bytes a second would otherwise hold a socket for five minutes.
	// Checked every second, not every 30 s, so the deadline means what it says.
	const server = createServer(
		{
			requestTimeout: config.requestTimeoutMs,
			headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
			connectionsCheckingInterval: 1_000
		},
		(request, response) => {
			// Every answer: nothing sniffed, never framed, and no Referer (share links carry tokens).
			response.setHeader('X-Content-Type-Options', 'nosniff');
			response.setHeader('X-Frame-Options', 'DENY');
			response.setHeader('Referrer-Policy', 'no-referrer');
			if (backend.handleRequest(request, response)) return;
			app(request, response, () => {
				response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
				response.end('Not found');
			});
		}
	);
	server.on('upgrade', (request, socket, head) => {
		if (!backend.handleUpgrade(request, socket, head)) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
		}
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		server.close();
		try {
			await backend.close();
			server.closeAllConnections();
			logger.info('stopped');
			process.exit(0);
		} catch (error) {
			logger.error({ err: error }, 'shutdown failed');
			process.exit(1);
		}
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	server.listen(config.port, config.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.port;
		logger.info({ port, host: config.host, dataDir: config.dataDir }, 'Galley is ready');
		// Tests and scripts wait for this exact line on stdout.
		process.stdout.write(`listening ${port}\n`);
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
