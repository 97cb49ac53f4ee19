import * as Y from 'yjs';

// Story XML built by hand, as a raw client (or an old database) would hold it.

/** An element named `name` holding `children`. */
export function xmlElement(
	name: string,
	children: Array<Y.XmlElement | Y.XmlText> = []
): Y.XmlElement {
	const made = new Y.XmlElement(name);
	made.insert(0, children);
	return made;
}

/** A run of text, with formatting `attributes` (e.g. `{ bold: {} }`) if given. */
export function xmlText(value: string, attributes?: Record<string, unknown>): Y.XmlText {
	const made = new Y.XmlText();
	made.insert(0, value, attributes);
	return made;
}
