import { flag, type Rule } from '#shared/proofing/Rule';
import type { TextContext } from '#shared/proofing/TextContext';
import type { Flag } from '#shared/proofing/types';

/** Windows-1252 characters for the bytes 0x80–0x9F (the rest of the byte range is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CONTINUATION = `[\\u0080-\\u00bf${CP1252_HIGH}]`;
const SEQUENCE = `[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3}`;
/** UTF-8 bytes shown as Windows-1252: "â€™" for ’, "Ã©" for é, "â€œ" for “ (runs, maybe twice over). */
const UTF8_AS_CP1252 = new RegExp(`(?:${SEQUENCE})+`, 'g');
const WHOLLY_MISDECODED = new RegExp(`^(?:${SEQUENCE})+$`);
/** "â€" at the end of a quotation: ” whose last byte (0x9D, unused in Windows-1252) was dropped. */
const CLOSING_QUOTE_REMNANT = new RegExp(`â€(?!${CONTINUATION})`, 'g');

const toByte = (char: string): number => {
	const high = CP1252_HIGH.indexOf(char);
	return high >= 0 ? 0x80 + high : char.charCodeAt(0);
};

function decodeUtf8(chars: string): string | null {
	try {
		const bytes = Uint8Array.from([...chars].map(toByte));
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

/**
 * Windows-1252 punctuation shown as Mac Roman: ’ → í ("donít"), “ ” → ì î, … → Ö, — → ó.
 * Each needs a shape that Spanish or French text would not have.
 */
const APOSTROPHE_AS_I = /(?<=\p{L})í(?=(?:s|t|ll|re|ve|d|m)(?!\p{L}))/gu;
const QUOTES_AS_I = /(?<=^|[\s(—-])ì(?=\S)|(?<=\S)î(?=$|[\s.,;:!?)—-])/gmu;
const ELLIPSIS_AS_O = /(?<=[\p{L}.!?,])Ö(?=$|[\s"”î])/gmu;
const DASH_AS_O = /(?<=\p{L})ó(?=\p{L})|(?<=\s)ó(?=\s)/gu;
const EN_DASH_AS_N = /(?<=\s)ñ(?=\s)/gu;

const MESSAGE = 'Text damaged by a wrong character encoding.';

/** Mis-decoded text: each flag's suggestion is the exact original character(s). */
export const mojibake: Rule = (context) => {
	const { text } = context;
	const flags: Flag[] = [];
	const add = (start: number, end: number, repair: string) =>
		flags.push(flag('mojibake', 'mojibake/encoding', start, end, MESSAGE, [repair]));

	for (const match of text.matchAll(UTF8_AS_CP1252)) {
		let repaired = decodeUtf8(match[0]);
		// Encoded wrongly twice ("Ã¢â‚¬â„¢"): undo it twice.
		for (let round = 0; repaired && round < 2 && WHOLLY_MISDECODED.test(repaired); round++) {
			repaired = decodeUtf8(repaired) ?? repaired;
		}
		if (repaired && repaired !== match[0] && !/\p{Cc}/u.test(repaired)) {
			add(match.index, match.index + match[0].length, repaired);
		}
	}
	for (const match of text.matchAll(CLOSING_QUOTE_REMNANT)) add(match.index, match.index + 2, '”');

	const apostrophes = macRomanApostrophes(context);
	for (const index of apostrophes) add(index, index + 1, '’');
	if (apostrophes.length >= 2) {
		for (const match of text.matchAll(QUOTES_AS_I))
			add(match.index, match.index + 1, match[0] === 'ì' ? '“' : '”');
		for (const match of text.matchAll(ELLIPSIS_AS_O)) add(match.index, match.index + 1, '…');
		for (const match of text.matchAll(DASH_AS_O)) add(match.index, match.index + 1, '—');
		for (const match of text.matchAll(EN_DASH_AS_N)) add(match.index, match.index + 1, '–');
	}
	flags.push(...lostApostrophes(context));
	return flags;
};

/** Words before "'s" that make a contraction rather than a possessive ("sheís" → "she's"). */
const CONTRACTING = /^(?:he|she|it|that|what|there|here|who|where|how|let)$/i;

/**
 * "donít", "sheís", "Iím": a contraction once the í is an apostrophe is sure. Other words with
 * "ís" ("Taraís", but also Spanish "país") are repaired only when the text has at least two sure
 * ones.
 */
function macRomanApostrophes(context: TextContext): number[] {
	const sure: number[] = [];
	const likely: number[] = [];
	for (const match of context.text.matchAll(APOSTROPHE_AS_I)) {
		const head = /\p{L}+$/u.exec(context.text.slice(0, match.index))![0];
		const tail = /^í(\p{L}+)/u.exec(context.text.slice(match.index))![1]!;
		const contraction =
			tail.toLowerCase() === 's'
				? CONTRACTING.test(head)
				: context.speller.isKnown(`${head}'${tail}`);
		(contraction ? sure : likely).push(match.index);
	}
	return sure.length >= 2 ? [...sure, ...likely].sort((a, b) => a - b) : sure;
}

/** "don?t", "don\uFFFDt": the apostrophe became a question mark or a replacement character. */
function lostApostrophes(context: TextContext): Flag[] {
	const flags: Flag[] = [];
	const curly = (context.text.match(/’/g)?.length ?? 0) > (context.text.match(/'/g)?.length ?? 0);
	// The mark and its ending are rare: looked for first, the letters before only where found.
	const lost = /[?\ufffd](?:s|t|ll|re|ve|d|m)(?!\p{L})/u.test(context.text)
		? context.text.matchAll(/(?<!\p{L})(\p{L}+)[?\ufffd]((?:s|t|ll|re|ve|d|m))(?!\p{L})/gu)
		: [];
	for (const match of lost) {
		const word = `${match[1]}'${match[2]}`;
		if (!context.speller.isKnown(word)) continue;
		const at = match.index + match[1]!.length;
		flags.push(
			flag('mojibake', 'mojibake/lost-apostrophe', at, at + 1, MESSAGE, [curly ? '’' : "'"])
		);
	}
	return flags;
}
