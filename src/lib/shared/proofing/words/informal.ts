/**
 * Spoken forms that fiction writes on purpose and Hunspell does not know. General English, not
 * any story's vocabulary.
 */
export const INFORMAL_WORDS = [
	"c'mon",
	"y'know",
	"y'all",
	"ma'am",
	"o'clock",
	'whaddya',
	'lotta',
	'ok',
	'mhm',
	'hmph',
	'ew',
	'eww',
	'haha',
	'hahaha',
	'hehe',
	'heh',
	'aww',
	'oof',
	'argh',
	'ack',
	'gah',
	'woah',
	'yay',
	'geez',
	'jeez',
	'frickin',
	'freakin',
	'omg',
	'lol',
	'erm',
	'hm',
	'em',
	'cuz',
	'coz',
	'shoulda',
	'coulda',
	'woulda',
	'musta',
	'hafta',
	'alrighty',
	'okie',
	'grr',
	'pfft',
	'tsk',
	'yah',
	'nuh',
	'sheesh',
	'ahh',
	'ohh',
	'uhh',
	'umm',
	'hmm',
	'mmm',
	'eep',
	'eek',
	'whew',
	'ugh',
	'uh',
	'um',
	'mm',
	'shh',
	'psst',
	'nope',
	'yep',
	'yup',
	'gotcha',
	'dunno',
	'gonna',
	'wanna',
	'gotta',
	'kinda',
	'sorta',
	'outta',
	'lemme',
	'gimme',
	'oughta',
	'wanta',
	'willya',
	'betcha',
	'whatcha',
	'dontcha',
	'naw',
	'yuh',
	// Variants American usage accepts although dictionary-en lists only the other spelling.
	'grey',
	'greys',
	'greyed',
	'greying',
	'greyish',
	// Chat and fan-fiction shorthand, common in authors' notes.
	'xd',
	'xx',
	'xoxo',
	'btw',
	'idk',
	'tbh',
	'brb',
	'ttyl',
	'lmao',
	'rofl',
	'wtf',
	'asap',
	'fyi',
	'imo',
	'imho',
	'pls',
	'plz',
	'thx',
	'fic',
	'fics',
	'fanfic',
	'fanfics',
	'fanfiction',
	'fandom',
	'fandoms',
	'oneshot',
	'drabble',
	'drabbles'
];

const SHAPES = [
	/^(?:u+h*|e+r*|h+)m+$/, // um, umm, hmm, erm
	/^m+h*m+$/, // mm, mhm
	/^(?:u+h+|a+h+|o+h+|e+h+|a+w+|o+w+|e+w+)$/, // uh, ahh, ohh, aww, eww
	/^(?:s+h+|p+s+t+|t+s+k+|p+f+t+|g+r+|h+m+p+h+|z+)$/, // shh, psst, tsk, pfft, grr, zzz
	/^(?:h+[aeiou]+){2,}h*$/, // haha, hehe, hahaha
	/^(?:a+r+g+h+|g+a+h+|e+e+[pk]*|o+o+h*|w+h*o+a+|y+a+y+|b+l+a+h+)$/ // argh, gah, eeep, ooh, whoa
];

/** An interjection or a drawn-out word: "Umm", "shhh", "AHHH", "EEEEEP", "Nooo", "sooo". */
export function isInterjection(word: string, isKnown: (word: string) => boolean): boolean {
	const lower = word.toLowerCase();
	if (SHAPES.some((shape) => shape.test(lower))) return true;
	if (!/(\p{L})\1\1/u.test(lower)) return false;
	// A letter held for effect: the word with its runs shortened is a real one.
	const once = lower.replace(/(\p{L})\1+/gu, '$1');
	const twice = lower.replace(/(\p{L})\1{2,}/gu, '$1$1');
	return isKnown(once) || isKnown(twice) || SHAPES.some((shape) => shape.test(once));
}
