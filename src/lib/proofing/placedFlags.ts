import type { Mappable } from '@tiptap/pm/transform';
import type { Transaction } from '@tiptap/pm/state';
import { flagIgnoreKey } from '#shared/proofing/storyDictionary';
import { stripPossessive } from '#shared/proofing/textShape';
import { FLAG_KINDS, type Flag, type FlagKind } from '#shared/proofing/types';

/** What each kind is called in the panel and the popover. */
export const KIND_LABELS: Record<FlagKind, string> = {
	spelling: 'Spelling',
	confusion: 'Confused word',
	apostrophe: 'Apostrophe',
	dialogue: 'Dialogue',
	repetition: 'Repeated word',
	article: 'A or an',
	spacing: 'Spacing',
	punctuation: 'Punctuation',
	hyphen: 'Hyphen',
	grammar: 'Grammar',
	mojibake: 'Damaged text',
	residue: 'Web page residue',
	nbsp: 'Invisible space',
	unusual: 'Unusual word'
};

/** Characters of context shown either side of a flag in the panel. */
const CONTEXT = 28;

/**
 * A flag with where it sits in the editor (ProseMirror positions when it was placed; the
 * underlines follow later edits) and what the actions need, worked out once from the checked
 * text: the flagged words, a little context, its ignore key and the word it is about.
 */
export interface PlacedFlag extends Flag {
	id: string;
	from: number;
	to: number;
	quote: string;
	before: string;
	after: string;
	ignoreKey: string;
	/** The single word flagged (possessive 's stripped), for "ignore everywhere"; else null. */
	word: string | null;
}

/** Maps text offsets to editor positions (a StoryTextMap does). */
export interface OffsetMap {
	toPos(offset: number, assoc?: -1 | 1): number;
}

const WORD = /^[\p{L}\p{M}\p{N}'’-]{1,64}$/u;

/** The one word a flagged stretch of text is, if it is one ("Faith's" → "Faith"). */
export function flagWord(quote: string): string | null {
	const word = stripPossessive(quote.trim());
	return WORD.test(word) && /\p{L}/u.test(word) ? word : null;
}

/**
 * Places the checker's flags (offsets into `text`, which `map` was built with) in the editor.
 * `mapping` carries positions through the edits made since that text was read; a flag whose
 * text was deleted meanwhile is dropped (the next check finds it again if it is still wrong).
 */
export function placeFlags(
	text: string,
	flags: readonly Flag[],
	map: OffsetMap,
	mapping: Mappable | null,
	idPrefix: string
): PlacedFlag[] {
	const placed: PlacedFlag[] = [];
	flags.forEach((flag, index) => {
		const insertion = flag.start === flag.end;
		let from = map.toPos(flag.start, insertion ? -1 : 1);
		let to = insertion ? from : Math.max(from, map.toPos(flag.end, -1));
		if (mapping) {
			const start = mapping.mapResult(from, insertion ? -1 : 1);
			const end = mapping.mapResult(to, -1);
			if (start.deleted && end.deleted) return;
			from = start.pos;
			to = Math.max(from, end.pos);
			if (!insertion && from === to) return;
		}
		const quote = text.slice(flag.start, flag.end);
		placed.push({
			...flag,
			id: `${idPrefix}-${index}`,
			from,
			to,
			quote,
			before: text.slice(Math.max(0, flag.start - CONTEXT), flag.start).replace(/\s+/g, ' '),
			after: text.slice(flag.end, flag.end + CONTEXT).replace(/\s+/g, ' '),
			ignoreKey: flagIgnoreKey(text, flag),
			word: flagWord(quote)
		});
	});
	return placed;
}

/** How many flags of each kind, in the kinds' own order; kinds without flags are left out. */
export function countByKind(flags: readonly Pick<Flag, 'kind'>[]): [FlagKind, number][] {
	const counts = new Map<FlagKind, number>();
	for (const flag of flags) counts.set(flag.kind, (counts.get(flag.kind) ?? 0) + 1);
	return FLAG_KINDS.filter((kind) => counts.has(kind)).map((kind) => [kind, counts.get(kind)!]);
}

/** One replacement of an editor range. */
export interface RangeFix {
	id: string;
	from: number;
	to: number;
	insert: string;
}

/**
 * The replacements "fix all" makes: each flag's first suggestion, skipping flags without one
 * and flags overlapping one already chosen; last in the text first, so that applying them in
 * order never moves a range still to be replaced.
 */
export function fixAllChanges(
	flags: readonly Pick<PlacedFlag, 'id' | 'from' | 'to' | 'suggestions'>[]
): RangeFix[] {
	const chosen: RangeFix[] = [];
	let reached = -1;
	for (const flag of [...flags].sort((a, b) => a.from - b.from || a.to - b.to)) {
		const insert = flag.suggestions[0];
		if (insert === undefined || flag.from < reached) continue;
		if (flag.from === flag.to && flag.from === reached) continue;
		chosen.push({ id: flag.id, from: flag.from, to: flag.to, insert: oneLine(insert) });
		reached = flag.to;
	}
	return chosen.reverse();
}

/** Adds the replacements to one transaction (one undoable step); they must come last first. */
export function applyRangeFixes(tr: Transaction, fixes: readonly RangeFix[]): Transaction {
	for (const fix of fixes) {
		if (fix.insert === '') tr.delete(fix.from, fix.to);
		else tr.insertText(fix.insert, fix.from, fix.to);
	}
	return tr;
}

/** A fix is typed into one paragraph: line breaks in it become spaces. */
export const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
