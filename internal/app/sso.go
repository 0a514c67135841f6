package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// ssoCommand runs `sso list|add|map`: the installation's operator configures an organisation's
// identity providers without the browser (the admin pages do the same, server/sso_admin*.go).
func ssoCommand(ctx context.Context, cfg config.Config, st *store.Store, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("sso kræver list, add eller map: %w", errUsage)
	}
	fs := flag.NewFlagSet("sso "+args[0], flag.ContinueOnError)
	fs.SetOutput(stdout)
	orgSlug := fs.String("org", "", "organisationens kortnavn")
	m := domain.SignInMethod{Enabled: true}
	fs.StringVar(&m.Kind, "kind", "oidc", "oidc eller saml")
	fs.StringVar(&m.Slug, "slug", "", "metodens korte navn i adresserne (add), fx entra")
	fs.StringVar(&m.DisplayName, "name", "", "navnet på knappen (add)")
	fs.StringVar(&m.Issuer, "issuer", "", "OIDC: udsteder")
	fs.StringVar(&m.ClientID, "client-id", "", "OIDC: klient-id (hemmeligheden læses fra standard input)")
	fs.StringVar(&m.Scopes, "scopes", "openid email profile", "OIDC: scopes")
	fs.StringVar(&m.IDPMetadataURL, "metadata-url", "", "SAML: adressen på udbyderens metadata")
	fs.StringVar(&m.RoleClaim, "role-claim", "roles", "kravet med roller eller grupper")
	fs.StringVar(&m.UnitClaim, "unit-claim", "", "kravet med enhedens id i kataloget")
	fs.StringVar(&m.EmailClaim, "email-claim", "email", "kravet med e-mailadressen")
	fs.StringVar(&m.NameClaim, "name-claim", "name", "kravet med navnet")
	spCert := fs.String("sp-cert", "", "SAML: fil med organisationens eget certifikat (PEM), fx OCES3; tom: Sporbar laver sit eget")
	spKey := fs.String("sp-key", "", "SAML: fil med certifikatets private nøgle (PEM)")
	method := fs.String("method", "", "metodens korte navn (map)")
	value := fs.String("value", "", "værdien i kravet (map)")
	role := fs.String("role", "", "rollen, værdien giver (map)")
	unit := fs.String("unit", "", "enhedens navn (map, valgfri)")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	org, err := st.GetOrganisationBySlug(ctx, *orgSlug)
	if err != nil {
		return fmt.Errorf("organisation %q (--org): %w", *orgSlug, err)
	}
	switch args[0] {
	case "list":
		return listMethods(ctx, cfg, st, org, stdout)
	case "add":
		m.OrganisationID = org.ID
		if err := readSPKeyPair(&m, *spCert, *spKey); err != nil {
			return err
		}
		return addMethod(ctx, cfg, st, org, m, stdin, stdout)
	case "map":
		return addMapping(ctx, st, org, *method, *value, *role, *unit, stdout)
	}
	return fmt.Errorf("ukendt sso-kommando %q: %w", args[0], errUsage)
}

func listMethods(ctx context.Context, cfg config.Config, st *store.Store, org domain.Organisation, stdout io.Writer) error {
	methods, err := st.ListSignInMethods(ctx, org.ID)
	if err != nil {
		return err
	}
	for _, m := range methods {
		fmt.Fprintf(stdout, "%s\t%s\t%s\tslået til: %v\t%s%s\n", m.Slug, m.KindLabel(), m.DisplayName, m.Enabled,
			cfg.BaseURL, sso.Path(org.Slug, m.Slug, ""))
	}
	return nil
}

