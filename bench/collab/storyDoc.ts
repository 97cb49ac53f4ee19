import * as Y from 'yjs';

/**
 * The Yjs state of a story as TipTap's Collaboration extension stores it: an XmlFragment named
 * "content" holding one `paragraph` element per paragraph, each with one XmlText. Used to seed the
 * reference server, which has no importer; ours imports the same text through POST /api/stories.
 */
export function storyDocUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	const content = doc.getXmlFragment('content');
	const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
	doc.transact(() => {
		content.insert(
			0,
			paragraphs.map((p) => {
				const element = new Y.XmlElement('paragraph');
				element.insert(0, [new Y.XmlText(p)]);
				return element;
			})
		);
	});
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/**
 * The first non-empty XmlText under `content` in document order (the first paragraph's text in
 * both servers' documents): where benchmark clients type.
 */
export function firstText(doc: Y.Doc): Y.XmlText | null {
	const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) {
				if (child.length > 0) return child;
			} else if (child instanceof Y.XmlElement) {
				const found = walk(child);
				if (found) return found;
			}
		}
		return null;
	};
	return walk(doc.getXmlFragment('content'));
}

/** Characters of text in the story document (all XmlText under `content`). */
export function textLength(doc: Y.Doc): number {
	let total = 0;
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) total += child.length;
			else if (child instanceof Y.XmlElement) walk(child);
		}
	};
	walk(doc.getXmlFragment('content'));
	return total;
}
