/**
 * WebSocket close codes Galley uses. 1xxx are the standard ones; 4xxx are ours
 * (mirroring HTTP statuses so a client can tell "log in again" from "you may not").
 */
export const CloseCode = {
	/** Server shutting down or room removed: reconnect later. */
	goingAway: 1001,
	/** A frame that could not be decoded, or an unknown message type. */
	protocolError: 1002,
	/** A message that decoded but cannot be accepted (e.g. an update with missing parts). */
	invalidData: 1007,
	/** Awareness state too large or too deep. */
	policyViolation: 1008,
	/** A frame over MAX_MESSAGE_BYTES. */
	messageTooBig: 1009,
	/** The server failed unexpectedly while handling the message. */
	internalError: 1011,
	/** Rate limited: try again later. */
	tryAgainLater: 1013,
	/** The connection's credentials are unknown, expired or revoked. */
	unauthorized: 4401,
	/** The connection may not do what it tried. */
	forbidden: 4403,
	/** The story does not exist (or was deleted). */
	notFound: 4404,
	/**
	 * The story's saved data is damaged: kept aside, it will not open until repaired (like the
	 * API's 409 `story_damaged`; y-websocket stops reconnecting on 44xx codes).
	 */
	storyDamaged: 4409,
	/**
	 * The story has reached MAX_STORY_BYTES of text: an edit adding text was refused. Final for
	 * a stock client; Galley's reconnects once its person has deleted text.
	 */
	storyFull: 4413,
	/**
	 * The server could not save the edits just sent (its disk is full or unwritable): nothing of
	 * them was kept. Reconnect later, backing off; the edits are resent then (45xx: y-websocket
	 * retries these, like HTTP 503).
	 */
	notSaved: 4503,
	/** Too many comments, replies and suggestions from this link this minute: back off (HTTP 429). */
	slowDown: 4529
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
