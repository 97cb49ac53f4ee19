/** Why a comment or suggestion operation was refused; the HTTP layer maps these in one place. */
export type ReviewErrorKind =
	| 'thread-not-found'
	| 'suggestion-not-found'
	| 'invalid-range'
	| 'nothing-to-anchor'
	| 'no-change'
	| 'suggestion-stale'
	| 'suggestion-decided'
	| 'too-many'
	| 'not-yours';

export class ReviewError extends Error {
	constructor(
		readonly kind: ReviewErrorKind,
		message: string
	) {
		super(message);
		this.name = 'ReviewError';
	}
}
