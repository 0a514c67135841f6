package server

import (
	"fmt"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/web/pages"
)

// The rows of an uploaded status workbook (status_sheet.go), one at a time.

// statusUpdateOf is the status update a row makes (nil when it changes nothing) and its
// preview, or why the row is refused: an item that is not there, that the person may not
// update, that stands twice, or a change without a health.
func statusUpdateOf(row importer.StatusRow, items map[string]statusItem, seen map[string]bool, today time.Time) (
	*domain.StatusUpdate, pages.PreviewChange, string) {
	it, ok := items[row.Key]
	switch {
	case !ok:
		return nil, pages.PreviewChange{}, fmt.Sprintf("«%s» findes ikke (længere) i Sporbar.", short(row.Title, 80))
	case !it.allowed:
		return nil, pages.PreviewChange{}, fmt.Sprintf("«%s» hører til %s, som du ikke skriver status for. "+
			"Rækken kan ikke indlæses.", short(it.row.Title, 80), orNone(it.unit))
	case seen[row.Key]:
		return nil, pages.PreviewChange{}, fmt.Sprintf("«%s» står to gange.", short(it.row.Title, 80))
	}
	seen[row.Key] = true
	old := it.row
	if row.Phase == old.Phase && row.Health == old.Health && row.Progress == old.Progress && row.Comment == "" &&
		row.AsOf == nil {
		return nil, pages.PreviewChange{}, ""
	}
	if row.Health == "" {
		return nil, pages.PreviewChange{}, fmt.Sprintf("«%s»: vælg helbred (På sporet, Udfordret eller Kritisk).",
			short(old.Title, 80))
	}
	su := &domain.StatusUpdate{Phase: row.Phase, Health: row.Health, Progress: row.Progress, Comment: row.Comment,
		AsOf: today}
	if row.AsOf != nil {
		su.AsOf = *row.AsOf
	}
	id, _ := strconv.ParseInt(row.Key[1:], 10, 64)
	if row.Key[0] == 'I' {
		su.InitiativeID = &id
	} else {
		su.ActionPlanID = &id
	}
	changes := domain.Diff(domain.StatusValues(old.Phase, old.Health, old.Progress, it.status.StatusAsOf),
		domain.StatusValues(su.Phase, su.Health, su.Progress, &su.AsOf))
	if su.Comment != "" {
		changes["Kommentar"] = domain.Change{New: su.Comment}
	}
	p := previewOf([]importer.Change{{Action: domain.AuditUpdate, Level: old.Kind, Title: old.Title, Fields: changes}},
		"", "", "", "")
	return su, p.Changed[0], ""
}

func orNone(s string) string {
	if s == "" {
		return "hele organisationen"
	}
	return s
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
