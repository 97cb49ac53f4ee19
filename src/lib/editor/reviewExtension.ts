import { Extension } from '@tiptap/core';
import type { ReviewState } from '$lib/review/ReviewState.svelte';
import { reviewHighlightsPlugin } from './reviewHighlights';
import { suggestingInputPlugin } from './suggestingInput';

export interface ReviewExtensionOptions {
	review: ReviewState | null;
	/** Moves keyboard focus to the focused card (after Alt+↑/↓). */
	onStep: (id: string) => void;
}

/**
 * Comments and suggestions in the editor: their highlights, suggesting mode, and the keys
 * (Ctrl/Cmd+Alt+M comments on the selection, Alt+↓/↑ go to the next/previous thread or
 * suggestion). Clicking a highlight focuses its card.
 */
export const ReviewExtension = Extension.create<ReviewExtensionOptions>({
	name: 'galleyReview',

	addOptions() {
		return { review: null, onStep: () => {} };
	},

	addProseMirrorPlugins() {
		const { review } = this.options;
		if (!review) return [];
		return [
			reviewHighlightsPlugin((pos) => {
				const hit = review.visible.filter((item) => item.from <= pos && pos <= item.to);
				if (hit.length === 0) return false;
				// Overlapping passages: the innermost one, or the next one on a second click.
				hit.sort((a, b) => a.to - a.from - (b.to - b.from));
				const current = hit.findIndex((item) => item.id === review.focusedId);
				review.focus(hit[(current + 1) % hit.length]!.id);
				return false;
			}),
			suggestingInputPlugin(review)
		];
	},

	addKeyboardShortcuts() {
		const { review, onStep } = this.options;
		const step = (direction: 1 | -1) => {
			const item = review?.step(direction);
			if (item) onStep(item.id);
			return true;
		};
		return {
			'Mod-Alt-m': () => review?.startDraft('comment') ?? false,
			'Alt-ArrowDown': () => step(1),
			'Alt-ArrowUp': () => step(-1)
		};
	}
});
