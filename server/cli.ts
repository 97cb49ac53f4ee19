import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { proofreadFiles } from './proofing/proofreadFiles';
import { openSqliteStore } from './storage/SqliteStore';
import { StoredDocuments } from './stories/StoredDocuments';
import { StoryError } from './stories/StoryError';
import { StoryService } from './stories/StoryService';

const USAGE = `Usage: npm run galley -- <command>

  import <files...> [--title T]     import .txt / .md files as new stories
  export <id> [--format txt] [--out FILE]
                                    write a story's current text (stdout without --out)
  list                              list the stories
  proofread <files...> [--json] [--locale en-US|en-GB]
                                    check .txt files without importing them

Works on DATA_DIR (default ./data) directly, also while the server runs.`;

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			format: { type: 'string', default: 'txt' },
			out: { type: 'string' },
			title: { type: 'string' },
			json: { type: 'boolean', default: false },
			locale: { type: 'string', default: 'en-US' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const [command, ...rest] = positionals;
	if (!command || values.help) {
		process.stdout.write(`${USAGE}\n`);
		return command || values.help ? 0 : 2;
	}

	// Proofreading reads files where they are: no data directory, no database.
	if (command === 'proofread') return proofread(rest, values.json!, values.locale!);

	const config = loadConfig();
	const store = openSqliteStore(config.dataDir);
	const stories = new StoryService(store, new StoredDocuments(store), config.maxImportBytes);
	try {
		switch (command) {
			case 'import':
				return await importFiles(stories, rest, values.title);
			case 'export':
				return await exportStory(stories, rest[0], values.format!, values.out);
			case 'list':
				return await listStories(stories);
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
	files: string[],
	title?: string
): Promise<number> {
	if (files.length === 0) {
		process.stderr.write('import: name one or more files.\n');
		return 2;
	}
	let failures = 0;
	for (const file of files) {
		try {
			const [story] = await stories.importFiles(
				[{ filename: path.basename(file), contentType: '', bytes: readFileSync(file) }],
				files.length === 1 ? title : undefined
			);
			process.stdout.write(`${story!.id}\t/stories/${story!.id}\t${story!.title}\n`);
		} catch (error) {
			failures++;
			process.stderr.write(`${file}: ${describe(error)}\n`);
		}
	}
	return failures === 0 ? 0 : 1;
}

async function exportStory(
	stories: StoryService,
	id: string | undefined,
	format: string,
	out?: string
): Promise<number> {
	if (!id) {
		process.stderr.write('export: name the story id (see `list`).\n');
		return 2;
	}
	if (format !== 'txt') {
		process.stderr.write(`export: unknown format "${format}"; use txt.\n`);
		return 2;
	}
	const { text } = await stories.exportText(id);
	if (out) writeFileSync(out, text);
	else process.stdout.write(text);
	return 0;
}

async function listStories(stories: StoryService): Promise<number> {
	for (const story of await stories.list()) {
		process.stdout.write(`${story.id}\t${story.words} words\t${story.updatedAt}\t${story.title}\n`);
	}
	return 0;
}

function proofread(files: string[], json: boolean, locale: string): number {
	if (files.length === 0) {
		process.stderr.write('proofread: name one or more .txt files.\n');
		return 2;
	}
	if (locale !== 'en-US' && locale !== 'en-GB') {
		process.stderr.write(`proofread: unknown locale "${locale}"; use en-US or en-GB.\n`);
		return 2;
	}
	return proofreadFiles(
		files,
		{ json, locale },
		{ write: (text) => process.stdout.write(text), error: (text) => process.stderr.write(text) }
	);
}

function describe(error: unknown): string {
	if (error instanceof StoryError) return error.message;
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
