import type { Flag, Locale } from '#shared/proofing/types';
import type { ExportFile, ExportOptions } from '../formats/exportStory';
import type { ImportSource, PreparedStory } from '../stories/prepareImport';

/** An export's input as bytes, so it can cross to a worker thread without the live documents. */
export interface ExportJob {
	title: string;
	/**
	 * `story:<id>` and `notes:<id>` as updates to apply in order (LiveDocuments.readState): the
	 * worker builds the documents, so a large story that is not loaded is never decoded on the
	 * thread that relays keystrokes.
	 */
	story: Uint8Array[];
	notes: Uint8Array[];
	/** The text the story was imported with; null: none stored (the current text stands in). */
	baseline: string | null;
	/** What the changes report compares, in words (default: the import and the current text). */
	compared?: string;
	source: string;
	options: ExportOptions;
}

export interface ImportJob {
	source: ImportSource;
	title?: string;
	maxBytes: number;
}

/** A story's text to proofread, with its locale and the team's words (see ProofreadService). */
export interface ProofreadJob {
	text: string;
	locale: Locale;
	storyWords: string[];
	ignoredWords: string[];
}

/**
 * The work that may take long on a hostile or huge input: reading an imported file, making an
 * export and proofreading a story. The server runs it on a pool of worker threads (WorkPool) so the thread relaying
 * keystrokes never waits for it; the CLI runs it in place (InPlaceWork).
 */
export interface HeavyWork {
	prepareImport(job: ImportJob): Promise<PreparedStory>;
	exportStory(job: ExportJob): Promise<ExportFile>;
	proofread(job: ProofreadJob): Promise<Flag[]>;
	close(): Promise<void>;
}
