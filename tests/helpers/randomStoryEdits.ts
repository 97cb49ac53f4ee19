import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { StoryLimits } from '#shared/model/storyLimits';
import { forgedGcUpdate, manyClientsUpdate } from './rawUpdates';
import { xmlElement, xmlText } from './yXml';

/**
 * Random edits of a story document, as a raw client could send them: mostly what an editor
 * would do, built from the story schema, and corruptions of every kind (elements and marks the
 * schema lacks, wrong parents, bad attributes, unsafe links, absurd depth, sizes and clocks,
 * many client ids, flipped or cut bytes). Each returns the update to send.
 */
export type RandomEdit = { name: string; update: Uint8Array };

type Random = () => number;

const BLOCKS = ['paragraph', 'heading', 'blockquote', 'bulletList', 'codeBlock', 'horizontalRule'];
const WORDS = ['harbour', 'rain', 'she', 'said', 'quiet', 'ship', 'night', 'the', 'a', 'of'];

function pick<T>(random: Random, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

function sentence(random: Random): string {
	return Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, WORDS)).join(' ');
}

function textRun(random: Random, attributes?: Record<string, unknown>): Y.XmlText {
	return xmlText(sentence(random), attributes);
}

/** A block the schema allows, with valid content and attributes. */
function validBlock(random: Random): Y.XmlElement {
	switch (pick(random, BLOCKS)) {
		case 'heading': {
			const heading = xmlElement('heading', [textRun(random)]);
			heading.setAttribute('level', (1 + Math.floor(random() * 6)) as unknown as string);
			return heading;
		}
		case 'blockquote':
			return xmlElement('blockquote', [xmlElement('paragraph', [textRun(random)])]);
		case 'bulletList':
			return xmlElement('bulletList', [
				xmlElement('listItem', [xmlElement('paragraph', [textRun(random)])])
			]);
		case 'codeBlock':
			return xmlElement('codeBlock', [textRun(random)]);
		case 'horizontalRule':
			return new Y.XmlElement('horizontalRule');
		default:
			return xmlElement('paragraph', [textRun(random, random() < 0.3 ? { bold: {} } : undefined)]);
	}
}

/** The first run of text of the document, if any (where typing and formatting go). */
function someText(fragment: Y.XmlFragment): Y.XmlText | null {
	return firstText(fragment, () => true);
}

/** The first run of text that may carry formatting (a code block's may not). */
function someFormattableText(fragment: Y.XmlFragment): Y.XmlText | null {
	return firstText(fragment, (element) => element.nodeName !== 'codeBlock');
}

function firstText(
	fragment: Y.XmlFragment,
	enters: (element: Y.XmlElement) => boolean
): Y.XmlText | null {
	const stack: unknown[] = fragment.toArray();
	while (stack.length > 0) {
		const node = stack.shift();
		if (node instanceof Y.XmlText) return node;
		if (node instanceof Y.XmlElement && enters(node)) stack.unshift(...node.toArray());
	}
	return null;
}

type Edit = [
	name: string,
	valid: boolean,
	apply: (fragment: Y.XmlFragment, doc: Y.Doc, random: Random) => void
];

