/**
 * Articles, prepositions and conjunctions of French, Italian, Spanish and German that are not
 * English words: "fille de chambre", "Tristan und Isolde", "Piazza di Spagna". A word the
 * dictionary lacks beside one of them is a foreign word, quoted on purpose, not a misspelling.
 * ("la", "el", "die", "ma" are left out: English has them.)
 */
export const FOREIGN_PARTICLES = new Set(
	(
		'de du des di del della dello degli und der das dem den ein eine les le une et je ne ce ' +
		'qui sur avec dans pour los las y por con il lo gli nel'
	).split(' ')
);
