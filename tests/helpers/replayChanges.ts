// What a diff says, checked: its changes applied to the `from` text must give the `to` text.

/** Applies the changes to the from text: it must give the to text. */
export function replayChanges(
	fromText: string,
	changes: ReadonlyArray<{ type: 'insert' | 'delete'; start: number; end: number; text: string }>
): string {
	let out = '';
	let fromAt = 0;
	let toAt = 0;
	for (const change of changes) {
		if (change.type === 'delete') {
			out += fromText.slice(fromAt, change.start);
			toAt += change.start - fromAt;
			fromAt = change.end;
		} else {
			out += fromText.slice(fromAt, fromAt + (change.start - toAt));
			fromAt += change.start - toAt;
			out += change.text;
			toAt = change.end;
		}
	}
	return out + fromText.slice(fromAt);
}
