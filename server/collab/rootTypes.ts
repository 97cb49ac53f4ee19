import * as Y from 'yjs';
import { META_MAP, STORY_FIELD } from '#shared/model/schema';
import { DICTIONARY_MAP, IGNORES_MAP } from '#shared/proofing/storyDictionary';
import { SETTINGS_MAP } from '#shared/proofing/storySettings';
import type { RoomKind } from '#shared/protocol/rooms';
import type { Struct } from './validateUpdate';
import { SUGGESTIONS_MAP, THREADS_MAP } from '#shared/review/notesDoc';

/**
 * Every root type the app writes, per room: the editor (TipTap's Collaboration binds
 * `content`), import and the API (`content`, `meta`), the review and the checker (the notes'
 * five maps). A root type is created for good by the first update that names it and sent to
 * everyone who joins, so an update naming any other is refused, from every role.
 */
export const ROOT_TYPES: Readonly<Record<RoomKind, ReadonlySet<string>>> = {
	story: new Set([STORY_FIELD, META_MAP]),
	notes: new Set([THREADS_MAP, SUGGESTIONS_MAP, DICTIONARY_MAP, IGNORES_MAP, SETTINGS_MAP])
};

/**
 * The first root type an update's (decoded) structs write that `kind` rooms do not have, or
 * null. Only an item with neither left nor right neighbour names its parent, as a root name or as the id of a nested
 * type; every other item inherits its parent from a neighbour, which is in the room (under a
 * known root) or in the same update (then it names its parent itself). So the root names written
 * in the update are all there is to check.
 */
export function unknownRootType(structs: readonly Struct[], kind: RoomKind): string | null {
	const allowed = ROOT_TYPES[kind];
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		const parent = struct.parent;
		if (typeof parent === 'string' && !allowed.has(parent)) return parent;
	}
	return null;
}
