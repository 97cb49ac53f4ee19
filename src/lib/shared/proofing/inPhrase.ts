import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';

/**
 * "persona non grata", "in extremis", "objets d'art", "carte blanche": a word English has only
 * inside a fixed phrase (WordNet's), written with the rest of that phrase around it. A part may
 * take a plural -s ("objets"); the parts may be joined by spaces or hyphens.
 */
export function isInPhrase(context: TextContext, word: Word): boolean {
	const lexicon = context.lexicon;
	if (!lexicon) return false;
	const lower = word.lower.replace(/’/g, "'");
	const forms = lower.endsWith('s') ? [lower, lower.slice(0, -1)] : [lower];
	for (const form of forms) {
		for (const parts of lexicon.phrasesWith(form)) {
			for (let position = 0; position < parts.length; position++) {
				if (parts[position] !== form) continue;
				if (matchesAround(context, word, parts, position)) return true;
			}
		}
	}
	return false;
}

function matchesAround(
	context: TextContext,
	word: Word,
	parts: string[],
	position: number
): boolean {
	const { words, text } = context;
	const first = word.index - position;
	const last = first + parts.length - 1;
	if (first < 0 || last >= words.length) return false;
	for (let index = first; index <= last; index++) {
		const current = words[index]!;
		const written = current.lower.replace(/’/g, "'");
		const part = parts[index - first]!;
		if (written !== part && written !== `${part}s`) return false;
		if (index < last && !/^[ -]$/.test(text.slice(current.end, words[index + 1]!.start)))
			return false;
	}
	return true;
}
