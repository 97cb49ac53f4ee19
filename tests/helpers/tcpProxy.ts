import { createServer, connect, type Socket } from 'node:net';

/** A TCP proxy on loopback between a Galley process and Postgres or Redis, for network faults. */
export interface TcpProxy {
	port: number;
	/** Delay each chunk this long, each way (order kept); 0 passes it at once. */
	delayMs: number;
	/** Drops every connection and refuses new ones, as a network partition would. */
	cut(): void;
	/** Takes connections again. */
	restore(): void;
	close(): Promise<void>;
}

/** Starts a proxy on a free loopback port to `targetPort` on loopback. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
	const sockets = new Set<Socket>();
	let cut = false;
	const proxy = {
		port: 0,
		delayMs: 0,
		cut() {
			cut = true;
			for (const socket of sockets) socket.destroy();
			sockets.clear();
		},
		restore() {
			cut = false;
		},
		close: () =>
			new Promise<void>((resolve) => {
				proxy.cut();
				server.close(() => resolve());
			})
	};

	/** Copies `from` to `to`, each chunk after the proxy's delay, in order. */
	const pipe = (from: Socket, to: Socket) => {
		let lastDue = 0;
		from.on('data', (chunk: Buffer) => {
			if (proxy.delayMs === 0 && lastDue <= Date.now()) return void to.write(chunk);
			const due = Math.max(Date.now() + proxy.delayMs, lastDue);
			lastDue = due;
			setTimeout(() => to.destroyed || to.write(chunk), due - Date.now());
		});
		from.on('close', () => to.destroy());
		from.on('error', () => to.destroy());
	};

	const server = createServer((client) => {
		if (cut) return void client.destroy();
		const upstream = connect(targetPort, '127.0.0.1');
		sockets.add(client);
		sockets.add(upstream);
		for (const socket of [client, upstream]) socket.once('close', () => sockets.delete(socket));
		pipe(client, upstream);
		pipe(upstream, client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	proxy.port = typeof address === 'object' && address ? address.port : 0;
	return proxy;
}
