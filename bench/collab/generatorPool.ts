import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { stopChild, trackChild } from './children.ts';
import type {
	ClientSpec,
	GeneratorCommand,
	GeneratorReply,
	GeneratorWindow
} from './generatorProtocol.ts';
import { sampleProcess, type ProcSample } from './procStats.ts';

const entry = path.join(import.meta.dirname, 'generator.ts');
const GENERATOR_NICENESS = 10;

/** The orchestrator's handle on the load-generator processes of one run. */
export class GeneratorPool {
	private readonly children: ChildProcess[];

	constructor(count: number) {
		this.children = Array.from({ length: count }, () => {
			const child = fork(entry, [], {
				// BENCH_CPU_PROF=1 writes a V8 CPU profile of each generator to bench/.out/prof/.
				execArgv: [
					'--import',
					'tsx',
					...(process.env.BENCH_CPU_PROF
						? ['--cpu-prof', `--cpu-prof-dir=${path.join(import.meta.dirname, '../.out/prof')}`]
						: [])
				],
				serialization: 'advanced',
				stdio: ['ignore', 'inherit', 'inherit', 'ipc']
			});
			trackChild(child);
			// The load generator must not take CPU from the server under test: on a 2-core machine
			// the kernel then gives the server its core first, and a generator that cannot keep up
			// shows as saturated instead of silently slowing the server down.
			try {
				setPriority(child.pid!, GENERATOR_NICENESS);
			} catch {
				// Not permitted here: run at normal priority.
			}
			return child;
		});
	}

	get pids(): number[] {
		return this.children.map((child) => child.pid!);
	}

	/** Spreads the clients round-robin over the generators and waits until all have synced. */
	async connect(clients: ClientSpec[], seeds: Uint8Array[], concurrency = 32) {
		const shares: ClientSpec[][] = this.children.map(() => []);
		clients.forEach((client, i) => shares[i % shares.length]!.push(client));
		const replies = await Promise.all(
			this.children.map((child, i) =>
				this.request(
					child,
					{ cmd: 'connect', clients: shares[i]!, seeds, concurrency },
					'connected'
				)
			)
		);
		return {
			ok: replies.reduce((sum, r) => sum + r.ok, 0),
			failed: replies.reduce((sum, r) => sum + r.failed, 0),
			errors: replies.flatMap((r) => r.errors)
		};
	}

	async startTyping(intervalMs: number): Promise<void> {
		await this.all({ cmd: 'type', intervalMs }, 'typing');
	}

	async windowStart(): Promise<void> {
		await this.all({ cmd: 'windowStart' }, 'windowStarted');
	}

	async windowEnd(): Promise<GeneratorWindow[]> {
		return (await this.all({ cmd: 'windowEnd' }, 'window')).map((r) => r.window);
	}

	async stopTyping(): Promise<void> {
		await this.all({ cmd: 'stopTyping' }, 'stopped');
	}

	/** Every keystroke of the window as flat [room, client, clock, sentAt] records. */
	async sends(): Promise<Float64Array[]> {
		return (await this.all({ cmd: 'sends' }, 'sends')).map((r) => r.records);
	}

	samples(): ProcSample[] {
		return this.pids.map((pid) => sampleProcess(pid));
	}

	async close(): Promise<void> {
		await Promise.race([
			this.all({ cmd: 'close' }, 'closed'),
			new Promise((resolve) => setTimeout(resolve, 10_000))
		]);
		// They exit by themselves after 'closed' (writing a CPU profile first, if asked for one).
		await Promise.all(
			this.children.map(async (child) => {
				if (child.exitCode === null && child.signalCode === null) {
					await Promise.race([
						new Promise((resolve) => child.once('exit', resolve)),
						new Promise((resolve) => setTimeout(resolve, 5_000))
					]);
				}
				await stopChild(child, 2_000);
			})
		);
	}

	private all<E extends GeneratorReply['evt']>(command: GeneratorCommand, evt: E) {
		return Promise.all(this.children.map((child) => this.request(child, command, evt)));
	}

	private request<E extends GeneratorReply['evt']>(
		child: ChildProcess,
		command: GeneratorCommand,
		evt: E
	): Promise<Extract<GeneratorReply, { evt: E }>> {
		return new Promise((resolve, reject) => {
			const onMessage = (message: GeneratorReply) => {
				if (message.evt !== evt) return;
				cleanup();
				resolve(message as Extract<GeneratorReply, { evt: E }>);
			};
			const onExit = (code: number | null) => {
				cleanup();
				reject(new Error(`load generator exited (${code}) while waiting for ${evt}`));
			};
			const cleanup = () => {
				child.off('message', onMessage);
				child.off('exit', onExit);
			};
			child.on('message', onMessage);
			child.once('exit', onExit);
			child.send(command);
		});
	}
}
