import type Database from 'better-sqlite3';
import type { Role } from '#shared/protocol/roles';
import type { LinkChange, LinkRecord, NewLink, StoredLink } from './StoryCatalog';
import { LINK_COLUMNS, linkChangeRefusal, toLink, type LinkRow } from './storedRows';

/** The `links` table of galley.sqlite, for SqliteStore (which owns the connection). */
export class SqliteLinks {
	private readonly statements;

	constructor(private readonly db: Database.Database) {
		this.statements = {
			insert: db.prepare<[StoredLink]>(
				`INSERT INTO links (id, story_id, role, name, token_hash, created_at, expires_at,
				 revoked_at) VALUES (@id, @storyId, @role, @name, @tokenHash, @createdAt, @expiresAt,
				 @revokedAt)`
			),
			ofStory: db.prepare<[string], LinkRow & { token_hash: string }>(
				`SELECT ${LINK_COLUMNS}, token_hash FROM links WHERE story_id = ? ORDER BY created_at, id`
			),
			byHash: db.prepare<[string], LinkRow>(
				`SELECT ${LINK_COLUMNS} FROM links WHERE token_hash = ?`
			),
			byId: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE id = ?`),
			working: db.prepare<[string, string], LinkRow>(
				`SELECT ${LINK_COLUMNS} FROM links WHERE story_id = ? AND revoked_at IS NULL
				 AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at, id`
			),
			revoke: db.prepare<[string, string]>('UPDATE links SET revoked_at = ? WHERE id = ?'),
			update: db.prepare<[string, string, string]>(
				'UPDATE links SET role = ?, name = ? WHERE id = ?'
			)
		};
	}

	/** Inserts links; the caller runs this inside its transaction. */
	insert(links: readonly (NewLink | StoredLink)[]): void {
		for (const link of links) {
			this.statements.insert.run({
				id: link.id,
				storyId: link.storyId,
				role: link.role,
				name: link.name,
				tokenHash: link.tokenHash,
				createdAt: link.createdAt,
				expiresAt: link.expiresAt,
				revokedAt: 'revokedAt' in link ? link.revokedAt : null
			});
		}
	}

	ofStory(storyId: string): StoredLink[] {
		return this.statements.ofStory.all(storyId).map((row) => ({
			...toLink(row),
			role: row.role as Role,
			tokenHash: row.token_hash
		}));
	}

	get(id: string): LinkRecord | null {
		const row = this.statements.byId.get(id);
		return row ? toLink(row) : null;
	}

	byTokenHash(tokenHash: string): LinkRecord | null {
		const row = this.statements.byHash.get(tokenHash);
		return row ? toLink(row) : null;
	}

	working(storyId: string, now: string): LinkRecord[] {
		return this.statements.working.all(storyId, now).map(toLink);
	}

	/** Revokes (`change` null) or re-roles a link; the check and the write hold the write lock. */
	change(
		storyId: string,
		linkId: string,
		change: { role: Role; name: string } | null,
		now: string
	): LinkChange {
		return this.db
			.transaction((): LinkChange => {
				const working = this.working(storyId, now);
				const refusal = linkChangeRefusal(working, linkId, change?.role ?? null);
				if (refusal) return { ok: false, reason: refusal };
				if (change) this.statements.update.run(change.role, change.name, linkId);
				else this.statements.revoke.run(now, linkId);
				const link = this.get(linkId)!;
				return { ok: true, link };
			})
			.immediate();
	}
}
