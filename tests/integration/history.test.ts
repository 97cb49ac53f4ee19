import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type {
	AuthorshipResponse,
	DiffResponse,
	RestoreResponse,
	VersionListResponse,
	VersionResponse,
	VersionSummary
} from '#shared/api/types';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { makeLink, ownerOf, tokenFor } from '../helpers/links';
import { replayChanges } from '../helpers/replayChanges';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, firstParagraphText } from '../helpers/stories';
import { connectClient, synced, type Client } from '../helpers/wsClients';

// Version history and authorship against the real server, with real clients typing.

const PAUSE_MS = 400;
let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
	server = await startServer({
		env: { VERSION_PAUSE_MS: String(PAUSE_MS), ROOM_UNLOAD_MS: '500' }
	});
});

afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});

afterAll(() => server?.dispose());

/** The owner's credentials for the story a path is under. */
function asOwnerOf(path: string): { authorization: string } {
	const storyId = /^\/api\/stories\/([^/?]+)/.exec(path)![1]!;
	return { authorization: `Bearer ${ownerOf(storyId)}` };
}

/** A call as `token` (the story's owner when not given); throws unless it succeeds. */
async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
	const { token, ...rest } = init;
	const response = await fetch(`${server.url}${path}`, {
		...rest,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : asOwnerOf(path)),
			...(rest.body && { 'content-type': 'application/json' })
		}
	});
	const body = await response.text();
	if (!response.ok) throw new Error(`${response.status} ${body}`);
	return (body ? JSON.parse(body) : undefined) as T;
}

/** The status of a call as `token` (no credentials at all when not given). */
async function status(path: string, method = 'GET', token?: string, body?: unknown) {
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers: {
			...(token && { authorization: `Bearer ${token}` }),
			...(body !== undefined && { 'content-type': 'application/json' })
		},
		...(body !== undefined && { body: JSON.stringify(body) })
	});
	await response.text();
	return response.status;
}

function connect(storyId: string, token: string): Client {
	const client = connectClient(server.wsUrl, `story:${storyId}`, new Y.Doc(), token);
	clients.push(client);
	return client;
}

async function serverText(storyId: string): Promise<string> {
	const path = `/api/stories/${storyId}/export?format=txt`;
	return (await fetch(`${server.url}${path}`, { headers: asOwnerOf(path) })).text();
}

async function sameText(storyId: string, doc: Y.Doc): Promise<string> {
	let text = '';
	await vi.waitFor(
		async () => {
			text = await serverText(storyId);
			expect(text).toBe(readStoryText(doc));
		},
		{ timeout: 10_000, interval: 50 }
	);
	return text;
}

/** Every character of the authorship's text with the name of its author. */
async function authorsByChar(storyId: string): Promise<Array<[string, string]>> {
	const [text, authorship] = await Promise.all([
		serverText(storyId),
		api<AuthorshipResponse>(`/api/stories/${storyId}/authorship`)
	]);
	expect(authorship.text).toBe(text);
	const out: Array<[string, string]> = [];
	for (const range of authorship.ranges) {
		for (let at = range.start; at < range.end; at++) {
			out.push([text[at]!, authorship.authors[range.author]!.name]);
		}
	}
	expect(out.length).toBe(text.length);
	return out;
}

describe('authorship', () => {
	it('three people typing interleaved in one paragraph: each character is theirs, also after a restart and kill -9', async () => {
		const storyId = await createStory(server.url, 'Three hands', 'Start.\n');
		const people = [
			{ name: 'Ana', letter: 'X' },
			{ name: 'Ben', letter: 'Y' },
			{ name: 'Cy', letter: 'Z' }
		];
		const typists = await Promise.all(
			people.map(async (person) => ({
				...person,
				client: connect(storyId, await makeLink(server.url, storyId, 'editor', person.name))
			}))
		);
		await Promise.all(typists.map(({ client }) => synced(client)));
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let round = 0; round < 40; round++) {
			for (const typist of typists) {
				const text = firstParagraphText(typist.client.doc);
				text.insert(Math.floor(random() * (text.length + 1)), typist.letter);
			}
			if (round % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		}
		for (const { client } of typists) await sameText(storyId, client.doc);
		const check = async () => {
			const owners = await authorsByChar(storyId);
			for (const [char, name] of owners) {
				const typist = typists.find((person) => person.letter === char);
				if (typist) expect(name, char).toBe(typist.name);
				else expect(name, char).toBe('the original');
			}
			for (const { letter } of typists) {
				expect(owners.filter(([char]) => char === letter)).toHaveLength(40);
			}
		};
		await check();
		for (const { client } of typists) client.destroy();
		clients.length = 0;
		await server.kill('SIGTERM');
		await server.restart();
		await check();
		await server.kill('SIGKILL');
		await server.restart();
		await check();
	});
});

