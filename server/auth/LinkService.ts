import { newId } from '#shared/ids';
import { ROLES, isRole, type Role } from '#shared/protocol/roles';
import type { LinkRecord, NewLink, StoryCatalog } from '../storage/StoryCatalog';
import type { Access } from './Access';
import { linkAuthorId, linkName } from './linkIdentity';
import { hashToken, newToken, plausibleToken, sameSecret } from './tokens';

export interface LinkInfo {
	id: string;
	role: Role;
	name: string;
	expiresAt: string | null;
}

/** Links made but not stored yet, with their tokens (to hand out once they are stored). */
export interface IssuedLinks {
	links: NewLink[];
	tokens: Record<Role, string>;
}

/** Why a link was not changed: there is no such working link, or it is the last owner link. */
export type LinkRefusal = 'not-found' | 'last-owner';

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

/**
 * Share links: a random token per link, stored (through the store's catalog) only as its SHA-256
 * with the story, role, expiry and revocation time. Tokens are never kept or logged in clear:
 * only the answer that creates a link carries it.
 */
export class LinkService {
	private readonly listeners: Array<(linkId: string) => void> = [];

	constructor(
		private readonly catalog: StoryCatalog,
		private readonly adminToken: string | null
	) {}

	/** Called with a link's id whenever it is revoked, re-roled or renamed. */
	onChange(listener: (linkId: string) => void): void {
		this.listeners.push(listener);
	}

	/** A new link; `name` is who it is for (the role's name when empty). */
	async create(
		storyId: string,
		role: Role,
		expiresAt: string | null = null,
		name: string | null = null
	): Promise<{ id: string; token: string; name: string }> {
		const { link, token } = issue(storyId, role, expiresAt, name);
		await this.catalog.createLinks([link]);
		return { id: link.id, token, name: link.name };
	}

	/**
	 * One link per role, as an import hands out, not stored yet: the story's creation stores them
	 * with it (see StoryCatalog.createStory). The owner's carries the importer's name when given;
	 * the others are named by role until the owner makes links for people.
	 */
	issueSet(storyId: string, ownerName: string | null = null): IssuedLinks {
		const issued: IssuedLinks = { links: [], tokens: {} as Record<Role, string> };
		for (const role of [...ROLES].reverse()) {
			const { link, token } = issue(storyId, role, null, role === 'owner' ? ownerName : null);
			issued.links.push(link);
			issued.tokens[role] = token;
		}
		return issued;
	}

	/** The owner link alone (the CLI's import), not stored yet: see issueSet. */
	issueOwner(storyId: string): IssuedLinks {
		const { link, token } = issue(storyId, 'owner', null, null);
		return { links: [link], tokens: { owner: token } as Record<Role, string> };
	}

	/** The access a token grants (for `storyId` when given); null when unknown, expired or revoked. */
	async resolve(token: string, storyId?: string): Promise<Access | null> {
		if (this.adminToken && sameSecret(token, this.adminToken)) {
			return ADMIN_ACCESS;
		}
		if (!plausibleToken(token)) return null;
		const link = await this.catalog.linkByTokenHash(hashToken(token));
		const access = link ? usable(link) : null;
		if (!access || (storyId !== undefined && access.storyId !== storyId)) return null;
		return access;
	}

	/** The best access any of `tokens` grants for `storyId`. */
	async resolveAny(tokens: readonly string[], storyId: string): Promise<Access | null> {
		let best: Access | null = null;
		for (const token of tokens) {
			const access = await this.resolve(token, storyId);
			if (access && (!best || ROLES.indexOf(access.role) > ROLES.indexOf(best.role))) best = access;
		}
		return best;
	}

	/**
	 * The best role `tokens` grant on each story they are links to (the library's listing): each
	 * token looked up once, not once per story.
	 */
	async rolesByStory(tokens: readonly string[]): Promise<Map<string, Role>> {
		const best = new Map<string, Role>();
		for (const access of await Promise.all(tokens.map((token) => this.resolve(token)))) {
			if (!access?.storyId) continue;
			const held = best.get(access.storyId);
			if (!held || ROLES.indexOf(access.role) > ROLES.indexOf(held)) {
				best.set(access.storyId, access.role);
			}
		}
		return best;
	}

	isAdmin(tokens: readonly string[]): boolean {
		return !!this.adminToken && tokens.some((token) => sameSecret(token, this.adminToken!));
	}

	/** The link's current access, or null once revoked, expired or gone (for open connections). */
	async current(linkId: string): Promise<Access | null> {
		const link = await this.catalog.getLink(linkId);
		return link ? usable(link) : null;
	}

	async list(storyId: string): Promise<LinkInfo[]> {
		const links = await this.catalog.listLinks(storyId, new Date().toISOString());
		return links.filter((link) => isRole(link.role)).map(toInfo);
	}

	/**
	 * Who a writer (a link id, or `admin`) is as history shows them: the id their review work
	 * carries and their link's name, also once the link is revoked or expired.
	 */
	async identityOf(writer: string): Promise<{ id: string; name: string }> {
		if (writer === 'admin') return { id: linkAuthorId(null), name: 'Admin' };
		const link = await this.catalog.getLink(writer);
		return {
			id: linkAuthorId(writer),
			name: link && isRole(link.role) ? linkName(link.name, link.role) : 'someone'
		};
	}

	/** Revokes a working link, unless it is the story's last owner link. */
	async revoke(storyId: string, linkId: string): Promise<LinkRefusal | null> {
		const change = await this.catalog.revokeLink(storyId, linkId, new Date().toISOString());
		if (!change.ok) return change.reason;
		this.emit(linkId);
		return null;
	}

	/**
	 * Changes a working link's role and/or name (open connections follow within a second),
	 * unless that downgrades the story's last owner link; the link as it is now, or why not.
	 */
	async update(
		storyId: string,
		linkId: string,
		patch: { role?: Role; name?: string }
	): Promise<LinkInfo | LinkRefusal> {
		const link = await this.catalog.getLink(linkId);
		if (!link || link.storyId !== storyId || !usable(link)) return 'not-found';
		const role = patch.role ?? (link.role as Role);
		const name = linkName(patch.name ?? link.name, role);
		const change = await this.catalog.updateLink(
			storyId,
			linkId,
			{ role, name },
			new Date().toISOString()
		);
		if (!change.ok) return change.reason;
		this.emit(linkId);
		return toInfo(change.link);
	}

	private emit(linkId: string): void {
		for (const listener of this.listeners) listener(linkId);
	}
}

function issue(
	storyId: string,
	role: Role,
	expiresAt: string | null,
	name: string | null
): { link: NewLink; token: string } {
	const token = newToken();
	return {
		token,
		link: {
			id: newId(16),
			storyId,
			role,
			name: linkName(name, role),
			tokenHash: hashToken(token),
			createdAt: new Date().toISOString(),
			expiresAt
		}
	};
}

function toInfo(link: LinkRecord): LinkInfo {
	const role = link.role as Role;
	return { id: link.id, role, name: linkName(link.name, role), expiresAt: link.expiresAt };
}

function usable(link: LinkRecord): Access | null {
	if (link.revokedAt || expired(link.expiresAt) || !isRole(link.role)) return null;
	return {
		storyId: link.storyId,
		linkId: link.id,
		role: link.role,
		expiresAt: link.expiresAt,
		name: linkName(link.name, link.role),
		authorId: linkAuthorId(link.id),
		createdAt: link.createdAt
	};
}

function expired(expiresAt: string | null): boolean {
	return expiresAt !== null && Date.parse(expiresAt) <= Date.now();
}
