package server_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestAnnualPlanXLSX parses the spreadsheet of Indsatsplan 2016 back.
func TestAnnualPlanXLSX(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, regionLaeser)
	resp, body := ts.fetch(t, "/indsatsplaner/"+itoa(ts.id(t, planSQL, 2016))+".xlsx")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Disposition") != `attachment; filename="indsatsplan-2016-region-midtjylland.xlsx"` {
		t.Fatalf("status %d, disposition %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Indsatsplan 2016"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{annualPlan2016}, {"Nr.", "Handleplaner", "Implementering 2016"}}, rows[:2]); diff != "" {
		t.Errorf("title and header (-want +got):\n%s", diff)
	}
	var headings, codes []string
	cells := map[string]string{}
	for _, r := range rows[2:] {
		if len(r) == 1 {
			headings = append(headings, r[0])
			continue
		}
		codes = append(codes, r[0])
		cells[r[0]] = r[2]
	}
	wantHeadings := []string{"Indsatsområde 1: Kompetenceudvikling og udvikling af specialviden", "Indsatsområde 2: Praksisnær forskning",
		"Indsatsområde 4: Dokumentation af indsats og resultater", "Indsatsområde 5: Styrket faglig kvalitet",
		"Indsatsområde 6: Fortsat specialisering og udvikling af ydelser",
		"Indsatsområde 7: Styrket dialog og udvikling af nye samarbejdsformer og partnerskaber",
		"Indsatsområde 8: Individuel indsats og livskvalitet", "Indsatsområde 9: Høj sikkerhed for borgere og ansatte",
		"Indsatsområde 10: Frivilligt arbejde", "Indsatsområde 12: Stærkere samarbejde med sundhedsområdet",
		"Indsatsområde 13: Øget effektivitet og produktivitet"}
	if diff := cmp.Diff(wantHeadings, headings); diff != "" {
		t.Errorf("area headings (-want +got):\n%s", diff)
	}
	if len(codes) != 19 {
		t.Errorf("%d handleplan rows, want 19: %v", len(codes), codes)
	}
	wantCells := map[string]string{
		"12-D": "Aktiv indsats; INITIATIV; OL: behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning.\nDer nedsættes en arbejdsgruppe",
		"10-B": "Forberedende indsats\nSe 10-A",
		"7-D":  "Aktiv indsats\nHandikapforum drøfter",
	}
	for code, want := range wantCells {
		if !strings.HasPrefix(cells[code], want) {
			t.Errorf("%s: %.120q, want it to begin %q", code, cells[code], want)
		}
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes %+v, %v; want the title and header frozen", panes, err)
	}
	style, _ := f.GetCellStyle(sheet, "B2")
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header style %+v, %v; want bold", s, err)
	}
	for col, want := range map[string]float64{"A": 8, "B": 50, "C": 90} {
		if w, err := f.GetColWidth(sheet, col); err != nil || w != want {
			t.Errorf("column %s is %v wide, want %v", col, w, want)
		}
	}
}
