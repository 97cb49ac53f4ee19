import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';

/** Double spaces, spaces before punctuation, a space inside a hyphenated word ("life -altering"). */
export const spacing: Rule = (context) => {
	const { text } = context;
	const flags: Flag[] = [];
	const afterStops = [...text.matchAll(/[.!?]["”’']? {2,}(?=\S)/g)].length;
	const singleAfterStops = [...text.matchAll(/[.!?]["”’']? (?=\S)/g)].length;
	// Two spaces after every full stop is a typing convention, kept when the text is consistent.
	const twoSpaceConvention = afterStops >= 3 && afterStops > singleAfterStops;
	for (const match of text.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
		if (twoSpaceConvention && /[.!?]["”’']?$/.test(text.slice(0, match.index))) continue;
		flags.push(
			flag(
				'spacing',
				'spacing/double',
				match.index,
				match.index + match[0].length,
				'Extra space.',
				[' ']
			)
		);
	}
	// ". . ." is a spaced ellipsis (Chicago style), not a full stop typed after a space.
	for (const match of text.matchAll(
		/(?<=[\p{L}\p{N}]) +(?!\. \.)(?=(?:[,;:!?]|\.(?!\.))(?:\s|$|["”]))/gu
	)) {
		flags.push(
			flag(
				'spacing',
				'spacing/before-punctuation',
				match.index,
				match.index + match[0].length,
				'No space before punctuation.',
				['']
			)
		);
	}
	const spacedHyphens = / -\p{Ll}/u.test(text)
		? text.matchAll(/(?<!\p{L})(\p{L}+) -(\p{Ll}+)/gu)
		: [];
	for (const match of spacedHyphens) {
		const joined = `${match[1]}-${match[2]}`;
		flags.push(
			flag(
				'spacing',
				'spacing/in-compound',
				match.index,
				match.index + match[0].length,
				`"${joined}": no space in a hyphenated word.`,
				[joined]
			)
		);
	}
	return flags;
};
