package notify

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// TestLetter: one letter, written as text and as HTML, says the same: greeting, paragraphs,
// the items under their groups with their links, the main link and the footer with why and
// where to change it. Text from the data is escaped in the HTML.
func TestLetter(t *testing.T) {
	t.Parallel()
	l := Letter{Subject: "Emne", Greeting: "Hej Åse", Paragraphs: []string{"Første <afsnit>."},
		Items: []LetterItem{
			{Group: "Hjemmeplejen", Title: "Tidlig opsporing", Detail: "slutter i dag", URL: "http://s/indsatser/1"},
			{Group: "Hjemmeplejen", Title: "1-A Rehabilitering", URL: "http://s/handleplaner/2"},
			{Group: "Ældrecentre", Title: "Demens & trivsel", URL: "http://s/indsatser/3"},
		},
		ActionLabel: "Se dine opgaver", ActionURL: "http://s/mine-opgaver", Why: "Du får denne mail, fordi du er leder.",
		SettingsURL: "http://s/profil", Unsubscribe: "http://s/afmeld/x"}

	text := l.Text()
	for _, want := range []string{"Hej Åse\n\nFørste <afsnit>.\n\n", "Hjemmeplejen\n- Tidlig opsporing (slutter i dag)\n  http://s/indsatser/1\n",
		"Ældrecentre\n- Demens & trivsel\n", "Se dine opgaver: http://s/mine-opgaver", "-- \nDu får denne mail, fordi du er leder.",
		"Min profil: http://s/profil", "Afmeld denne slags mails: http://s/afmeld/x"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}

	html, err := l.HTML()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{}
	doc.Find("a").Each(func(_ int, a *goquery.Selection) { links[strings.TrimSpace(a.Text())] = a.AttrOr("href", "") })
	wantLinks := map[string]string{"Tidlig opsporing": "http://s/indsatser/1", "1-A Rehabilitering": "http://s/handleplaner/2",
		"Demens & trivsel": "http://s/indsatser/3", "Se dine opgaver": "http://s/mine-opgaver",
		"Vælg hvilke mails du får under Min profil": "http://s/profil", "Afmeld denne slags mails": "http://s/afmeld/x"}
	if diff := cmp.Diff(wantLinks, links); diff != "" {
		t.Errorf("HTML links (-want +got):\n%s", diff)
	}
	checks := []struct{ name, got, want string }{
		{"lang", doc.Find("html").AttrOr("lang", ""), "da"},
		{"title", doc.Find("title").Text(), "Emne"},
		{"groups", strings.Join(doc.Find("h2").Map(func(_ int, s *goquery.Selection) string { return s.Text() }), "|"), "Hjemmeplejen|Ældrecentre"},
		{"escaped paragraph", doc.Find("p").Eq(1).Text(), "Første <afsnit>."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}
