import { flag, type Rule } from '#shared/proofing/Rule';
import { ownEntry } from '#shared/proofing/ownEntry';
import type { Flag } from '#shared/proofing/types';
import { matchCase } from '#shared/proofing/textShape';

/** Simple pasts that differ from the past participle: "had went" is "had gone". */
const PARTICIPLES: Record<string, string> = {
	went: 'gone',
	came: 'come',
	ran: 'run',
	began: 'begun',
	saw: 'seen',
	did: 'done',
	ate: 'eaten',
	took: 'taken',
	gave: 'given',
	wrote: 'written',
	drove: 'driven',
	rode: 'ridden',
	spoke: 'spoken',
	broke: 'broken',
	chose: 'chosen',
	froze: 'frozen',
	stole: 'stolen',
	woke: 'woken',
	wore: 'worn',
	tore: 'torn',
	shook: 'shaken',
	hid: 'hidden',
	knew: 'known',
	grew: 'grown',
	threw: 'thrown',
	flew: 'flown',
	blew: 'blown',
	drew: 'drawn',
	fell: 'fallen',
	forgot: 'forgotten',
	sang: 'sung',
	rang: 'rung',
	sank: 'sunk',
	drank: 'drunk',
	swam: 'swum',
	bit: 'bitten',
	mistook: 'mistaken',
	forgave: 'forgiven'
};

const HAVE = /^(?:have|has|had|having)$/;

/** "had went", "could have ran", "I've saw": a perfect tense needs the past participle. */
export const grammar: Rule = (context) => {
	const flags: Flag[] = [];
	for (const word of context.words) {
		const participle = ownEntry(PARTICIPLES, word.lower);
		if (!participle) continue;
		let previous = context.previous(word);
		// "had never went", "have already ate"
		if (previous && /^(?:never|already|just|not|ever|always|finally|once)$/.test(previous.lower)) {
			previous = context.previous(previous);
		}
		// "I'd went": had or would, either way the participle.
		if (!previous || !(HAVE.test(previous.lower) || /['’](?:ve|d)$/i.test(previous.text))) continue;
		const suggestion = matchCase(word.text, participle);
		flags.push(
			flag(
				'grammar',
				'grammar/participle',
				word.start,
				word.end,
				`After "have", the participle: "${suggestion}".`,
				[suggestion]
			)
		);
	}
	return flags;
};
