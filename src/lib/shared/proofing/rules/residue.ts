import { flag, type Rule } from '#shared/proofing/Rule';
import type { Flag } from '#shared/proofing/types';

/**
 * Text that story sites wrap around a story and that comes along when it is copied from the page:
 * slogans, navigation and reader-interaction buttons. General site furniture, no story's words.
 */
const SITE_FURNITURE = new RegExp(
	[
		'where stories live',
		'discover now',
		'continue reading',
		'read more',
		'read next part',
		'continue to next part',
		'next chapter',
		'previous chapter',
		'add to library',
		'follow/fav',
		'leave kudos',
		'kudos',
		'bookmark',
		'sign up to',
		'log in to',
		'share this',
		'like this:',
		'rate this',
		'report story',
		'you may also like',
		'all rights reserved',
		'©'
	]
		.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
		.join('|'),
	'i'
);
/** A line that is only a page number or a stray figure: "12", "Page 3", "3/10", "- 4 -". */
const PAGE_NUMBER = /^\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:\/|of)\s*\d{1,4})?\s*[-–—]?\s*$/i;

/**
 * A line of figures and nothing else at the top: "1 2 3 4 5", "12 | 13 | 14", "0 0 1 3" (page
 * numbers, line numbers or a counter copied with the story). A story's first line is words.
 */
const STRAY_NUMBERS = /^(?:\d{1,4}[\s.,;:|/–—-]+)+\d{1,4}$/;

/** A story site's header: "Rated: T - English - Romance - Words: 1,234 - Reviews: 5". */
const SITE_HEADER =
	/(?:rated|words|reviews|favs|follows|published|updated|chapters|status|kudos|hits|bookmarks|language)\s*:/gi;

const LINES_AT_EDGES = 3;

/** Site slogans glued to the end, page numbers and stray figures at the top. */
export const residue: Rule = (context) => {
	const { text } = context;
	const lines = contentLines(text);
	const flags: Flag[] = [];
	const add = (line: Line, why: string) =>
		flags.push(flag('residue', 'residue/web-page', line.start, line.end, why, ['']));

	for (const line of lines.slice(0, LINES_AT_EDGES)) {
		if (PAGE_NUMBER.test(line.text) || STRAY_NUMBERS.test(line.text))
			add(line, 'A page number or stray figure, not part of the story.');
		else if ((line.text.match(SITE_HEADER)?.length ?? 0) >= 2) {
			add(line, "The story site's header, not part of the story.");
		}
	}
	for (const line of lines.slice(-LINES_AT_EDGES)) {
		if (PAGE_NUMBER.test(line.text))
			add(line, 'A page number or stray figure, not part of the story.');
		else if (isFurniture(line.text)) add(line, 'Text from the web page around the story.');
	}
	return dedupe(flags);
};

interface Line {
	start: number;
	end: number;
	text: string;
}

function contentLines(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	for (const raw of text.split('\n')) {
		const leading = raw.length - raw.trimStart().length;
		const trimmed = raw.trim();
		if (trimmed)
			lines.push({ start: start + leading, end: start + leading + trimmed.length, text: trimmed });
		start += raw.length + 1;
	}
	return lines;
}

/**
 * Site furniture, short, and not prose: a story's own closing line ("Please read more of my
 * stories!") is a sentence; a footer is a few title-cased words glued to a slogan.
 */
function isFurniture(line: string): boolean {
	if (!SITE_FURNITURE.test(line) || line.length > 160) return false;
	// "Continue reading this story on the app": a button's label, never ended like a sentence.
	const opening = SITE_FURNITURE.exec(line)?.index === 0;
	if (opening && line.split(/\s+/).length <= 10 && !/[.!?…"”)]$/.test(line)) return true;
	const glued = /\p{Ll}\p{Lu}/u.test(line);
	const words = line.split(/\s+/);
	const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
	return glued || capitalised / words.length >= 0.6 || words.length <= 4;
}

function dedupe(flags: Flag[]): Flag[] {
	const seen = new Set<number>();
	return flags.filter((candidate) => !seen.has(candidate.start) && !!seen.add(candidate.start));
}
