import type { MarkType, NodeType } from '@tiptap/pm/model';
import { isSafeHref } from '#shared/model/safeHref';
import { storySchema } from '#shared/model/schema';
import { StoryLimits } from '#shared/model/storyLimits';

/**
 * The story schema's rules, asked one piece at a time: which element may hold which, which
 * attributes and marks are allowed and what their values may be. The server checks every edit of
 * `story:<id>` with these before storing it (so a raw update cannot put a `<script>` element, a
 * paragraph inside a paragraph or a `javascript:` link into a story), and checks a stored story
 * with them when it loads. Order and count of children (a list item starting with a paragraph,
 * a quote never empty) are not asked: honest concurrent edits can break those, and the editor
 * reads such a document without losing text.
 */

/** The node type of an element name, or null when the schema has none (or it is not an element). */
export function elementType(name: string): NodeType | null {
	const type = Object.hasOwn(storySchema.nodes, name) ? storySchema.nodes[name] : undefined;
	if (!type || type.isText || type === storySchema.topNodeType) return null;
	return type;
}

/** The story's root node type (the fragment TipTap binds). */
export const docType: NodeType = storySchema.topNodeType;

const childTypes = new Map<NodeType, ReadonlySet<NodeType>>();

/** Node types that may appear among `parent`'s children, in some position. */
export function childTypesOf(parent: NodeType): ReadonlySet<NodeType> {
	let types = childTypes.get(parent);
	if (types) return types;
	const found = new Set<NodeType>();
	const seen = new Set([parent.contentMatch]);
	const queue = [parent.contentMatch];
	while (queue.length > 0) {
		const match = queue.pop()!;
		for (let index = 0; index < match.edgeCount; index++) {
			const edge = match.edge(index);
			found.add(edge.type);
			if (!seen.has(edge.next)) {
				seen.add(edge.next);
				queue.push(edge.next);
			}
		}
	}
	childTypes.set(parent, (types = found));
	return types;
}

/** Why `child` may not be a child of `parent`, or null when it may. */
export function childRefusal(parent: NodeType, child: NodeType): string | null {
	return childTypesOf(parent).has(child)
		? null
		: `a ${child.name} cannot be inside a ${parent.name}`;
}

/** Why a run of text may not be a child of `parent`, or null when it may. */
export function textRefusal(parent: NodeType): string | null {
	return childTypesOf(parent).has(storySchema.nodes.text!)
		? null
		: `text cannot be inside a ${parent.name}`;
}

type AttributeRule = (value: unknown) => boolean;

const isShortString = (value: unknown): boolean =>
	typeof value === 'string' && value.length <= StoryLimits.maxAttributeChars;
const isOptionalString: AttributeRule = (value) => value === null || isShortString(value);
const isInteger =
	(min: number, max: number): AttributeRule =>
	(value) =>
		typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Allowed values per `node.attribute`; every attribute the schema defines is listed. */
const NODE_ATTRIBUTES: Record<string, AttributeRule> = {
	'heading.level': isInteger(1, 6),
	'orderedList.start': isInteger(0, 1_000_000_000),
	'orderedList.type': (value) => value === null || (typeof value === 'string' && value.length <= 8),
	'codeBlock.language': (value) =>
		// eslint-disable-next-line no-control-regex
		value === null || (typeof value === 'string' && /^[^\u0000-\u001f]{0,64}$/.test(value))
};

/** Allowed values per `mark.attribute`. */
const MARK_ATTRIBUTES: Record<string, AttributeRule> = {
	'link.href': (value) => isShortString(value) && isSafeHref(value as string),
	'link.target': isOptionalString,
	'link.rel': isOptionalString,
	'link.class': isOptionalString,
	'link.title': isOptionalString
};

/** Why `value` may not be the `key` attribute of a `type` element, or null when it may. */
export function attributeRefusal(type: NodeType, key: string, value: unknown): string | null {
	const rule = Object.hasOwn(type.spec.attrs ?? {}, key)
		? NODE_ATTRIBUTES[`${type.name}.${key}`]
		: undefined;
	if (!rule) return `a ${type.name} has no attribute "${clip(key)}"`;
	return rule(value) ? null : `the ${type.name}'s ${clip(key)} cannot be ${describe(value)}`;
}

/**
 * Why a formatting attribute (y-tiptap writes a mark as `name` or `name--hash` with the mark's
 * attributes, null to end it) may not apply to text inside a `parent`, or null when it may.
 */
export function markRefusal(parent: NodeType, key: string, value: unknown): string | null {
	const name = key.includes('--') ? key.slice(0, key.indexOf('--')) : key;
	const type: MarkType | undefined = Object.hasOwn(storySchema.marks, name)
		? storySchema.marks[name]
		: undefined;
	if (!type) return `the story has no "${clip(name)}" formatting`;
	if (!parent.allowsMarkType(type)) return `a ${parent.name} cannot hold ${name} formatting`;
	if (value === null) return null;
	if (typeof value !== 'object' || Array.isArray(value)) {
		return `${name} formatting cannot be ${describe(value)}`;
	}
	for (const [attribute, attributeValue] of Object.entries(value)) {
		const rule = Object.hasOwn(type.spec.attrs ?? {}, attribute)
			? MARK_ATTRIBUTES[`${name}.${attribute}`]
			: undefined;
		if (!rule) return `${name} formatting has no attribute "${clip(attribute)}"`;
		if (!rule(attributeValue)) {
			return attribute === 'href'
				? 'a link address must be http(s), mailto or tel, and short'
				: `the ${name}'s ${attribute} cannot be ${describe(attributeValue)}`;
		}
	}
	return null;
}

function clip(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describe(value: unknown): string {
	if (typeof value === 'string') {
		return value.length > 40 ? `a ${value.length}-character text` : JSON.stringify(value);
	}
	if (value === null || typeof value !== 'object') return String(value);
	return Array.isArray(value) ? 'a list' : 'an object';
}
