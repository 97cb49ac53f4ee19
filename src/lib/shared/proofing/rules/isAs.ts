import { isNoun, isPastVerb, isVerbBase } from '#shared/proofing/morphology';
import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Word } from '#shared/proofing/tokenize';
import type { Flag } from '#shared/proofing/types';
import { isFunctionWord, MODALS } from '#shared/proofing/words/functionWords';

const SUBJECTS = new Set(['i', 'he', 'she', 'we', 'they']);
const QUESTION_WORDS = /^(?:what|where|when|why|how|who|whom|which|whose)$/;

/**
 * "is" written for "as", read from the words around it, each a place "is" cannot stand:
 * - "is he went", "is I drove in": "is" before a subject and a past tense ("as he went");
 * - "sighed is if relieved": after a verb's past and before "if" or "though" ("as if");
 * - "stay is long as you like", "just is happy as can be": "is" before an adjective and "as",
 *   after a verb or adverb that cannot be its subject ("as long as");
 * - "might is well": after a modal ("might as well").
 * Written from the kinds of the corpus development half's misses, where "is" for "as" was among
 * the commonest real-word slips.
 */
export const isAs: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const asIs = asForIs(context, word);
		if (asIs) {
			flags.push(asIs);
			continue;
		}
		if (word.text !== 'is') continue;
		const before = context.previous(word);
		const after = context.next(word);
		const after2 = after && context.next(after);
		if (!before || !after) continue;
		if (!readsAsAs(context, before, after, after2)) continue;
		flags.push(
			flag(
				'confusion',
				'confusion/is-as',
				word.start,
				word.end,
				`"${before.text} is ${after.text}": "as"?`,
				['as']
			)
		);
	}
	return flags;
};

function readsAsAs(
	context: TextContext,
	before: Word,
	after: Word,
	after2: Word | undefined
): boolean {
	const { speller } = context;
	if (MODALS.has(before.lower)) return after.lower === 'well';
	// "he was neither is old nor": after a verb, "neither" is "neither as".
	if (before.lower === 'neither') {
		const verb = context.previous(before);
		return verb !== undefined && /^(?:was|were|is|are|be|been|am|seemed|looked)$/.test(verb.lower);
	}
	if (QUESTION_WORDS.test(before.lower) || endsAsQuestion(context, after)) return false;
	if (SUBJECTS.has(after.lower) && after2) {
		return isPastVerb(speller, after2.lower) && !/^(?:was|were|had|did)$/.test(after2.lower);
	}
	const verbBefore =
		isPastVerb(speller, before.lower) &&
		!/^(?:was|were|had|did|said)$/.test(before.lower) &&
		!headsFreeRelative(context, before);
	if (verbBefore && (after.lower === 'if' || after.lower === 'though')) return true;
	if (after2?.lower !== 'as' || isFunctionWord(after.lower)) return false;
	// "so stay is long as you like": "as long as", "as soon as", "as far as" after a verb.
	if (/^(?:long|soon|far)$/.test(after.lower) && isVerbBase(speller, before.lower)) return true;
	return (
		before.lower === 'just' ||
		before.lower.endsWith('ing') ||
		verbBefore ||
		(isVerbBase(speller, before.lower) && !isNoun(speller, before.lower))
	);
}

/** "What he wanted is…", "All she needed is…": the past is inside the subject of "is". */
function headsFreeRelative(context: TextContext, verb: Word): boolean {
	for (let back = 1, word = context.previous(verb); word && back <= 3; back++) {
		if (/^(?:what|whatever|all|everything|anything|thing|one)$/.test(word.lower)) return true;
		word = context.previous(word);
	}
	return false;
}

function endsAsQuestion(context: TextContext, word: Word): boolean {
	const end = context.text.slice(word.end).search(/[.!?\n]/);
	return end >= 0 && context.text[word.end + end] === '?';
}

/**
 * "as" written for "is": "So there it as," (a clause cannot end on "it as") and "What as beyond
 * this fog?" (a question word opening a sentence, then "as" before a word that is no number or
 * "yet": "what as yet", "how as many" are left alone).
 */
function asForIs(context: TextContext, word: Word): Flag | null {
	if (word.text !== 'as') return null;
	const before = context.previous(word);
	if (!before) return null;
	// The end of a sentence or of a quotation ("it as, well, a joke" goes on).
	const atEnd = before.lower === 'it' && /^(?:[.;!?]|,["”])/.test(context.gapAfter(word));
	const after = context.next(word);
	const question =
		QUESTION_WORDS.test(before.lower) &&
		context.isSentenceStart(before) &&
		after !== undefined &&
		!/^(?:yet|many|much|far|well|long|soon|if|though|to|for)$/.test(after.lower) &&
		endsAsQuestion(context, word);
	if (!atEnd && !question) return null;
	return flag('confusion', 'confusion/as-is', word.start, word.end, `"${before.text} is"?`, ['is']);
}
