package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The samlet skema out and in (issue 6): the hierarchy as an XLSX workbook (importer.WriteXLSX),
// and an upload of a filled one that is read (importer.ReadXLSX), previewed by running the
// import in a transaction that is rolled back, kept in import_previews, and written — all or
// nothing, by the same importer.Apply that loads the seed files — when the admin confirms.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// spreadsheetPage is the administration's page for the samlet skema.
func (s *Server) spreadsheetPage(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.renderSpreadsheet(w, r, http.StatusOK, pages.SpreadsheetView{Org: org})
}

func (s *Server) renderSpreadsheet(w http.ResponseWriter, r *http.Request, status int, v pages.SpreadsheetView) error {
	p := s.orgPage(r, v.Org, "admin", "Samlet skema", c.Crumb{Label: "Samlet skema"})
	return s.render(w, r, status, pages.Spreadsheet(p, v))
}

// spreadsheetXLSX sends the samlet skema filled with the organisation's current hierarchy, or
// with ?tom=1 an empty one that has only the organisation's settings and units.
func (s *Server) spreadsheetXLSX(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	h, err := s.store.LoadHierarchy(r.Context(), org.ID)
	if err != nil {
		return err
	}
	doc, name := importer.FromHierarchy(h), "samlet-skema"
	if r.URL.Query().Get("tom") == "1" {
		doc, name = importer.Document{Organisation: doc.Organisation, Units: doc.Units}, "samlet-skema-tomt"
	}
	var buf bytes.Buffer
	if err := importer.WriteXLSX(&buf, doc); err != nil {
		return err
	}
	return sendFile(w, r, xlsxType, name+"-"+org.Slug+"-"+s.today().Format(time.DateOnly)+".xlsx", buf.Bytes())
}

// sendFile answers with a download (name must be safe in a header: [a-z0-9.-]).
func sendFile(w http.ResponseWriter, r *http.Request, contentType, name string, data []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(data)
	return ignoreClientGone(r.Context(), err)
}

// readSheetUpload reads the uploaded workbook (field "fil", at most maxUploadBytes).
func readSheetUpload(r *http.Request) fileUpload {
	return readFileUpload(r, maxUploadBytes, "Vælg et regneark at indlæse.",
		fmt.Sprintf("Filen er større end %d MB.", maxUploadBytes>>20), "regneark.xlsx")
}

// sheetProblems turns an import's error into the problems the page lists; ok is false for an
// error that is no problem with the file.
func sheetProblems(err error) ([]pages.SheetProblem, bool) {
	var se *importer.SheetError
	var ve *importer.ValidationError
	var out []pages.SheetProblem
	switch {
	case errors.As(err, &se):
		for _, p := range se.Problems {
			out = append(out, pages.SheetProblem{Sheet: p.Sheet, Row: p.Row, Column: p.Column, Header: p.Header,
				Message: p.Message})
		}
	case errors.As(err, &ve):
		for _, msg := range ve.Problems {
			out = append(out, pages.SheetProblem{Message: msg})
		}
	default:
		return nil, false
	}
	return out, true
}

// importHierarchy reads an uploaded samlet skema and shows what importing it would do, or its
// problems (422). Nothing is written; the file waits for the confirmation.
func (s *Server) importHierarchy(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	v := pages.SpreadsheetView{Org: org}
	up := readSheetUpload(r)
	if up.Msg != "" {
		v.Problems = []pages.SheetProblem{{Message: up.Msg}}
		return s.renderSpreadsheet(w, r, up.Status, v)
	}
	data, name := up.Data, up.Name
	actor := currentUser(r).ID
	doc, err := importer.ReadXLSX(data, org.Slug)
	var changes []importer.Change
	if err == nil {
		changes, err = importer.Update(r.Context(), s.store, org.ID, actor, doc, true)
	}
	if problems, ok := sheetProblems(err); ok {
		v.Problems = problems
		return s.renderSpreadsheet(w, r, http.StatusUnprocessableEntity, v)
	} else if err != nil {
		return err
	}
	token, err := s.store.SavePreview(r.Context(), org.ID, actor, store.PreviewHierarchy, name, data)
	if err != nil {
		return err
	}
	v.Preview = previewOf(changes, name, token, templURL("/org/"+org.Slug+"/admin/import/bekraeft"), pages.SpreadsheetURL(org.Slug))
	return s.renderSpreadsheet(w, r, http.StatusOK, v)
}

// previewOf groups an import's changes for its preview.
func previewOf(changes []importer.Change, name, token string, confirm, cancel templ.SafeURL) *pages.ImportPreview {
	v := &pages.ImportPreview{FileName: name, Token: token, Confirm: confirm, Cancel: cancel}
	for _, ch := range changes {
		pc := pages.PreviewChange{Level: ch.Level, Title: ch.Title}
		e := domain.AuditEntry{Changes: ch.Fields}
		for _, f := range e.ChangedFields() {
			pc.Fields = append(pc.Fields, pages.FieldChange{Field: f, Old: ch.Fields[f].Old, New: ch.Fields[f].New})
		}
		switch ch.Action {
		case domain.AuditCreate:
			v.Created = append(v.Created, pc)
		case domain.AuditUpdate:
			v.Changed = append(v.Changed, pc)
		default:
			v.Archived = append(v.Archived, pc)
		}
	}
	return v
}

// errPreviewGone says the confirmed upload is no longer waiting (used, expired or someone else's).
var errPreviewGone = errors.New("preview gone")

// confirmHierarchyImport imports the previewed file in one transaction, or nothing.
func (s *Server) confirmHierarchyImport(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	actor := currentUser(r).ID
	var changes []importer.Change
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		_, data, err := tx.TakePreview(r.Context(), org.ID, actor, store.PreviewHierarchy, r.PostFormValue("token"))
		if errors.Is(err, store.ErrNotFound) {
			return errPreviewGone
		} else if err != nil {
			return err
		}
		doc, err := importer.ReadXLSX(data, org.Slug)
		if err != nil {
			return err
		}
		changes, err = importer.Apply(r.Context(), tx, org.ID, &actor, doc)
		return err
	})
	if errors.Is(err, errPreviewGone) {
		return s.redirectWithFlash(w, r, string(pages.SpreadsheetURL(org.Slug)),
			"Indlæsningen er udløbet eller allerede gemt. Indlæs regnearket igen.")
	}
	if problems, ok := sheetProblems(err); ok {
		return s.renderSpreadsheet(w, r, http.StatusUnprocessableEntity, pages.SpreadsheetView{Org: org, Problems: problems})
	} else if err != nil {
		return err
	}
	p := previewOf(changes, "", "", "", "")
	s.log.Info("hierarchy imported", "by", currentUser(r).Email, "org", org.Slug, "created", len(p.Created),
		"changed", len(p.Changed), "archived", len(p.Archived))
	return s.redirectWithFlash(w, r, string(c.HierarchyAdminURL(org.Slug)), fmt.Sprintf(
		"Skemaet er indlæst: %d oprettet, %d ændret og %d arkiveret.", len(p.Created), len(p.Changed), len(p.Archived)))
}
