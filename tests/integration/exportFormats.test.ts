import mammoth from 'mammoth';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, download, importId, zipPart } from '../helpers/exports';
import { startServer, type RunningServer } from '../helpers/startServer';
import { exportText } from '../helpers/stories';
import { ownerOf } from '../helpers/links';
import { api } from '../helpers/apiClient';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.dispose());

/** The API as the story's owner. */
const asOwner = (id: string) => api(server).as(ownerOf(id));

const MARKDOWN = `# The Fox

The quick brown fox jumps over the **lazy** dog.
It was *very* late.

The end.
`;

/** Creates the Markdown story with a thread (and a reply) and two suggestions on it. */
async function reviewedStory(title = 'Fox'): Promise<{ id: string; text: string }> {
	const id = await importId(server.url, `${title}.md`, MARKDOWN);
	const text = await exportText(server.url, id);
	const at = (quote: string) => {
		const start = text.indexOf(quote);
		return { start, end: start + quote.length };
	};
	const thread = await asOwner(id).post(`/api/stories/${id}/comments`, {
		...at('quick brown'),
		body: 'Which fox?',
		author: 'Ana'
	});
	expect(thread.status).toBe(201);
	await asOwner(id).post(`/api/stories/${id}/comments/${thread.body.id}/replies`, {
		body: 'The red one.',
		author: 'Ben'
	});
	const lazy = at('lazy');
	expect(
		(
			await asOwner(id).post(`/api/stories/${id}/suggestions`, {
				...lazy,
				replacement: 'sleepy',
				author: 'Cleo'
			})
		).status
	).toBe(201);
	const late = at('late').end;
	expect(
		(
			await asOwner(id).post(`/api/stories/${id}/suggestions`, {
				start: late,
				end: late,
				replacement: ' at night',
				author: 'Cleo'
			})
		).status
	).toBe(201);
	return { id, text };
}

