import { Extension } from '@tiptap/core';
import type { CheckerState } from '$lib/proofing/CheckerState.svelte';
import { checkerUnderlinesPlugin } from './checkerUnderlines';

export interface CheckerExtensionOptions {
	checker: CheckerState | null;
}

/**
 * The proofreading checker in the editor: its underlines (clicking one opens its popover) and
 * F8 / Shift+F8 to go to the next / previous flag.
 */
export const CheckerExtension = Extension.create<CheckerExtensionOptions>({
	name: 'galleyChecker',

	addOptions() {
		return { checker: null };
	},

	addProseMirrorPlugins() {
		const { checker } = this.options;
		if (!checker) return [];
		return [
			checkerUnderlinesPlugin((ids) => {
				// Overlapping underlines: the innermost, or the next one on a second click.
				const current = ids.indexOf(checker.openId ?? '');
				checker.open(ids[(current + 1) % ids.length]!);
			})
		];
	},

	addKeyboardShortcuts(): Record<string, () => boolean> {
		const { checker } = this.options;
		if (!checker) return {};
		return {
			F8: () => (checker.step(1), true),
			'Shift-F8': () => (checker.step(-1), true),
			Escape: () => {
				if (!checker.openId) return false;
				checker.close();
				return true;
			}
		};
	}
});
