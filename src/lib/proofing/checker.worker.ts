/*
 * The proofreading checker, off the main thread. It fetches a locale's Hunspell files once
 * (from the backend, which serves them from the dictionary packages with cache headers) and the
 * corpus layer once (lexicon.json, 3 MB: a separate, hashed static file, so this script stays
 * small and the lexicon is fetched and parsed only when the first check is asked for, after the
 * desk has opened), builds the checker once per locale, then answers check requests with the
 * flags of the whole text.
 */
import { buildChecker, type Checker } from '#shared/proofing/buildChecker';
import { Lexicon, type LexiconData } from '#shared/proofing/Lexicon';
import type { Locale } from '#shared/proofing/types';
import lexiconUrl from '$lib/shared/proofing/data/lexicon.json?url';
import { dictionaryUrl, type CheckAnswer, type CheckRequest } from './workerProtocol';

interface WorkerScope {
	onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
	postMessage(message: CheckAnswer): void;
}

const scope = self as unknown as WorkerScope;
const checkers = new Map<Locale, Promise<Checker>>();
let lexicon: Promise<Lexicon> | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`Could not load ${url} (${response.status})`);
	return new Uint8Array(await response.arrayBuffer());
}

/** The corpus layer, shared by the checkers of every locale. */
function loadLexicon(): Promise<Lexicon> {
	if (!lexicon) {
		lexicon = fetch(lexiconUrl).then(async (response) => {
			if (!response.ok) throw new Error(`Could not load the lexicon (${response.status})`);
			return new Lexicon((await response.json()) as LexiconData);
		});
		// A failed load is retried by the next request.
		lexicon.catch(() => (lexicon = undefined));
	}
	return lexicon;
}

function checkerFor(locale: Locale): Promise<Checker> {
	let checker = checkers.get(locale);
	if (!checker) {
		checker = Promise.all([
			fetchBytes(dictionaryUrl(locale, 'index.aff')),
			fetchBytes(dictionaryUrl(locale, 'index.dic')),
			loadLexicon()
		]).then(([aff, dic, corpus]) =>
			buildChecker({ dictionaries: { [locale]: { aff, dic } }, locale, lexicon: corpus })
		);
		// A failed load is retried by the next request.
		checker.catch(() => checkers.delete(locale));
		checkers.set(locale, checker);
	}
	return checker;
}

/** Only the newest request matters: older ones still queued are answered as superseded. */
let latest = 0;

scope.onmessage = (event) => {
	const request = event.data;
	latest = Math.max(latest, request.id);
	checkerFor(request.locale)
		.then((checker) => {
			if (request.id < latest) {
				scope.postMessage({ id: request.id, ok: false, error: 'superseded' });
				return;
			}
			const started = performance.now();
			const flags = checker.check(request.text, {
				storyWords: request.storyWords,
				ignoredWords: request.ignoredWords,
				unusualWords: request.unusualWords
			});
			scope.postMessage({ id: request.id, ok: true, flags, ms: performance.now() - started });
		})
		.catch((error: unknown) => {
			scope.postMessage({
				id: request.id,
				ok: false,
				error: error instanceof Error ? error.message : String(error)
			});
		});
};
