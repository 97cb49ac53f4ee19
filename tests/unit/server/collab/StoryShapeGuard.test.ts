import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { writeStoryText } from '#shared/model/storyDoc';
import { StoryLimits } from '#shared/model/storyLimits';
import { StoryShapeGuard } from '../../../../server/collab/StoryShapeGuard';
import { validateUpdate } from '../../../../server/collab/validateUpdate';
import { xmlElement, xmlText } from '../../../helpers/yXml';

// Edits as a raw Yjs client can make them (anything, not only what TipTap writes), checked the
// way the room checks them: decoded, then the guard on the server's doc.

function story(): { server: Y.Doc; guard: StoryShapeGuard } {
	const server = new Y.Doc();
	writeStoryText(server, 'Hello world.\n\nA second paragraph.\n');
	return { server, guard: new StoryShapeGuard(server) };
}

/** A client holding the server's state. */
function clientOf(server: Y.Doc): Y.Doc {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return client;
}

/** Runs `edit` on `client` and checks the update it makes; `commit` as the room would on success. */
function attempt(
	server: Y.Doc,
	guard: StoryShapeGuard,
	client: Y.Doc,
	edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void,
	pending: Map<number, number> | null = null
): { reason: string | null; update: Uint8Array } {
	const before = Y.encodeStateVector(client);
	client.transact(() => edit(client.getXmlFragment(STORY_FIELD), client));
	const update = Y.encodeStateAsUpdate(client, before);
	const check = validateUpdate(update, server, pending);
	if (!check.ok) throw new Error(`validateUpdate refused: ${check.reason}`);
	const shape = guard.check(check.structs);
	if (shape.ok) shape.commit();
	return { reason: shape.ok ? null : shape.reason, update };
}

