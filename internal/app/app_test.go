package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

func TestRunWithoutDatabase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args     []string
		wantErr  bool
		wantText string
	}{
		{[]string{"sporbar", "help"}, false, "DATABASE_URL"},
		{[]string{"sporbar", "version"}, false, "sporbar dev"},
		{[]string{"sporbar", "ukendt"}, true, ""},
		{[]string{"sporbar", "serve"}, true, ""}, // no DATABASE_URL
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := Run(context.Background(), tt.args, func(string) string { return "" }, nil, &out)
		if (err != nil) != tt.wantErr {
			t.Errorf("%v: err = %v, wantErr %v", tt.args, err, tt.wantErr)
		}
		if !strings.Contains(out.String(), tt.wantText) {
			t.Errorf("%v: output %q does not mention %q", tt.args, out.String(), tt.wantText)
		}
	}
}

func TestSeedAndUserAdd(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	url := dbtest.URL(t, pool)
	getenv := func(k string) string {
		switch k {
		case "DATABASE_URL":
			return url
		case "SPORBAR_DEMO_PASSWORD":
			return "demo-adgangskode"
		}
		return ""
	}
	run := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := Run(context.Background(), append([]string{"sporbar"}, args...), getenv, strings.NewReader(stdin), &out)
		return out.String(), err
	}
	out, err := run("", "seed", "--demo-users")
	if err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	for _, want := range []string{"Ringkøbing-Skjern Kommune", "Region Midtjylland", "omraadeleder@sporbar.local", "demo-adgangskode",
		"fagchef.region@sporbar.local", "fagchef, Socialområdet"} {
		if !strings.Contains(out, want) {
			t.Errorf("seed output does not mention %q:\n%s", want, out)
		}
	}
	if out, err := run("", "seed", "--demo-users"); err != nil || !strings.Contains(out, "allerede indlæst") {
		t.Errorf("second seed: err %v, output %q; want it to load nothing", err, out)
	}

	st := store.New(pool)
	u, err := st.GetUserByEmail(context.Background(), "omraadeleder@sporbar.local")
	if err != nil {
		t.Fatal(err)
	}
	if u.UnitID == nil || auth.CheckPassword("demo-adgangskode", u.PasswordHash) != nil {
		t.Errorf("demo områdeleder: unit %v, password check failed or no unit", u.UnitID)
	}
	// The region's fagchef belongs to Region Midtjylland's Socialområdet, the unit of Social Strategi.
	rf, err := st.GetUserByEmail(context.Background(), "fagchef.region@sporbar.local")
	if err != nil {
		t.Fatal(err)
	}
	region, err := st.GetOrganisationBySlug(context.Background(), "region-midtjylland")
	if err != nil {
		t.Fatal(err)
	}
	social, err := st.GetUnitByName(context.Background(), region.ID, "Socialområdet")
	if err != nil {
		t.Fatal(err)
	}
	if rf.OrganisationID != region.ID || rf.Role != "fagchef" || rf.UnitID == nil || *rf.UnitID != social.ID {
		t.Errorf("region fagchef = org %d, role %s, unit %v; want a fagchef of Socialområdet (%d) in the region (%d)",
			rf.OrganisationID, rf.Role, rf.UnitID, social.ID, region.ID)
	}

	if out, err := run("en-lang-adgangskode\n", "user", "add", "--email", "Ny@Kommune.dk", "--role", "admin",
		"--org", "ringkobing-skjern"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	nu, err := st.GetUserByEmail(context.Background(), "ny@kommune.dk")
	if err != nil || nu.Role != "admin" || auth.CheckPassword("en-lang-adgangskode", nu.PasswordHash) != nil {
		t.Errorf("added user = %+v, %v; want an admin with the password from stdin", nu, err)
	}
	if _, err := run("", "user", "add", "--email", "ny@kommune.dk", "--role", "admin", "--org", "ringkobing-skjern"); err == nil {
		t.Error("adding the same e-mail twice succeeded")
	}
	if _, err := run("", "user", "add", "--email", "x@y.dk", "--role", "fagchef", "--org", "ringkobing-skjern"); err == nil {
		t.Error("a fagchef without a unit was accepted")
	}
	if out, err := run("", "migrate", "status"); err != nil || !strings.Contains(out, "00001") {
		t.Errorf("migrate status: %v %q", err, out)
	}
}
