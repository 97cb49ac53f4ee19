import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { STORY_FIELD, storyExtensions } from '#shared/model/schema';
import type { CollabSession } from '$lib/collab/session.svelte';
import type { CollabUser } from '$lib/collab/identity';
import type { CheckerState } from '$lib/proofing/CheckerState.svelte';
import type { ReviewState } from '$lib/review/ReviewState.svelte';
import { CheckerExtension } from './checkerExtension';
import { DocumentEdgeKeys } from './documentEdgeKeys';
import { narrowRemoteUpdates } from './narrowRemoteUpdates';
import { awarenessForCarets } from './awarenessForCarets';
import { PendingSelection } from './pendingSelection';
import { renderCaret, renderSelection } from './renderCaret';
import { ReviewExtension } from './reviewExtension';
import { skipUnchangedSync } from './skipUnchangedSync';
import { StoryLimitsExtension } from './storyLimitsExtension';

/**
 * The story schema bound to the session's `story:<id>` document, with everyone's carets and the
 * review's highlights, keys and suggesting mode, and the proofreading checker's underlines. Collaboration brings a Yjs-aware undo that
 * undoes only this person's own changes.
 */
export function buildExtensions(
	session: CollabSession,
	user: CollabUser,
	review: ReviewState,
	onStep: (id: string) => void,
	checker: CheckerState | null = null
): Extensions {
	narrowRemoteUpdates();
	skipUnchangedSync();
	return [
		...storyExtensions(),
		StoryLimitsExtension,
		DocumentEdgeKeys,
		PendingSelection.configure({ document: session.story.doc }),
		Collaboration.configure({ document: session.story.doc, field: STORY_FIELD }),
		CollaborationCaret.configure({
			// Only what the carets plugin uses of the provider; it redraws carets on others' changes.
			provider: { awareness: awarenessForCarets(session.story.provider.awareness) },
			user,
			render: renderCaret,
			selectionRender: renderSelection
		}),
		ReviewExtension.configure({ review, onStep }),
		CheckerExtension.configure({ checker })
	];
}
