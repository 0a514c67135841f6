package domain

import (
	"sort"
	"strconv"
	"time"
)

// Audit actions.
const (
	AuditCreate  = "create"
	AuditUpdate  = "update"
	AuditArchive = "archive"
	AuditRestore = "restore"
	AuditStatus  = "status"
	AuditComment = "comment"
	AuditApprove = "approve"
	AuditDelete  = "delete"

	// User administration (entity EntityUser).
	AuditPasswordReset = "password_reset" // the admin gave the user a new generated password
	AuditDeactivate    = "deactivate"
	AuditReactivate    = "reactivate"
	AuditThrottleReset = "throttle_reset" // the admin forgot the user's failed sign-ins
)

// AuditActionLabel is an audit action's Danish name.
func AuditActionLabel(a string) string {
	switch a {
	case AuditCreate:
		return "Oprettet"
	case AuditUpdate:
		return "Ændret"
	case AuditArchive:
		return "Arkiveret"
	case AuditRestore:
		return "Genskabt"
	case AuditStatus:
		return "Statusopdatering"
	case AuditComment:
		return "Kommentar"
	case AuditApprove:
		return "Godkendt"
	case AuditDelete:
		return "Slettet"
	case AuditPasswordReset:
		return "Ny adgangskode dannet"
	case AuditDeactivate:
		return "Deaktiveret"
	case AuditReactivate:
		return "Genaktiveret"
	case AuditThrottleReset:
		return "Log ind-forsøg nulstillet"
	}
	return a
}

// Audited entities.
const (
	EntityAgreement  = "agreement"
	EntityInitiative = "initiative"
	EntityActionPlan = "action_plan"
	EntityUser       = "user"
)

// Change is a field's value before and after a change ("" when it had none).
type Change struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// AuditEntry is one row of the change history.
type AuditEntry struct {
	ID             int64
	OrganisationID int64
	ActorID        *int64
	ActorName      string
	At             time.Time
	Action         string
	Entity         string
	EntityID       int64
	UnitID         *int64
	Title          string
	Changes        map[string]Change
}

// ChangedFields lists the names of the changed fields in a stable order.
func (e AuditEntry) ChangedFields() []string {
	names := make([]string, 0, len(e.Changes))
	for k := range e.Changes {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Diff returns the fields whose values differ between before and after (by the Danish field
// names the maps use). A field missing on one side counts as "".
func Diff(before, after map[string]string) map[string]Change {
	out := map[string]Change{}
	for k, a := range after {
		if b := before[k]; b != a {
			out[k] = Change{Old: b, New: a}
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok && b != "" {
			out[k] = Change{Old: b}
		}
	}
	return out
}

// AuditValues are the initiative's fields as the history shows them.
func (i Initiative) AuditValues() map[string]string {
	return map[string]string{
		"Titel": i.Title, "Beskrivelse": i.Description, "Ansvarlig": i.Responsible,
		"Start": dateText(i.StartDate), "Slut": dateText(i.EndDate), "Vægt": weightText(i.Weight),
	}
}

// AuditValues are the action plan's fields as the history shows them.
func (a ActionPlan) AuditValues() map[string]string {
	step := ""
	if a.LadderStepID != nil {
		step = strconv.FormatInt(*a.LadderStepID, 10)
	}
	return map[string]string{
		"Nr.": a.Code, "Titel": a.Title, "Beskrivelse": a.Description, "Ansvarlig": a.Responsible,
		"Start": dateText(a.StartDate), "Frist": dateText(a.Deadline), "Trin på Indsatstrappen": step,
		"Vægt": weightText(a.Weight),
	}
}

// UserAuditValues are a user's fields as the history shows them; unitName is the name of the
// user's unit ("" for none). Never the password or its hash.
func UserAuditValues(u User, unitName string) map[string]string {
	return map[string]string{"E-mail": u.Email, "Navn": u.Name, "Rolle": RoleLabel(u.Role), "Enhed": unitName}
}

// StatusValues are a status's fields as the history shows them.
func StatusValues(phase, health string, progress int16, asOf *time.Time) map[string]string {
	return map[string]string{
		"Fase": PhaseLabel(phase), "Helbred": HealthLabel(health),
		"Fremdrift": strconv.Itoa(int(progress)) + " %", "Dato": dateText(asOf),
	}
}

func dateText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func weightText(w float64) string {
	if w == 0 {
		return ""
	}
	return strconv.FormatFloat(w, 'f', -1, 64)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
