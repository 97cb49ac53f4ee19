import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '#shared/protocol/closeCodes';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { api } from '../helpers/apiClient';
import { LINK_REFUSED, refusalOf, someUpdate, useHarbour } from '../helpers/hostileSetup';
import { ownerOf, tokenOf } from '../helpers/links';
import { createStory } from '../helpers/stories';
import { awarenessMessage, closedWithin, updateMessage } from '../helpers/wsClients';

// The link API, as the owner uses it from the Share dialog: making, naming, listing, re-roling and
// revoking links, and what each does to connections already open. Who may call it at all is in
// the route × role matrix (routeRoles.test.ts).

const harbour = useHarbour();

describe('link API', () => {
	it('makes, lists and revokes links; a revoked link is cut off within a second (4401)', async () => {
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'editor'
		});
		expect(made.status).toBe(201);
		expect(Object.keys(made.body).sort()).toEqual(['id', 'name', 'url']);
		expect(made.body.name).toBe('Editor');
		expect(made.body.url).toMatch(
			new RegExp(`/stories/${harbour.storyId}\\?token=[A-Za-z0-9_-]{43}$`)
		);
		const token = tokenOf(made.body.url);

		const listed = await harbour.asOwner().get(`/api/stories/${harbour.storyId}/links`);
		expect(listed.status).toBe(200);
		const entry = listed.body.links.find((link: { id: string }) => link.id === made.body.id);
		expect(entry).toEqual({
			id: made.body.id,
			role: 'editor',
			name: 'Editor',
			url: expect.stringContaining(`/stories/${harbour.storyId}`),
			expiresAt: null
		});
		// Only hashes are stored: no listed link carries a secret.
		expect(JSON.stringify(listed.body)).not.toContain('token=');

		const live = await harbour.raw(storyRoom(harbour.storyId), null, token);
		const sender = setInterval(() => {
			if (live.ws.readyState === WebSocket.OPEN) live.ws.send(awarenessMessage(9191, 1, 'null'));
		}, 50);
		const revoked = await harbour
			.asOwner()
			.delete(`/api/stories/${harbour.storyId}/links/${made.body.id}`);
		expect(revoked.status).toBe(204);
		const closed = await closedWithin(live, 1_000);
		clearInterval(sender);
		expect(closed).toMatchObject({ code: CloseCode.unauthorized });
		const after = await api(harbour.server).as(token).get(`/api/stories/${harbour.storyId}`);
		expect(after.status).toBe(401);
		expect(
			await refusalOf(`${harbour.server.wsUrl}/${storyRoom(harbour.storyId)}?token=${token}`)
		).toEqual(LINK_REFUSED);
	});

	it('names links for people and refuses bad names precisely', async () => {
		const links = `/api/stories/${harbour.storyId}/links`;
		const named = await harbour.asOwner().post(links, {
			role: 'viewer',
			name: '  Ada   King '
		});
		expect(named.body.name).toBe('Ada King');
		const tooLong = await harbour.asOwner().post(links, {
			role: 'viewer',
			name: 'x'.repeat(41)
		});
		expect(tooLong.status).toBe(400);
		expect(tooLong.body.error.message).toBe('"name" must be at most 40 characters.');
		const control = await harbour.asOwner().post(links, { role: 'viewer', name: 'Ada\u0007' });
		expect(control.body.error.message).toBe('"name" cannot contain control characters.');
		const empty = await harbour.asOwner().patch(`${links}/${named.body.id}`, {});
		expect(empty.status).toBe(400);
		const missing = await harbour.asOwner().patch(`${links}/nope`, { name: 'Bo' });
		expect(missing.status).toBe(404);
		const listed = await harbour.asOwner().get(links);
		const mine = listed.body.links.filter((link: { you?: boolean }) => link.you);
		// The owner token of the import is the one the tests call with.
		expect(mine).toEqual([expect.objectContaining({ role: 'owner', name: 'Owner' })]);
	});

	it('keeps a story from losing its last owner link', async () => {
		const id = await createStory(harbour.server, 'Owned', 'Mine.\n');
		const links = `/api/stories/${id}/links`;
		const asImporter = api(harbour.server).as(ownerOf(id));
		const listed = await asImporter.get(links);
		const owner = listed.body.links.find((link: { role: string }) => link.role === 'owner');
		const revoked = await asImporter.delete(`${links}/${owner.id}`);
		expect(revoked.status).toBe(409);
		expect(revoked.body.error).toEqual({
			code: 'last_owner',
			message: "This is the story's only owner link: make another owner link before you revoke it."
		});
		const downgraded = await asImporter.patch(`${links}/${owner.id}`, {
			role: 'editor'
		});
		expect(downgraded.status).toBe(409);
		// Renaming is fine, and with a second owner link the first may go.
		expect((await asImporter.patch(`${links}/${owner.id}`, { name: 'Ana' })).status).toBe(200);
		const second = await asImporter.post(links, { role: 'owner', name: 'Ana, laptop' });
		const [, , token] = /(\?token=)(.+)$/.exec(second.body.url)!;
		const revokedFirst = await api(harbour.server).as(token!).delete(`${links}/${owner.id}`);
		expect(revokedFirst.status).toBe(204);
	});

	it('applies a downgrade to open connections at once', async () => {
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'editor'
		});
		const live = await harbour.raw(notesRoom(harbour.storyId), null, tokenOf(made.body.url));
		const patched = await harbour
			.asOwner()
			.patch(`/api/stories/${harbour.storyId}/links/${made.body.id}`, {
				role: 'viewer'
			});
		expect(patched.status).toBe(200);
		live.ws.send(updateMessage(someUpdate().update));
		expect(await closedWithin(live, 2_000)).toMatchObject({ code: CloseCode.forbidden });
	});

	it('stops an expired link', async () => {
		const expiresAt = new Date(Date.now() + 1_500).toISOString();
		const made = await harbour.asOwner().post(`/api/stories/${harbour.storyId}/links`, {
			role: 'viewer',
			expiresAt
		});
		expect(made.status).toBe(201);
		const live = await harbour.raw(storyRoom(harbour.storyId), null, tokenOf(made.body.url));
		expect(await closedWithin(live, 3_500)).toMatchObject({ code: CloseCode.unauthorized });
		const after = await api(harbour.server)
			.as(tokenOf(made.body.url))
			.get(`/api/stories/${harbour.storyId}`);
		expect(after.status).toBe(401);
	});
});
