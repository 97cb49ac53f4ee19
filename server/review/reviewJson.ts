import type { MessageJson, SuggestionJson, ThreadJson } from '#shared/api/types';
import type { Message, Suggestion, Thread } from '#shared/review/types';

export type { MessageJson, SuggestionJson, ThreadJson };

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
