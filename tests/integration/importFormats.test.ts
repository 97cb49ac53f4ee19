import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, importFile, importId } from '../helpers/exports';
import { repoRoot, startServer, type RunningServer } from '../helpers/startServer';
import { ownerOf, rememberCliImport } from '../helpers/links';
import { exportText } from '../helpers/stories';
import { api } from '../helpers/apiClient';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Our fixtures, plus ../shared/stories when this checkout has them. */
function corpus(): { name: string; text: string }[] {
	const read = (directory: string) =>
		existsSync(directory)
			? readdirSync(directory)
					.filter((file) => file.endsWith('.txt'))
					.sort()
					.map((file) => ({ name: file, text: readFileSync(path.join(directory, file), 'utf8') }))
			: [];
	return [
		...read(path.join(repoRoot, 'tests/fixtures/stories')),
		...read(path.resolve(repoRoot, '../shared/stories'))
	];
}

/** A minimal valid .docx body around `body` (WordprocessingML paragraphs). */
async function docxWith(
	documentXml: string,
	extra: Record<string, string> = {}
): Promise<Uint8Array<ArrayBuffer>> {
	const zip = new JSZip();
	zip.file(
		'[Content_Types].xml',
		'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
	);
	zip.file(
		'_rels/.rels',
		'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
	);
	zip.file('word/document.xml', documentXml);
	for (const [name, content] of Object.entries(extra)) zip.file(name, content);
	return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraphsXml = (body: string) =>
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

/** Rewrites every central-directory entry's declared uncompressed size. */
function declareSize(zip: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
	const data = Buffer.from(zip);
	for (let at = 0; at + 46 <= data.length; at++) {
		if (data.readUInt32LE(at) === 0x02014b50) data.writeUInt32LE(size, at + 24);
	}
	return new Uint8Array(data);
}

/** Expects an error answer; returns it. */
async function refused(
	response: Response,
	status: number
): Promise<{ code: string; message: string }> {
	const body = await response.json();
	expect(response.status, JSON.stringify(body)).toBe(status);
	return body.error;
}

describe('import formats', () => {
	it('round-trips every story through txt, md, docx and html', async () => {
		const stories = corpus();
		expect(stories.length).toBeGreaterThan(3);
		for (const story of stories) {
			const id = await importId(server.url, story.name, story.text);
			const text = await exportText(server.url, id);
			expect(text, story.name).toBe(story.text);
			for (const [format, extension] of [
				['txt', 'txt'],
				['md', 'md'],
				['docx', 'docx'],
				['html', 'html']
			] as const) {
				const { bytes } = await download(server.url, id, `format=${format}`);
				const again = await importId(server.url, `${story.name}.${extension}`, bytes);
				const back = await exportText(server.url, again);
				// Markdown cannot hold blank lines before the first paragraph or after the last, and
				// neither Word nor HTML says whether the text ended with a line break.
				const normalise = (value: string) =>
					format === 'txt'
						? value
						: format === 'md'
							? value.replace(/^\n+|\n+$/g, '')
							: value.replace(/\n$/, '');
				expect(normalise(back), `${story.name} via ${format}`).toBe(normalise(text));
			}
		}
	});

	it('imports HTML without anything active in it', async () => {
		const html = `<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
			<script>document.title='pwned'</script><link rel="stylesheet" href="https://evil.test/x.css"></head>
			<body onload="alert(1)"><h2>Chapter <em>One</em></h2>
			<p style="color:red" onclick="alert(2)">It   was <b>dark</b>.<br>Very <a href="javascript:alert(3)">dark</a>.</p>
			<iframe src="https://evil.test"></iframe><form action="https://evil.test"><input value="secret">Form text</form>
			<ul><li>one</li><li>two</li></ul><img src="https://evil.test/pixel.png" alt="pixel"><svg><script>alert(4)</script></svg>
			<p>&lt;script&gt; stays text &amp; so on</p></body></html>`;
		const id = await importId(server.url, 'Page.html', html);
		const text = await exportText(server.url, id);
		expect(text).toBe(
			'Chapter One\n\nIt was dark.\nVery dark.\n\n- one\n- two\n\n<script> stays text & so on\n'
		);
		const stored = (await api(server).as(ownerOf(id)).get(`/api/stories/${id}`)).body;
		expect(stored.title).toBe('Page');
		const markdown = new TextDecoder().decode((await download(server.url, id, 'format=md')).bytes);
		expect(markdown).toContain('## Chapter *One*');
		expect(markdown).toContain('**dark**');
	});

	it('imports a Word document with its paragraphs, breaks and emphasis', async () => {
		const docx = await docxWith(
			paragraphsXml(
				'<w:p><w:r><w:t xml:space="preserve">First  line </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:br/><w:t>second</w:t></w:r></w:p><w:p/><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>End.</w:t></w:r></w:p>'
			)
		);
		const response = await importFile(server.url, 'Word.docx', docx, DOCX_TYPE);
		expect(response.status).toBe(201);
		const id = (await response.json()).stories[0].id;
		expect(await exportText(server.url, id)).toBe('First  line bold\nsecond\n\n\n\nEnd.\n');
		const markdown = new TextDecoder().decode((await download(server.url, id, 'format=md')).bytes);
		expect(markdown).toContain('**bold**');
		expect(markdown).toContain('<em>End.</em>');
	});

	it('refuses zip bombs before inflating them, and keeps serving', async () => {
		const zeros = await docxWith(
			paragraphsXml(`<w:p><w:r><w:t>${'0'.repeat(2_000_000)}</w:t></w:r></w:p>`)
		);
		// Declares 2 GB per entry: refused from the central directory alone.
		const started = Date.now();
		const huge = await refused(
			await importFile(server.url, 'huge.docx', declareSize(zeros, 0x7fffffff)),
			413
		);
		expect(huge.message).toContain('huge.docx');
		expect(huge.message).toMatch(/refused before unpacking/);
		// Declares a few bytes but inflates to megabytes: refused while inflating, at the cap.
		const liar = await refused(
			await importFile(server.url, 'liar.docx', declareSize(zeros, 100)),
			413
		);
		expect(liar.message).toMatch(/inflates to more than it declares/);
		// Too many entries.
		const many = new JSZip();
		for (let index = 0; index < 1_500; index++) many.file(`word/media/${index}.xml`, '');
		const manyBytes = new Uint8Array(await many.generateAsync({ type: 'uint8array' }));
		const tooMany = await refused(await importFile(server.url, 'many.docx', manyBytes), 413);
		expect(tooMany.message).toMatch(/has 150\d zip entries; at most 1000 are accepted/);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect((await api(server).anonymous().get('/api/stories')).status).toBe(200);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('stays responsive while it reads a long Word document', async () => {
		const paragraph =
			'<w:p><w:r><w:t>The quick brown fox jumps over the lazy dog, again and again.</w:t></w:r></w:p>';
		const docx = await docxWith(paragraphsXml(paragraph.repeat(20_000)));
		const began = Date.now();
		const importing = importFile(server.url, 'long.docx', docx);
		const slowest = { ms: 0 };
		let done = false;
		void importing.finally(() => (done = true));
		while (!done) {
			const started = Date.now();
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			slowest.ms = Math.max(slowest.ms, Date.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 20)); // pacing of the health checks
		}
		expect((await importing).status).toBe(201);
		// Reading happens in a worker: no health check waits for more than a slice of the import
		// (a blocked event loop would make one wait for all of it). Relative, so a loaded CI
		// machine running other files at the same time does not make this flaky.
		const importMs = Date.now() - began;
		expect(slowest.ms).toBeLessThan(Math.max(500, importMs / 2));
	});

	it('refuses XML entity tricks and broken Word files with 400', async () => {
		const laughs = await docxWith(
			`<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document ${W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`
		);
		const entities = await refused(await importFile(server.url, 'laughs.docx', laughs), 400);
		expect(entities.message).toContain('declares a DTD or entities');

		const notZip = await refused(
			await importFile(server.url, 'fake.docx', 'not a zip at all'),
			400
		);
		expect(notZip.message).toBe(
			'"fake.docx" is not a readable .docx: it is not a zip archive (no end of central directory).'
		);

		const noDocument = new JSZip();
		noDocument.file('hello.txt', 'hi');
		const bytes = new Uint8Array(await noDocument.generateAsync({ type: 'uint8array' }));
		expect(
			(await refused(await importFile(server.url, 'other.docx', bytes), 400)).message
		).toContain('no word/document.xml');

		// A corrupt deflate stream.
		const corrupt = Buffer.from(
			await docxWith(paragraphsXml('<w:p><w:r><w:t>x</w:t></w:r></w:p>'))
		);
		const at = corrupt.indexOf('word/document.xml') + 'word/document.xml'.length;
		corrupt.fill(0xff, at, at + 20);
		const broken = await refused(
			await importFile(server.url, 'corrupt.docx', new Uint8Array(corrupt)),
			400
		);
		expect(broken.message).toContain('corrupt.docx');
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('imports every supported file in a folder from the CLI', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'galley-import-'));
		try {
			writeFileSync(path.join(folder, 'a.txt'), 'Plain.\n');
			writeFileSync(path.join(folder, 'b.md'), '# Mark\n');
			writeFileSync(path.join(folder, 'c.html'), '<p>Hyper</p>');
			writeFileSync(
				path.join(folder, 'd.docx'),
				await docxWith(paragraphsXml('<w:p><w:r><w:t>Word</w:t></w:r></w:p>'))
			);
			writeFileSync(path.join(folder, 'skip.pdf'), 'no');
			mkdirSync(path.join(folder, 'sub.txt'));
			const { stdout } = await promisify(execFile)(
				process.execPath,
				[path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', 'import', folder],
				{ cwd: repoRoot, env: { ...process.env, DATA_DIR: server.dataDir } }
			);
			rememberCliImport(stdout);
			const titles = stdout
				.trim()
				.split('\n')
				.map((line) => line.split('\t')[2]);
			expect(titles).toEqual(['a', 'b', 'c', 'd']);
			const id = stdout.trim().split('\n')[3]!.split('\t')[0]!;
			expect(await exportText(server.url, id)).toBe('Word\n');

			// And exports in any format, to a file or to stdout.
			const galley = (...args: string[]) =>
				promisify(execFile)(
					process.execPath,
					[path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', ...args],
					{ cwd: repoRoot, env: { ...process.env, DATA_DIR: server.dataDir } }
				);
			const out = path.join(folder, 'out.docx');
			await galley('export', id, '--format', 'docx', '--comments', '--out', out);
			expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
			expect((await galley('export', id, '--format', 'md', '--accept', 'all')).stdout).toBe(
				'Word\n'
			);
			await expect(galley('export', id, '--format', 'pdf')).rejects.toMatchObject({
				stderr: expect.stringContaining('Unknown export format "pdf"')
			});
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
