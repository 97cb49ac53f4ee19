import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';

/**
 * Subjects straight before which "where" cannot stand: "as if she where lying". "You" and "it"
 * are objects as often ("show you where", "put it where"), and are left out.
 */
const SUBJECTS = new Set(['i', 'he', 'she', 'we', 'they']);

/**
 * Words after which the verb "write" cannot stand: "you're write", "to the write". Plain "was"
 * and "is" are left out: "all she did was write" is right.
 */
const BEFORE_RIGHT = /^(?:the|you['’]re|we['’]re|they['’]re|he['’]s|she['’]s|i['’]m)$/;

/**
 * Two slips that make another word and leave a sentence with no reading:
 * - "write" after "you're", "I'm" or "the" ("you're write", "to the write"), or "all write" at a
 *   clause's end, is "right" (the verb takes a subject or "to", not "be");
 * - "where" straight after a subject pronoun ("as if she where lying", "they where gone") is
 *   "were": "where" never follows its clause's subject.
 */
export const verbSlips: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const fixed = writeRight(context, word) ?? whereWere(context, word);
		if (!fixed) continue;
		const suggestion = matchCase(word.text, fixed);
		flags.push(
			flag(
				'confusion',
				`confusion/${word.lower}-${fixed}`,
				word.start,
				word.end,
				`"${suggestion}"?`,
				[suggestion]
			)
		);
	}
	return flags;
};

function writeRight(context: TextContext, word: Word): string | null {
	if (word.lower !== 'write') return null;
	const before = context.previous(word);
	if (!before) return null;
	if (BEFORE_RIGHT.test(before.lower)) return 'right';
	// "All write," he said: "all" and the clause ends ("they all write letters" goes on).
	return before.lower === 'all' && context.endsClause(word) ? 'right' : null;
}

function whereWere(context: TextContext, word: Word): string | null {
	if (word.text !== 'where') return null;
	const before = context.previous(word);
	if (!before || !SUBJECTS.has(before.lower)) return null;
	return context.next(word) ? 'were' : null;
}
