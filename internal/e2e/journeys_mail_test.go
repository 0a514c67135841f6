package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
)

func init() {
	signedOutPages["/glemt-adgangskode"] = true
	fagchefPages["/aftaler/{id}/paamindelse"] = true // "Send påmindelse" is the fagchef's
	notPages["/adgangskode/{token}"] = "a one-time link from a mail: opened and checked in journeys_mail_test.go"
	notPages["/afmeld/{token}"] = "an unsubscribe link from a mail: opened and checked in journeys_mail_test.go"
}

// startNotifier is the app's mail: to smtp with short waits, or off (nil smtp).
func startNotifier(t *testing.T, cfg config.Config, st *store.Store, smtp *mailtest.Server) *notify.Notifier {
	t.Helper()
	return mailtest.StartNotifier(t, st, cfg.BaseURL, smtp, 0)
}

// mailTo waits (up to 30 s) for the n-th mail to the address.
func mailTo(t *testing.T, smtp *mailtest.Server, to string, n int) mailtest.Mail {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if got := smtp.MailsTo(to); len(got) >= n {
			return got[n-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no mail number %d to %s within 30 s", n, to)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// linkIn returns the absolute link of the mail's HTML part whose text is label.
func linkIn(t *testing.T, m mailtest.Mail, label string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(m.HTML))
	if err != nil {
		t.Fatal(err)
	}
	href := doc.Find("a").FilterFunction(func(_ int, a *goquery.Selection) bool {
		return strings.TrimSpace(a.Text()) == label
	}).First().AttrOr("href", "")
	if href == "" {
		t.Fatalf("the mail %q has no link %q:\n%s", m.Subject, label, m.HTML)
	}
	return href
}

// choosePassword opens a one-time link in a new tab, checks the page with axe, chooses the
// password and returns the tab, signed in.
func (a *app) choosePassword(t *testing.T, link, password string) context.Context {
	t.Helper()
	ctx := newTab(t)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(link))
	if err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open %s: %v (status %v)", link, err, resp)
	}
	if v := runAxe(t, ctx, readAxe(t)); len(v) > 0 {
		t.Errorf("the password link's page: %s", formatViolation(link, v[0]))
	}
	setValue(t, ctx, "#new", password)
	setValue(t, ctx, "#repeat", password)
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "main .alert-success"); got != "Din adgangskode er gemt, og du er logget ind." {
		t.Errorf("after choosing the password the page says %q", got)
	}
	return ctx
}

// TestJourneyInvitation: the administrator invites a user in the browser; the invitation
// arrives at the SMTP server; its link lets the user choose a password and signs them in;
// they can sign in with it afterwards.
func TestJourneyInvitation(t *testing.T) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, smtp)
	ctx := a.adminTab(t, kommune)
	const email = "inviteret@e2e.sporbar.local"
	a.open(t, ctx, "/admin/brugere/ny")
	setValue(t, ctx, "#email", email)
	setValue(t, ctx, "#name", "Inge Inviteret")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main form[action="/admin/brugere/ny"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "main .alert-success"); !strings.Contains(got, "invitation") {
		t.Errorf("after creating the user the page says %q, want that an invitation was sent", got)
	}
	m := mailTo(t, smtp, email, 1)
	if m.Subject != "Invitation til Sporbar" {
		t.Errorf("subject %q", m.Subject)
	}
	link := linkIn(t, m, "Vælg din adgangskode")
	if !strings.HasPrefix(link, a.URL+"/adgangskode/") {
		t.Errorf("the link %s does not lead to this Sporbar's page", link)
	}
	user := a.choosePassword(t, link, "inges egen adgangskode")
	if got := text(t, user, ".portal-user .user"); !strings.Contains(got, "Inge Inviteret") {
		t.Errorf("the header shows %q, want the invited user", got)
	}
	if err := a.signIn(newTab(t), email, "inges egen adgangskode"); err != nil {
		t.Errorf("sign in with the chosen password: %v", err)
	}
	again := newTab(t)
	if resp, err := chromedp.Run(again, chromedp.NavigateResponse(link)); err != nil || resp.Status != http.StatusNotFound {
		t.Errorf("the used link answered %v, %v; want 404", resp, err)
	}
}

// TestJourneyForgotPassword: "Glemt adgangskode?" on the sign-in page sends a link that sets a
// new password and signs in.
func TestJourneyForgotPassword(t *testing.T) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, smtp)
	ctx := newTab(t)
	a.open(t, ctx, "/login")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main a[href="/glemt-adgangskode"]`))); err != nil {
		t.Fatal(err)
	}
	setValue(t, ctx, "#email", a.fx.Leader)
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "main [role=status]"); !strings.Contains(got, "en time") {
		t.Errorf("after asking, the page says %q", got)
	}
	link := linkIn(t, mailTo(t, smtp, a.fx.Leader, 1), "Vælg en ny adgangskode")
	a.choosePassword(t, link, "ny adgangskode til lederen")
	if err := a.signIn(newTab(t), a.fx.Leader, "ny adgangskode til lederen"); err != nil {
		t.Errorf("sign in with the new password: %v", err)
	}
}

// TestJourneyUnsubscribe: a reminder's unsubscribe link, opened without signing in, turns
// reminders off for the person.
func TestJourneyUnsubscribe(t *testing.T) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, smtp)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := a.Notifier.RunReminders(ctx, time.Date(2030, 3, 17, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	m := mailTo(t, smtp, a.fx.Leader, 1)
	link := linkIn(t, m, "Afmeld denne slags mails")
	if got := strings.Trim(strings.Join(m.Headers["List-Unsubscribe"], ""), "<>"); got != link {
		t.Errorf("List-Unsubscribe %q, want the link %q", got, link)
	}
	tab := newTab(t)
	if resp, err := chromedp.Run(tab, chromedp.NavigateResponse(link)); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open %s: %v %v", link, resp, err)
	}
	if v := runAxe(t, tab, readAxe(t)); len(v) > 0 {
		t.Errorf("the unsubscribe page: %s", formatViolation(link, v[0]))
	}
	if _, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, tab, "main [role=status]"); !strings.Contains(got, domain.MailKindLabel(domain.MailReminder)) {
		t.Errorf("after unsubscribing the page says %q", got)
	}
	id := a.lookup(t, `SELECT id FROM users WHERE email = $1`, a.fx.Leader)
	if got := a.lookup(t, `SELECT frequency FROM mail_preferences WHERE user_id = $1::bigint AND kind = $2`, id, domain.MailReminder); got != domain.FrequencyNever {
		t.Errorf("reminders are %q after unsubscribing, want never", got)
	}
	u, _ := url.Parse(link)
	if u.Host != strings.TrimPrefix(a.URL, "http://") {
		t.Errorf("the link %s is not this Sporbar's", link)
	}
}
