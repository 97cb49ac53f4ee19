import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Mapping } from '@tiptap/pm/transform';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { Confidence, FlagKind } from '#shared/proofing/types';
import { editMapping } from './editMapping';

/**
 * The checker's underlines: decorations, never marks. A new set arrives with each check; in
 * between the set is mapped through every transaction, so underlines follow typing. The plugin
 * also keeps the mapping of every edit since the last check was sent ("tracking"), so a result
 * computed on older text is placed where its words are now.
 */
export const checkerUnderlinesKey = new PluginKey<CheckerUnderlines>('galleyCheckerUnderlines');

export interface CheckerUnderlines {
	set: DecorationSet;
	/** The check the mapping belongs to. */
	generation: number;
	/** Every edit since that check's text was read. */
	mapping: Mapping;
}

type Meta = { paint: DecorationSet } | { track: number };

/** Each decoration names its flag, so one flag's underline can be found and replaced. */
interface FlagSpec {
	flagId: string;
}

export interface Underline {
	id: string;
	from: number;
	to: number;
	kind: FlagKind;
	/** A "possible" flag is drawn fainter (dotted) than a "likely" one. */
	confidence?: Confidence;
}

/** What an underline's look depends on besides where it is. */
export type UnderlineStyle = Pick<Underline, 'kind' | 'confidence'>;

export function checkerUnderlinesPlugin(onClick: (ids: string[]) => void): Plugin {
	return new Plugin<CheckerUnderlines>({
		key: checkerUnderlinesKey,
		state: {
			init: () => ({ set: DecorationSet.empty, generation: -1, mapping: new Mapping() }),
			apply(tr, previous) {
				let { set, generation, mapping } = previous;
				if (tr.docChanged) {
					const edits = editMapping(tr);
					set = set.map(edits, tr.doc);
					mapping = new Mapping([...mapping.maps, ...edits.maps]);
				}
				const meta = tr.getMeta(checkerUnderlinesKey) as Meta | undefined;
				if (meta && 'track' in meta) {
					generation = meta.track;
					mapping = new Mapping();
				}
				if (meta && 'paint' in meta) set = meta.paint;
				return set === previous.set && mapping === previous.mapping && !meta
					? previous
					: { set, generation, mapping };
			}
		},
		props: {
			decorations: (state: EditorState) => checkerUnderlinesKey.getState(state)?.set,
			handleClick(view, pos) {
				const set = checkerUnderlinesKey.getState(view.state)?.set;
				const hit = set?.find(pos, pos) ?? [];
				if (hit.length > 0) {
					hit.sort((a, b) => a.to - a.from - (b.to - b.from));
					onClick(hit.map((decoration) => (decoration.spec as FlagSpec).flagId));
				}
				return false;
			}
		}
	});
}

/** Starts tracking edits for check `generation` (its text is the document as it is now). */
export function trackForCheck(view: EditorView, generation: number): void {
	publish(view, { track: generation });
}

/** The tracking state: which check it is for and the edits since. */
export function checkerTracking(state: EditorState): CheckerUnderlines | undefined {
	return checkerUnderlinesKey.getState(state);
}

/** Replaces every underline. */
export function paintUnderlines(
	view: EditorView,
	underlines: readonly Underline[],
	focusedId: string | null
): void {
	const { doc } = view.state;
	const size = doc.content.size;
	const decorations = underlines.flatMap((line) => decorationsOf(line, focusedId, size));
	publish(view, { paint: DecorationSet.create(doc, decorations) });
}

/** Where a flag's underline is now (it follows edits), or null when it is gone. */
export function underlineRange(
	state: EditorState,
	id: string
): { from: number; to: number } | null {
	const set = checkerUnderlinesKey.getState(state)?.set;
	const found = set?.find(undefined, undefined, (spec: FlagSpec) => spec.flagId === id)[0];
	return found ? { from: found.from, to: found.to } : null;
}

/** Redraws some flags' underlines where they are now, with the focused one drawn stronger. */
export function restyleUnderlines(
	view: EditorView,
	ids: ReadonlySet<string>,
	styles: ReadonlyMap<string, UnderlineStyle>,
	focusedId: string | null
): void {
	const set = checkerUnderlinesKey.getState(view.state)?.set ?? DecorationSet.empty;
	const old = set.find(undefined, undefined, (spec: FlagSpec) => ids.has(spec.flagId));
	const size = view.state.doc.content.size;
	const fresh = old.flatMap((decoration) => {
		const id = (decoration.spec as FlagSpec).flagId;
		const style = styles.get(id);
		if (!style) return [];
		const line = { id, ...style, from: decoration.from, to: decoration.to };
		return decorationsOf(line, focusedId, size);
	});
	publish(view, { paint: set.remove(old).add(view.state.doc, fresh) });
}

function publish(view: EditorView, meta: Meta): void {
	view.dispatch(view.state.tr.setMeta(checkerUnderlinesKey, meta).setMeta('addToHistory', false));
}

function decorationsOf(line: Underline, focusedId: string | null, size: number): Decoration[] {
	const from = Math.min(line.from, size);
	const to = Math.min(Math.max(line.to, from), size);
	const spec: FlagSpec = { flagId: line.id };
	const className =
		`checker-flag checker-${line.kind}` +
		(line.confidence === 'possible' ? ' is-possible' : '') +
		(line.id === focusedId ? ' is-focused' : '');
	if (from < to) return [Decoration.inline(from, to, { class: className }, spec)];
	return [
		Decoration.widget(from, () => insertionMark(className), {
			...spec,
			side: -1,
			key: `${line.id}:${className}`,
			ignoreSelection: true
		})
	];
}

/** Where something is missing: a small mark between two characters. */
function insertionMark(className: string): HTMLElement {
	const element = document.createElement('span');
	element.className = `${className} checker-insertion`;
	element.contentEditable = 'false';
	return element;
}
