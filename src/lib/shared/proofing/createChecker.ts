import { buildChecker, type Checker, type CheckerSetup } from '#shared/proofing/buildChecker';
import { defaultLexicon } from '#shared/proofing/defaultLexicon';

export type { Checker } from '#shared/proofing/buildChecker';

/**
 * The checker with the corpus layer bundled (src/lib/shared/proofing/data/lexicon.json): for the
 * server, the CLI, the benches and the tests. The browser's worker uses buildChecker and fetches
 * the lexicon itself, after the desk has opened.
 */
export function createChecker(
	setup: Omit<CheckerSetup, 'lexicon'> & {
		/** The corpus layer; the bundled one by default, null to check without it. */
		lexicon?: CheckerSetup['lexicon'];
	}
): Checker {
	return buildChecker({
		...setup,
		lexicon: setup.lexicon === undefined ? defaultLexicon() : setup.lexicon
	});
}
