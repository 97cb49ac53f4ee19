import path from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '#shared/ids';
import { ROLES, isRole, type Role } from '#shared/protocol/roles';
import type { Access } from './Access';
import { linkAuthorId, linkName } from './linkIdentity';
import { hashToken, newToken, plausibleToken, sameSecret } from './tokens';

export interface LinkInfo {
	id: string;
	role: Role;
	name: string;
	expiresAt: string | null;
}

/** What the ADMIN_TOKEN is: the operator, owner of every story. */
const ADMIN_ACCESS: Access = {
	storyId: null,
	linkId: null,
	role: 'owner',
	expiresAt: null,
	name: 'Admin',
	authorId: linkAuthorId(null),
	createdAt: null
};

interface LinkRow {
	id: string;
	story_id: string;
	role: string;
	name: string;
	expires_at: string | null;
	revoked_at: string | null;
	created_at: string;
}

/**
 * Share links: a random token per link, stored only as its SHA-256 with the story, role, expiry
 * and revocation time (the `links` table of galley.sqlite). Tokens are never kept or logged in
 * clear: only the answer that creates a link carries it.
 */
export class LinkService {
	private readonly db: Database.Database;
	private readonly statements;
	private readonly listeners: Array<(linkId: string) => void> = [];

	constructor(
		dataDir: string,
		private readonly adminToken: string | null
	) {
		// The DocumentStore opened (and migrated) the same file first; WAL lets both connections in.
		this.db = new Database(path.join(dataDir, 'galley.sqlite'));
		this.db.pragma('busy_timeout = 5000');
		const db = this.db;
		this.statements = {
			insert: db.prepare(
				`INSERT INTO links (id, story_id, role, name, token_hash, created_at, expires_at)
				 VALUES (@id, @storyId, @role, @name, @tokenHash, @createdAt, @expiresAt)`
			),
			byHash: db.prepare<[string], LinkRow>(
				'SELECT id, story_id, role, name, expires_at, revoked_at, created_at FROM links WHERE token_hash = ?'
			),
			byId: db.prepare<[string], LinkRow>(
				'SELECT id, story_id, role, name, expires_at, revoked_at, created_at FROM links WHERE id = ?'
			),
			list: db.prepare<[string], LinkRow>(
				`SELECT id, story_id, role, name, expires_at, revoked_at, created_at FROM links
				 WHERE story_id = ? AND revoked_at IS NULL ORDER BY created_at, id`
			),
			revoke: db.prepare<[string, string, string]>(
				'UPDATE links SET revoked_at = ? WHERE id = ? AND story_id = ? AND revoked_at IS NULL'
			),
			update: db.prepare<[string, string, string, string]>(
				'UPDATE links SET role = ?, name = ? WHERE id = ? AND story_id = ? AND revoked_at IS NULL'
			),
			deleteStory: db.prepare<[string]>('DELETE FROM links WHERE story_id = ?')
		};
	}

	/** Called with a link's id whenever it is revoked, re-roled or renamed. */
	onChange(listener: (linkId: string) => void): void {
		this.listeners.push(listener);
	}

	/** A new link; `name` is who it is for (the role's name when empty). */
	create(
		storyId: string,
		role: Role,
		expiresAt: string | null = null,
		name: string | null = null
	): { id: string; token: string; name: string } {
		const id = newId(16);
		const token = newToken();
		this.statements.insert.run({
			id,
			storyId,
			role,
			name: linkName(name, role),
			tokenHash: hashToken(token),
			createdAt: new Date().toISOString(),
			expiresAt
		});
		return { id, token, name: linkName(name, role) };
	}

	/**
	 * One link per role, as an import hands out: the owner's carries the importer's name when
	 * given; the others are named by role until the owner makes links for people.
	 */
	createSet(storyId: string, ownerName: string | null = null): Record<Role, string> {
		const tokens = {} as Record<Role, string>;
		for (const role of [...ROLES].reverse()) {
			tokens[role] = this.create(storyId, role, null, role === 'owner' ? ownerName : null).token;
		}
		return tokens;
	}

	/** The access a token grants (for `storyId` when given); null when unknown, expired or revoked. */
	resolve(token: string, storyId?: string): Access | null {
		if (this.adminToken && sameSecret(token, this.adminToken)) {
			return ADMIN_ACCESS;
		}
		if (!plausibleToken(token)) return null;
		const row = this.statements.byHash.get(hashToken(token));
		const access = row ? this.usable(row) : null;
		if (!access || (storyId !== undefined && access.storyId !== storyId)) return null;
		return access;
	}

	/** The best access any of `tokens` grants for `storyId`. */
	resolveAny(tokens: readonly string[], storyId: string): Access | null {
		let best: Access | null = null;
		for (const token of tokens) {
			const access = this.resolve(token, storyId);
			if (access && (!best || ROLES.indexOf(access.role) > ROLES.indexOf(best.role))) best = access;
		}
		return best;
	}

	isAdmin(tokens: readonly string[]): boolean {
		return !!this.adminToken && tokens.some((token) => sameSecret(token, this.adminToken!));
	}

	/** The link's current access, or null once revoked, expired or gone (for open connections). */
	current(linkId: string): Access | null {
		const row = this.statements.byId.get(linkId);
		return row ? this.usable(row) : null;
	}

	list(storyId: string): LinkInfo[] {
		return this.statements.list
			.all(storyId)
			.filter((row) => !expired(row.expires_at))
			.map((row) => ({
				id: row.id,
				role: row.role as Role,
				name: linkName(row.name, row.role as Role),
				expiresAt: row.expires_at
			}));
	}

	/**
	 * Who a writer (a link id, or `admin`) is as history shows them: the id their review work
	 * carries and their link's name, also once the link is revoked or expired.
	 */
	identityOf(writer: string): { id: string; name: string } {
		if (writer === 'admin') return { id: linkAuthorId(null), name: 'Admin' };
		const row = this.statements.byId.get(writer);
		return {
			id: linkAuthorId(writer),
			name: row ? linkName(row.name, row.role as Role) : 'someone'
		};
	}

	revoke(storyId: string, linkId: string): boolean {
		const changed =
			this.statements.revoke.run(new Date().toISOString(), linkId, storyId).changes > 0;
		if (changed) this.emit(linkId);
		return changed;
	}

	/**
	 * Changes a working link's role and/or name (open connections follow within a second); the
	 * link as it is now, or null when there is no such working link.
	 */
	update(storyId: string, linkId: string, patch: { role?: Role; name?: string }): LinkInfo | null {
		const row = this.statements.byId.get(linkId);
		if (!row || row.story_id !== storyId || !this.usable(row)) return null;
		const role = patch.role ?? (row.role as Role);
		const name = linkName(patch.name ?? row.name, role);
		this.statements.update.run(role, name, linkId, storyId);
		this.emit(linkId);
		return { id: linkId, role, name, expiresAt: row.expires_at };
	}

	removeStory(storyId: string): void {
		this.statements.deleteStory.run(storyId);
	}

	close(): void {
		this.db.close();
	}

	private usable(row: LinkRow): Access | null {
		if (row.revoked_at || expired(row.expires_at) || !isRole(row.role)) return null;
		return {
			storyId: row.story_id,
			linkId: row.id,
			role: row.role,
			expiresAt: row.expires_at,
			name: linkName(row.name, row.role),
			authorId: linkAuthorId(row.id),
			createdAt: row.created_at
		};
	}

	private emit(linkId: string): void {
		for (const listener of this.listeners) listener(linkId);
	}
}

function expired(expiresAt: string | null): boolean {
	return expiresAt !== null && Date.parse(expiresAt) <= Date.now();
}
