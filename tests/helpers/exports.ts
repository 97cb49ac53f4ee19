import { decodeXML } from 'entities';
import JSZip from 'jszip';
import { api, type ApiTarget } from './apiClient';
import { ownerOf, rememberImport } from './links';

/** Downloads one export with `token` (the owner's link unless given); throws unless it is a 200. */
export async function download(
	server: ApiTarget,
	id: string,
	query: string,
	token = ownerOf(id)
): Promise<{ response: Response; bytes: Uint8Array<ArrayBuffer> }> {
	const response = await api(server).as(token).raw(`/api/stories/${id}/export?${query}`);
	if (response.status !== 200) {
		throw new Error(`export ${query} failed: ${response.status} ${await response.text()}`);
	}
	return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * Imports one file through multipart with no token, as the story page's picker does on a server
 * without ADMIN_TOKEN; remembers the new story's links; returns the answer.
 */
export async function importFile(
	server: ApiTarget,
	name: string,
	body: string | Uint8Array<ArrayBuffer>,
	type = 'application/octet-stream'
): Promise<Response> {
	const form = new FormData();
	form.append('file', new Blob([body], { type }), name);
	const response = await api(server)
		.anonymous()
		.raw('/api/stories', { method: 'POST', body: form });
	if (response.status === 201) rememberImport(await response.clone().json());
	return response;
}

/** Imports one file and returns the new story's id. */
export async function importId(
	server: ApiTarget,
	name: string,
	body: string | Uint8Array<ArrayBuffer>
): Promise<string> {
	const response = await importFile(server, name, body);
	if (response.status !== 201) throw new Error(`import failed: ${await response.text()}`);
	return ((await response.json()) as { stories: Array<{ id: string }> }).stories[0]!.id;
}

/** One part of a .docx (or any zip), as text, read with JSZip (not Galley's own zip reader). */
export async function zipPart(bytes: Uint8Array, name: string): Promise<string> {
	const zip = await JSZip.loadAsync(bytes);
	const file = zip.file(name);
	if (!file) throw new Error(`no ${name} in the archive`);
	return file.async('string');
}

/**
 * The text of a .docx's main part, read straight from its XML (independently of Galley and of
 * mammoth, which drops line breaks): paragraphs separated by a blank line, `w:br` a line break,
 * deleted text left out.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
	const xml = await zipPart(bytes, 'word/document.xml');
	const body = xml.replace(/<w:del\b[\s\S]*?<\/w:del>/g, '');
	const paragraphs = [...body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((match) =>
		[...(match[1] ?? '').matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
			.map((token) => (token[0] === '<w:br/>' ? '\n' : decodeXML(token[1]!)))
			.join('')
	);
	return paragraphs.join('\n\n');
}
