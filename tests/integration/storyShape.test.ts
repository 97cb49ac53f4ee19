import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { readStoryText } from '#shared/model/storyDoc';
import { StoryLimits } from '#shared/model/storyLimits';
import { CloseCode } from '#shared/protocol/closeCodes';
import { storyRoom } from '#shared/protocol/rooms';
import { ClientIdLimits } from '../../server/collab/ClientWriters';
import { ownerOf, tokenFor } from '../helpers/links';
import { forgedGcUpdate, manyClientsUpdate } from '../helpers/rawUpdates';
import { startServer, type RunningServer } from '../helpers/startServer';
import { createStory, exportText, firstParagraphText } from '../helpers/stories';
import {
	closedWithin,
	connectClient,
	connectRaw,
	synced,
	updateMessage,
	type Client,
	type RawClient
} from '../helpers/wsClients';
import { xmlElement, xmlText } from '../helpers/yXml';
import { api } from '../helpers/apiClient';

// Raw frames from an editor's link that a TipTap editor never sends: each must close only the
// sender with its code and reason, store nothing (also after a restart and after kill -9), and
// leave everyone else — in the room and in another story — connected and editing.

const TEXT = 'The harbour was quiet.\n\nNobody came.\n';
const CANARY_TEXT = 'Another story, typed in all along.\n';

let server: RunningServer;
let storyId: string;
let canaryId: string;
const open: Array<Client | RawClient> = [];

beforeAll(async () => {
	server = await startServer();
	storyId = await createStory(server.url, 'Harbour', TEXT);
	canaryId = await createStory(server.url, 'Canary', CANARY_TEXT);
});

afterAll(async () => {
	for (const client of open) {
		if ('ws' in client) client.ws.terminate();
		else client.destroy();
	}
	await server?.dispose();
});

/** The story as an editor's client holds it now (a copy: edits to it are not sent). */
async function editorsCopy(id = storyId): Promise<Y.Doc> {
	const reader = connectClient(server.wsUrl, storyRoom(id), new Y.Doc(), tokenFor(id, 'owner'));
	await synced(reader);
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
	reader.destroy();
	return copy;
}

