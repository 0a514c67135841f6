package sso

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// NewKeyPair makes the SAML service provider's RSA key and a self-signed certificate for it
// (valid for ten years; IdPs trust it by the metadata, not by a chain), both as PEM.
func NewKeyPair(commonName string) (certPEM string, keyPEM []byte, err error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", nil, fmt.Errorf("new key pair: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return "", nil, fmt.Errorf("new key pair: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName, Organization: []string{"Sporbar"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(10, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", nil, fmt.Errorf("new key pair: %w", err)
	}
	certPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	return certPEM, keyPEM, nil
}

// CertificateInfo is what the admin sees of a service provider certificate: never the key.
type CertificateInfo struct {
	Subject     string
	Fingerprint string // SHA-256 of the DER, hex pairs separated by colons
	NotAfter    time.Time
}

// DescribeCertificate returns the subject, fingerprint and expiry of a PEM certificate.
func DescribeCertificate(certPEM string) (CertificateInfo, error) {
	cert, err := parseCertificate(certPEM)
	if err != nil {
		return CertificateInfo{}, fmt.Errorf("describe certificate: %w", err)
	}
	sum := sha256.Sum256(cert.Raw)
	hexes := make([]string, len(sum))
	for i, b := range sum {
		hexes[i] = fmt.Sprintf("%02X", b)
	}
	return CertificateInfo{Subject: cert.Subject.String(), Fingerprint: strings.Join(hexes, ":"), NotAfter: cert.NotAfter}, nil
}

// CheckKeyPair reports why a certificate and private key given by an organisation (e.g. an
// OCES3 system certificate, PEM; the key PKCS #1 or PKCS #8 RSA) cannot be our SAML key pair:
// not PEM, not RSA, a key that does not belong to the certificate, or a certificate expired at now.
func CheckKeyPair(certPEM string, keyPEM []byte, now time.Time) error {
	cert, key, err := parseKeyPair(certPEM, keyPEM)
	if err != nil {
		return err
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !pub.Equal(&key.PublicKey) {
		return errors.New("check key pair: the key does not belong to the certificate")
	}
	if now.After(cert.NotAfter) {
		return errors.New("check key pair: the certificate has expired")
	}
	return nil
}

func parseCertificate(certPEM string) (*x509.Certificate, error) {
	cb, _ := pem.Decode([]byte(certPEM))
	if cb == nil || cb.Type != "CERTIFICATE" {
		return nil, errors.New("not a PEM certificate")
	}
	return x509.ParseCertificate(cb.Bytes)
}

// parseKeyPair reads a PEM certificate and RSA key (PKCS #1 or PKCS #8).
func parseKeyPair(certPEM string, keyPEM []byte) (*x509.Certificate, *rsa.PrivateKey, error) {
	cert, err := parseCertificate(certPEM)
	if err != nil {
		return nil, nil, fmt.Errorf("parse key pair: %w", err)
	}
	kb, _ := pem.Decode(keyPEM)
	if kb == nil {
		return nil, nil, errors.New("parse key pair: the key is not PEM")
	}
	if key, err := x509.ParsePKCS1PrivateKey(kb.Bytes); err == nil {
		return cert, key, nil
	}
	any, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("parse key pair: %w", err)
	}
	key, ok := any.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, errors.New("parse key pair: not an RSA key")
	}
	return cert, key, nil
}
