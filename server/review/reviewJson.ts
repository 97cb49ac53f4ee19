import type {
	Message,
	ResolvedAnchor,
	SuggestionStatus,
	Suggestion,
	Thread,
	ThreadStatus
} from '#shared/review/types';

// What the API answers. Scripts want the display name as `author`; the per-browser id that
// tells two people of the same name apart comes beside it as `authorId`.

export interface MessageJson {
	id: string;
	author: string;
	authorId: string;
	body: string;
	createdAt: string;
	editedAt?: string;
}

export interface ThreadJson {
	id: string;
	status: ThreadStatus;
	anchor: ResolvedAnchor;
	messages: MessageJson[];
	createdAt: string;
}

export interface SuggestionJson {
	id: string;
	status: SuggestionStatus;
	start: number;
	end: number;
	original: string;
	replacement: string;
	author: string;
	authorId: string;
	createdAt: string;
	decidedBy?: string;
	decidedAt?: string;
	detached: boolean;
}

export function messageJson(message: Message): MessageJson {
	return {
		id: message.id,
		author: message.author.name,
		authorId: message.author.id,
		body: message.body,
		createdAt: message.createdAt,
		...(message.editedAt && { editedAt: message.editedAt })
	};
}

/** A thread view plus its creation time, which the view leaves out. */
export function threadJson(thread: Thread, createdAt: string): ThreadJson {
	return {
		id: thread.id,
		status: thread.status,
		anchor: { ...thread.anchor },
		messages: thread.messages.map(messageJson),
		createdAt
	};
}

export function suggestionJson(suggestion: Suggestion): SuggestionJson {
	return {
		id: suggestion.id,
		status: suggestion.status,
		start: suggestion.start,
		end: suggestion.end,
		original: suggestion.original,
		replacement: suggestion.replacement,
		author: suggestion.author.name,
		authorId: suggestion.author.id,
		createdAt: suggestion.createdAt,
		...(suggestion.decidedBy && { decidedBy: suggestion.decidedBy.name }),
		...(suggestion.decidedAt && { decidedAt: suggestion.decidedAt }),
		detached: suggestion.detached
	};
}
