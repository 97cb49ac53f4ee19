/** Why a story operation was refused; the HTTP layer and the CLI each map these in one place. */
export type StoryErrorKind =
	| 'not-found'
	| 'too-large'
	| 'too-complex'
	| 'unsupported-type'
	| 'binary'
	| 'invalid'
	/** Stored rows that do not apply whole (found while reading them on a worker). */
	| 'damaged';

export class StoryError extends Error {
	constructor(
		readonly kind: StoryErrorKind,
		message: string
	) {
		super(message);
		this.name = 'StoryError';
	}
}
