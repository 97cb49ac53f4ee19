import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';

/**
 * Non-breaking and invisible characters that web pages leave in copied text: a no-break space
 * between words (it stops lines wrapping there), zero-width spaces and soft hyphens inside words.
 */
export const invisibleCharacters: Rule = (context) => {
	const flags: Flag[] = [];
	for (const match of context.text.matchAll(
		/(?<=\S)[\u00a0\u202f\u2007][\u00a0\u202f\u2007 ]*(?=\S)/g
	)) {
		// Before a full stop or comma (French spacing, a web page's habit) it goes altogether.
		const end = match.index + match[0].length;
		const beforeMark = /[.,;:!?]/.test(context.text[end]!);
		flags.push(
			flag(
				'nbsp',
				'nbsp/between-words',
				match.index,
				match.index + match[0].length,
				beforeMark ? 'Non-breaking space before punctuation.' : 'Non-breaking space between words.',
				[beforeMark ? '' : ' ']
			)
		);
	}
	for (const match of context.text.matchAll(/[\u200b\u2060\ufeff\u00ad]+/g)) {
		flags.push(
			flag(
				'nbsp',
				'nbsp/invisible',
				match.index,
				match.index + match[0].length,
				'Invisible character.',
				['']
			)
		);
	}
	return flags;
};
