import type pg from 'pg';

/**
 * Keeps a checked-out connection's failures from crashing the process and from going back to
 * the pool: a connection that drops while checked out (Postgres restarted, the network cut)
 * emits 'error' on the client, which Node turns into an uncaught exception without a listener.
 * Released with its error, the pool closes it instead of handing it out again.
 */
export function watchConnection(client: pg.PoolClient) {
	let broken: Error | undefined;
	const onError = (error: Error) => (broken = error);
	client.on('error', onError);
	return {
		/** A query failed: when not a database's answer (no SQLSTATE), the connection is suspect. */
		failed(error: unknown) {
			if (!(error instanceof Error) || 'code' in error) return;
			broken ??= error;
		},
		release() {
			client.off('error', onError);
			client.release(broken);
		}
	};
}
