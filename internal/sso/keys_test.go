package sso

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestCheckKeyPair: an organisation's own certificate and key are taken as PKCS #1 or PKCS #8
// RSA; a key of another certificate, an expired certificate and what is not PEM are refused.
func TestCheckKeyPair(t *testing.T) {
	t.Parallel()
	cert, pkcs1, err := NewKeyPair("Sporbar test")
	if err != nil {
		t.Fatal(err)
	}
	_, other, err := NewKeyPair("En anden")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(pkcs1)
	key, _ := x509.ParsePKCS1PrivateKey(block.Bytes)
	p8, _ := x509.MarshalPKCS8PrivateKey(key)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Udløbet"},
		NotBefore: time.Now().AddDate(-2, 0, 0), NotAfter: time.Now().AddDate(-1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	expired := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	stranger, _ := rsa.GenerateKey(rand.Reader, 1024) // a key of the right kind but not the certificate's
	strangerPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(stranger)})
	tests := []struct {
		name    string
		cert    string
		key     []byte
		wantErr bool
	}{
		{"PKCS #1", cert, pkcs1, false},
		{"PKCS #8", cert, pkcs8, false},
		{"another certificate's key", cert, other, true},
		{"a stranger's key", cert, strangerPEM, true},
		{"expired", expired, pkcs1, true},
		{"not PEM", "certifikat", []byte("nøgle"), true},
		{"the key in the certificate's place", string(pkcs1), pkcs1, true},
	}
	for _, tt := range tests {
		if err := CheckKeyPair(tt.cert, tt.key, time.Now()); (err != nil) != tt.wantErr {
			t.Errorf("%s: err %v, want error %v", tt.name, err, tt.wantErr)
		}
	}
	info, err := DescribeCertificate(cert)
	if err != nil || info.Subject != "CN=Sporbar test,O=Sporbar" || len(strings.Split(info.Fingerprint, ":")) != 32 {
		t.Errorf("describe: %+v, %v", info, err)
	}
}
