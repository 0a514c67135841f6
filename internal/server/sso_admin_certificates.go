package server

import (
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/web/pages"
)

// The SAML service provider's own key pair in the method's form (sso_admin_methods.go): the
// organisation's own certificate (pasted or uploaded), its rollover, and what the page shows.

// checkSPKeyPair checks the organisation's own service provider certificate and key, if given.
func checkSPKeyPair(f pages.SignInMethodForm, errs domain.Errors) {
	switch {
	case f.SPCertificate == "" && f.SPKey == "":
		if f.SPSwitch && !f.HasNextCertificate {
			errs.Add("sp_certificate", "Der er intet nyt certifikat at tage i brug. Indsæt det nye certifikat og dets nøgle.")
		}
	case f.SPCertificate == "" || f.SPKey == "":
		errs.Add("sp_certificate", "Indsæt både certifikatet og dets private nøgle (PEM).")
	case len(f.SPCertificate) > 64<<10 || len(f.SPKey) > 64<<10 || sso.CheckKeyPair(f.SPCertificate, []byte(f.SPKey), time.Now()) != nil:
		errs.Add("sp_certificate", "Certifikatet og nøglen passer ikke sammen, er ikke PEM med en RSA-nøgle, eller certifikatet er udløbet.")
	}
}

// completeSPKeys gives m its service provider key pair: the organisation's own from the form
// (a new method's current pair, else the next one, published beside the current), or a new
// method's self-signed pair; and with f.SPSwitch the next pair replaces the current one.
func (s *Server) completeSPKeys(m *domain.SignInMethod, f pages.SignInMethodForm) error {
	cert, key := f.SPCertificate, []byte(f.SPKey)
	if cert == "" && f.New {
		var err error
		if cert, key, err = sso.NewKeyPair("Sporbar " + m.Slug); err != nil {
			return err
		}
	}
	if cert != "" {
		sealed, err := s.sealer.Seal(key)
		if err != nil {
			return err
		}
		if f.New {
			m.SPCertificate, m.SPPrivateKey = cert, sealed
		} else {
			m.SPNextCertificate, m.SPNextPrivateKey = cert, sealed
		}
	}
	if f.SPSwitch && m.SPNextCertificate != "" {
		m.SPCertificate, m.SPPrivateKey = m.SPNextCertificate, m.SPNextPrivateKey
		m.SPNextCertificate, m.SPNextPrivateKey = "", nil
	}
	return nil
}

// spCertificates describe the method's service provider certificates: never their keys.
func spCertificates(m domain.SignInMethod) []pages.SPCertificate {
	var out []pages.SPCertificate
	for _, c := range []struct{ label, pem string }{{"I brug", m.SPCertificate}, {"Nyt, offentliggjort i metadata", m.SPNextCertificate}} {
		if info, err := sso.DescribeCertificate(c.pem); err == nil {
			out = append(out, pages.SPCertificate{Label: c.label, Subject: info.Subject, Fingerprint: info.Fingerprint,
				NotAfter: info.NotAfter.Format("2.1.2006")})
		}
	}
	return out
}

// pemUpload is the text of the uploaded file name (at most 64 KiB: more is no PEM of ours and
// fails the check), or "" without one.
func pemUpload(r *http.Request, name string) string {
	file, _, err := r.FormFile(name)
	if err != nil {
		return ""
	}
	defer file.Close()
	b, _ := io.ReadAll(io.LimitReader(file, 64<<10+1))
	return strings.TrimSpace(string(b))
}
