import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from './HttpError';
import { formatBytes } from '#shared/formatBytes';
import { readBody } from './readBody';

/** One uploaded file, as bytes: decoding is the import's job, not the transport's. */
export interface UploadedFile {
	filename: string;
	contentType: string;
	bytes: Uint8Array;
}

const MAX_FILES = 50;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Media types accepted as a raw (single-file) body. */
const RAW_TYPES = ['text/plain', 'text/markdown', 'text/html', DOCX_TYPE];
const ACCEPTED = `multipart/form-data (field "file"), ${RAW_TYPES.join(', ')}`;

/**
 * Reads the files of an import request: `multipart/form-data` (field `file`, repeatable) or one
 * raw `text/plain`, `text/markdown`, `text/html` or .docx body. Each file is refused (413) past `maxFileBytes`.
 */
export async function readImportFiles(
	request: IncomingMessage,
	maxFileBytes: number
): Promise<UploadedFile[]> {
	const contentType = (request.headers['content-type'] ?? '').toLowerCase();
	const mediaType = contentType.split(';')[0]!.trim();
	if (mediaType === 'multipart/form-data') return readMultipart(request, maxFileBytes);
	if (RAW_TYPES.includes(mediaType)) {
		const bytes = await readBody(request, maxFileBytes);
		return [{ filename: '', contentType: mediaType, bytes }];
	}
	request.resume();
	throw new HttpError(
		415,
		'unsupported_media_type',
		mediaType
			? `Cannot import a body of type "${mediaType}": send ${ACCEPTED}.`
			: `Missing Content-Type: send ${ACCEPTED}.`
	);
}

function readMultipart(request: IncomingMessage, maxFileBytes: number): Promise<UploadedFile[]> {
	return new Promise((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({
				headers: request.headers,
				limits: { fileSize: maxFileBytes, files: MAX_FILES, fields: 20, fieldSize: 64 * 1024 }
			});
		} catch {
			request.resume();
			reject(new HttpError(400, 'bad_multipart', 'The multipart body has no boundary.'));
			return;
		}
		const files: Promise<UploadedFile>[] = [];
		let failure: HttpError | null = null;
		const fail = (error: HttpError) => {
			failure ??= error;
		};

		parser.on('file', (field, stream, info) => {
			if (field !== 'file') {
				stream.resume();
				fail(new HttpError(400, 'bad_multipart', `Unexpected file field "${field}": use "file".`));
				return;
			}
			files.push(
				new Promise((resolveFile) => {
					const chunks: Buffer[] = [];
					stream.on('data', (chunk: Buffer) => chunks.push(chunk));
					stream.on('limit', () => {
						const name = info.filename ? `"${info.filename}"` : 'The file';
						fail(
							new HttpError(
								413,
								'too_large',
								`${name} is larger than the import limit of ${formatBytes(maxFileBytes)}.`
							)
						);
					});
					stream.on('close', () =>
						resolveFile({
							filename: info.filename ?? '',
							contentType: info.mimeType ?? '',
							bytes: Buffer.concat(chunks)
						})
					);
				})
			);
		});
		parser.on('filesLimit', () =>
			fail(new HttpError(413, 'too_many_files', `At most ${MAX_FILES} files per request.`))
		);
		parser.on('error', () => {
			request.unpipe(parser);
			request.resume();
			reject(failure ?? new HttpError(400, 'bad_multipart', 'The multipart body is malformed.'));
		});
		parser.on('close', () => {
			Promise.all(files).then((uploaded) => {
				if (failure) reject(failure);
				else if (uploaded.length === 0)
					reject(new HttpError(400, 'no_file', 'No file: send one or more in the field "file".'));
				else resolve(uploaded);
			}, reject);
		});
		request.pipe(parser);
	});
}