function firstText(fragment: Y.XmlFragment, index = 0): Y.XmlText {
	return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('StoryShapeGuard: what an editor does', () => {
	it.each<[string, (fragment: Y.XmlFragment) => void]>([
		['types into a paragraph', (f) => firstText(f).insert(5, ',')],
		['deletes words', (f) => firstText(f).delete(0, 6)],
		['makes words bold and italic', (f) => firstText(f).format(0, 5, { bold: {}, italic: {} })],
		[
			'links words to a web page',
			(f) =>
				firstText(f).format(6, 5, {
					link: { href: 'https://example.org/a?b=c', target: '_blank', rel: null, class: null }
				})
		],
		['adds a paragraph', (f) => f.insert(1, [xmlElement('paragraph', [xmlText('New.')])])],
		[
			'adds a heading',
			(f) => f.insert(0, [setAttr(xmlElement('heading', [xmlText('One')]), 'level', 2)])
		],
		[
			'adds a list',
			(f) =>
				f.insert(1, [
					xmlElement('bulletList', [
						xmlElement('listItem', [xmlElement('paragraph', [xmlText('x')])])
					])
				])
		],
		[
			'adds code with a language',
			(f) =>
				f.insert(1, [setAttr(xmlElement('codeBlock', [xmlText('let a = 1;')]), 'language', 'ts')])
		],
		['breaks a line', (f) => (f.get(0) as Y.XmlElement).insert(1, [xmlElement('hardBreak')])],
		[
			'quotes a paragraph',
			(f) => f.insert(0, [xmlElement('blockquote', [xmlElement('paragraph', [xmlText('q')])])])
		],
		['adds a rule', (f) => f.insert(1, [xmlElement('horizontalRule')])]
	])('accepts: %s', (_name, edit) => {
		const { server, guard } = story();
		expect(attempt(server, guard, clientOf(server), edit).reason).toBeNull();
	});

	it('accepts typing that builds on its own update before that is applied', () => {
		const { server, guard } = story();
		const client = clientOf(server);
		const first = attempt(server, guard, client, (f) =>
			f.insert(1, [xmlElement('paragraph', [xmlText('a')])])
		);
		expect(first.reason).toBeNull();
		const pending = new Map([[client.clientID, Y.getState(client.store, client.clientID)]]);
		const second = attempt(server, guard, client, (f) => firstText(f, 1).insert(1, 'bc'), pending);
		expect(second.reason).toBeNull();
		const third = attempt(
			server,
			guard,
			client,
			(f) => (f.get(1) as Y.XmlElement).insert(0, [xmlElement('paragraph')]),
			new Map([[client.clientID, Y.getState(client.store, client.clientID)]])
		);
		expect(third.reason).toBe('a paragraph cannot be inside a paragraph');
	});

	it('accepts the setting the story keeps, and turning formatting off', () => {
		const { server, guard } = story();
		const client = clientOf(server);
		const edits: Array<(fragment: Y.XmlFragment, doc: Y.Doc) => void> = [
			(_f, d) => d.getMap('meta').set('finalNewline', false),
			(f) => firstText(f).format(0, 5, { bold: {} }),
			(f) => firstText(f).format(0, 5, { bold: null })
		];
		for (const edit of edits) {
			const { reason, update } = attempt(server, guard, client, edit);
			expect(reason).toBeNull();
			Y.applyUpdate(server, update); // as the room does once it is stored
		}
	});
});

describe('StoryShapeGuard: what only a raw client can send', () => {
	it.each<[string, (fragment: Y.XmlFragment, doc: Y.Doc) => void, string]>([
		[
			'an element the schema lacks',
			(f) => f.insert(0, [xmlElement('fooNode', [xmlText('x')])]),
			'the story has no "fooNode" element'
		],
		[
			'a script element',
			(f) => f.insert(0, [xmlElement('script', [xmlText('alert(1)')])]),
			'the story has no "script" element'
		],
		[
			'the document node itself',
			(f) => f.insert(0, [xmlElement('doc')]),
			'the story has no "doc" element'
		],
		[
			'a paragraph inside a paragraph',
			(f) => (f.get(0) as Y.XmlElement).insert(0, [xmlElement('paragraph', [xmlText('x')])]),
			'a paragraph cannot be inside a paragraph'
		],
		[
			'bare text under the document',
			(f) => f.insert(0, [xmlText('loose')]),
			'text cannot be inside a doc'
		],
		[
			'a list item outside a list',
			(f) => f.insert(0, [xmlElement('listItem')]),
			'a listItem cannot be inside a doc'
		],
		[
			'text inside a list',
			(f) => f.insert(0, [xmlElement('bulletList', [xmlText('x')])]),
			'text cannot be inside a bulletList'
		],
		[
			'an attribute the node lacks',
			(f) => (f.get(0) as Y.XmlElement).setAttribute('onclick', 'x'),
			'a paragraph has no attribute "onclick"'
		],
		[
			'a heading level 9',
			(f) => f.insert(0, [setAttr(xmlElement('heading'), 'level', 9)]),
			"the heading's level cannot be 9"
		],
		[
			'a 7 MB attribute',
			(f) => f.insert(0, [setAttr(xmlElement('codeBlock'), 'language', 'x'.repeat(7_000_000))]),
			"the codeBlock's language cannot be a 7000000-character text"
		],
		[
			'formatting the schema lacks',
			(f) => firstText(f).format(0, 5, { blink: {} }),
			'the story has no "blink" formatting'
		],
		[
			'bold inside code',
			(f) => f.insert(0, [xmlElement('codeBlock', [xmlText('x', { bold: {} })])]),
			'a codeBlock cannot hold bold formatting'
		],
		[
			'a javascript: link',
			(f) => firstText(f).format(0, 5, { link: { href: 'javascript:alert(1)' } }),
			'a link address must be http(s), mailto or tel, and short'
		],
		[
			'a JavaScript: link behind spaces',
			(f) => firstText(f).format(0, 5, { link: { href: '  JavaScript:alert(1)' } }),
			'a link address must be http(s), mailto or tel, and short'
		],
		[
			'a link with a tab inside the scheme',
			(f) => firstText(f).format(0, 5, { link: { href: 'java\tscript:alert(1)' } }),
			'a link address must be http(s), mailto or tel, and short'
		],
		[
			'a data: link',
			(f) => firstText(f).format(0, 5, { link: { href: 'data:text/html,<script>' } }),
			'a link address must be http(s), mailto or tel, and short'
		],
		[
			'a vbscript: link',
			(f) => firstText(f).format(0, 5, { link: { href: 'VBScript:x' } }),
			'a link address must be http(s), mailto or tel, and short'
		],
		[
			'a link with an unknown attribute',
			(f) => firstText(f).format(0, 5, { link: { href: 'https://a.b', style: 'x' } }),
			'link formatting has no attribute "style"'
		],
		[
			'an embed inside text',
			(f) => firstText(f).insertEmbed(0, { image: 'x' }),
			'a run of text holds only characters and formatting'
		],
		[
			'a map inside the document',
			(f) => f.insert(0, [new Y.Map() as unknown as Y.XmlElement]),
			'only elements and text can be inside a doc'
		],
		[
			'a part stories do not have',
			(_f, d) => d.getText('hostile').insert(0, 'x'),
			'the update writes into a part called "hostile", which stories do not have'
		],
		[
			'a setting stories do not have',
			(_f, d) => d.getMap('meta').set('owner', 'me'),
			'the story has no setting "owner"'
		],
		[
			'a setting with a wrong value',
			(_f, d) => d.getMap('meta').set('finalNewline', 'yes'),
			'the setting "finalNewline" has a wrong value'
		],
		[
			'a run of text over the limit',
			(f) => firstText(f).insert(0, 'x'.repeat(StoryLimits.maxTextChars)),
			`a run of text would be longer than ${StoryLimits.maxTextChars} characters`
		]
	])('refuses %s', (_name, edit, reason) => {
		const { server, guard } = story();
		expect(attempt(server, guard, clientOf(server), edit).reason).toBe(reason);
	});

	/** Quotes nested `depth` deep with a paragraph inside, built one level at a time. */
	function nestQuotes(fragment: Y.XmlFragment, depth: number): void {
		let parent: Y.XmlFragment = fragment;
		for (let level = 0; level < depth; level++) {
			const quote = new Y.XmlElement('blockquote');
			parent.insert(0, [quote]);
			parent = quote;
		}
		parent.insert(0, [xmlElement('paragraph', [xmlText('deep')])]);
	}

	it.each([StoryLimits.maxDepth, 10_000, 100_000])(
		'refuses %i nested quotes, deeper than the limit',
		(depth) => {
			const { server, guard } = story();
			const result = attempt(server, guard, clientOf(server), (f) => nestQuotes(f, depth));
			expect(result.reason).toBe(
				`the story would be nested deeper than ${StoryLimits.maxDepth} levels`
			);
		}
	);

	it('accepts nesting up to the limit', () => {
		const { server, guard } = story();
		const result = attempt(server, guard, clientOf(server), (f) =>
			nestQuotes(f, StoryLimits.maxDepth - 1)
		);
		expect(result.reason).toBeNull();
	});

	it('forgets nothing it refused: a refused update is not a base for the next', () => {
		const { server, guard } = story();
		const client = clientOf(server);
		expect(
			attempt(server, guard, client, (f) => f.insert(0, [xmlElement('fooNode')])).reason
		).not.toBeNull();
		// The refused element was never recorded, so an update building on it cannot be placed.
		const check = validateUpdate(
			Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)),
			server,
			null
		);
		expect(check.ok && guard.check(check.structs).ok).toBe(false);
	});
});

function setAttr(made: Y.XmlElement, key: string, value: unknown): Y.XmlElement {
	made.setAttribute(key, value as string);
	return made;
}