describe('authorship of server edits', () => {
	it("text a suggestion puts in, accepted over the API, is the accepting link's", async () => {
		const storyId = await createStory(server.url, 'Cat', 'The cat sat.\n');
		const eve = await makeLink(server.url, storyId, 'editor', 'Eve');
		const { id } = await api<{ id: string }>(`/api/stories/${storyId}/suggestions`, {
			method: 'POST',
			body: JSON.stringify({ start: 4, end: 7, replacement: 'dog' })
		});
		await api(`/api/stories/${storyId}/suggestions/${id}/accept`, { method: 'POST', token: eve });
		const owners = await authorsByChar(storyId);
		expect(owners.map(([char]) => char).join('')).toBe('The dog sat.\n');
		expect(
			owners
				.filter(([, name]) => name === 'Eve')
				.map(([char]) => char)
				.join('')
		).toBe('dog');
		const diff = await api<DiffResponse>(`/api/stories/${storyId}/diff`);
		expect(diff.changes.map((change) => [change.type, change.text, change.author.name])).toEqual([
			['delete', 'cat', 'Eve'],
			['insert', 'dog', 'Eve']
		]);
	});
});

describe('versions', () => {
	let storyId: string;
	let editor: string;
	beforeAll(async () => {
		storyId = await createStory(server.url, 'Harbour', 'The harbour was quiet.\n\nGulls.\n');
		editor = await makeLink(server.url, storyId, 'editor', 'Sam');
	});

	it('makes a version after a pause, lists who changed what, and diffs with names', async () => {
		const sam = connect(storyId, editor);
		await synced(sam);
		firstParagraphText(sam.doc).insert(3, ' old');
		await sameText(storyId, sam.doc);
		const versions = await vi.waitFor(
			async () => {
				const list = await api<VersionListResponse>(`/api/stories/${storyId}/versions`);
				expect(list.versions.length).toBeGreaterThanOrEqual(2);
				return list.versions;
			},
			{ timeout: 10_000, interval: 100 }
		);
		expect(versions.at(-1)).toMatchObject({ kind: 'import', name: null, wordsDelta: 0 });
		expect(versions[0]).toMatchObject({ kind: 'auto', wordsDelta: 1 });
		expect(versions[0]!.authors.map((author) => author.name)).toEqual(['Sam']);

		const diff = await api<DiffResponse>(`/api/stories/${storyId}/diff?from=baseline&to=current`);
		expect(diff.changes).toEqual([
			expect.objectContaining({ type: 'insert', text: ' old', start: 3, end: 7 })
		]);
		expect(diff.changes[0]!.author.name).toBe('Sam');
		expect(diff.people).toEqual([expect.objectContaining({ name: 'Sam', inserted: 4 })]);
		expect(diff.fromText).toBe('The harbour was quiet.\n\nGulls.\n');
	});

	it('names, renames, reads and exports versions; 404 and 400 for unknown and malformed ids', async () => {
		const named = await api<VersionSummary>(`/api/stories/${storyId}/versions`, {
			method: 'POST',
			body: JSON.stringify({ name: 'Sent to beta readers' }),
			token: editor
		});
		expect(named).toMatchObject({ kind: 'named', name: 'Sent to beta readers' });
		const renamed = await api<VersionSummary>(`/api/stories/${storyId}/versions/${named.id}`, {
			method: 'PATCH',
			body: JSON.stringify({ name: 'Beta' }),
			token: editor
		});
		expect(renamed.name).toBe('Beta');
		const read = await api<VersionResponse>(`/api/stories/${storyId}/versions/${named.id}`);
		expect(read.text).toBe(await serverText(storyId));
		const list = await api<VersionListResponse>(`/api/stories/${storyId}/versions`);
		const imported = list.versions.find((version) => version.kind === 'import')!;
		for (const format of ['txt', 'md', 'html', 'docx', 'annotations', 'changes']) {
			const response = await fetch(
				`${server.url}/api/stories/${storyId}/export?format=${format}&version=${imported.id}`,
				{ headers: asOwnerOf(`/api/stories/${storyId}`) }
			);
			expect(response.status, format).toBe(200);
			if (format === 'txt')
				expect(await response.text()).toBe('The harbour was quiet.\n\nGulls.\n');
		}
		const report = await (
			await fetch(
				`${server.url}/api/stories/${storyId}/export?format=changes&from=${imported.id}&to=${named.id}`,
				{ headers: asOwnerOf(`/api/stories/${storyId}`) }
			)
		).text();
		expect(report).toContain('<ins>old </ins>');
		// Who wrote what, as a download: of the story now, and of a version.
		const exported = async (query: string) =>
			(
				await fetch(`${server.url}/api/stories/${storyId}/export?format=authorship${query}`, {
					headers: asOwnerOf(`/api/stories/${storyId}`)
				})
			).json() as Promise<AuthorshipResponse>;
		expect(await exported('')).toEqual(
			await api<AuthorshipResponse>(`/api/stories/${storyId}/authorship`)
		);
		const atImport = await exported(`&version=${imported.id}`);
		expect(atImport.text).toBe('The harbour was quiet.\n\nGulls.\n');
		expect(atImport.authors.map((author) => author.name)).toEqual(['the original']);
		expect(await status(`/api/stories/${storyId}/versions/nosuchversion`, 'GET', editor)).toBe(404);
		expect(await status(`/api/stories/${storyId}/versions/no-such!`, 'GET', editor)).toBe(400);
		expect(await status(`/api/stories/${storyId}/diff?from=x-y`, 'GET', editor)).toBe(400);
		expect(await status(`/api/stories/${storyId}/diff?to=nosuchversion`, 'GET', editor)).toBe(404);
		expect(
			await status(`/api/stories/${storyId}/export?format=txt&version=nope`, 'GET', editor)
		).toBe(404);
		expect(await status(`/api/stories/${storyId}/versions`, 'POST', editor, { name: ' ' })).toBe(
			400
		);
	});

	it('saves the story before a bulk action of the desk, as an automatic version', async () => {
		const versions = `/api/stories/${storyId}/versions`;
		const saved = await api<VersionSummary>(versions, {
			method: 'POST',
			token: editor,
			body: JSON.stringify({ before: 'accept-all' })
		});
		expect(saved.kind).toBe('before-accept-all');
		expect(saved.name).toBeNull();
		const read = await api<VersionResponse>(`${versions}/${saved.id}`);
		expect(read.text).toBe(await serverText(storyId));
		for (const body of [{}, { before: 'delete-all' }, { name: 'x', before: 'fix-all' }]) {
			expect(await status(versions, 'POST', editor, body), JSON.stringify(body)).toBe(400);
		}
		const commenter = tokenFor(storyId, 'commenter');
		expect(await status(versions, 'POST', commenter, { before: 'fix-all' })).toBe(403);
	});

	it('viewers read, commenters may not restore or name, editors restore live on top of the current text', async () => {
		const viewer = tokenFor(storyId, 'viewer');
		const commenter = tokenFor(storyId, 'commenter');
		const list = await api<VersionListResponse>(`/api/stories/${storyId}/versions`, {
			token: viewer
		});
		const imported = list.versions.find((version) => version.kind === 'import')!;
		expect(await status(`/api/stories/${storyId}/diff`, 'GET', viewer)).toBe(200);
		expect(await status(`/api/stories/${storyId}/authorship`, 'GET', viewer)).toBe(200);
		const restorePath = `/api/stories/${storyId}/versions/${imported.id}/restore`;
		expect(await status(restorePath, 'POST', commenter)).toBe(403);
		expect(await status(restorePath, 'POST', viewer)).toBe(403);
		expect(await status(`/api/stories/${storyId}/versions`, 'POST', commenter, { name: 'x' })).toBe(
			403
		);

		const watcher = connect(storyId, viewer);
		await synced(watcher);
		expect(readStoryText(watcher.doc)).toContain('The old harbour');
		const restored = await api<RestoreResponse>(restorePath, { method: 'POST', token: editor });
		expect(restored.before.kind).toBe('before-restore');
		expect(restored.version.kind).toBe('restore');
		expect(await serverText(storyId)).toBe('The harbour was quiet.\n\nGulls.\n');
		await vi.waitFor(() =>
			expect(readStoryText(watcher.doc)).toBe('The harbour was quiet.\n\nGulls.\n')
		);
		// The untouched paragraph stayed the same Yjs element (comments on it stay anchored).
		const diff = await api<DiffResponse>(
			`/api/stories/${storyId}/diff?from=${restored.before.id}&to=${restored.version.id}`
		);
		expect(diff.changes.every((change) => !change.text.includes('Gulls'))).toBe(true);
		expect(diff.changes.some((change) => change.author.name === 'Sam')).toBe(true);
		// Undo the restore by restoring the version before it.
		await api(`/api/stories/${storyId}/versions/${restored.before.id}/restore`, {
			method: 'POST',
			token: editor
		});
		expect(await serverText(storyId)).toBe('The old harbour was quiet.\n\nGulls.\n');
	});
});

