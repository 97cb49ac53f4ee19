/**
 * Plants errors from the error model into one Brown document and renders it as plain prose, with
 * a truth row per planted error in the scorer's format (UTF-16 offsets into the rendered text).
 */
import { seededRandom } from '../../seededRandom.ts';
import { spaceBetween, surface, type BrownDocument, type Token } from './brownText.ts';
import {
	CONFUSABLE_GROUPS,
	DROPPABLE,
	ERROR_MIX,
	WORDS_PER_ERROR,
	type ErrorKind
} from './errorModel.ts';

export interface TruthRow {
	id: string;
	story: string;
	start: number;
	end: number;
	wrong: string;
	right: string;
	kind: string;
	certain: boolean;
	subkind: string;
}

interface Edit {
	kind: ErrorKind;
	/** The token's new surface ('' drops it). */
	text: string;
}

export interface PlantContext {
	/** Correct word → its common misspellings (Wikipedia's list), lower-case. */
	misspellings: Map<string, string[]>;
	/** True for words the dictionary knows: a "misspelling" that is a word is left out. */
	isWord: (word: string) => boolean;
}

const KIND_OF: Record<ErrorKind, [kind: string, subkind: string]> = {
	misspelling: ['spelling', 'misspelling'],
	confusable: ['confusion', 'confusable'],
	apostrophe: ['apostrophe', 'dropped-apostrophe'],
	hyphen: ['punctuation', 'hyphen'],
	capital: ['punctuation', 'capitalization'],
	missingWord: ['grammar', 'missing-word']
};

const CONFUSABLE = new Map<string, string[]>();
for (const group of CONFUSABLE_GROUPS) {
	for (const word of group) {
		const others = group.filter((other) => other !== word);
		if (!word.includes(' ')) CONFUSABLE.set(word, [...(CONFUSABLE.get(word) ?? []), ...others]);
	}
}

