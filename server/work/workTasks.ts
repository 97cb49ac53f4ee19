import * as Y from 'yjs';
import { exportStory as buildExport, type ExportFile } from '../formats/exportStory';
import { prepareImport as readImport, type PreparedStory } from '../stories/prepareImport';
import { StoryError, type StoryErrorKind } from '../stories/StoryError';
import type { Checker } from '#shared/proofing/createChecker';
import type { Flag, Locale } from '#shared/proofing/types';
import type { ExportJob, ImportJob, ProofreadJob } from './HeavyWork';

// The tasks a worker thread runs (and InPlaceWork runs in place). Errors cross a thread as plain
// Error copies, losing their class: a StoryError travels as a result instead, and is rebuilt.

export type TaskResult<T> =
	{ ok: true; value: T } | { ok: false; kind: StoryErrorKind; message: string };

async function settle<T>(work: () => Promise<T>, what: string): Promise<TaskResult<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		if (error instanceof StoryError) return { ok: false, kind: error.kind, message: error.message };
		// A parser recursing through a pathologically nested input: the input's fault, not ours.
		if (error instanceof RangeError && /call stack/i.test(error.message)) {
			return { ok: false, kind: 'too-complex', message: `${what} is nested too deeply to read.` };
		}
		throw error;
	}
}

export function prepareImport(job: ImportJob): Promise<TaskResult<PreparedStory>> {
	return settle(
		() => readImport(job.source, { title: job.title, maxBytes: job.maxBytes }),
		job.source.filename ? `"${job.source.filename}"` : 'The text'
	);
}

export function exportStory(job: ExportJob): Promise<TaskResult<ExportFile>> {
	return settle(async () => {
		const story = new Y.Doc();
		const notes = new Y.Doc();
		try {
			Y.applyUpdate(story, job.story);
			Y.applyUpdate(notes, job.notes);
			return await buildExport(
				{ title: job.title, story, notes, baseline: job.baseline, source: job.source },
				job.options
			);
		} finally {
			story.destroy();
			notes.destroy();
		}
	}, 'The story');
}

/** One checker per locale per thread: building one parses a Hunspell dictionary (~0.25 s). */
const checkers = new Map<Locale, Checker>();

export function proofread(job: ProofreadJob): Promise<TaskResult<Flag[]>> {
	return settle(async () => {
		let checker = checkers.get(job.locale);
		if (!checker) {
			// Loaded on a thread's first proofreading only: the checker's word data takes tens of
			// megabytes a thread that only imports and exports never needs.
			const [{ createChecker }, { loadDictionary }] = await Promise.all([
				import('#shared/proofing/createChecker'),
				import('../proofing/loadDictionaries')
			]);
			checker = createChecker({
				dictionaries: { [job.locale]: loadDictionary(job.locale) },
				locale: job.locale
			});
			checkers.set(job.locale, checker);
		}
		return checker.check(job.text, {
			storyWords: job.storyWords,
			ignoredWords: job.ignoredWords
		});
	}, 'The story');
}

/** The value of a task's result, or its StoryError thrown again on this side. */
export function unwrap<T>(result: TaskResult<T>): T {
	if (result.ok) return result.value;
	throw new StoryError(result.kind, result.message);
}
