// npm run bench:isolation — every attack of issue 11 against a real server with its default
// limits, while a canary (two editors in another story, a keystroke every 200 ms) measures how
// long its keystrokes take to arrive. Per attack: the canary's p50/p95/max, keystrokes still
// waiting at the end, the server's answers and its peak memory (RSS of the process tree).
// `--only <words>` runs the attacks whose name contains them.
import { sampleProcess } from '../collab/procStats.ts';
import { BENCH_ADMIN_TOKEN } from '../collab/servers.ts';
import { percentile, startCanary } from '../canary.ts';
import { ATTACKS, importFile, type AttackContext } from './attacks.ts';
import { startIsolationServer, type IsolationServer } from './isolationServer.ts';

const AIM = { p95Ms: 100, maxMs: 500, memoryBytes: 1024 ** 3 };
const only = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]!.toLowerCase()
	: null;

const admin = {
	authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
	'content-type': 'application/json'
};

async function story(server: IsolationServer, name: string, text: string): Promise<string> {
	const answer = await importFile(server, name, text);
	if (!answer.id) throw new Error(`could not import ${name}: ${answer.status} ${answer.code}`);
	return answer.id;
}

async function link(server: IsolationServer, storyId: string, role: string) {
	const response = await fetch(`${server.url}/api/stories/${storyId}/links`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ role })
	});
	const body = (await response.json()) as { id: string; url: string };
	return { id: body.id, token: new URL(body.url).searchParams.get('token')! };
}

/** About 9.8 MB of text in paragraphs of a thousand characters. */
function novel(): string {
	const paragraph = 'The harbour was quiet at dusk, and the boats knocked softly. '
		.repeat(16)
		.trim();
	return `${paragraph}\n\n`.repeat(Math.ceil((9.8 * 1024 * 1024) / (paragraph.length + 2)));
}

async function measure(
	server: IsolationServer,
	canaryId: string,
	work: () => Promise<string>
): Promise<{ answer: string; latencies: number[]; waiting: number; peakRss: number; ms: number }> {
	const canary = startCanary(server.wsUrl, canaryId, BENCH_ADMIN_TOKEN);
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	let peakRss = sampleProcess(server.pid).rssBytes;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, sampleProcess(server.pid).rssBytes);
	}, 50);
	const started = performance.now();
	try {
		const answer = await work();
		const ms = performance.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 600));
		return { answer, latencies: [...canary.latencies], waiting: canary.waiting(), peakRss, ms };
	} finally {
		clearInterval(sampler);
		canary.stop();
	}
}

const server = await startIsolationServer();
try {
	const canaryId = await story(server, 'canary.txt', 'Typed into all along.\n');
	const smallStoryId = await story(server, 'small.txt', 'Word by word, a small story.\n');
	const bigStoryId = await story(server, 'novel.txt', novel());
	const commenter = await link(server, smallStoryId, 'commenter');
	const revoked = await link(server, smallStoryId, 'editor');
	await fetch(`${server.url}/api/stories/${smallStoryId}/links/${revoked.id}`, {
		method: 'DELETE',
		headers: admin
	});
	const context: AttackContext = {
		server,
		bigStoryId,
		smallStoryId,
		commenterToken: commenter.token,
		revokedToken: revoked.token
	};

	console.log(
		`aims: canary p95 < ${AIM.p95Ms} ms and max < ${AIM.maxMs} ms, server memory < 1 GB\n`
	);
	console.log(
		'attack | canary p50/p95/max ms | keystrokes waiting | server peak MB | took | answer'
	);
	const attacks = [
		{
			name: 'no attack (3 s)',
			run: () => new Promise<string>((r) => setTimeout(() => r('-'), 3_000))
		},
		...ATTACKS.map((attack) => ({ name: attack.name, run: () => attack.run(context) }))
	].filter((attack) => !only || attack.name.toLowerCase().includes(only));
	let allMet = true;
	for (const attack of attacks) {
		const result = await measure(server, canaryId, attack.run);
		const p50 = percentile(result.latencies, 50);
		const p95 = percentile(result.latencies, 95);
		const max = Math.max(0, ...result.latencies);
		const met =
			p95 < AIM.p95Ms && max < AIM.maxMs && result.peakRss < AIM.memoryBytes && result.waiting <= 1;
		allMet &&= met;
		const row = [
			attack.name,
			`${p50.toFixed(0)}/${p95.toFixed(0)}/${max.toFixed(0)}${met ? '' : ' ✗'}`,
			String(result.waiting),
			(result.peakRss / 1024 / 1024).toFixed(0),
			`${(result.ms / 1000).toFixed(1)} s`,
			result.answer
		];
		console.log(row.join(' | '));
	}
	console.log(`\n${allMet ? 'every attack within the aims' : 'some attacks miss the aims (✗)'}`);
} finally {
	await server.stop();
}
