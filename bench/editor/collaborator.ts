/**
 * A collaborator typing elsewhere in the story while the bench types in the middle: a y-websocket
 * client that appends one character to the story's first block `perSecond` times a second, so the
 * page receives a remote update (and redraws that person's caret) between the bench's keys.
 */
import * as Y from 'yjs';
import { STORY_FIELD } from '#shared/model/schema';
import { storyRoom } from '#shared/protocol/rooms';
import { close, connect, waitUntil } from './seed.ts';

export interface Collaborator {
	/** Stops typing; resolves with how many characters were typed. */
	stop(): number;
}

/** The first text inside the story's first block (a paragraph or heading). */
function firstText(doc: Y.Doc): Y.XmlText {
	const block = doc.getXmlFragment(STORY_FIELD).get(0);
	const text = block instanceof Y.XmlElement ? block.get(0) : null;
	if (!(text instanceof Y.XmlText)) throw new Error('the story has no text in its first block');
	return text;
}

export async function startCollaborator(
	wsBase: string,
	storyId: string,
	perSecond: number
): Promise<Collaborator> {
	const room = connect(wsBase, storyRoom(storyId));
	await waitUntil(() => room.provider.synced, 'the collaborator to sync');
	const text = firstText(room.doc);
	let typed = 0;
	const timer = setInterval(() => {
		text.insert(text.length, 'abcdefghij'[typed % 10]!);
		typed++;
	}, 1000 / perSecond);
	return {
		stop() {
			clearInterval(timer);
			close(room);
			return typed;
		}
	};
}
