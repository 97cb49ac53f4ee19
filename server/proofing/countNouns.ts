/** A word of the Brown corpus with its tag ("door", "nn"). */
export interface TaggedWord {
	word: string;
	tag: string;
}

/**
 * Tags that give a noun phrase its determiner: articles, demonstratives, quantifiers,
 * possessives, numbers and "which"/"whose" ("the door", "his car", "one room", "which key").
 */
const DETERMINER =
	/^(?:at|dt|dti|dts|dtx|dt\$|ap|pp\$|pp\$\$|np\$|nn\$|nns\$|nps\$|wp\$|wdt|cd|od|abn|abx|abl)$/;
/** Tags of the words that may stand between a determiner and its noun ("the old wooden door"). */
const MODIFIER = /^(?:jj|jjr|jjs|jjt|nn|nns|np|nps|vbn|vbg|ql|rb)$/;
/** Tags of the words a bare noun may follow straight: prepositions and verbs. */
const GOVERNOR = /^(?:in|vb|vbd|vbz|vbg|vbn|vbp)$/;

const baseTag = (tag: string) => tag.replace(/-(?:tl|hl|nc)$/, '');

interface NounCounts {
	/** As the head of its phrase, in lower case, tagged a singular common noun. */
	heads: number;
	/** Heads with no determiner before them (any adjectives between skipped). */
	bare: number;
	/** Lower-case words tagged anything else (a verb, an adjective). */
	other: number;
	/** Prepositions and verbs seen straight before the noun when it had no determiner. */
	governors: Set<string>;
	/** After a preposition other than "of": with a determiner, and bare straight after it. */
	afterPreposition: number;
	bareAfterPreposition: number;
	/** The words seen before its determiner ("across", "opened"): a noun of one fixed phrase has few. */
	openers: Set<string>;
	/** Also seen as a plain verb ("answer", "smile"): "to" may be its infinitive's. */
	verb: boolean;
}

export interface CountNounOptions {
	/** Seen this often as the head of a noun phrase. */
	minHeads: number;
	/** At most this share of those with no determiner. */
	maxBare: number;
	/** At least this share of the word's lower-case uses tagged a singular noun. */
	minNoun: number;
	/** Seen after this many different words before its determiner. */
	minOpeners: number;
	/** Or: seen this often after a preposition ("across the room")… */
	minAfterPreposition: number;
	/** …at most this share of those with no determiner… */
	maxBareAfterPreposition: number;
	/** …and at most this share of all its uses as a head with none. */
	maxBareOtherwise: number;
}

/**
 * Singular count nouns of the tagged training text: common nouns seen often as the head of a
 * noun phrase and almost never without a determiner ("door", "window", "car"), unlike mass
 * nouns ("water", "light") and nouns of fixed phrases ("at home", "in fact", "at night"). Each
 * comes with the prepositions and verbs it was still seen bare after ("car": "by"), where a rule
 * must not ask for an article. Returned as noun → those words, space-separated.
 */
export function findCountNouns(
	sentences: TaggedWord[][],
	options: CountNounOptions
): Record<string, string> {
	const counts = new Map<string, NounCounts>();
	const countsOf = (lower: string) => {
		let found = counts.get(lower);
		if (!found)
			counts.set(
				lower,
				(found = {
					heads: 0,
					bare: 0,
					other: 0,
					governors: new Set(),
					openers: new Set(),
					verb: false,
					afterPreposition: 0,
					bareAfterPreposition: 0
				})
			);
		return found;
	};
	for (const sentence of sentences) {
		for (let i = 0; i < sentence.length; i++) {
			const { word, tag } = sentence[i]!;
			if (!/^[a-z]+$/.test(word)) continue;
			if (tag !== 'nn') {
				const other = countsOf(word);
				other.other++;
				if (baseTag(tag) === 'vb') other.verb = true;
				continue;
			}
			// A noun before another noun modifies it ("the newspaper files").
			if (/^(?:nn|nns|np|nps)(?:-|$)/.test(sentence[i + 1]?.tag ?? '')) continue;
			const noun = countsOf(word);
			noun.heads++;
			let at = i - 1;
			while (at >= 0 && MODIFIER.test(baseTag(sentence[at]!.tag))) at--;
			const determined = at >= 0 && DETERMINER.test(baseTag(sentence[at]!.tag));
			const governor = sentence[determined ? at - 1 : at];
			if (governor?.tag === 'in' && governor.word.toLowerCase() !== 'of') {
				if (determined) noun.afterPreposition++;
				else if (at === i - 1) {
					noun.afterPreposition++;
					noun.bareAfterPreposition++;
				}
			}
			if (determined) {
				if (governor) noun.openers.add(governor.word.toLowerCase());
				continue;
			}
			noun.bare++;
			const before = sentence[i - 1];
			if (at === i - 1 && before && GOVERNOR.test(baseTag(before.tag)))
				noun.governors.add(before.word.toLowerCase());
		}
	}
	const nouns: Record<string, string> = {};
	for (const [noun, found] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const { heads, bare, other, governors, afterPreposition, bareAfterPreposition } = found;
		if (heads < (heads + other) * options.minNoun) continue;
		// "for the sake of": a noun of one phrase says nothing of the noun's other uses.
		if (found.openers.size < options.minOpeners) continue;
		// Where the preposition counts say enough, they decide ("in company", "for company").
		const preposed = afterPreposition >= options.minAfterPreposition;
		const mostlyDetermined =
			heads >= options.minHeads &&
			bare <= heads * options.maxBare &&
			(!preposed || bareAfterPreposition <= afterPreposition * options.maxBareAfterPreposition);
		const determinedAfterPrepositions =
			preposed &&
			bareAfterPreposition <= afterPreposition * options.maxBareAfterPreposition &&
			bare <= heads * options.maxBareOtherwise;
		if (!mostlyDetermined && !determinedAfterPrepositions) continue;
		if (found.verb) governors.add('to');
		nouns[noun] = [...governors].sort().join(' ');
	}
	return nouns;
}