describe('export formats', () => {
	it('applies every open suggestion with accept=all without changing the story', async () => {
		const { id, text } = await reviewedStory();
		const { bytes } = await download(server.url, id, 'format=txt&accept=all');
		const accepted = new TextDecoder().decode(bytes);
		expect(accepted).toBe(text.replace('lazy', 'sleepy').replace('late.', 'late at night.'));
		expect(await exportText(server.url, id)).toBe(text);
		const md = new TextDecoder().decode(
			(await download(server.url, id, 'format=md&accept=all')).bytes
		);
		expect(md).toContain('**sleepy**');
	});

	it('exports Markdown that imports back to the same story', async () => {
		const { id, text } = await reviewedStory();
		const { response, bytes } = await download(server.url, id, 'format=md');
		expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		const markdown = new TextDecoder().decode(bytes);
		expect(markdown).toContain('# The Fox');
		const again = await importId(server.url, 'again.md', markdown);
		expect(await exportText(server.url, again)).toBe(text);
		const twice = new TextDecoder().decode((await download(server.url, again, 'format=md')).bytes);
		expect(twice).toBe(markdown);
	});

	it('exports a Word document whose text is the txt export', async () => {
		const { id, text } = await reviewedStory();
		const { response, bytes } = await download(server.url, id, 'format=docx');
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(await docxText(bytes)).toBe(text.replace(/\n$/, ''));
		// Another reader agrees, line breaks aside (mammoth's raw text drops them).
		const raw = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
		expect(raw.value.trim()).toBe(text.trim().replace(/(?<!\n)\n(?!\n)/g, ''));
		const xml = await zipPart(bytes, 'word/document.xml');
		expect(xml).toMatch(/<w:b\/>.*lazy/s);
		expect(xml).not.toContain('w:del');
	});

	it('puts open threads as Word comments and suggestions as tracked changes on the right words', async () => {
		const { id } = await reviewedStory();
		const { bytes } = await download(server.url, id, 'format=docx&comments=1&suggestions=1');
		const xml = await zipPart(bytes, 'word/document.xml');
		// The commented passage lies between the range markers of the first comment.
		const ranged = /<w:commentRangeStart w:id="0"\/>(.*?)<w:commentRangeEnd w:id="0"\/>/s.exec(xml);
		expect(ranged).not.toBeNull();
		expect(textOf(ranged![1]!)).toBe('quick brown');
		const deletion = /<w:del [^>]*w:author="Cleo"[^>]*>(.*?)<\/w:del>/s.exec(xml);
		expect(deletion?.[1]).toMatch(/<w:delText[^>]*>lazy<\/w:delText>/);
		expect(xml).toMatch(/<w:del [^>]*w:date="\d{4}-\d\d-\d\dT/);
		const insertions = [...xml.matchAll(/<w:ins [^>]*w:author="Cleo"[^>]*>(.*?)<\/w:ins>/gs)].map(
			(match) => textOf(match[1]!)
		);
		expect(insertions).toEqual(['sleepy', ' at night']);
		// The insertion follows the deleted word, and " at night" follows "late".
		expect(textOf(xml)).toContain('lazysleepy dog');
		expect(textOf(xml)).toContain('late at night.');
		const comments = await zipPart(bytes, 'word/comments.xml');
		expect(comments).toContain('Which fox?');
		expect(comments).toContain('The red one.');
		expect(comments).toMatch(/w:author="Ben"/);
		// The reply is threaded under the first message (Word's commentsExtended part).
		expect(await zipPart(bytes, 'word/commentsExtended.xml')).toContain('w15:paraIdParent');
	});

	it('exports inert HTML whatever the story and its comments contain', async () => {
		const hostile =
			'<script>alert(1)</script> <img src=x onerror=alert(2)> <iframe src="https://evil.test"></iframe> "quoted" & \'single\' <a href="javascript:alert(3)">x</a>\n';
		const id = await importId(server.url, 'hostile.txt', hostile);
		await asOwner(id).patch(`/api/stories/${id}`, { title: '</title><script>alert(4)</script>' });
		await asOwner(id).post(`/api/stories/${id}/comments`, {
			start: 0,
			end: 8,
			body: '<svg onload=alert(5)> <style>body{background:url(https://evil.test/x)}</style>',
			author: '<b onmouseover=alert(6)>Eve</b>'
		});
		await asOwner(id).post(`/api/stories/${id}/suggestions`, {
			start: 9,
			end: 15,
			replacement: '<script>alert(7)</script>',
			author: 'Eve'
		});
		for (const query of ['format=html', 'format=html&comments=1&suggestions=1', 'format=changes']) {
			const { response, bytes } = await download(server.url, id, query);
			expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
			const html = new TextDecoder().decode(bytes);
			expectInert(html);
			expect(html).toContain('&#60;/title&#62;&#60;script&#62;alert(4)');
			if (query !== 'format=changes')
				expect(html).toContain('&#60;img src=x onerror=alert(2)&#62;');
		}
		const html = new TextDecoder().decode(
			(await download(server.url, id, 'format=html&comments=1&suggestions=1')).bytes
		);
		expect(html).toContain('&#60;svg onload=alert(5)&#62;');
		expect(html).toContain('<mark');
		expect(html).toContain('<del');
	});

	it('exports threads as W3C Web Annotations on the txt export', async () => {
		const { id, text } = await reviewedStory();
		const { response, bytes } = await download(server.url, id, 'format=annotations');
		expect(response.headers.get('content-type')).toContain('application/ld+json');
		const collection = JSON.parse(new TextDecoder().decode(bytes));
		expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
		expect(collection.type).toBe('AnnotationCollection');
		const [annotation, reply] = collection.first.items;
		expect(annotation).toMatchObject({ type: 'Annotation', motivation: 'commenting' });
		expect(annotation.body).toMatchObject({ type: 'TextualBody', value: 'Which fox?' });
		const [quote, position] = annotation.target.selector;
		const start = text.indexOf('quick brown');
		expect(quote).toEqual({
			type: 'TextQuoteSelector',
			exact: 'quick brown',
			prefix: text.slice(0, start).slice(-32),
			suffix: text.slice(start + 11, start + 11 + 32)
		});
		expect(position).toEqual({ type: 'TextPositionSelector', start, end: start + 11 });
		expect(annotation.target.source).toContain(`/api/stories/${id}/export?format=txt`);
		expect(reply).toMatchObject({ motivation: 'replying', target: annotation.id });
		expect(reply.body.value).toBe('The red one.');
	});

	it('reports the changes from the imported text, and who suggested and accepted them', async () => {
		const { id } = await reviewedStory();
		const list = await asOwner(id).get(`/api/stories/${id}/suggestions`);
		const lazy = list.body.suggestions.find(
			(each: { replacement: string }) => each.replacement === 'sleepy'
		);
		expect(
			(
				await asOwner(id).post(`/api/stories/${id}/suggestions/${lazy.id}/accept`, {
					author: 'Dana'
				})
			).status
		).toBe(200);
		const { response, bytes } = await download(server.url, id, 'format=changes');
		expect(response.headers.get('content-disposition')).toContain('Fox (changes).html');
		const html = new TextDecoder().decode(bytes);
		expectInert(html);
		expect(html).toMatch(/<del>lazy<\/del><ins>sleepy<\/ins>/);
		expect(html).toContain('1 change: 1 word added, 1 word removed.');
		expect(html).toContain('Dana: suggested 0, accepted 1, rejected 0.');
		expect(html).toContain('Cleo: suggested 2, accepted 0, rejected 0.');
	});

	it('names files after the title, unicode kept and path characters removed', async () => {
		const id = await importId(server.url, 'x.txt', 'Text.\n');
		await asOwner(id).patch(`/api/stories/${id}`, { title: 'Ça/va: «bien»' });
		const { response } = await download(server.url, id, 'format=docx');
		const disposition = response.headers.get('content-disposition')!;
		expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Ça va «bien».docx')}`);
	});

	it('refuses unknown formats and contradictory options with 400', async () => {
		const id = await importId(server.url, 'x.txt', 'Text.\n');
		const unknown = await asOwner(id).get(`/api/stories/${id}/export?format=pdf`);
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.code).toBe('unknown_format');
		expect(unknown.body.error.message).toContain(
			'txt, md, html, docx, changes, annotations, authorship'
		);
		const both = await asOwner(id).get(
			`/api/stories/${id}/export?format=docx&suggestions=1&accept=all`
		);
		expect(both.status).toBe(400);
		const accept = await asOwner(id).get(`/api/stories/${id}/export?format=txt&accept=some`);
		expect(accept.status).toBe(400);
		expect(accept.body.error.message).toContain('accept');
	});
});

