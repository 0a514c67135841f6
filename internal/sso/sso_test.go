package sso

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestSealer(t *testing.T) {
	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	withKey, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	without, _ := NewSealer("")
	secret := []byte("klienthemmelighed")
	sealed, err := withKey.Seal(secret)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, secret) {
		t.Error("the sealed form holds the secret in the clear")
	}
	tests := []struct {
		name    string
		s       *Sealer
		stored  []byte
		want    []byte
		wantErr bool
	}{
		{"sealed, opened with the key", withKey, sealed, secret, false},
		{"sealed, no key to open it", without, sealed, nil, true},
		{"tampered", withKey, append(append([]byte{}, sealed[:len(sealed)-1]...), sealed[len(sealed)-1]^1), nil, true},
		{"stored without a key", withKey, append([]byte{0}, secret...), secret, false},
		{"nothing", withKey, nil, nil, false},
	}
	for _, tt := range tests {
		got, err := tt.s.Open(tt.stored)
		if (err != nil) != tt.wantErr || !bytes.Equal(got, tt.want) {
			t.Errorf("%s: got %q, %v; want %q (error %v)", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := NewSealer("kort"); err == nil {
		t.Error("a short key was taken")
	}
}

// TestStartSAMLSignsTheRequest checks the HTTP-Redirect binding's signature over the
// AuthnRequest with our certificate (the test IdP is told not to check it, see ssotest).
func TestStartSAMLSignsTheRequest(t *testing.T) {
	cert, key, err := NewKeyPair("Sporbar test")
	if err != nil {
		t.Fatal(err)
	}
	idpMeta := `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example">
<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/sso"/>
</IDPSSODescriptor></EntityDescriptor>`
	m := domain.SignInMethod{SPCertificate: cert, IDPMetadata: idpMeta}
	sp, err := ServiceProvider(m, key, AddressesFor("https://sporbar.example", "kommune", "kombit"), nil)
	if err != nil {
		t.Fatal(err)
	}
	to, id, err := StartSAML(sp, "relay")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(to)
	if err != nil || id == "" || !strings.HasPrefix(to, "https://idp.example/sso?") {
		t.Fatalf("redirect %q, id %q, %v", to, id, err)
	}
	// The signed string is the raw query without the signature, in binding order.
	raw := u.RawQuery[:strings.Index(u.RawQuery, "&Signature=")]
	sig, err := base64.StdEncoding.DecodeString(u.Query().Get("Signature"))
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := parseKeyPair(cert, key)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(raw))
	if err := rsa.VerifyPKCS1v15(c.PublicKey.(*rsa.PublicKey), crypto.SHA256, sum[:], sig); err != nil {
		t.Errorf("the AuthnRequest's signature does not verify: %v (signed %q)", err, raw)
	}
	if !strings.Contains(u.Query().Get("SigAlg"), "rsa-sha256") {
		t.Errorf("SigAlg %q", u.Query().Get("SigAlg"))
	}
}

func TestExpandPrivileges(t *testing.T) {
	list := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189978">
    <Privilege>http://sporbar.dk/roles/usersystemrole/leder/1</Privilege>
    <Privilege>http://sporbar.dk/roles/usersystemrole/laeser/1</Privilege>
  </PrivilegeGroup>
</bpp:PrivilegeList>`))
	tests := []struct {
		name, value string
		want        []string
	}{
		{"a privilege list", list, []string{"http://sporbar.dk/roles/usersystemrole/leder/1", "http://sporbar.dk/roles/usersystemrole/laeser/1"}},
		{"a plain value", "sporbar-leder", []string{"sporbar-leder"}},
		{"base64 that is not a list", base64.StdEncoding.EncodeToString([]byte("<a/>")), []string{base64.StdEncoding.EncodeToString([]byte("<a/>"))}},
	}
	for _, tt := range tests {
		if got := expandPrivileges(tt.value); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