describe('restore and comments', () => {
	it('a comment whose words a restore brings back re-attaches', async () => {
		const storyId = await createStory(
			server.url,
			'Anchored',
			'The lighthouse keeper slept.\n\nMorning came.\n'
		);
		const editor = await makeLink(server.url, storyId, 'editor', 'Io');
		const { id: thread } = await api<{ id: string }>(`/api/stories/${storyId}/comments`, {
			method: 'POST',
			body: JSON.stringify({ start: 4, end: 14, body: 'Which lighthouse?' })
		});
		const list = await api<VersionListResponse>(`/api/stories/${storyId}/versions`);
		const imported = list.versions.find((version) => version.kind === 'import')!;
		const io = connect(storyId, editor);
		await synced(io);
		io.doc.getXmlFragment(STORY_FIELD).delete(0, 1);
		await sameText(storyId, io.doc);
		const anchorOf = async () =>
			(
				await api<{ anchor: { detached: boolean; quote: string; start: number } }>(
					`/api/stories/${storyId}/comments/${thread}`
				)
			).anchor;
		expect((await anchorOf()).detached).toBe(true);
		await api(`/api/stories/${storyId}/versions/${imported.id}/restore`, {
			method: 'POST',
			token: editor
		});
		expect(await anchorOf()).toMatchObject({ detached: false, quote: 'lighthouse', start: 4 });
	});
});

