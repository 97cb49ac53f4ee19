import { describe, expect, it } from 'vitest';
import { htmlToStoryJSON } from '#shared/formats/htmlToStory';
import { storyToHtml } from '#shared/formats/storyToHtml';
import { storySchema } from '#shared/model/schema';
import { storyJSONToText, textToStoryJSON } from '#shared/model/storyText';
import { corpusStories } from '../storyCorpus';

const text = (html: string) => storyJSONToText(htmlToStoryJSON(html), false);

describe('htmlToStoryJSON', () => {
	it('drops scripts, styles, frames, forms and media with their content', () => {
		expect(
			text(
				'<script>alert(1)</script><style>p{}</style><iframe>frame</iframe><form>form<input></form>' +
					'<object>obj</object><template>tpl</template><noscript>ns</noscript><svg><text>svg</text></svg>' +
					'<p onclick="x()" style="color:red">kept</p>'
			)
		).toBe('kept');
	});

	it('keeps only safe links', () => {
		const doc = htmlToStoryJSON(
			'<p><a href="javascript:alert(1)">a</a> <a href=" JAVASCRIPT:x">b</a> <a href="data:text/html,x">c</a> <a href="https://ok.test/">d</a></p>'
		);
		const links = JSON.stringify(doc).match(/"href":"[^"]*"/g);
		expect(links).toEqual(['"href":"https://ok.test/"']);
	});

	it('collapses whitespace as a browser renders it', () => {
		expect(text('<p>  one \n two <b> three </b> four<br>  five  </p>\n\n<p>six</p>')).toBe(
			'one two three four\nfive\n\nsix'
		);
	});

	it('maps headings, quotes, lists, code, rules and tables', () => {
		expect(
			text(
				'<h3>Head</h3><blockquote><p>q</p></blockquote><ol start="3"><li>a</li><li>b</li></ol>' +
					'<pre>x  y\n z</pre><hr><table><tr><th>h1</th><th>h2</th></tr><tr><td>c1</td><td>c2</td></tr></table>'
			)
		).toBe('Head\n\n> q\n\n3. a\n4. b\n\nx  y\n z\n\n* * *\n\nh1 | h2\n\nc1 | c2');
	});

	it('always yields a valid document, whatever the markup', () => {
		for (const html of [
			'',
			'<',
			'<p><li>x</p>',
			'<ul>text<p>p</p></ul>',
			'<a href=x><h1>h</h1></a>',
			'<b><code>c</code></b>'
		]) {
			expect(() => storySchema.nodeFromJSON(htmlToStoryJSON(html)).check()).not.toThrow();
		}
	});

	it('reads its own export back exactly, whitespace and all', () => {
		for (const story of corpusStories()) {
			const { doc } = textToStoryJSON(story.text);
			const html = storyToHtml(storySchema.nodeFromJSON(doc), { title: story.name });
			expect(storyJSONToText(htmlToStoryJSON(html), false), story.name).toBe(
				storyJSONToText(doc, false)
			);
		}
	});
});
