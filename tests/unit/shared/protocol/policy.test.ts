import { describe, expect, it } from 'vitest';
import {
	ACTION_ROLES,
	canWriteRoom,
	heldToOwnWork,
	isLastOwnerLink,
	may,
	mayChangeThread,
	threadStarter,
	type Action
} from '../../../../src/lib/shared/protocol/policy';
import { ROLES, type Role } from '../../../../src/lib/shared/protocol/roles';

/** Which roles may do `action`, lowest first. */
const allowed = (action: Action) => ROLES.filter((role) => may(role, action));

const thread = (...authors: string[]) => ({
	messages: authors.map((id) => ({ author: { id } }))
});

describe('the policy', () => {
	it('gives each action to its role and every role above it', () => {
		expect(allowed('story.read')).toEqual(['viewer', 'commenter', 'editor', 'owner']);
		expect(allowed('review.write')).toEqual(['commenter', 'editor', 'owner']);
		expect(allowed('review.decide')).toEqual(['editor', 'owner']);
		expect(allowed('links.manage')).toEqual(['owner']);
		for (const action of Object.keys(ACTION_ROLES) as Action[]) {
			const roles = allowed(action);
			expect(roles[0]).toBe(ACTION_ROLES[action]);
			expect(roles).toEqual(ROLES.slice(ROLES.indexOf(ACTION_ROLES[action])));
		}
	});

	it('lets editors write the text and commenters only the notes', () => {
		const writes = (role: Role) => [canWriteRoom(role, 'story'), canWriteRoom(role, 'notes')];
		expect(writes('viewer')).toEqual([false, false]);
		expect(writes('commenter')).toEqual([false, true]);
		expect(writes('editor')).toEqual([true, true]);
		expect(writes('owner')).toEqual([true, true]);
	});

	it('holds commenters (and viewers) to their own work, not editors', () => {
		expect(ROLES.filter(heldToOwnWork)).toEqual(['viewer', 'commenter']);
	});

	it('gives a thread to whoever started it', () => {
		expect(threadStarter(thread('ana', 'ben'))).toBe('ana');
		expect(threadStarter(thread())).toBeUndefined();
		const ana = { role: 'commenter' as const, authorId: 'ana' };
		const ben = { role: 'commenter' as const, authorId: 'ben' };
		expect(mayChangeThread(ana, thread('ana', 'ben'))).toBe(true);
		expect(mayChangeThread(ben, thread('ana', 'ben'))).toBe(false);
		expect(mayChangeThread(ben, thread())).toBe(false);
		expect(mayChangeThread({ role: 'editor', authorId: 'ed' }, thread('ana'))).toBe(true);
	});

	it('never lets a story lose its last owner link', () => {
		const links = [
			{ id: 'own-1', role: 'owner' as const },
			{ id: 'view', role: 'viewer' as const }
		];
		expect(isLastOwnerLink(links, 'own-1')).toBe(true);
		expect(isLastOwnerLink(links, 'view')).toBe(false);
		expect(isLastOwnerLink([...links, { id: 'own-2', role: 'owner' }], 'own-1')).toBe(false);
	});
});