const isWordToken = (token: Token) => /^[\p{L}][\p{L}'-]*$/u.test(token.text);
const keepCase = (original: string, replacement: string) =>
	/^\p{Lu}/u.test(original) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;

/** What each kind of error would make of a token, or null when the kind does not apply. */
function proposals(
	token: Token,
	previous: Token | undefined,
	next: Token | undefined,
	context: PlantContext
) {
	const out = new Map<ErrorKind, () => string | null>();
	const { text, tag } = token;
	const lower = text.toLowerCase();
	const isName = tag.startsWith('np') || tag.includes('-tl');
	if (!isWordToken(token)) return out;
	if (!isName && context.misspellings.has(lower)) {
		out.set('misspelling', () => null);
	}
	if (!isName && CONFUSABLE.has(lower)) out.set('confusable', () => null);
	if (/\p{L}'\p{L}/u.test(text) && (/[*+]/.test(tag) || /^nns?\$$/.test(tag)))
		out.set('apostrophe', () => text.replace("'", ''));
	if (
		/^[a-z]{2,}(?:-[a-z]{2,})+$/.test(text) &&
		(tag.startsWith('jj') || /^[a-z]+-[a-z]+-[a-z]+$/.test(text))
	)
		out.set('hyphen', () => text.replace(/-/g, ' '));
	if (
		token.sentenceStart &&
		!token.afterQuote &&
		!isName &&
		/^\p{Lu}\p{Ll}/u.test(text) &&
		!/^I'/.test(text)
	)
		out.set('capital', () => text[0]!.toLowerCase() + text.slice(1));
	if (
		DROPPABLE.has(lower) &&
		lower === text &&
		previous &&
		next &&
		isWordToken(previous) &&
		isWordToken(next)
	)
		out.set('missingWord', () => '');
	return out;
}

export function plantErrors(
	document: BrownDocument,
	context: PlantContext,
	seed: number
): { text: string; truth: TruthRow[] } {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const words = document.paragraphs.flat().filter(isWordToken).length;
	const edits = new Map<Token, Edit>();
	const candidates = new Map<
		ErrorKind,
		{ token: Token; make: () => string | null; index: number }[]
	>();
	const flat = document.paragraphs.flatMap((paragraph) =>
		paragraph.map((token, position) => ({
			token,
			previous: paragraph[position - 1],
			next: paragraph[position + 1]
		}))
	);
	flat.forEach(({ token, previous, next }, index) => {
		for (const [kind, make] of proposals(token, previous, next, context)) {
			candidates.set(kind, [...(candidates.get(kind) ?? []), { token, make, index }]);
		}
	});
	const used = new Set<number>();
	const wanted = Math.round(words / WORDS_PER_ERROR);
	const kinds = Object.keys(ERROR_MIX) as ErrorKind[];
	const total = kinds.reduce((sum, kind) => sum + ERROR_MIX[kind], 0);
	for (let planted = 0, tries = 0; planted < wanted && tries < wanted * 20; tries++) {
		let roll = random() * total;
		const kind = kinds.find((candidate) => (roll -= ERROR_MIX[candidate]) < 0) ?? kinds[0]!;
		const pool = candidates.get(kind);
		if (!pool?.length) continue;
		const choice = pick(pool);
		if ([-3, -2, -1, 0, 1, 2, 3].some((offset) => used.has(choice.index + offset))) continue;
		const text = plantedText(kind, choice.token, choice.make, context, pick);
		if (text === null) continue;
		edits.set(choice.token, { kind, text });
		used.add(choice.index);
		planted++;
	}
	return render(document, edits);
}

function plantedText(
	kind: ErrorKind,
	token: Token,
	make: () => string | null,
	context: PlantContext,
	pick: <T>(items: readonly T[]) => T
): string | null {
	const lower = token.text.toLowerCase();
	if (kind === 'misspelling') {
		const options = context.misspellings
			.get(lower)!
			.filter((wrong) => !context.isWord(wrong) && !context.isWord(keepCase(token.text, wrong)));
		return options.length ? keepCase(token.text, pick(options)) : null;
	}
	if (kind === 'confusable') return keepCase(token.text, pick(CONFUSABLE.get(lower)!));
	return make();
}

function render(document: BrownDocument, edits: Map<Token, Edit>) {
	let text = '';
	const truth: TruthRow[] = [];
	const story = `${document.id}.txt`;
	for (const paragraph of document.paragraphs) {
		if (text) text += '\n\n';
		const spans: { start: number; end: number }[] = [];
		let previous: Token | undefined;
		const pending: { edit: Edit; position: number }[] = [];
		paragraph.forEach((token, position) => {
			const edit = edits.get(token);
			if (edit?.text === '') {
				spans.push({ start: text.length, end: text.length });
				pending.push({ edit, position });
				return;
			}
			if (spaceBetween(previous, token)) text += ' ';
			const start = text.length;
			text += edit ? edit.text : surface(token.text);
			spans.push({ start, end: text.length });
			previous = token;
			if (edit) pending.push({ edit, position });
			else if (token.afterQuote && !/^np|-tl/.test(token.tag) && token.text !== 'I')
				truth.push({
					id: `${document.id}@${start}`,
					story,
					start,
					end: text.length,
					wrong: token.text,
					right: token.text.toLowerCase(),
					kind: 'punctuation',
					certain: false,
					subkind: 'capital-after-quote'
				});
		});
		for (const { edit, position } of pending) {
			const [kind, subkind] = KIND_OF[edit.kind];
			const token = paragraph[position]!;
			let start = spans[position]!.start;
			let end = spans[position]!.end;
			let right = surface(token.text);
			if (edit.text === '') {
				start = spans[position - 1]!.start;
				end = spans[position + 1]!.end;
				right = `${surface(paragraph[position - 1]!.text)} ${token.text} ${surface(paragraph[position + 1]!.text)}`;
			}
			truth.push({
				id: `${document.id}@${start}`,
				story,
				start,
				end,
				wrong: text.slice(start, end),
				right,
				kind,
				certain: true,
				subkind
			});
		}
	}
	return { text: `${text}\n`, truth: truth.sort((a, b) => a.start - b.start) };
}