/** The update `edit` makes on a fresh copy of the story. */
async function updateOf(edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Promise<Uint8Array> {
	const doc = await editorsCopy();
	const before = Y.encodeStateVector(doc);
	doc.transact(() => edit(doc.getXmlFragment(STORY_FIELD), doc));
	return Y.encodeStateAsUpdate(doc, before);
}

async function sendAsEditor(update: Uint8Array) {
	const raw = await connectRaw(server.wsUrl, storyRoom(storyId), tokenFor(storyId, 'editor'));
	open.push(raw);
	raw.ws.send(updateMessage(update));
	return closedWithin(raw, 5_000);
}

const nested = (depth: number) => (fragment: Y.XmlFragment) => {
	let parent: Y.XmlFragment = fragment;
	for (let level = 0; level < depth; level++) {
		const quote = new Y.XmlElement('blockquote');
		parent.insert(0, [quote]);
		parent = quote;
	}
	parent.insert(0, [xmlElement('paragraph', [xmlText('deep')])]);
};

type Attack = [string, () => Promise<Uint8Array>, number, string];

const attacks: Attack[] = [
	[
		'an element the schema lacks',
		() => updateOf((f) => f.insert(0, [xmlElement('fooNode', [xmlText('lost?')])])),
		CloseCode.invalidData,
		'not a story: the story has no "fooNode" element'
	],
	[
		'a script element',
		() => updateOf((f) => f.insert(1, [xmlElement('script', [xmlText('alert(1)')])])),
		CloseCode.invalidData,
		'not a story: the story has no "script" element'
	],
	[
		'a paragraph inside a paragraph',
		() => updateOf((f) => (f.get(0) as Y.XmlElement).insert(0, [xmlElement('paragraph')])),
		CloseCode.invalidData,
		'not a story: a paragraph cannot be inside a paragraph'
	],
	[
		'bare text under the document',
		() => updateOf((f) => f.insert(0, [xmlText('loose words')])),
		CloseCode.invalidData,
		'not a story: text cannot be inside a doc'
	],
	[
		'10,000 nested quotes',
		() => updateOf(nested(10_000)),
		CloseCode.invalidData,
		`not a story: the story would be nested deeper than ${StoryLimits.maxDepth} levels`
	],
	[
		'a 7 MB attribute',
		() =>
			updateOf((f) => {
				const heading = xmlElement('heading', [xmlText('Big')]);
				heading.setAttribute('level', 'x'.repeat(7_000_000));
				f.insert(0, [heading]);
			}),
		CloseCode.invalidData,
		"not a story: the heading's level cannot be a 7000000-character text"
	],
	[
		'a javascript: link',
		() =>
			updateOf((f) => {
				const words = (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;
				words.format(4, 7, { link: { href: ' \tJavaScript:alert(document.cookie)' } });
			}),
		CloseCode.invalidData,
		'not a story: a link address must be http(s), mailto or tel, and short'
	],
	[
		'a root type stories do not have',
		() => updateOf((_f, doc) => doc.getText('hostile').insert(0, 'bloat')),
		CloseCode.invalidData,
		'not a story: the update writes into a part called "hostile"'
	],
	[
		'an update naming 200,000 client ids',
		async () => manyClientsUpdate(200_000),
		CloseCode.policyViolation,
		`more than ${ClientIdLimits.perUpdate} new client ids in one update`
	],
	[
		'a clock of 2^52',
		async () => forgedGcUpdate(0x5eed, 0, 2 ** 52),
		CloseCode.invalidData,
		'update claims a clock no editor can reach'
	]
];

describe('updates that do not fit the story', () => {
	let bystander: Client;
	let canary: Client;
	const closes: number[] = [];

	beforeAll(async () => {
		bystander = connectClient(
			server.wsUrl,
			storyRoom(storyId),
			new Y.Doc(),
			tokenFor(storyId, 'editor')
		);
		canary = connectClient(
			server.wsUrl,
			storyRoom(canaryId),
			new Y.Doc(),
			tokenFor(canaryId, 'editor')
		);
		open.push(bystander, canary);
		for (const client of [bystander, canary]) {
			client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
			await synced(client);
		}
	});

	it.each(attacks)('refuses %s, closing only its sender', async (_name, build, code, reason) => {
		const closed = await sendAsEditor(await build());
		expect(closed?.code).toBe(code);
		expect(closed?.reason).toContain(reason.slice(0, 100));
		expect(await exportText(server.url, storyId)).toBe(TEXT);
	});

	it('keeps everyone else connected and editing, in the room and in another story', async () => {
		expect(closes).toEqual([]);
		firstParagraphText(bystander.doc).insert(0, 'Still here. ');
		firstParagraphText(canary.doc).insert(0, 'Me too. ');
		await vi.waitFor(async () => {
			expect(await exportText(server.url, storyId)).toBe(`Still here. ${TEXT}`);
			expect(await exportText(server.url, canaryId)).toBe(`Me too. ${CANARY_TEXT}`);
		});
	});

	it('accepts an honest paste of a long formatted document', async () => {
		const paragraphs = Array.from({ length: 2_000 }, (_, index) => {
			const words = new Y.XmlText();
			words.applyDelta([
				{ insert: `Pasted paragraph ${index}, ` },
				{ insert: 'bold', attributes: { bold: {} } },
				{ insert: ' and ' },
				{
					insert: 'a link',
					attributes: {
						link: { href: 'https://example.org/', target: '_blank', rel: null, class: null }
					}
				},
				{ insert: '.' }
			]);
			return xmlElement('paragraph', [words]);
		});
		const update = await updateOf((f) => f.insert(f.length, paragraphs));
		const closed = await sendAsEditor(update);
		expect(closed).toBeNull();
		// Exporting 2,000 paragraphs takes a while on a busy machine (CI timed out at 1 s once).
		await vi.waitFor(
			async () =>
				expect(await exportText(server.url, storyId)).toContain(
					'Pasted paragraph 1999, bold and a link.'
				),
			{ timeout: 15_000, interval: 200 }
		);
		const markdown = await api(server)
			.as(ownerOf(storyId))
			.text(`/api/stories/${storyId}/export?format=md`);
		expect(markdown).toContain('[a link](<https://example.org/>)');
	});

	it('has stored none of it after a graceful restart, nor after kill -9', async () => {
		const expected = await exportText(server.url, storyId);
		expect(expected).not.toMatch(/lost\?|alert|loose words|deep|bloat/);
		for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
			await server.kill(signal);
			await server.restart();
			expect(await exportText(server.url, storyId)).toBe(expected);
			const doc = await editorsCopy();
			expect(readStoryText(doc)).toBe(expected);
			// No forged client ids or clocks made it into the state vector.
			expect(Y.decodeStateVector(Y.encodeStateVector(doc)).size).toBeLessThan(10);
			expect(Math.max(...Y.decodeStateVector(Y.encodeStateVector(doc)).values())).toBeLessThan(
				2 ** 30
			);
			expect(doc.share.has('hostile')).toBe(false);
			const markdown = await api(server)
				.as(ownerOf(storyId))
				.text(`/api/stories/${storyId}/export?format=md`);
			expect(markdown.toLowerCase()).not.toContain('javascript');
		}
	});
});

describe('client ids', () => {
	it('caps the new client ids one connection brings, and lets a handful through', async () => {
		const id = await createStory(server.url, 'Sessions', 'A story.\n');
		const raw = await connectRaw(server.wsUrl, storyRoom(id), tokenFor(id, 'editor'));
		open.push(raw);
		const batch = 60;
		const rounds = Math.floor(ClientIdLimits.perConnection / batch);
		for (let round = 0; round < rounds; round++) {
			raw.ws.send(updateMessage(manyClientsUpdate(batch, 2_000_000 + round * batch)));
		}
		raw.ws.send(updateMessage(manyClientsUpdate(batch, 3_000_000)));
		const closed = await raw.closed;
		expect(closed.code).toBe(CloseCode.policyViolation);
		expect(closed.reason).toBe(
			`more than ${ClientIdLimits.perConnection} new client ids on one connection`
		);
		const doc = await editorsCopy(id);
		const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
		expect(clients.filter((client) => client >= 2_000_000 && client < 3_000_000)).toHaveLength(
			rounds * batch
		);
		expect(clients.some((client) => client >= 3_000_000 && client < 3_000_000 + batch)).toBe(false);
	});
});
