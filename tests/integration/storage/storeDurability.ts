import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStory, exportText, firstParagraphText } from '../../helpers/stories';
import { repoRoot, startServer, type RunningServer } from '../../helpers/startServer';
import { connectClient, synced, type Client } from '../../helpers/wsClients';
import type { StoreTarget } from './storeTargets';

/**
 * Durability on `kill -9`, for every adapter: what the store acknowledged (a resolved write) is
 * there after the writing process dies without a chance to flush anything.
 */
export function describeStoreDurability(adapter: string, newTarget: () => Promise<StoreTarget>) {
	describe(`storage durability on kill -9: ${adapter}`, () => {
		let target: StoreTarget | undefined;
		let server: RunningServer | undefined;
		let client: Client | undefined;

		afterEach(async () => {
			client?.destroy();
			await server?.dispose();
			await target?.dispose();
			client = server = target = undefined;
		});

		it('keeps every append a killed writer process had acknowledged', async () => {
			target = await newTarget();
			const writer = spawn(
				process.execPath,
				['--import', 'tsx', 'tests/integration/storage/appendUntilKilled.ts'],
				{ cwd: repoRoot, env: { ...process.env, ...target.env }, stdio: ['ignore', 'pipe', 'pipe'] }
			);
			const acknowledged = new Set<number>();
			let errors = '';
			writer.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
			let buffered = '';
			writer.stdout.on('data', (chunk: Buffer) => {
				buffered += chunk.toString();
				const lines = buffered.split('\n');
				buffered = lines.pop()!;
				for (const line of lines) acknowledged.add(Number(line.slice('ack '.length)));
			});
			const exited = new Promise((resolve) => writer.once('exit', resolve));
			await vi.waitFor(
				() => {
					if (writer.exitCode !== null) throw new Error(`writer exited early: ${errors}`);
					expect(acknowledged.size).toBeGreaterThanOrEqual(300);
				},
				{ timeout: 30_000, interval: 5 }
			);
			writer.kill('SIGKILL');
			await exited;
			// Lines already in the pipe when it died were acknowledged too.
			const seen = new Set(acknowledged);

			const store = await target.open();
			try {
				const { updates } = await store.loadDocument('story:durable');
				const stored = new Set(
					updates.map((update) => Number(new TextDecoder().decode(update).slice('update '.length)))
				);
				const lost = [...seen].filter((n) => !stored.has(n));
				expect(lost).toEqual([]);
			} finally {
				await store.close();
			}
		});

		it('keeps every edit a server killed mid-typing had applied', async () => {
			target = await newTarget();
			server = await startServer({ env: target.env, dataDir: target.env.DATA_DIR });
			const running = server;
			const id = await createStory(running.url, 'Durable', 'Start.');
			client = connectClient(running.wsUrl, `story:${id}`);
			await synced(client);
			const text = firstParagraphText(client.doc);
			let typed = 0;
			const typing = setInterval(() => text.insert(text.length, ` w${++typed}`), 10);
			try {
				// The server applies (and so exports) an edit only once the store has it.
				await vi.waitFor(
					async () => expect((await exportText(running, id)).split(' ').length).toBeGreaterThan(40),
					{ timeout: 30_000 }
				);
				const applied = await exportText(running, id);
				await running.kill('SIGKILL');
				clearInterval(typing);
				// The client would send its edits again on reconnecting: it must not mask a loss.
				client.destroy();
				client = undefined;
				await running.restart();
				const after = await exportText(running, id);
				expect(after.startsWith(applied.trimEnd())).toBe(true);
			} finally {
				clearInterval(typing);
			}
		});
	});
}
