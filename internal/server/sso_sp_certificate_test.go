package server_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

// testCertificate makes a certificate like an organisation's OCES3 system certificate (issued
// by a CA of the test's own) and its key as PKCS #8, both PEM, and the certificate's base64 DER.
func testCertificate(t *testing.T, name string) (certPEM, keyPEM, der64 string) {
	t.Helper()
	caKey, err1 := rsa.GenerateKey(rand.Reader, 2048)
	key, err2 := rsa.GenerateKey(rand.Reader, 2048)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test-CA"}, IsCA: true,
		BasicConstraintsValid: true, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(3, 0, 0)}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: name, Organization: []string{"Testkommune"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(3, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	p8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})), base64.StdEncoding.EncodeToString(der)
}

// spMetadataCertificates are the signing certificates (base64 DER) in a method's SP metadata.
func (f *ssoFixture) spMetadataCertificates(t *testing.T, method string) []string {
	t.Helper()
	resp, body := f.fetch(t, "/sso/"+kommune+"/"+method+"/metadata")
	var md struct {
		Keys []struct {
			Use  string `xml:"use,attr"`
			Cert string `xml:"KeyInfo>X509Data>X509Certificate"`
		} `xml:"SPSSODescriptor>KeyDescriptor"`
	}
	if err := xml.Unmarshal(body, &md); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("SP metadata: status %d, %v", resp.StatusCode, err)
	}
	var out []string
	for _, k := range md.Keys {
		if k.Use == "signing" {
			out = append(out, strings.TrimSpace(k.Cert))
		}
	}
	return out
}

// TestSSOOwnServiceProviderCertificate: the admin gives a SAML method the organisation's own
// certificate and key; the page shows its subject and fingerprint but never the key; a key
// that does not belong is refused beside the field; a next certificate is published beside
// the current one until it is taken in use, which removes the old one.
func TestSSOOwnServiceProviderCertificate(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	f.signIn(t, userEmail(kommune, domain.RoleAdmin))
	first, firstKey, firstDER := testCertificate(t, "Sporbar system 1")
	second, secondKey, secondDER := testCertificate(t, "Sporbar system 2")
	base := url.Values{"display_name": {"KOMBIT"}, "enabled": {"1"}, "metadata_url": {f.idp.MetadataURL},
		"role_claim": {"groups"}, "email_claim": {"mail"}, "name_claim": {"cn"}}
	with := func(set url.Values, doc *goquery.Document) url.Values {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		if doc != nil {
			v.Set("version", doc.Find("input[name=version]").AttrOr("value", ""))
		}
		for k, vs := range set {
			v[k] = vs
		}
		return v
	}
	method := adminLogin + "/kombit"
	steps := []struct {
		name       string
		path       string
		form       url.Values
		wantStatus int
		wantError  bool
		wantCerts  []string // in the SP metadata afterwards
	}{
		{"a new method with its own certificate", adminLogin + "/ny?type=saml",
			url.Values{"slug": {"kombit"}, "sp_certificate": {first}, "sp_private_key": {firstKey}}, http.StatusOK, false, []string{firstDER}},
		{"a key that is not the certificate's", method,
			url.Values{"sp_certificate": {second}, "sp_private_key": {firstKey}}, http.StatusUnprocessableEntity, true, []string{firstDER}},
		{"a certificate without its key", method, url.Values{"sp_certificate": {second}}, http.StatusUnprocessableEntity, true, []string{firstDER}},
		{"taking in use what is not there", method, url.Values{"sp_switch": {"1"}}, http.StatusUnprocessableEntity, true, []string{firstDER}},
		{"the next certificate beside the current", method,
			url.Values{"sp_certificate": {second}, "sp_private_key": {secondKey}}, http.StatusOK, false, []string{firstDER, secondDER}},
		{"the next taken in use, the old removed", method, url.Values{"sp_switch": {"1"}}, http.StatusOK, false, []string{secondDER}},
	}
	var page *goquery.Document
	for _, st := range steps {
		if !strings.Contains(st.path, "/ny") {
			_, page = f.get(t, method)
		}
		status, doc := f.post(t, st.path, with(st.form, page))
		if status != st.wantStatus {
			t.Errorf("%s: status %d, want %d", st.name, status, st.wantStatus)
		}
		if got := fieldError(doc, "sp_certificate") != ""; got != st.wantError {
			t.Errorf("%s: message beside the certificate %v, want %v", st.name, got, st.wantError)
		}
		if html, _ := doc.Html(); strings.Contains(html, "PRIVATE KEY") {
			t.Errorf("%s: the page shows a private key", st.name)
		}
		if got := f.spMetadataCertificates(t, "kombit"); strings.Join(got, ",") != strings.Join(st.wantCerts, ",") {
			t.Errorf("%s: %d signing certificates in the metadata, want %d", st.name, len(got), len(st.wantCerts))
		}
	}
	_, doc := f.get(t, method)
	if got := doc.Find("dd").Text(); !strings.Contains(got, "Sporbar system 2") {
		t.Errorf("the page does not name the certificate in use: %q", got)
	}
	// The same by uploaded files, as the browser sends the form (multipart).
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range with(nil, doc) {
		_ = mw.WriteField(k, vs[0])
	}
	for name, content := range map[string]string{"sp_certificate_file": first, "sp_private_key_file": firstKey} {
		w, _ := mw.CreateFormFile(name, name+".pem")
		_, _ = w.Write([]byte(content))
	}
	mw.Close()
	resp, err := f.client.Post(f.srv.URL+method, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := f.spMetadataCertificates(t, "kombit"); resp.StatusCode != http.StatusOK || strings.Join(got, ",") != secondDER+","+firstDER {
		t.Errorf("uploaded files: status %d, %d signing certificates, want the uploaded one as the next", resp.StatusCode, len(got))
	}
}
