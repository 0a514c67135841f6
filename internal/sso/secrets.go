package sso

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
)

// Sealer seals secrets (OIDC client secrets, SAML private keys) before they are stored, with
// AES-256-GCM under SSO_SECRET_KEY. Without a key they are stored marked as unsealed: never
// shown back either way, but readable to whoever reads the database (the README says so).
type Sealer struct {
	aead cipher.AEAD // nil: no key
}

// NewSealer returns a Sealer for the base64 key (32 bytes), or one without a key for "".
func NewSealer(keyB64 string) (*Sealer, error) {
	if keyB64 == "" {
		return &Sealer{}, nil
	}
	key, err := base64.StdEncoding.DecodeString(keyB64)
	if err != nil || len(key) != 32 {
		return nil, errors.New("new sealer: the key is not 32 bytes in base64")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("new sealer: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("new sealer: %w", err)
	}
	return &Sealer{aead: aead}, nil
}

// Seal returns the stored form of secret: 1, nonce, ciphertext; or 0 and the secret without a key.
func (s *Sealer) Seal(secret []byte) ([]byte, error) {
	if s.aead == nil {
		return append([]byte{0}, secret...), nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return s.aead.Seal(append([]byte{1}, nonce...), nonce, secret, nil), nil
}

// Open returns the secret of a stored form made by Seal (nil for nil).
func (s *Sealer) Open(stored []byte) ([]byte, error) {
	switch {
	case len(stored) == 0:
		return nil, nil
	case stored[0] == 0:
		return stored[1:], nil
	case s.aead == nil:
		return nil, errors.New("open secret: it is sealed, and SSO_SECRET_KEY is not set")
	}
	n := s.aead.NonceSize()
	if len(stored) < 1+n {
		return nil, errors.New("open secret: too short")
	}
	plain, err := s.aead.Open(nil, stored[1:1+n], stored[1+n:], nil)
	if err != nil {
		return nil, fmt.Errorf("open secret: %w", err)
	}
	return plain, nil
}
