import * as Y from 'yjs';
import { tokenDiff } from '#shared/formats/wordDiff';
import { META_MAP, STORY_FIELD } from '#shared/model/schema';
import { FINAL_NEWLINE_KEY, readFinalNewline } from '#shared/model/storyDoc';

type Block = Y.XmlElement | Y.XmlText;

/**
 * Makes the story in `draft` read as `version`, block by block, as an ordinary edit: top-level
 * blocks equal in both (same type, attributes, text and marks; matched by the same diff as the
 * changes report's, over blocks instead of words) are left untouched, so comments and
 * suggestions on them stay; the others are deleted and the version's blocks inserted as copies.
 */
export function restoreBlocks(draft: Y.Doc, version: Y.Doc): { removed: number; inserted: number } {
	const fragment = draft.getXmlFragment(STORY_FIELD);
	const current = fragment.toArray() as Block[];
	const wanted = version.getXmlFragment(STORY_FIELD).toArray() as Block[];
	const ops = tokenDiff(current.map(blockKey), wanted.map(blockKey));
	let removed = 0;
	let inserted = 0;
	draft.transact(() => {
		// `at`: the index in the draft as edited so far; `from`: the next of the version's blocks.
		let at = 0;
		let from = 0;
		for (const op of ops) {
			if (op.type === 'equal') {
				at++;
				from++;
			} else if (op.type === 'delete') {
				fragment.delete(at, 1);
				removed++;
			} else {
				fragment.insert(at++, [wanted[from++]!.clone()]);
				inserted++;
			}
		}
		const finalNewline = readFinalNewline(version);
		if (readFinalNewline(draft) !== finalNewline) {
			draft.getMap(META_MAP).set(FINAL_NEWLINE_KEY, finalNewline);
		}
	});
	return { removed, inserted };
}

/** A block's type, attributes, text and marks, as Yjs renders it to XML. */
function blockKey(block: Block): string {
	return block instanceof Y.XmlElement ? block.toString() : `text:${block.toString()}`;
}
