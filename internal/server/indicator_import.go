package server

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// Downloading an indicator's measurements and loading many at once from a spreadsheet in the
// same layout: upload → preview → confirm, all or nothing. The preview's rows travel in the
// confirmation form and are checked again there; the confirmation is refused (409, with a new
// preview) if the measurements changed since the preview was made.

// indicatorXLSX is the indicator's measurements as a workbook.
func (s *Server) indicatorXLSX(w http.ResponseWriter, r *http.Request) error {
	return s.sendMeasurements(w, r, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", measurementsXLSX)
}

// indicatorCSV is the indicator's measurements as CSV.
func (s *Server) indicatorCSV(w http.ResponseWriter, r *http.Request) error {
	return s.sendMeasurements(w, r, "csv", "text/csv; charset=utf-8", measurementsCSV)
}

func (s *Server) sendMeasurements(w http.ResponseWriter, r *http.Request, ext, contentType string,
	write func([]domain.Measurement) ([]byte, error)) error {
	_, row, err := s.readableIndicator(r)
	if err != nil {
		return err
	}
	ms, err := s.store.ListMeasurements(r.Context(), row.ID)
	if err != nil {
		return err
	}
	body, err := write(ms)
	if err != nil {
		return err
	}
	name := "indikator-" + strconv.FormatInt(row.ID, 10) + "-maalinger-" + s.today().Format(time.DateOnly) + "." + ext
	return send(w, r, contentType, name, body)
}

// importForm shows the upload form of an indicator's import.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(pages.IndicatorURL(row.ID)), "Indikatoren er arkiveret; der kan ikke indlæses målinger.")
	}
	return s.renderImport(w, r, http.StatusOK, pages.ImportView{Org: org, Indicator: row})
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, v pages.ImportView) error {
	return s.render(w, r, status, pages.IndicatorImport(s.indicatorPage(r, v.Org, v.Indicator, "Indlæs målinger"), v))
}

// uploadMeasurements reads an uploaded file and shows what it holds: the preview with the
// confirmation form, or the file's errors (422; 413 for a file that is too large). Nothing is saved.
func (s *Server) uploadMeasurements(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(pages.IndicatorURL(row.ID)), "Indikatoren er arkiveret; der kan ikke indlæses målinger.")
	}
	v := pages.ImportView{Org: org, Indicator: row}
	up := readFileUpload(r, maxImportBytes, msgNoFile, msgTooLarge, "")
	v.FileName, v.FileError = up.Name, up.Msg
	status := cmp.Or(up.Status, http.StatusUnprocessableEntity)
	var rows []domain.Measurement
	if v.FileError == "" {
		rows, v.FileError, v.RowErrors = parseMeasurements(up.Data, s.today())
	}
	if v.FileError != "" || len(v.RowErrors) > 0 {
		return s.renderImport(w, r, status, v)
	}
	return s.renderPreview(w, r, http.StatusOK, v, rows)
}

// renderPreview shows rows against the stored measurements, with the state they were read in.
func (s *Server) renderPreview(w http.ResponseWriter, r *http.Request, status int, v pages.ImportView, rows []domain.Measurement) error {
	stored, err := s.store.ListMeasurements(r.Context(), v.Indicator.ID)
	if err != nil {
		return err
	}
	byDate := make(map[time.Time]domain.Measurement, len(stored))
	for _, m := range stored {
		byDate[m.AsOf] = m
	}
	v.State, v.Rows = store.MeasurementState(stored), nil
	for _, m := range rows {
		pr := pages.ImportRow{AsOf: m.AsOf.Format(time.DateOnly), Value: strconv.FormatFloat(m.Value, 'f', -1, 64),
			Comment: m.Comment, Date: m.AsOf, Number: m.Value}
		if old, ok := byDate[m.AsOf]; ok {
			pr.Replaces, pr.Unchanged = v.Indicator.WithUnit(old.Value), old.Value == m.Value && old.Comment == m.Comment
		}
		v.Rows = append(v.Rows, pr)
	}
	return s.renderImport(w, r, status, v)
}

// confirmImport saves the previewed rows, all or nothing, if the measurements are still as
// they were when the preview was made; else the new preview comes back (409) and nothing is saved.
func (s *Server) confirmImport(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.editableIndicator(r)
	if err != nil {
		return err
	}
	here := string(pages.IndicatorURL(row.ID))
	if row.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, here, "Indikatoren er arkiveret; der kan ikke indlæses målinger.")
	}
	rows, err := decodePreview(r.PostForm, s.today())
	if err != nil {
		return err
	}
	added, replaced, err := s.store.ImportMeasurements(r.Context(), currentUser(r).ID, row.ID, rows, r.PostForm.Get("state"))
	if errors.Is(err, store.ErrConflict) {
		v := pages.ImportView{Org: org, Indicator: row, Conflict: true, FileName: cellShort(r.PostForm.Get("file_name"), 100)}
		return s.renderPreview(w, r, http.StatusConflict, v, rows)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, here+"#udvikling",
		"Målingerne er indlæst: "+strconv.Itoa(added)+" nye og "+strconv.Itoa(replaced)+" rettede.")
}

// decodePreview reads the rows of the confirmation form (as_of, value and comment, repeated)
// and checks them again as the import does; rows that do not pass are a bad request, as the
// form only sends what the preview showed.
func decodePreview(v map[string][]string, today time.Time) ([]domain.Measurement, error) {
	dates, values, comments := v["as_of"], v["value"], v["comment"]
	bad := badRequest("Forhåndsvisningen kunne ikke læses. Indlæs filen igen.")
	if len(dates) == 0 || len(dates) > maxImportRows || len(values) != len(dates) || len(comments) != len(dates) {
		return nil, bad
	}
	rows := make([]domain.Measurement, len(dates))
	seen := map[time.Time]int{}
	for i := range dates {
		m, errs := parseRow([]sheetCell{{Text: dates[i]}, {Text: values[i]}, {Text: comments[i]}}, i+2, today, seen)
		if len(errs) > 0 {
			return nil, bad
		}
		rows[i] = m
	}
	return rows, nil
}
