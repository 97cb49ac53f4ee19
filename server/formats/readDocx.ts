import { Worker } from 'node:worker_threads';
import type { JSONContent } from '@tiptap/core';
import { StoryError, type StoryErrorKind } from '../stories/StoryError';
import { centralDirectory, DOCX_ZIP_LIMITS } from './zipGuard';

/** How long one document may take, and how much memory its reading may use. */
const TIMEOUT_MS = 30_000;
const MAX_HEAP_MB = 512;

/**
 * The worker's entry is TypeScript: it registers tsx's loader first (a worker does not get the
 * `--import tsx` hooks in time for its entry module on Node 20), then loads docxWorker.ts.
 */
const WORKER_SOURCE = `import(${JSON.stringify(resolveModule('tsx/esm/api'))})
	.then(({ register }) => { register(); return import(${JSON.stringify(new URL('./docxWorker.ts', import.meta.url).href)}); })`;

function resolveModule(specifier: string): string {
	try {
		return import.meta.resolve(specifier);
	} catch {
		return specifier;
	}
}

type WorkerAnswer =
	{ ok: true; doc: JSONContent } | { ok: false; kind: StoryErrorKind; message: string };

/**
 * Reads a .docx into story JSON in a worker thread with a memory cap and a deadline: parsing a
 * Word document's XML is synchronous and, within the zip guard's limits, can still take seconds,
 * which must not stall the collaboration server.
 */
export function readDocx(bytes: Uint8Array, label: string): Promise<JSONContent> {
	// The cheap check first, here: a zip bomb is refused without starting a worker.
	try {
		centralDirectory(
			Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
			label,
			DOCX_ZIP_LIMITS
		);
	} catch (error) {
		return Promise.reject(error);
	}
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { bytes, label },
		resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB }
	});
	return new Promise<JSONContent>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new StoryError('too-large', `${label} took too long to read; it was abandoned.`));
			void worker.terminate();
		}, TIMEOUT_MS);
		const settle = () => {
			clearTimeout(timer);
			void worker.terminate();
		};
		worker.once('message', (answer: WorkerAnswer) => {
			settle();
			if (answer.ok) resolve(answer.doc);
			else reject(new StoryError(answer.kind, answer.message));
		});
		worker.once('error', (error) => {
			settle();
			const memory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
			reject(
				memory
					? new StoryError('too-large', `${label} needs too much memory to read; refused.`)
					: new StoryError('invalid', `${label} could not be read as a .docx.`)
			);
		});
		worker.once('exit', () => {
			clearTimeout(timer);
			reject(new StoryError('invalid', `${label} could not be read as a .docx.`));
		});
	});
}
