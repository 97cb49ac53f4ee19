/**
 * Contractions written without their apostrophe, as typed on phones and in a hurry. Only forms
 * that are not words themselves are listed here; "cant", "wont", "lets", "ill" and "its" need
 * context and have their own rules.
 */
export const BARE_CONTRACTIONS: Record<string, string> = {
	dont: "don't",
	doesnt: "doesn't",
	didnt: "didn't",
	isnt: "isn't",
	wasnt: "wasn't",
	werent: "weren't",
	arent: "aren't",
	hasnt: "hasn't",
	havent: "haven't",
	hadnt: "hadn't",
	couldnt: "couldn't",
	wouldnt: "wouldn't",
	shouldnt: "shouldn't",
	mustnt: "mustn't",
	neednt: "needn't",
	mightnt: "mightn't",
	aint: "ain't",
	im: "I'm",
	ive: "I've",
	youre: "you're",
	youve: "you've",
	youll: "you'll",
	youd: "you'd",
	theyre: "they're",
	theyve: "they've",
	theyll: "they'll",
	theyd: "they'd",
	weve: "we've",
	itll: "it'll",
	thatll: "that'll",
	shes: "she's",
	hes: "he's",
	thats: "that's",
	whats: "what's",
	wheres: "where's",
	theres: "there's",
	heres: "here's",
	whos: "who's",
	hows: "how's",
	whyd: "why'd",
	howd: "how'd",
	whod: "who'd",
	wouldve: "would've",
	couldve: "could've",
	shouldve: "should've",
	mightve: "might've",
	mustve: "must've",
	yall: "y'all"
};

/** Contraction endings after an apostrophe: what a lost or mangled apostrophe sits before. */
export const CONTRACTION_TAIL = /^(?:s|t|ll|re|ve|d|m)$/i;
