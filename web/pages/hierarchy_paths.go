package pages

import (
	"fmt"

	"github.com/a-h/templ"
)

// The addresses of the administration of the hierarchy (issue 6); the router in
// internal/server serves them.

func adminURL(slug, rest string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/org/%s/admin/%s", slug, rest))
}

// UnitsAdminURL lists the organisation's units for editing.
func UnitsAdminURL(slug string) templ.SafeURL { return adminURL(slug, "enheder") }

// TermsAdminURL lists the organisation's begreber for editing.
func TermsAdminURL(slug string) templ.SafeURL { return adminURL(slug, "begreber") }

// LadderAdminURL lists Indsatstrappen's steps for editing.
func LadderAdminURL(slug string) templ.SafeURL { return adminURL(slug, "indsatstrappen") }

// SettingsURL is the organisation's settings (name, vision, labels).
func SettingsURL(slug string) templ.SafeURL { return adminURL(slug, "indstillinger") }

// SpreadsheetURL is the page for the samlet skema out and in.
func SpreadsheetURL(slug string) templ.SafeURL { return adminURL(slug, "skema") }

// editURL is an item page's edit form, e.g. /politikker/3/rediger.
func editURL(item templ.SafeURL) templ.SafeURL { return item + "/rediger" }

// EditURL is an item page's edit form.
func EditURL(item templ.SafeURL) templ.SafeURL { return editURL(item) }
