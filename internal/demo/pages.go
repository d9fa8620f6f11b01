package demo

import "dateline/internal/settings"

// sitePages are the demo site's own pages, linked from the footer.
func sitePages() []settings.Page {
	return []settings.Page{
		{Slug: settings.TermsSlug, Title: "Terms of service", InFooter: true, Position: 0, BodyMarkdown: `## Using this site

You may read, print and link to the stories on this site for your own use. Please ask before republishing them.

## Reader messages

When you write to us, we may publish your comment with your name and place, and we may shorten it. We never publish your email address.

## Links to other sites

Links to other sites are given for information. We do not endorse them and are not responsible for what they say.`},
		{Slug: "corrections-policy", Title: "Corrections policy", InFooter: true, Position: 1, BodyMarkdown: `When we get something
wrong, we say so on the story itself: a note at the foot of the page says what was
wrong and when we changed it, and the story's "Updated" time moves.

We correct facts, names, numbers and quotations. We do not quietly rewrite what a story
said; an update that adds new information is marked as an update, not a correction.

To ask for a correction, use the form under any story or write to the newsroom from the
contact page. An editor reads every request.`},
		{Slug: "masthead", Title: "Masthead", InFooter: true, Position: 2, BodyMarkdown: `## Editors

Daniel Brooks, editor. Mei Lin Chau, bureau chief, Hong Kong.

## Bureaus

Hong Kong, London and New York, with correspondents in Tokyo, Geneva and Nairobi.

## Contact

Readers reach the newsroom through the contact page; tips are read every day.`},
	}
}
