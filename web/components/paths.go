package components

import (
	"fmt"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/web"
)

// The URLs of Sporbar's pages, in one place: the router in internal/server serves these paths.

func urlf(format string, a ...any) templ.SafeURL { return templ.SafeURL(fmt.Sprintf(format, a...)) }

// OrganisationURL is an organisation's front page.
func OrganisationURL(slug string) templ.SafeURL { return urlf("/org/%s", slug) }

// ChainURL is an organisation's Sammenhæng page (Bilag 1 as a live table).
func ChainURL(slug string) templ.SafeURL { return urlf("/org/%s/sammenhaeng", slug) }

// TermsURL is an organisation's glossary.
func TermsURL(slug string) templ.SafeURL { return urlf("/org/%s/begreber", slug) }

// LadderURL is an organisation's Indsatstrappe.
func LadderURL(slug string) templ.SafeURL { return urlf("/org/%s/indsatstrappen", slug) }

// AgreementsURL lists an organisation's agreements.
func AgreementsURL(slug string) templ.SafeURL { return urlf("/org/%s/aftaler", slug) }

// UnitsURL shows an organisation's unit tree.
func UnitsURL(slug string) templ.SafeURL { return urlf("/org/%s/enheder", slug) }

// The follow-up views of an organisation.
func DashboardURL(slug string) templ.SafeURL { return urlf("/org/%s/oversigt", slug) }
func ItemListURL(slug string) templ.SafeURL  { return urlf("/org/%s/indsatser", slug) }
func ReportingURL(slug string) templ.SafeURL { return urlf("/org/%s/rapportering", slug) }
func OverviewURL(slug string) templ.SafeURL  { return urlf("/org/%s/direktion", slug) }
func CoverageURL(slug string) templ.SafeURL  { return urlf("/org/%s/sporbarhed", slug) }
func TrendsURL(slug string) templ.SafeURL    { return urlf("/org/%s/udvikling", slug) }
func TimelineURL(slug string) templ.SafeURL  { return urlf("/org/%s/tidsplan", slug) }
func MeetingURL(slug string) templ.SafeURL   { return urlf("/org/%s/moede", slug) }
func PublicURL(slug string) templ.SafeURL    { return urlf("/offentlig/%s", slug) }

func PolicyURL(id int64) templ.SafeURL     { return urlf("/politikker/%d", id) }
func ObjectiveURL(id int64) templ.SafeURL  { return urlf("/maalsaetninger/%d", id) }
func GoalURL(id int64) templ.SafeURL       { return urlf("/maal/%d", id) }
func StrategyURL(id int64) templ.SafeURL   { return urlf("/strategier/%d", id) }
func TrackURL(id int64) templ.SafeURL      { return urlf("/spor/%d", id) }
func InitiativeURL(id int64) templ.SafeURL { return urlf("/indsatser/%d", id) }
func ActionPlanURL(id int64) templ.SafeURL { return urlf("/handleplaner/%d", id) }
func UnitURL(id int64) templ.SafeURL       { return urlf("/enheder/%d", id) }
func AgreementURL(id int64) templ.SafeURL  { return urlf("/aftaler/%d", id) }
func TermURL(id int64) templ.SafeURL       { return urlf("/begreber/%d", id) }
func UserURL(id int64) templ.SafeURL       { return urlf("/admin/brugere/%d", id) }
func AnnualPlanURL(id int64) templ.SafeURL { return urlf("/indsatsplaner/%d", id) }

// StaticURL is the address of a static asset, versioned by the assets' content.
func StaticURL(path string) string { return "/static/" + path + "?v=" + web.AssetVersion() }

// EntityURL is the page of an audited item ("#" for kinds without a page).
func EntityURL(entity string, id int64) templ.SafeURL {
	switch entity {
	case "initiative":
		return InitiativeURL(id)
	case "action_plan":
		return ActionPlanURL(id)
	case "agreement":
		return AgreementURL(id)
	case "user":
		return UserURL(id)
	case "indicator":
		return urlf("/indikatorer/%d", id)
	case "policy":
		return PolicyURL(id)
	case "objective":
		return ObjectiveURL(id)
	case "goal":
		return GoalURL(id)
	case "strategy":
		return StrategyURL(id)
	case "track":
		return TrackURL(id)
	case "unit":
		return UnitURL(id)
	case "term":
		return TermURL(id)
	}
	return "#"
}

// SearchURL is the organisation's search; with a query, its results.
func SearchURL(slug string) templ.SafeURL { return urlf("/org/%s/soeg", slug) }