describe('a version is exact', () => {
	it('random edits with random version points: every version reads as the text then, after compaction, restart and kill -9', async () => {
		const storyId = await createStory(server.url, 'Random', 'One two.\n\nThree four five.\n');
		const client = connect(storyId, tokenFor(storyId, 'editor'));
		await synced(client);
		let seed = 12345;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const words = ['harbour', 'rain', 'she', 'said', 'quiet', 'ship', ' ', '. '];
		const recorded: Array<{ id: string; text: string }> = [];
		const fragment = client.doc.getXmlFragment(STORY_FIELD);
		for (let step = 0; step < 60; step++) {
			client.doc.transact(() => {
				const block = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
				const roll = random();
				if (roll < 0.1 && fragment.length > 1) {
					fragment.delete(fragment.toArray().indexOf(block), 1);
				} else if (roll < 0.2) {
					const paragraph = new Y.XmlElement('paragraph');
					paragraph.insert(0, [new Y.XmlText(words[Math.floor(random() * words.length)]!)]);
					fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
				} else {
					let text = block.get(0) as Y.XmlText | undefined;
					if (!text) block.insert(0, [(text = new Y.XmlText())]);
					if (roll < 0.45 && text.length > 0) {
						const at = Math.floor(random() * text.length);
						text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 6)));
					} else {
						text.insert(
							Math.floor(random() * (text.length + 1)),
							words[Math.floor(random() * words.length)]!
						);
					}
				}
			});
			if (random() < 0.2) {
				const text = await sameText(storyId, client.doc);
				const version = await api<VersionSummary>(`/api/stories/${storyId}/versions`, {
					method: 'POST',
					body: JSON.stringify({ name: `step ${step}` })
				});
				recorded.push({ id: version.id, text });
			}
		}
		expect(recorded.length).toBeGreaterThan(3);
		const check = async () => {
			for (const { id, text } of recorded) {
				const version = await api<VersionResponse>(`/api/stories/${storyId}/versions/${id}`);
				expect(version.text, version.name ?? id).toBe(text);
				const exported = await fetch(
					`${server.url}/api/stories/${storyId}/export?format=txt&version=${id}`,
					{ headers: asOwnerOf(`/api/stories/${storyId}`) }
				);
				expect(await exported.text()).toBe(text);
			}
			// Diff between consecutive versions replays to the later text.
			for (let index = 1; index < recorded.length; index++) {
				const diff = await api<DiffResponse>(
					`/api/stories/${storyId}/diff?from=${recorded[index - 1]!.id}&to=${recorded[index]!.id}`
				);
				expect(diff.fromText).toBe(recorded[index - 1]!.text);
				expect(diff.toText).toBe(recorded[index]!.text);
				expect(replayChanges(diff.fromText, diff.changes)).toBe(diff.toText);
			}
		};
		await check();
		// Leaving unloads the room (compacting its log); then restarts, gentle and not.
		client.destroy();
		clients.length = 0;
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		await check();
		await server.kill('SIGKILL');
		await server.restart();
		await check();
	});
});
