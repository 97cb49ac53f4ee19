import type { Role } from '#shared/protocol/roles';

/** Who a request or connection is, as far as the server knows from its token. */
export interface Access {
	/** The story the link opens; null for ADMIN_TOKEN (every story). */
	storyId: string | null;
	/** The link's id; null for ADMIN_TOKEN. */
	linkId: string | null;
	role: Role;
	/** ISO time after which the link stops working, or null. */
	expiresAt: string | null;
	/** The name others see of whoever uses the link (stamped by the server, never the client's). */
	name: string;
	/** The review author id everything written through the link carries. */
	authorId: string;
	/** When the link was made (ISO); null for ADMIN_TOKEN. Nothing written with it is older. */
	createdAt: string | null;
}

/**
 * The writer an access stands for, as client-id bindings, the history's authorship and the
 * review-write budget key it: the link's id, or `admin` for ADMIN_TOKEN (which has no link).
 */
export function writerKey(access: Pick<Access, 'linkId'>): string {
	return access.linkId ?? 'admin';
}
