package ssotest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
)

// The slugs of the methods Setup makes.
const (
	OIDCMethod = "test-oidc"
	SAMLMethod = "test-saml"
)

// DemoPassword is the demo people's password at the test IdPs.
const DemoPassword = "sso-demo-adgangskode"

// The directory ids Setup gives the kommune's units (as a directory's UUIDs would be).
const (
	UnitHjemmepleje = "3f6c1b2e-8d4a-4c1e-9b1a-2a7d5e0c9f11"
	UnitSundhed     = "9a0e7d54-1c3b-4f2a-8e6d-5b4c3a2f1e00"
)

// DemoPeople are the people of the test IdPs: the role values are the directory's groups,
// which Setup's mappings turn into Sporbar roles.
func DemoPeople() []Person {
	return []Person{
		{Username: "anna", Password: DemoPassword, Name: "Anna Områdeleder", Email: "anna@kommune.example", Roles: []string{"sporbar-leder", UnitHjemmepleje}, Unit: UnitHjemmepleje},
		{Username: "olga", Password: DemoPassword, Name: "Olga Områdeleder", Email: "olga@kommune.example", Roles: []string{"sporbar-leder", UnitHjemmepleje}},
		{Username: "frank", Password: DemoPassword, Name: "Frank Fagchef", Email: "frank@kommune.example", Roles: []string{"sporbar-fagchef"}},
		{Username: "bent", Password: DemoPassword, Name: "Bent Læser", Email: "bent@kommune.example", Roles: []string{"sporbar-laeser"}},
		{Username: "carla", Password: DemoPassword, Name: "Carla Administrator", Email: "carla@kommune.example", Roles: []string{"sporbar-admin"}},
		{Username: "dennis", Password: DemoPassword, Name: "Dennis Uden Rolle", Email: "dennis@kommune.example", Roles: []string{"alle-ansatte"}},
	}
}

// StartDemo starts the OP and the SAML IdP with DemoPeople on the given loopback addresses,
// the OP's client allowed back to the organisation's OIDC method under baseURL.
func StartDemo(opAddr, samlAddr, baseURL, orgSlug string) (*OP, *SAMLIdP, error) {
	ps := DemoPeople()
	op, err := StartOP(opAddr, "sporbar", "sporbar-test-hemmelighed", []string{baseURL + sso.Path(orgSlug, OIDCMethod, "/callback")}, ps)
	if err != nil {
		return nil, nil, err
	}
	idp, err := StartSAMLIdP(samlAddr, ps)
	if err != nil {
		op.Close()
		return nil, nil, err
	}
	return op, idp, nil
}

// Setup makes (or remakes) the organisation's two test methods, OIDC at op and SAML at idp,
// with the mappings of DemoPeople's groups, gives the units their directory ids, and
// registers our SAML service provider at idp. Sporbar itself need not run.
func Setup(ctx context.Context, st *store.Store, sealer *sso.Sealer, baseURL, orgSlug string, op *OP, idp *SAMLIdP) error {
	org, err := st.GetOrganisationBySlug(ctx, orgSlug)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	units, err := demoUnits(ctx, st, org.ID)
	if err != nil {
		return err
	}
	secret, err := sealer.Seal([]byte(op.ClientSecret))
	if err != nil {
		return err
	}
	oidcM := domain.SignInMethod{OrganisationID: org.ID, Slug: OIDCMethod, Kind: domain.MethodOIDC,
		DisplayName: "Testlogin (OpenID Connect)", Enabled: true, Issuer: op.Issuer, ClientID: op.ClientID,
		ClientSecret: secret, Scopes: "openid email profile", EmailClaim: "email", NameClaim: "name",
		RoleClaim: "roles", UnitClaim: "unit"}
	if _, err := replaceMethod(ctx, st, oidcM, units); err != nil {
		return err
	}
	samlM, err := samlMethod(ctx, sealer, org.ID, idp)
	if err != nil {
		return err
	}
	if _, err = replaceMethod(ctx, st, samlM, units); err != nil {
		return err
	}
	return RegisterSporbar(ctx, st, sealer, baseURL, orgSlug, idp)
}