// addMethod creates a method as the admin's form does: the secret sealed, the SAML metadata
// fetched and a key pair made; the mappings follow with `sso map`.
func addMethod(ctx context.Context, cfg config.Config, st *store.Store, org domain.Organisation, m domain.SignInMethod,
	stdin io.Reader, stdout io.Writer) error {
	if m.Slug == "" || m.DisplayName == "" || (m.Kind != domain.MethodOIDC && m.Kind != domain.MethodSAML) {
		return fmt.Errorf("--slug, --name og --kind (oidc eller saml) er påkrævet: %w", errUsage)
	}
	sealer, err := sso.NewSealer(cfg.SSOSecretKey)
	if err != nil {
		return err
	}
	if m.Kind == domain.MethodOIDC {
		secret, err := bufio.NewReader(stdin).ReadString('\n')
		if secret = strings.TrimSpace(secret); (err != nil && !errors.Is(err, io.EOF)) || secret == "" || m.Issuer == "" || m.ClientID == "" {
			return fmt.Errorf("--issuer, --client-id og klienthemmeligheden på standard input er påkrævet: %w", errUsage)
		}
		if m.ClientSecret, err = sealer.Seal([]byte(secret)); err != nil {
			return err
		}
	} else {
		if m.EmailClaim, m.NameClaim = claimOr(m.EmailClaim, "email", "mail"), claimOr(m.NameClaim, "name", "cn"); m.IDPMetadataURL == "" {
			return fmt.Errorf("--metadata-url er påkrævet for saml: %w", errUsage)
		}
		md, err := sso.NewClient(10*time.Second).FetchIDPMetadata(ctx, m.IDPMetadataURL)
		if err != nil {
			return err
		}
		cert, key := m.SPCertificate, m.SPPrivateKey // the organisation's own (readSPKeyPair), or made here
		if cert == "" {
			if cert, key, err = sso.NewKeyPair("Sporbar " + m.Slug); err != nil {
				return err
			}
		}
		m.IDPMetadata, m.SPCertificate = string(md), cert
		if m.SPPrivateKey, err = sealer.Seal(key); err != nil {
			return err
		}
	}
	if _, err := st.CreateSignInMethod(ctx, m); err != nil {
		return fmt.Errorf("opret metode %s: %w", m.Slug, err)
	}
	fmt.Fprintf(stdout, "Oprettet: %s (%s) i %s. Tilføj roller med sporbar sso map.\n", m.DisplayName, m.KindLabel(), org.Name)
	return nil
}

// readSPKeyPair puts the organisation's own certificate and key, read from the files, in m
// (the key still unsealed: addMethod seals it), after checking that they belong together.
func readSPKeyPair(m *domain.SignInMethod, certFile, keyFile string) error {
	if certFile == "" && keyFile == "" {
		return nil
	}
	cert, err1 := os.ReadFile(certFile)
	key, err2 := os.ReadFile(keyFile)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("--sp-cert og --sp-key skal begge være filer: %w", err)
	}
	if err := sso.CheckKeyPair(string(cert), key, time.Now()); err != nil {
		return fmt.Errorf("--sp-cert og --sp-key: %w", err)
	}
	m.SPCertificate, m.SPPrivateKey = string(cert), key
	return nil
}

// claimOr is SAML's default name for a claim left at OIDC's default.
func claimOr(v, oidcDefault, samlDefault string) string {
	if v == oidcDefault {
		return samlDefault
	}
	return v
}

func addMapping(ctx context.Context, st *store.Store, org domain.Organisation, method, value, role, unit string, stdout io.Writer) error {
	if !domain.ValidRole(role) || value == "" {
		return fmt.Errorf("--method, --value og --role (admin, direktion, fagchef, omraadeleder eller laeser) er påkrævet: %w", errUsage)
	}
	m, err := st.GetSignInMethodBySlug(ctx, org.ID, method)
	if err != nil {
		return fmt.Errorf("metode %q: %w", method, err)
	}
	mp := domain.SignInMapping{MethodID: m.ID, ClaimValue: value, Role: role}
	if unit != "" {
		u, err := st.GetUnitByName(ctx, org.ID, unit)
		if err != nil {
			return fmt.Errorf("enhed %q: %w", unit, err)
		}
		mp.UnitID = &u.ID
	}
	if _, err := st.AddSignInMapping(ctx, mp); err != nil {
		return fmt.Errorf("tilknytning %q: %w", value, err)
	}
	fmt.Fprintf(stdout, "%s → %s\n", value, domain.RoleLabel(role))
	return nil
}
