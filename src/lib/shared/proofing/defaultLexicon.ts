import data from './data/lexicon.json';
import { Lexicon, type LexiconData } from '#shared/proofing/Lexicon';

let lexicon: Lexicon | undefined;

/**
 * The corpus layer built by `npm run build:lexicon` (Brown corpus counts, WordNet words and
 * compounds), bundled with the checker: immutable, so one per process (or worker) is shared.
 */
export function defaultLexicon(): Lexicon {
	lexicon ??= new Lexicon(data as LexiconData);
	return lexicon;
}
