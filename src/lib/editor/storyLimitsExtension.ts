import { Extension } from '@tiptap/core';
import type { Fragment } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform';
import { StoryLimits } from '#shared/model/storyLimits';

/**
 * Keeps this editor inside the limits the server enforces (StoryLimits): a paste nested deeper
 * than the story may be, or one run of text longer than it may be, is not applied. The server
 * would refuse the edit, and keep refusing it on every reconnect, so it could never be saved.
 */
export const StoryLimitsExtension = Extension.create({
	name: 'storyLimits',

	addProseMirrorPlugins() {
		return [storyLimitsPlugin()];
	}
});

/** The ProseMirror plugin behind StoryLimitsExtension, on its own so it can be tested on a state. */
export function storyLimitsPlugin(): Plugin {
	return new Plugin({
		key: new PluginKey('storyLimits'),
		filterTransaction: (transaction) =>
			transaction.steps.every((step, index) => {
				if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return true;
				const { content, openStart } = step.slice;
				if (content.size === 0) return true;
				const depth = transaction.docs[index]!.resolve(step.from).depth;
				return (
					depth + fragmentDepth(content) - openStart <= StoryLimits.maxDepth &&
					longestText(content) <= StoryLimits.maxTextChars
				);
			})
	});
}

/** How many levels of nodes the fragment nests (a paragraph of text is 1), without recursion. */
function fragmentDepth(fragment: Fragment): number {
	let deepest = 0;
	const stack: Array<[Fragment, number]> = [[fragment, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		current.forEach((node) => {
			if (node.isText) return;
			deepest = Math.max(deepest, depth);
			if (node.childCount > 0) stack.push([node.content, depth + 1]);
		});
	}
	return deepest;
}

/** The most characters in one textblock of the fragment. */
function longestText(fragment: Fragment): number {
	let longest = 0;
	fragment.descendants((node) => {
		if (node.isTextblock) longest = Math.max(longest, node.content.size);
		return !node.isTextblock;
	});
	return longest;
}
