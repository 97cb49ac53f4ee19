import { parentPort, workerData } from 'node:worker_threads';
import { StoryError } from '../stories/StoryError';
import { docxToStoryJSON } from './docxToStory';

/**
 * Worker entry: reads one .docx (see docxToStoryJSON) off the server's main thread, so a large or
 * crafted document costs this thread its time and memory, not everyone else's.
 */
const { bytes, label } = workerData as { bytes: Uint8Array; label: string };
docxToStoryJSON(bytes, label).then(
	(doc) => parentPort!.postMessage({ ok: true, doc }),
	(error: unknown) =>
		parentPort!.postMessage(
			error instanceof StoryError
				? { ok: false, kind: error.kind, message: error.message }
				: { ok: false, kind: 'invalid', message: `${label} could not be read as a .docx.` }
		)
);
