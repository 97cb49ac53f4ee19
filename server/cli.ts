import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { notesRoom, storyRoom } from '#shared/protocol/rooms';
import { LinkService } from './auth/LinkService';
import { DamagedDocumentError, describeDamage, inspectStored } from './collab/docFromStored';
import { loadConfig } from './config';
import { exportOptionsSchema } from './formats/exportStory';
import { CONFIDENCE_LEVELS } from '#shared/proofing/types';
import { proofreadFiles } from './proofing/proofreadFiles';
import type { DocumentStore } from './storage/DocumentStore';
import { migrateData } from './migrateData';
import { openStore } from './storage/openStore';
import { StoredDocuments } from './stories/StoredDocuments';
import { StoryError } from './stories/StoryError';
import { InPlaceWork } from './work/InPlaceWork';
import { StoryService } from './stories/StoryService';
import { HistoryService } from './history/HistoryService';
import { IMPORT_EXTENSIONS } from './stories/prepareImport';

const USAGE = `Usage: npm run galley -- <command>

  import <files or folders...> [--title T]
                                    import .txt / .md / .html / .docx files as new stories
                                    (a folder: every such file in it); prints each
                                    story's id, owner link path (with its token) and title
  export <id> [--format F] [--comments] [--suggestions] [--accept all] [--out FILE]
                                    write a story (stdout without --out); F is one of
                                    txt, md, html, docx, changes, annotations
                   [--version V] [--from V] [--to V]
                                    a version of it (every format; see \`versions\`);
                                    the changes report from/to any two (baseline, current)
  versions <id>                     list a story's versions, newest first: id, time, kind,
                                    name, words (change), who changed the text
  list                              list the stories
  check                             read every story (text and notes) and report the damaged
                                    ones (exit code 1 when any is)
  migrate-data --from sqlite:<data folder> --to postgres://…
                                    copy every story (logs, links, versions) into another,
                                    empty database (either way round), then verify counts
                                    and exports of every story before saying done
  proofread <files...> [--json] [--locale en-US|en-GB] [--confidence likely|possible]
                                    check .txt files without importing them
                                    (--confidence likely: only the surest flags)

Works on DATABASE_URL, or DATA_DIR (default ./data), directly, also while the server runs.
Story ids are letters and digits; an older id starting with "-" goes after "--".`;

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			format: { type: 'string', default: 'txt' },
			comments: { type: 'boolean', default: false },
			suggestions: { type: 'boolean', default: false },
			accept: { type: 'string', default: 'none' },
			out: { type: 'string' },
			version: { type: 'string' },
			from: { type: 'string' },
			to: { type: 'string' },
			title: { type: 'string' },
			json: { type: 'boolean', default: false },
			locale: { type: 'string', default: 'en-US' },
			confidence: { type: 'string', default: 'possible' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const [command, ...rest] = positionals;
	if (!command || values.help) {
		process.stdout.write(`${USAGE}\n`);
		return command || values.help ? 0 : 2;
	}

	// Proofreading reads files where they are: no data directory, no database.
	if (command === 'proofread')
		return proofread(rest, values.json!, values.locale!, values.confidence!);

	if (command === 'migrate-data') {
		if (!values.from || !values.to) {
			process.stderr.write('migrate-data: name both --from and --to.\n');
			return 2;
		}
		return migrateData(values.from, values.to, {
			write: (text) => process.stdout.write(text),
			error: (text) => process.stderr.write(text)
		});
	}

	const config = loadConfig();
	const store = await openStore(config);
	const documents = new StoredDocuments(store);
	const stories = new StoryService(store, documents, config.maxImportBytes, new InPlaceWork());
	try {
		switch (command) {
			case 'import':
				return await importFiles(stories, new LinkService(store, null), rest, values.title);
			case 'export':
			case 'versions': {
				const links = new LinkService(store, null);
				const history = new HistoryService(store, documents, null, (writer) =>
					links.identityOf(writer)
				);
				return command === 'export'
					? await exportStory(stories, history, rest[0], values, values.out)
					: await listVersions(history, rest[0]);
			}
			case 'list':
				return await listStories(stories);
			case 'check':
				return await checkStories(store);
			default:
				process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
				return 2;
		}
	} finally {
		await store.close();
	}
}

async function importFiles(
	stories: StoryService,
	links: LinkService,
	files: string[],
	title?: string
): Promise<number> {
	if (files.length === 0) {
		process.stderr.write('import: name one or more files.\n');
		return 2;
	}
	let failures = 0;
	const expanded = files.flatMap((file) => expandFolder(file));
	if (expanded.length === 0) {
		process.stderr.write(`import: no ${IMPORT_EXTENSIONS.join(' / ')} files found.\n`);
		return 1;
	}
	for (const file of expanded) {
		try {
			// Whoever imports is the owner: the owner link is the way in (the others come from Share),
			// stored in the same transaction as the story.
			const [story] = await stories.importFiles(
				[{ filename: path.basename(file), contentType: '', bytes: readFileSync(file) }],
				expanded.length === 1 ? title : undefined,
				(storyId) => links.issueOwner(storyId)
			);
			const owner = story!.tokens.owner!;
			process.stdout.write(`${story!.id}\t/stories/${story!.id}?token=${owner}\t${story!.title}\n`);
		} catch (error) {
			failures++;
			process.stderr.write(`${file}: ${describe(error)}\n`);
		}
	}
	return failures === 0 ? 0 : 1;
}

