package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/ssotest"
)

// TestSSOCommand: the operator adds an OIDC method (the secret from standard input, sealed
// with SSO_SECRET_KEY) and a mapping, and lists the methods; bad command lines are refused.
func TestSSOCommand(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	url := dbtest.URL(t, pool)
	getenv := func(k string) string {
		return map[string]string{"DATABASE_URL": url, "SSO_SECRET_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}[k]
	}
	org := "--org=ringkobing-skjern"
	idp, err := ssotest.StartSAMLIdP("127.0.0.1:0", ssotest.DemoPeople())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(idp.Close)
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cert, key, err := sso.NewKeyPair("Testkommunens systemcertifikat")
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, err := sso.NewKeyPair("En anden")
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile, otherFile := write("cert.pem", cert), write("key.pem", string(key)), write("other.pem", string(otherKey))
	saml := []string{"add", org, "--kind=saml", "--slug=kombit", "--name=KOMBIT", "--metadata-url=" + idp.MetadataURL, "--sp-cert=" + certFile}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantErr  bool
		wantText string
	}{
		{"add without the secret", []string{"add", org, "--slug=entra", "--name=Microsoft", "--issuer=https://login.example.dk/v2.0", "--client-id=abc"}, "", true, ""},
		{"add", []string{"add", org, "--slug=entra", "--name=Microsoft", "--issuer=https://login.example.dk/v2.0", "--client-id=abc"}, "klienthemmelighed\n", false, "Oprettet: Microsoft"},
		{"the same slug again", []string{"add", org, "--slug=entra", "--name=Microsoft", "--issuer=https://login.example.dk/v2.0", "--client-id=abc"}, "x\n", true, ""},
		{"map to a role that is not", []string{"map", org, "--method=entra", "--value=ledere", "--role=konge"}, "", true, ""},
		{"map with a unit", []string{"map", org, "--method=entra", "--value=ledere", "--role=omraadeleder", "--unit=Hjemmepleje og akutaflastning"}, "", false, "ledere → Områdeleder"},
		{"list", []string{"list", org}, "", false, "/sso/ringkobing-skjern/entra"},
		{"SAML with a key that is not the certificate's", append(saml, "--sp-key="+otherFile), "", true, ""},
		{"SAML with a certificate but no key", saml, "", true, ""},
		{"SAML with its own certificate", append(saml, "--sp-key="+keyFile), "", false, "Oprettet: KOMBIT"},
		{"an organisation that is not", []string{"list", "--org=findes-ikke"}, "", true, ""},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := Run(context.Background(), append([]string{"sporbar", "sso"}, tt.args...), getenv, strings.NewReader(tt.stdin), &out)
		if (err != nil) != tt.wantErr || !strings.Contains(out.String(), tt.wantText) {
			t.Errorf("%s: err %v (want error %v), output %q (want %q)", tt.name, err, tt.wantErr, out.String(), tt.wantText)
		}
	}
	var secret []byte
	if err := pool.QueryRow(context.Background(), `SELECT client_secret FROM sign_in_methods WHERE slug = 'entra'`).Scan(&secret); err != nil {
		t.Fatal(err)
	}
	if len(secret) == 0 || bytes.Contains(secret, []byte("klienthemmelighed")) {
		t.Errorf("the stored secret is %q: not sealed", secret)
	}
	var storedCert string
	var storedKey []byte
	if err := pool.QueryRow(context.Background(), `SELECT sp_certificate, sp_private_key FROM sign_in_methods WHERE slug = 'kombit'`).
		Scan(&storedCert, &storedKey); err != nil {
		t.Fatal(err)
	}
	if storedCert != cert || bytes.Contains(storedKey, key) {
		t.Errorf("the SAML method does not have the given certificate, or its key is not sealed")
	}
}