/** The text of WordprocessingML: the content of its w:t and w:delText elements. */
function textOf(xml: string): string {
	return [...xml.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)]
		.map((match) => match[1])
		.join('');
}

/** Parses the HTML as a browser would see its elements and finds nothing that could act. */
function expectInert(html: string): void {
	const document = parseDocument(html);
	const active: string[] = [];
	const visit = (node: (typeof document.children)[number]) => {
		const name = 'name' in node ? node.name : '';
		if (/^(script|iframe|object|embed|img|svg|form|link|base|frame)$/i.test(name)) {
			active.push(`<${name}>`);
		}
		if ('attribs' in node) {
			for (const [name, value] of Object.entries(node.attribs)) {
				if (/^on/i.test(name) || /^(src|srcset|action|formaction|background|poster)$/i.test(name))
					active.push(`${name}=`);
				if (name === 'href' && !/^(#|https?:|mailto:)/i.test(value)) active.push(`href=${value}`);
				if (/url\(|@import|https?:\/\//i.test(value) && name !== 'href' && name !== 'content')
					active.push(`${name}=${value}`);
			}
		}
		if ('children' in node) node.children.forEach(visit);
	};
	document.children.forEach(visit);
	// Only the one inline style sheet, and it loads nothing.
	const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
	expect(styles).toHaveLength(1);
	expect(styles[0]).not.toMatch(/url\(|@import/);
	expect(active).toEqual([]);
}
