import type pg from 'pg';
import type { Role } from '#shared/protocol/roles';
import type { LinkChange, LinkRecord, NewLink, StoredLink } from './StoryCatalog';
import { LINK_COLUMNS, linkChangeRefusal, toLink, type LinkRow } from './storedRows';

type Query = Pick<pg.PoolClient, 'query'>;
type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const WORKING = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`;

/** The `links` table in Postgres, for PostgresStore (which owns the pool and transactions). */
export class PostgresLinks {
	constructor(private readonly transaction: Transaction) {}

	async insert(client: Query, links: readonly (NewLink | StoredLink)[]): Promise<void> {
		for (const link of links) {
			await client.query(
				`INSERT INTO links (id, story_id, role, name, token_hash, created_at, expires_at,
				 revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[
					link.id,
					link.storyId,
					link.role,
					link.name,
					link.tokenHash,
					link.createdAt,
					link.expiresAt,
					'revokedAt' in link ? link.revokedAt : null
				]
			);
		}
	}

	async ofStory(client: Query, storyId: string): Promise<StoredLink[]> {
		const { rows } = await client.query<LinkRow & { token_hash: string }>(
			`SELECT ${LINK_COLUMNS}, token_hash FROM links WHERE story_id = $1
			 ORDER BY created_at, id COLLATE "C"`,
			[storyId]
		);
		return rows.map((row) => ({
			...toLink(row),
			role: row.role as Role,
			tokenHash: row.token_hash
		}));
	}

	async get(client: Query, id: string): Promise<LinkRecord | null> {
		const { rows } = await client.query<LinkRow>(
			`SELECT ${LINK_COLUMNS} FROM links WHERE id = $1`,
			[id]
		);
		return rows[0] ? toLink(rows[0]) : null;
	}

	async byTokenHash(client: Query, tokenHash: string): Promise<LinkRecord | null> {
		const { rows } = await client.query<LinkRow>(
			`SELECT ${LINK_COLUMNS} FROM links WHERE token_hash = $1`,
			[tokenHash]
		);
		return rows[0] ? toLink(rows[0]) : null;
	}

	async working(client: Query, storyId: string, now: string, lock = false): Promise<LinkRecord[]> {
		const { rows } = await client.query<LinkRow>(
			`SELECT ${LINK_COLUMNS} FROM links WHERE story_id = $1 AND ${WORKING}
			 ORDER BY created_at, id COLLATE "C"${lock ? ' FOR UPDATE' : ''}`,
			[storyId, now]
		);
		return rows.map(toLink);
	}

	/**
	 * Revokes (`change` null) or re-roles a link. The story's working links are locked first, so
	 * two owners revoking each other's links at once are judged one after the other.
	 */
	change(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string } | null,
		now: string
	): Promise<LinkChange> {
		return this.transaction(async (client): Promise<LinkChange> => {
			const working = await this.working(client, storyId, now, true);
			const refusal = linkChangeRefusal(working, linkId, change?.role ?? null);
			if (refusal) return { ok: false, reason: refusal };
			if (change) {
				await client.query('UPDATE links SET role = $2, name = $3 WHERE id = $1', [
					linkId,
					change.role,
					change.name
				]);
			} else {
				await client.query('UPDATE links SET revoked_at = $2 WHERE id = $1', [linkId, now]);
			}
			return { ok: true, link: (await this.get(client, linkId))! };
		});
	}
}