// RegisterSporbar registers the organisation's SAML test method (as stored) as a service
// provider at idp.
func RegisterSporbar(ctx context.Context, st *store.Store, sealer *sso.Sealer, baseURL, orgSlug string, idp *SAMLIdP) error {
	org, err := st.GetOrganisationBySlug(ctx, orgSlug)
	if err != nil {
		return fmt.Errorf("register sporbar: %w", err)
	}
	m, err := st.GetSignInMethodBySlug(ctx, org.ID, SAMLMethod)
	if err != nil {
		return fmt.Errorf("register sporbar: %w", err)
	}
	key, err := sealer.Open(m.SPPrivateKey)
	if err != nil {
		return err
	}
	sp, err := sso.ServiceProvider(m, key, sso.AddressesFor(baseURL, orgSlug, SAMLMethod), nil)
	if err != nil {
		return err
	}
	// samlidp shows its sign-in form in the middle of a flow and then re-posts the request
	// without the HTTP-Redirect binding's signature, so it is told that we do not sign (we do;
	// sso/sso_test.go checks the signature).
	meta := sp.Metadata()
	for i := range meta.SPSSODescriptors {
		meta.SPSSODescriptors[i].AuthnRequestsSigned = new(bool)
	}
	md, err := xml.Marshal(meta)
	if err != nil {
		return err
	}
	return idp.RegisterSP("sporbar-"+orgSlug, md)
}

func samlMethod(ctx context.Context, sealer *sso.Sealer, orgID int64, idp *SAMLIdP) (domain.SignInMethod, error) {
	md, err := get(ctx, idp.MetadataURL)
	if err != nil {
		return domain.SignInMethod{}, err
	}
	cert, key, err := sso.NewKeyPair("Sporbar " + SAMLMethod)
	if err != nil {
		return domain.SignInMethod{}, err
	}
	sealed, err := sealer.Seal(key)
	if err != nil {
		return domain.SignInMethod{}, err
	}
	return domain.SignInMethod{OrganisationID: orgID, Slug: SAMLMethod, Kind: domain.MethodSAML,
		DisplayName: "Testlogin (SAML)", Enabled: true, IDPMetadataURL: idp.MetadataURL, IDPMetadata: string(md),
		SPCertificate: cert, SPPrivateKey: sealed, EmailClaim: "mail", NameClaim: "cn",
		RoleClaim: "eduPersonAffiliation", UnitClaim: "eduPersonAffiliation"}, nil
}

// replaceMethod deletes the organisation's method with m's slug (and its mappings and
// identities) and creates m with the demo mappings; it returns m as stored.
func replaceMethod(ctx context.Context, st *store.Store, m domain.SignInMethod, units map[string]int64) (domain.SignInMethod, error) {
	err := st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteSignInMethod(ctx, m.OrganisationID, m.Slug); err != nil {
			return err
		}
		id, err := tx.CreateSignInMethod(ctx, m)
		if err != nil {
			return err
		}
		m.ID = id
		for _, mp := range []domain.SignInMapping{
			{ClaimValue: "sporbar-admin", Role: domain.RoleAdmin},
			{ClaimValue: "sporbar-fagchef", Role: domain.RoleFagchef, UnitID: idOf(units, UnitSundhed)},
			{ClaimValue: "sporbar-leder", Role: domain.RoleOmraadeleder},
			{ClaimValue: "sporbar-laeser", Role: domain.RoleLaeser},
		} {
			mp.MethodID = id
			if _, err := tx.AddSignInMapping(ctx, mp); err != nil {
				return err
			}
		}
		return nil
	})
	return m, err
}

// demoUnits gives the kommune's Sundhed og Omsorg and Hjemmepleje og akutaflastning their
// directory ids (where the organisation has them) and returns the unit ids by directory id.
func demoUnits(ctx context.Context, st *store.Store, orgID int64) (map[string]int64, error) {
	out := map[string]int64{}
	for ext, name := range map[string]string{UnitHjemmepleje: "Hjemmepleje og akutaflastning", UnitSundhed: "Sundhed og Omsorg"} {
		u, err := st.GetUnitByName(ctx, orgID, name)
		if errors.Is(err, store.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		if err := st.SetUnitExternalID(ctx, orgID, u.ID, ext); err != nil {
			return nil, err
		}
		out[ext] = u.ID
	}
	return out, nil
}

func idOf(units map[string]int64, ext string) *int64 {
	if id, ok := units[ext]; ok {
		return &id
	}
	return nil
}

func get(ctx context.Context, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, 2<<20))
}

// Start is StartDemo and Setup for a test: both IdPs on free loopback ports, the
// organisation's test methods in st (secrets unsealed), everything stopped when the test ends.
func Start(tb testing.TB, st *store.Store, baseURL, orgSlug string) (*OP, *SAMLIdP) {
	tb.Helper()
	op, idp, err := StartDemo("127.0.0.1:0", "127.0.0.1:0", baseURL, orgSlug)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(op.Close)
	tb.Cleanup(idp.Close)
	sealer, err := sso.NewSealer("")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Setup(ctx, st, sealer, baseURL, orgSlug, op, idp); err != nil {
		tb.Fatal(err)
	}
	return op, idp
}
