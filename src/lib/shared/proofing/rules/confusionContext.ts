import { flag } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';

/** What a confusion check sees around one word: neighbours in the same clause. */
export interface Around {
	context: TextContext;
	word: Word;
	/** Lowercased previous/next words (same clause, only spaces between), '' when none. */
	before: string;
	before2: string;
	after: string;
	after2: string;
	/** True when the clause ends right after the word (punctuation or line end follows). */
	endsClause: boolean;
}

/** One confusion check: a flag for the word it looks at, or null. */
export type Check = (at: Around) => Flag | null;

export function around(context: TextContext, word: Word): Around {
	const previous = context.previous(word);
	const next = context.next(word);
	// "your so-called friend": the next word is the whole compound.
	const joined = next && context.text[next.end] === '-' ? context.words[next.index + 1] : undefined;
	return {
		context,
		word,
		before: previous?.lower ?? '',
		before2: (previous && context.previous(previous)?.lower) ?? '',
		after: next ? next.lower + (joined ? `-${joined.lower}` : '') : '',
		after2: (next && context.next(next)?.lower) ?? '',
		endsClause: context.endsClause(word)
	};
}

/** Whether the word after next ends its clause ("your welcome." / "its fine!"). */
export function nextEndsClause(at: Around): boolean {
	const next = at.context.next(at.word);
	return !!next && at.context.endsClause(next);
}

export const words = (list: string): Set<string> => new Set(list.split(' '));

export function confusion(at: Around, replacement: string, subrule: string, why: string): Flag {
	const suggestion = matchCase(at.word.text, replacement);
	return flag(
		'confusion',
		`confusion/${subrule}`,
		at.word.start,
		at.word.end,
		`"${suggestion}"? ${why}`,
		[suggestion]
	);
}
