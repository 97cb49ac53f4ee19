/**
 * Load-generator process: holds a share of the light clients of a load, types on command and
 * reports what they received. Runs as a child of the orchestrator (`fork`), so its CPU shows up
 * separately in /proc and its event loop cannot delay the latency observers.
 */
import { LightClient, type LightCounters } from './lightClient.ts';
import { LoopMonitor } from './loopMonitor.ts';
import type { ClientSpec, GeneratorCommand, GeneratorReply } from './generatorProtocol.ts';

const clients: { client: LightClient; room: number }[] = [];
const monitor = new LoopMonitor();
let recording = false;
let sends: number[] = [];
let windowStart: LightCounters | null = null;
let sendsAtStart = 0;
let totalSends = 0;

function reply(message: GeneratorReply): void {
	process.send!(message);
}

function totals(): LightCounters {
	const sum: LightCounters = { frames: 0, bytes: 0, edits: 0, echoes: 0, awarenessFrames: 0 };
	for (const { client } of clients) {
		for (const key of Object.keys(sum) as (keyof LightCounters)[]) sum[key] += client.counters[key];
	}
	return sum;
}

async function connectAll(specs: ClientSpec[], seeds: Uint8Array[], concurrency: number) {
	const errors: string[] = [];
	let failed = 0;
	let next = 0;
	const worker = async () => {
		while (next < specs.length) {
			const spec = specs[next++]!;
			const client = new LightClient(spec.url, spec.seed >= 0 ? seeds[spec.seed] : undefined);
			try {
				await client.connect();
				client.onSend = (clock, at) => {
					totalSends++;
					if (recording) sends.push(spec.room, client.doc.clientID, clock, at);
				};
				clients.push({ client, room: spec.room });
			} catch (error) {
				failed++;
				if (errors.length < 5) errors.push(String(error));
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	reply({ evt: 'connected', ok: specs.length - failed, failed, errors });
}

process.on('message', (message: GeneratorCommand) => {
	switch (message.cmd) {
		case 'connect':
			void connectAll(message.clients, message.seeds, message.concurrency);
			break;
		case 'type':
			for (const { client } of clients) client.startTyping(message.intervalMs);
			reply({ evt: 'typing' });
			break;
		case 'windowStart':
			windowStart = totals();
			sendsAtStart = totalSends;
			sends = [];
			recording = true;
			monitor.start();
			reply({ evt: 'windowStarted' });
			break;
		case 'windowEnd': {
			recording = false;
			const loop = monitor.stop();
			const now = totals();
			const start = windowStart ?? now;
			const received = { ...now };
			for (const key of Object.keys(received) as (keyof LightCounters)[]) {
				received[key] -= start[key];
			}
			const dropped = clients.filter(({ client }) => client.dropped).length;
			reply({
				evt: 'window',
				window: { received, sends: totalSends - sendsAtStart, dropped, loop }
			});
			break;
		}
		case 'stopTyping':
			for (const { client } of clients) client.stopTyping();
			reply({ evt: 'stopped' });
			break;
		case 'sends':
			reply({ evt: 'sends', records: Float64Array.from(sends) });
			break;
		case 'close':
			void Promise.all(clients.map(({ client }) => client.close())).then(() => {
				reply({ evt: 'closed' });
				process.exit(0);
			});
			break;
	}
});

// The orchestrator went away (crash or Ctrl-C): do not linger.
process.on('disconnect', () => process.exit(0));
