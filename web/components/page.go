// Package components holds the templ building blocks every page shares: the layout with its
// header, navigation and breadcrumb, badges, and the URLs of the pages.
package components

import (
	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
)

// Page is what the layout needs besides a page's own content.
type Page struct {
	Title  string               // the page's heading; the <title> is "Title – Sporbar"
	Org    *domain.Organisation // the organisation the page belongs to, for the navigation; nil on shared pages
	Crumbs []Crumb              // the way down from the organisation to this page (the last is this page)
	Nav    string               // which navigation entry is current (see NavItems)
	User   *User                // the signed-in person, nil when nobody is
	Flash  string               // a one-time message after a redirect
}

// User is the signed-in person as the layout shows them.
type User struct {
	Name, Email, Role string
}

// Crumb is one step of the breadcrumb.
type Crumb struct {
	Label string
	Href  templ.SafeURL
}

// NavItem is an entry of the main navigation.
type NavItem struct {
	Key, Label string
	Href       templ.SafeURL
}

// NavItems lists the organisation's main navigation for the signed-in person: everyone sees
// the chain and the follow-up; leaders also their own tasks; admins the administration.
func NavItems(org *domain.Organisation, u *User) []NavItem {
	if org == nil {
		return nil
	}
	var items []NavItem
	if u != nil && (u.Role == domain.RoleFagchef || u.Role == domain.RoleOmraadeleder) {
		items = append(items, NavItem{"opgaver", "Mine opgaver", "/mine-opgaver"})
	}
	items = append(items,
		NavItem{"forside", "Vision og strategi", OrganisationURL(org.Slug)},
		NavItem{"sammenhaeng", "Sammenhæng", ChainURL(org.Slug)},
		NavItem{"aftaler", "Aftaler", AgreementsURL(org.Slug)},
		NavItem{"opfoelgning", "Opfølgning", DashboardURL(org.Slug)},
		NavItem{"tidsplan", "Tidsplan", TimelineURL(org.Slug)},
		NavItem{"begreber", "Begreber", TermsURL(org.Slug)},
		NavItem{"trappen", "Indsatstrappen", LadderURL(org.Slug)},
		NavItem{"enheder", "Enheder", UnitsURL(org.Slug)},
	)
	if u != nil && u.Role == domain.RoleAdmin {
		items = append(items, NavItem{"admin", "Administration", "/admin/brugere"})
	}
	return items
}

// FollowUpTabs are the views of the follow-up section (the Opfølgning entry of the navigation).
func FollowUpTabs(slug string) []NavItem {
	return []NavItem{
		{"oversigt", "Samlet skema", DashboardURL(slug)},
		{"indsatser", "Alle indsatser", ItemListURL(slug)},
		{"rapportering", "Hvem har rapporteret", ReportingURL(slug)},
		{"direktion", "Organisationens overblik", OverviewURL(slug)},
		{"sporbarhed", "Sporbarhed", CoverageURL(slug)},
		{"udvikling", "Udvikling over tid", TrendsURL(slug)},
		{"moede", "Status til mødet", MeetingURL(slug)},
	}
}

// AdminTabs are the views of the administration of the organisation with slug.
func AdminTabs(slug string) []NavItem {
	return []NavItem{
		{"brugere", "Brugere", "/admin/brugere"},
		{"hierarki", "Politikker og strategier", HierarchyAdminURL(slug)},
		{"enheder", "Enheder", urlf("/org/%s/admin/enheder", slug)},
		{"begreber", "Begreber", urlf("/org/%s/admin/begreber", slug)},
		{"indsatstrappen", "Indsatstrappen", urlf("/org/%s/admin/indsatstrappen", slug)},
		{"indstillinger", "Indstillinger", urlf("/org/%s/admin/indstillinger", slug)},
		{"login", "Login", urlf("/org/%s/admin/login", slug)},
		{"skema", "Samlet skema", urlf("/org/%s/admin/skema", slug)},
		{"historik", "Historik", "/admin/historik"},
		{"api-noegler", "API-nøgler", APITokensURL(slug)},
		{"mails", "E-mails", "/admin/mails"},
	}
}

// APITokensURL is the administration of an organisation's API tokens.
func APITokensURL(slug string) templ.SafeURL { return urlf("/org/%s/admin/api-noegler", slug) }

// HierarchyAdminURL is the administration of an organisation's policies and strategies.
func HierarchyAdminURL(slug string) templ.SafeURL { return urlf("/org/%s/admin/hierarki", slug) }

// OrgCrumb is the breadcrumb's first step: the organisation and its vision.
func OrgCrumb(org domain.Organisation) Crumb {
	label := org.Name
	if org.Vision != "" {
		label = org.Name + ": " + org.Vision
	}
	return Crumb{Label: label, Href: OrganisationURL(org.Slug)}
}

// htmxConfig keeps htmx within the Content-Security-Policy (no eval, no inline styles) and
// lets it swap in a form that comes back with messages (422) or a conflict (409).
const htmxConfig = `{"allowEval":false,"allowScriptTags":false,"includeIndicatorStyles":false,` +
	`"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},` +
	`{"code":"422","swap":true},{"code":"409","swap":true},{"code":"[45]..","swap":false,"error":true}]}`