/** A folder stands for the importable files directly in it (sorted); a file for itself. */
function expandFolder(file: string): string[] {
	if (!existsSync(file) || !statSync(file).isDirectory()) return [file];
	return readdirSync(file)
		.filter((name) => IMPORT_EXTENSIONS.includes(path.extname(name).toLowerCase()))
		.sort()
		.map((name) => path.join(file, name))
		.filter((entry) => statSync(entry).isFile());
}

async function exportStory(
	stories: StoryService,
	history: HistoryService,
	id: string | undefined,
	flags: {
		format?: string;
		comments?: boolean;
		suggestions?: boolean;
		accept?: string;
		version?: string;
		from?: string;
		to?: string;
	},
	out?: string
): Promise<number> {
	if (!id) {
		process.stderr.write('export: name the story id (see `list`).\n');
		return 2;
	}
	const parsed = exportOptionsSchema.safeParse({
		format: flags.format,
		comments: flags.comments ? '1' : '0',
		suggestions: flags.suggestions ? '1' : '0',
		accept: flags.accept
	});
	if (!parsed.success) {
		process.stderr.write(`export: ${parsed.error.issues[0]!.message}\n`);
		return 2;
	}
	const at = await history.exportAt(id, { version: flags.version, from: flags.from, to: flags.to });
	const { file } = await stories.exportFile(id, parsed.data, undefined, at);
	if (out) writeFileSync(out, file.body);
	else process.stdout.write(file.body);
	return 0;
}

async function listVersions(history: HistoryService, id: string | undefined): Promise<number> {
	if (!id) {
		process.stderr.write('versions: name the story id (see `list`).\n');
		return 2;
	}
	for (const version of (await history.list(id)).versions) {
		const delta = version.wordsDelta >= 0 ? `+${version.wordsDelta}` : String(version.wordsDelta);
		const authors = version.authors.map((author) => author.name).join(', ');
		process.stdout.write(
			`${version.id}\t${version.createdAt}\t${version.kind}\t${version.name ?? ''}\t` +
				`${version.words} words (${delta})\t${authors}\n`
		);
	}
	return 0;
}

async function listStories(stories: StoryService): Promise<number> {
	for (const story of await stories.list()) {
		process.stdout.write(`${story.id}\t${story.words} words\t${story.updatedAt}\t${story.title}\n`);
	}
	return 0;
}

/** Reads both rooms of every story as a room would load them; reports each damaged one. */
async function checkStories(store: DocumentStore): Promise<number> {
	let damaged = 0;
	const stories = await store.listStories();
	for (const story of stories) {
		const problems: string[] = [];
		for (const room of [storyRoom(story.id), notesRoom(story.id)]) {
			const { doc, damaged: rows } = inspectStored(await store.loadDocument(room));
			doc.destroy();
			if (rows.length > 0) problems.push(`${room}: ${describeDamage(rows)}`);
		}
		if (problems.length > 0) damaged++;
		const verdict = problems.length > 0 ? 'damaged' : 'ok';
		const details = problems.length > 0 ? `\t${problems.join(' | ')}` : '';
		process.stdout.write(`${story.id}\t${verdict}\t${story.title}${details}\n`);
	}
	process.stderr.write(
		damaged > 0
			? `${damaged} of ${stories.length} stories damaged: their saved data does not read back.\n`
			: `${stories.length} stories checked, none damaged.\n`
	);
	return damaged > 0 ? 1 : 0;
}

function proofread(files: string[], json: boolean, locale: string, confidence: string): number {
	if (files.length === 0) {
		process.stderr.write('proofread: name one or more .txt files.\n');
		return 2;
	}
	if (locale !== 'en-US' && locale !== 'en-GB') {
		process.stderr.write(`proofread: unknown locale "${locale}"; use en-US or en-GB.\n`);
		return 2;
	}
	const least = CONFIDENCE_LEVELS.find((level) => level === confidence);
	if (!least) {
		process.stderr.write(
			`proofread: unknown confidence "${confidence}"; use ${CONFIDENCE_LEVELS.join(' or ')}.\n`
		);
		return 2;
	}
	return proofreadFiles(
		files,
		{ json, locale, confidence: least },
		{ write: (text) => process.stdout.write(text), error: (text) => process.stderr.write(text) }
	);
}

function describe(error: unknown): string {
	if (error instanceof StoryError) return error.message;
	if (error instanceof DamagedDocumentError) {
		return `this story's saved data is damaged (${describeDamage(error.rows)}); see \`check\`.`;
	}
	if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'no such file';
	return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${describe(error)}\n`);
		process.exit(1);
	}
);
