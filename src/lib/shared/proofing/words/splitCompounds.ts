/**
 * Words run together (or misformed) by habit. Each half of "alot" or "everytime" is a word, so
 * the closed-compound test of the spelling rule would let them through; the fix is certain.
 */
export const SPLIT_COMPOUNDS: Record<string, string> = {
	alot: 'a lot',
	everytime: 'every time',
	infact: 'in fact',
	aswell: 'as well',
	atleast: 'at least',
	incase: 'in case',
	eachother: 'each other',
	noone: 'no one',
	thankyou: 'thank you',
	ofcourse: 'of course',
	inspite: 'in spite',
	ontop: 'on top',
	alittle: 'a little',
	abit: 'a bit',
	allready: 'already',
	infront: 'in front',
	layed: 'laid'
};
