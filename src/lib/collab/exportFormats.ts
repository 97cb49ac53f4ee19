/** The export menu: the everyday formats first, the review ones after. */
export const EXPORTS = [
	{ query: 'format=txt', label: 'Plain text', hint: '.txt' },
	{ query: 'format=txt&accept=all', label: 'Text, suggestions applied', hint: '.txt' },
	{ query: 'format=md', label: 'Markdown', hint: '.md' },
	{ query: 'format=html', label: 'Web page', hint: '.html' },
	{ query: 'format=docx', label: 'Word', hint: '.docx' },
	{
		query: 'format=docx&comments=1&suggestions=1',
		label: 'Word, comments and tracked changes',
		hint: '.docx'
	},
	{ query: 'format=changes', label: 'Changes report', hint: '.html' },
	{ query: 'format=annotations', label: 'Comments, Web Annotations', hint: '.jsonld' },
	{ query: 'format=authorship', label: 'Who wrote what', hint: '.json' }
] as const;
