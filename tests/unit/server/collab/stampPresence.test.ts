import { describe, expect, it } from 'vitest';
import { colorFor, PRESENCE_PALETTE } from '#shared/protocol/presenceColor';
import { stampPresence } from '../../../../server/collab/stampPresence';
import { NULL_STATE } from '../../../../server/collab/validateAwareness';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ana = { name: 'Ana', role: 'commenter', authorId: 'link-ana' };

function stamped(state: unknown, identity: typeof ana | null = ana) {
	const entry = { clientId: 7, clock: 1, state: encoder.encode(JSON.stringify(state)) };
	return JSON.parse(decoder.decode(stampPresence(entry, identity).state)) as {
		user: Record<string, unknown>;
		cursor?: unknown;
	};
}

describe('stampPresence', () => {
	it('keeps a #rrggbb colour and stamps the link’s name and role', () => {
		const state = stamped({ user: { id: 'b1', name: 'Boss', color: '#2F6f9f' }, cursor: null });
		expect(state.user).toEqual({ id: 'b1', name: 'Ana', role: 'commenter', color: '#2F6f9f' });
		expect(state.cursor).toBeNull();
	});

	it.each([
		'red;background:url(https://evil.example/x.png);x:',
		'red',
		'#fff',
		'#2f6f9f;',
		'#2f6f9f ',
		'rgb(1,2,3)',
		'url(x)',
		'#2f6f9fzz',
		42,
		null,
		{ toString: 'x' }
	])('replaces the colour %j by the link’s own palette colour', (color) => {
		const state = stamped({ user: { id: 'b1', name: 'Ana', color } });
		expect(state.user.color).toBe(colorFor('link-ana'));
		expect(PRESENCE_PALETTE).toContain(state.user.color);
	});

	it('gives a colour to a state without one, and leaves removals alone', () => {
		expect(stamped({ cursor: null }).user.color).toBe(colorFor('link-ana'));
		const removal = { clientId: 7, clock: 2, state: NULL_STATE };
		expect(stampPresence(removal, ana)).toBe(removal);
	});

	it('checks the colour even without a link to stamp from', () => {
		expect(stamped({ user: { color: 'red;x:' } }, null).user.color).toMatch(/^#[0-9a-f]{6}$/);
		const fine = { clientId: 1, clock: 1, state: encoder.encode('{"user":{"color":"#123456"}}') };
		expect(stampPresence(fine, null)).toBe(fine);
	});
});
