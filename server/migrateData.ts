import { existsSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ExportOptions } from './formats/exportStory';
import type { DocumentStore } from './storage/DocumentStore';
import { openStore } from './storage/openStore';
import { dumpStory, type StoryDump } from './storage/StoryDump';
import { StoredDocuments } from './stories/StoredDocuments';
import { StoryService } from './stories/StoryService';
import { InPlaceWork } from './work/InPlaceWork';

/** Where a store is, as `migrate-data` names it: `sqlite:<data dir>` or a postgres:// URL. */
export function parseStoreSpec(spec: string): { dataDir: string; databaseUrl: string | null } {
	if (/^postgres(ql)?:\/\//.test(spec)) return { dataDir: '', databaseUrl: spec };
	if (spec.startsWith('sqlite:') && spec.length > 'sqlite:'.length) {
		return { dataDir: spec.slice('sqlite:'.length), databaseUrl: null };
	}
	throw new Error(`"${spec}" is neither sqlite:<data folder> nor a postgres:// URL.`);
}

/** The exports compared after copying: the text, and the HTML with every note in it. */
const CHECKED_EXPORTS: ExportOptions[] = [
	{ format: 'txt', comments: false, suggestions: false, accept: 'none' },
	{ format: 'html', comments: true, suggestions: true, accept: 'none' }
];

interface Output {
	write(text: string): void;
	error(text: string): void;
}

/**
 * Copies every story of one store (with its logs, links, versions and writer bindings) into
 * another, empty one; each story in one transaction. Done only when, for every story, the copy
 * reads back exactly as the original and exports the same bytes, and the counts agree.
 */
export async function migrateData(from: string, to: string, out: Output): Promise<number> {
	const origin = parseStoreSpec(from);
	// Opening a SQLite store creates it: a mistyped folder would "copy" nothing, successfully.
	if (!origin.databaseUrl && !existsSync(path.join(origin.dataDir, 'galley.sqlite'))) {
		out.error(`migrate-data: no galley.sqlite in ${origin.dataDir}.\n`);
		return 1;
	}
	const source = await openStore(origin);
	let target: DocumentStore | null = null;
	try {
		target = await openStore(parseStoreSpec(to));
		const already = (await target.listStories()).length;
		if (already > 0) {
			out.error(
				`migrate-data: the target already holds ${already} stories; copy into an empty one.\n`
			);
			return 1;
		}
		const stories = await source.listStories();
		const totals = { links: 0, versions: 0, updates: 0 };
		for (const { id, title } of stories) {
			// Exports first: a damaged story fails here, before anything of it is copied.
			const exported = await exportsOf(source, id);
			const dump = (await dumpStory(source, id))!;
			await target.restoreStory(dump);
			const copy = await dumpStory(target, id);
			if (!copy || !isDeepStrictEqual(comparable(copy), comparable(dump))) {
				out.error(`migrate-data: ${id} (${title}) does not read back as it was written.\n`);
				return 1;
			}
			if (!isDeepStrictEqual(await exportsOf(target, id), exported)) {
				out.error(`migrate-data: ${id} (${title}) exports differently after copying.\n`);
				return 1;
			}
			totals.links += dump.links.length;
			totals.versions += dump.versions.length;
			totals.updates += dump.rooms.reduce((sum, room) => sum + room.updates.length, 0);
			out.write(`${id}\tcopied and verified\t${title}\n`);
		}
		const copied = (await target.listStories()).length;
		if (copied !== stories.length) {
			out.error(
				`migrate-data: ${stories.length} stories in the source, ${copied} in the target.\n`
			);
			return 1;
		}
		out.write(
			`Done: ${stories.length} stories, ${totals.links} links, ${totals.versions} versions and ` +
				`${totals.updates} logged updates copied; counts and exports verified.\n`
		);
		return 0;
	} finally {
		await target?.close();
		await source.close();
	}
}

async function exportsOf(store: DocumentStore, id: string): Promise<Buffer[]> {
	const stories = new StoryService(store, new StoredDocuments(store), Infinity, new InPlaceWork());
	const files: Buffer[] = [];
	for (const options of CHECKED_EXPORTS) {
		const { file } = await stories.exportFile(id, options);
		files.push(Buffer.from(file.body));
	}
	return files;
}

/** A dump with its byte arrays as base64, so equal bytes compare equal whatever their type. */
function comparable(dump: StoryDump): unknown {
	// The holder's own property, not `value`: a Buffer's toJSON has run by then.
	return JSON.parse(
		JSON.stringify(dump, function (this: Record<string, unknown>, key: string, value: unknown) {
			const original = this[key];
			return original instanceof Uint8Array ? Buffer.from(original).toString('base64') : value;
		})
	);
}