const EDITS: Edit[] = [
	['type words', true, (f, _d, r) => someText(f)?.insert(0, `${sentence(r)} `)],
	[
		'delete words',
		true,
		(f) => {
			const t = someText(f);
			if (t && t.length > 3) t.delete(0, 2);
		}
	],
	['add a block', true, (f, _d, r) => f.insert(Math.floor(r() * (f.length + 1)), [validBlock(r)])],
	[
		'bold words',
		true,
		(f) => {
			const t = someFormattableText(f);
			if (t && t.length > 2) t.format(0, 2, { bold: {} });
		}
	],
	[
		'link words',
		true,
		(f) => {
			const t = someFormattableText(f);
			if (t && t.length > 2) t.format(0, 2, { link: { href: 'https://example.org/' } });
		}
	],
	[
		'unknown element',
		false,
		(f, _d, r) =>
			f.insert(0, [xmlElement(pick(r, ['fooNode', 'script', 'img', 'doc', 'text']), [textRun(r)])])
	],
	[
		'element in a text block',
		false,
		(f, _d, r) => f.insert(0, [xmlElement('paragraph', [validBlock(r)])])
	],
	['text under the document', false, (f, _d, r) => f.insert(0, [textRun(r)])],
	[
		'list item outside a list',
		false,
		(f, _d, r) => f.insert(0, [xmlElement('listItem', [xmlElement('paragraph', [textRun(r)])])])
	],
	[
		'bad attribute',
		false,
		(f, _d, r) => {
			const h = xmlElement('heading', [textRun(r)]);
			h.setAttribute(
				pick(r, ['level', 'style', 'onclick']),
				pick(r, [0, 7, 'x', 1.5]) as unknown as string
			);
			f.insert(0, [h]);
		}
	],
	[
		'unsafe link',
		false,
		(f, _d, r) =>
			someText(f)?.format(0, 1, {
				link: {
					href: pick(r, [
						'javascript:x',
						' JAVASCRIPT:x',
						'data:text/html,x',
						'vbscript:x',
						'java\nscript:x'
					])
				}
			})
	],
	['unknown mark', false, (f) => someText(f)?.format(0, 1, { blink: {} })],
	[
		'huge attribute',
		false,
		(f, _d, r) => {
			const c = xmlElement('codeBlock', [textRun(r)]);
			c.setAttribute('language', 'x'.repeat(StoryLimits.maxAttributeChars * 4));
			f.insert(0, [c]);
		}
	],
	[
		'too deep',
		false,
		(f, _d, r) => {
			let p: Y.XmlFragment = f;
			const depth = StoryLimits.maxDepth + Math.floor(r() * 200);
			for (let i = 0; i < depth; i++) {
				const q = new Y.XmlElement('blockquote');
				p.insert(0, [q]);
				p = q;
			}
			p.insert(0, [xmlElement('paragraph', [textRun(r)])]);
		}
	],
	[
		'foreign root',
		false,
		(_f, d, r) => d.getArray(`junk${Math.floor(r() * 1000)}`).insert(0, [1, 2, 3])
	],
	['bad setting', false, (_f, d) => d.getMap('meta').set('finalNewline', 'maybe')],
	['map in the document', false, (f) => f.insert(0, [new Y.Map() as unknown as Y.XmlElement])]
];

/** One random edit of `base` (a copy of the story as the server has it). */
export function randomEdit(base: Y.Doc, random: Random): RandomEdit & { valid: boolean | null } {
	const roll = random();
	if (roll < 0.06) {
		return {
			name: 'many client ids',
			valid: false,
			update: manyClientsUpdate(
				100 + Math.floor(random() * 5000),
				10_000_000 + Math.floor(random() * 1e6)
			)
		};
	}
	if (roll < 0.1) {
		return {
			name: 'absurd clock',
			valid: false,
			update: forgedGcUpdate(
				20_000_000 + Math.floor(random() * 1e6),
				0,
				2 ** (31 + Math.floor(random() * 22))
			)
		};
	}
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(doc);
	const [name, valid, apply] = pick(random, EDITS);
	doc.transact(() => apply(doc.getXmlFragment(STORY_FIELD), doc, random));
	let update = Y.encodeStateAsUpdate(doc, before);
	doc.destroy();
	if (roll < 0.22 && update.length > 4) {
		// Damaged bytes: anything may come of them, as long as the story stays whole.
		update = update.slice(0, Math.max(1, Math.floor(update.length * random())));
		if (random() < 0.5) {
			const at = Math.floor(random() * update.length);
			update[at] = update[at]! ^ (1 << Math.floor(random() * 8));
		}
		return { name: `${name}, damaged`, valid: null, update };
	}
	return { name, valid, update };
}
