import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol/closeCodes';
import type { Role } from '#shared/protocol/roles';
import { notesRoom } from '#shared/protocol/rooms';
import {
	addMessage,
	addThread,
	setSuggestionStatus,
	setThreadStatus
} from '#shared/review/notesDoc';
import { api } from '../helpers/apiClient';
import { useHarbour } from '../helpers/hostileSetup';
import { authorOf, tokenFor, tokenOf } from '../helpers/links';
import { connectClient, synced } from '../helpers/wsClients';

// A commenter's notes client (a stock y-websocket provider) that changes what only others may:
// decides a suggestion, writes or resolves in someone else's thread, signs with another name.
// Each is closed with 4403 and nothing of it is stored; their own threads go through.

const harbour = useHarbour();

describe('notes: what a commenter may change', () => {
	/** Who the commenter link says its holder is: the author they must write as. */
	async function commenterSelf(): Promise<{ id: string; name: string }> {
		const answer = await api(harbour.server)
			.as(tokenFor(harbour.storyId, 'commenter'))
			.get(`/api/stories/${harbour.storyId}`);
		const { you } = answer.body as { you: { id: string; name: string; role: Role } };
		expect(you.role).toBe('commenter');
		return { id: you.id, name: you.name };
	}

	/** A commenter's y-websocket client on the notes, synced; resolves its close code when closed. */
	async function commenterNotes() {
		const notes = harbour.client(notesRoom(harbour.storyId), 'commenter');
		const closed = new Promise<number>((resolve) =>
			notes.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		await synced(notes);
		return { notes, closed };
	}

	/** The close code within `ms`, or null: a bounded wait on purpose, to show no close came. */
	async function codeWithin(closed: Promise<number>, ms: number): Promise<number | null> {
		return Promise.race([
			closed,
			new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))
		]);
	}

	it('refuses a commenter accepting a suggestion (4403), and keeps it open', async () => {
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/suggestions`, {
			start: 2,
			end: 7,
			replacement: 'still',
			author: 'Ana'
		});
		expect(made.status).toBe(201);
		const { notes, closed } = await commenterNotes();
		await vi.waitFor(() => expect(notes.doc.getMap('suggestions').has(made.body.id)).toBe(true));
		setSuggestionStatus(notes.doc, made.body.id, 'accepted', {
			by: { id: 'mallory', name: 'Mallory' },
			at: new Date().toISOString()
		});
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const after = await harbour
			.asOwner()
			.get(`/api/stories/${harbour.storyId}/suggestions/${made.body.id}`);
		expect(after.body.status).toBe('open');
	});

	it('refuses a commenter writing as another author or resolving their thread (4403)', async () => {
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/comments`, {
			start: 2,
			end: 7,
			body: 'Which harbour?',
			author: { id: 'ana-browser', name: 'Ana' }
		});
		expect(made.status).toBe(201);

		const forger = await commenterNotes();
		await vi.waitFor(() => expect(forger.notes.doc.getMap('threads').has(made.body.id)).toBe(true));
		addMessage(forger.notes.doc, made.body.id, {
			id: 'forged-reply',
			author: { id: 'ana-browser', name: 'Ana' },
			body: 'I take it back.',
			createdAt: new Date().toISOString()
		});
		expect(await codeWithin(forger.closed, 2_000)).toBe(CloseCode.forbidden);

		const resolver = await commenterNotes();
		await vi.waitFor(() =>
			expect(resolver.notes.doc.getMap('threads').has(made.body.id)).toBe(true)
		);
		setThreadStatus(resolver.notes.doc, made.body.id, 'resolved');
		expect(await codeWithin(resolver.closed, 2_000)).toBe(CloseCode.forbidden);

		const thread = await harbour
			.asOwner()
			.get(`/api/stories/${harbour.storyId}/comments/${made.body.id}`);
		expect(thread.body.status).toBe('open');
		expect(thread.body.messages).toHaveLength(1);
	});

	it('refuses a commenter signing with their own id under another name (4403)', async () => {
		const { notes, closed } = await commenterNotes();
		const me = await commenterSelf();
		const existing = await harbour.asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const stored = notes.doc.getMap('threads').get(existing.body.threads[0].id) as Y.Map<unknown>;
		addThread(notes.doc, {
			id: 'renamed-thread',
			status: 'open',
			anchor: stored.get('anchor') as never,
			createdAt: new Date().toISOString(),
			messages: [
				{
					id: 'renamed-1',
					author: { id: me.id, name: 'The Editor' },
					body: 'Trust me.',
					createdAt: new Date().toISOString()
				}
			]
		});
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const thread = await harbour
			.asOwner()
			.get(`/api/stories/${harbour.storyId}/comments/renamed-thread`);
		expect(thread.status).toBe(404);
	});

	it('keeps a renamed commenter writing under the names their link carried, and no other', async () => {
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'commenter',
			name: 'Nell'
		});
		const token = tokenOf(made.body.url);
		const you = await authorOf(harbour.server, harbour.storyId, token);
		expect(you.name).toBe('Nell');
		const notes = harbour.track(
			connectClient(harbour.server.wsUrl, notesRoom(harbour.storyId), new Y.Doc(), token)
		);
		const closed = new Promise<number>((resolve) =>
			notes.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		await synced(notes);
		const renamed = await harbour
			.asOwner()
			.patch(`/api/stories/${harbour.storyId}/links/${made.body.id}`, {
				name: 'Nell Hart'
			});
		expect(renamed.body).toEqual({ id: made.body.id, role: 'commenter', name: 'Nell Hart' });
		const existing = await harbour.asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const anchor = (
			notes.doc.getMap('threads').get(existing.body.threads[0].id) as Y.Map<unknown>
		).get('anchor') as never;
		const thread = (id: string, name: string) => ({
			id,
			status: 'open' as const,
			anchor,
			createdAt: new Date().toISOString(),
			messages: [
				{
					id: `${id}-1`,
					author: { id: you.id, name },
					body: 'Mine.',
					createdAt: new Date().toISOString()
				}
			]
		});
		// The browser still says "Nell" until it reloads; the new name is as good.
		addThread(notes.doc, thread('nell-old', 'Nell'));
		addThread(notes.doc, thread('nell-new', 'Nell Hart'));
		for (const id of ['nell-old', 'nell-new']) {
			await vi.waitFor(async () => {
				const stored = await harbour
					.asOwner()
					.get(`/api/stories/${harbour.storyId}/comments/${id}`);
				expect(stored.status).toBe(200);
			});
		}
		// A name the link never carried is a forgery.
		addThread(notes.doc, thread('nell-forged', 'Olive'));
		expect(await codeWithin(closed, 2_000)).toBe(CloseCode.forbidden);
		const forged = await harbour
			.asOwner()
			.get(`/api/stories/${harbour.storyId}/comments/nell-forged`);
		expect(forged.status).toBe(404);
	});

	it('lets a commenter start a thread of their own, reply to it and resolve it', async () => {
		const { notes, closed } = await commenterNotes();
		const me = await commenterSelf();
		const existing = await harbour.asOwner().get(`/api/stories/${harbour.storyId}/comments`);
		const template = existing.body.threads[0];
		expect(template).toBeDefined();
		const stored = notes.doc.getMap('threads').get(template.id) as Y.Map<unknown>;
		addThread(notes.doc, {
			id: 'carol-thread',
			status: 'open',
			anchor: stored.get('anchor') as never,
			createdAt: new Date().toISOString(),
			messages: [{ id: 'carol-1', author: me, body: 'Mine.', createdAt: new Date().toISOString() }]
		});
		addMessage(notes.doc, 'carol-thread', {
			id: 'carol-2',
			author: me,
			body: 'Still mine.',
			createdAt: new Date().toISOString()
		});
		setThreadStatus(notes.doc, 'carol-thread', 'resolved');
		await vi.waitFor(async () => {
			const thread = await harbour
				.asOwner()
				.get(`/api/stories/${harbour.storyId}/comments/carol-thread`);
			expect(thread.body.status).toBe('resolved');
		});
		expect(await codeWithin(closed, 200)).toBeNull();
	});
});
