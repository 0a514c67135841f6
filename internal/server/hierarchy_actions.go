package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Moving, archiving and deleting an item of the hierarchy: the same three POST handlers for every
// level, given how to load the item.

// adminItem is an item of the hierarchy as the generic handlers need it.
type adminItem struct {
	org    domain.Organisation
	lv     store.Level
	id     int64
	title  string
	the    string // the item in definite form, capitalised: "Sporet"
	neuter bool   // referred to as "det" (else "den")
	edit   templ.SafeURL
	back   templ.SafeURL // where to go after archiving or deleting it
	hidden map[string]string
}

// pronoun is "det" or "den".
func (it adminItem) pronoun() string {
	if it.neuter {
		return "det"
	}
	return "den"
}

// itemLoader loads the item a request names and checks that the signed-in person may edit it.
type itemLoader func(r *http.Request) (adminItem, error)

// moveItem moves the item one place up or down among its siblings ("retning" op or ned) and goes
// back to the page the buttons were on.
func (s *Server) moveItem(load itemLoader) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		it, err := load(r)
		if err != nil {
			return err
		}
		version, err := decodeVersion(r.PostForm)
		if err != nil {
			return err
		}
		up := r.PostFormValue("retning") == "op"
		if !up && r.PostFormValue("retning") != "ned" {
			return badRequest("Formularen mangler retningen (op eller ned).")
		}
		err = s.store.MoveItem(r.Context(), currentUser(r).ID, it.lv, it.id, version, up)
		if errors.Is(err, store.ErrConflict) {
			return s.refuse(w, r, it, it.the+" er ændret af en anden", it.the+
				" er blevet ændret eller flyttet, siden siden blev hentet. Hent listen igen, og prøv igen.", false)
		} else if err != nil {
			return err
		}
		return s.redirectWithFlash(w, r, backTo(r, it.back), "«"+it.title+"» er flyttet.")
	}
}

// archiveItem archives the item: it leaves the current views and stays in the history.
func (s *Server) archiveItem(load itemLoader) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		it, err := load(r)
		if err != nil {
			return err
		}
		version, err := decodeVersion(r.PostForm)
		if err != nil {
			return err
		}
		actor := currentUser(r).ID
		err = s.store.ArchiveItem(r.Context(), &actor, it.lv, it.id, version)
		if errors.Is(err, store.ErrConflict) {
			return s.refuse(w, r, it, it.the+" er ændret af en anden", it.the+
				" er blevet ændret, siden du hentede siden. Se ændringerne, før du arkiverer "+it.pronoun()+".", false)
		} else if err != nil {
			return err
		}
		s.log.Info("hierarchy item archived", "by", currentUser(r).Email, "entity", it.lv, "id", it.id)
		return s.redirectWithFlash(w, r, string(it.back), "«"+it.title+"» er arkiveret.")
	}
}

// deleteItem deletes the item if nothing holds it; otherwise it says what does and offers to
// archive it instead.
func (s *Server) deleteItem(load itemLoader) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		it, err := load(r)
		if err != nil {
			return err
		}
		version, err := decodeVersion(r.PostForm)
		if err != nil {
			return err
		}
		err = s.store.DeleteItem(r.Context(), currentUser(r).ID, it.lv, it.id, version)
		var inUse *store.InUseError
		switch {
		case errors.As(err, &inUse):
			return s.refuse(w, r, it, it.the+" kan ikke slettes", holdsMessage(it, inUse.Holds), true)
		case errors.Is(err, store.ErrConflict):
			return s.refuse(w, r, it, it.the+" er ændret af en anden", it.the+
				" er blevet ændret, siden du hentede siden. Se ændringerne, før du sletter "+it.pronoun()+".", false)
		case err != nil:
			return err
		}
		s.log.Info("hierarchy item deleted", "by", currentUser(r).Email, "entity", it.lv, "id", it.id)
		return s.redirectWithFlash(w, r, string(it.back), "«"+it.title+"» er slettet.")
	}
}

// refuse answers 409 with why the item could not be changed; offerArchive offers archiving it.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, it adminItem, heading, msg string, offerArchive bool) error {
	v := pages.HierarchyRefusal{Heading: heading, Message: msg, Back: it.edit, Hidden: it.hidden}
	if offerArchive {
		version, err := s.store.CurrentVersion(r.Context(), it.lv, it.id)
		if err != nil {
			return err
		}
		v.Archive, v.Version = templ.SafeURL(strings.TrimSuffix(string(it.edit), "/rediger")+"/arkiver"), version
		if it.lv == store.LevelLadder {
			v.Archive = pages.LadderAdminURL(it.org.Slug) + "/arkiver"
		}
	}
	p := s.orgPage(r, it.org, "admin", heading, c.Crumb{Label: it.title, Href: it.edit}, c.Crumb{Label: heading})
	return s.render(w, r, http.StatusConflict, pages.HierarchyRefused(p, v))
}

// holdsMessage says what holds an item, e.g. "Sporet kan ikke slettes: 2 generelle indsatser og
// 5 mål peger på det. Arkivér det i stedet."
func holdsMessage(it adminItem, holds []store.Hold) string {
	parts := make([]string, len(holds))
	for i, h := range holds {
		parts[i] = holdText(it.org, h)
	}
	list := parts[0]
	if n := len(parts); n > 1 {
		list = strings.Join(parts[:n-1], ", ") + " og " + parts[n-1]
	}
	return fmt.Sprintf("%s kan ikke slettes: %s peger på %s. Arkivér %s i stedet.", it.the, list, it.pronoun(), it.pronoun())
}

// holdText is a count of things that hold an item, in Danish with the organisation's labels.
func holdText(org domain.Organisation, h store.Hold) string {
	words := map[string][2]string{
		store.HoldUnits:       {"underenhed", "underenheder"},
		store.HoldUsers:       {"bruger", "brugere"},
		store.HoldStrategies:  {"strategi", "strategier"},
		store.HoldAgreements:  {"aftale", "aftaler"},
		store.HoldHistory:     {"række i historikken", "rækker i historikken"},
		store.HoldObjectives:  {"målsætning", "målsætninger"},
		store.HoldGoals:       {"mål", "mål"},
		store.HoldTracks:      {lowerFirst(org.LabelTrack), lowerFirst(org.LabelTracks)},
		store.HoldGenerals:    {lowerFirst(org.LabelGeneral), lowerFirst(org.LabelGenerals)},
		store.HoldLocals:      {lowerFirst(org.LabelLocal), lowerFirst(org.LabelLocals)},
		store.HoldActionPlans: {lowerFirst(org.LabelActionPlan), lowerFirst(org.LabelActionPlans)},
		store.HoldAnnualPlans: {"indsatsplan", "indsatsplaner"},
		store.HoldStatus:      {"statusopdatering", "statusopdateringer"},
		store.HoldComments:    {"kommentar", "kommentarer"},
	}[h.Kind]
	if h.Count == 1 {
		return "1 " + words[0]
	}
	return fmt.Sprintf("%d %s", h.Count, words[1])
}

func lowerFirst(s string) string { return strings.ToLower(s) }

// backTo is the page a move came from (a path of Sporbar's own), else def.
func backTo(r *http.Request, def templ.SafeURL) string {
	if b := localPath(r.PostFormValue("tilbage")); b != "" {
		return b
	}
	return string(def)
}
