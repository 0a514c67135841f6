package server_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/ssotest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestSSOSAMLCertificateRollover: the IdP's metadata announces its next certificate; when the
// IdP starts signing with it, sign-in keeps working on the stored metadata, and a key the
// metadata does not name is refused.
func TestSSOSAMLCertificateRollover(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	keys := func() ssotest.SAMLKeys {
		k, err := ssotest.NewSAMLKeys()
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	current, next, stranger := keys(), keys(), keys()
	current.Extra = []*x509.Certificate{next.Cert}
	sealer, _ := sso.NewSealer("")
	addr := "127.0.0.1:0"
	start := func(k ssotest.SAMLKeys) {
		f.idp.Close() // the next IdP takes its address
		idp, err := ssotest.StartSAMLIdPWithKeys(addr, ssotest.DemoPeople(), k)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(idp.Close)
		if err := ssotest.RegisterSporbar(ctx, store.New(f.db), sealer, f.srv.URL, kommune, idp); err != nil {
			t.Fatal(err)
		}
		f.idp, addr = idp, strings.TrimPrefix(idp.URL, "http://")
	}
	start(current)
	resp, err := http.Get(f.idp.MetadataURL)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	_, err = md.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(ctx, `UPDATE sign_in_methods SET idp_metadata = $1 WHERE slug = $2`, md.String(), ssotest.SAMLMethod); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		keys   ssotest.SAMLKeys
		wantOK bool
	}{
		{"the current certificate", current, true},
		{"the announced next certificate", next, true},
		{"a certificate the metadata does not name", stranger, false},
	}
	for i, tt := range tests {
		if i > 0 {
			start(tt.keys)
		}
		c, page, at := f.samlAnswer(t, "bent")
		resp, _ := postAnswer(t, c, page, at, "")
		if got := resp.Request.URL.Path == "/profil"; got != tt.wantOK {
			t.Errorf("%s: signed in %v (status %d on %s), want %v", tt.name, got, resp.StatusCode, resp.Request.URL.Path, tt.wantOK)
		}
	}
	if got := f.log.reasons(t); len(got) != 1 || got[0] != sso.FailSignature {
		t.Errorf("logged %v, want [%s]", got, sso.FailSignature)
	}
}
