package sso

import (
	"encoding/base64"
	"encoding/xml"
	"strings"
)

// privilegeList is OIOSAML's Basic Privilege Profile, in which KOMBIT's Context Handler passes
// a user's rights (attribute https://data.gov.dk/model/core/eid/privilegesIntermediate, or
// dk:gov:saml:attribute:Privileges_intermediate in OIOSAML 2): base64-encoded XML.
type privilegeList struct {
	XMLName xml.Name `xml:"PrivilegeList"`
	Groups  []struct {
		Scope      string   `xml:"Scope,attr"`
		Privileges []string `xml:"Privilege"`
	} `xml:"PrivilegeGroup"`
}

// expandPrivileges returns value's privileges when it is a base64-encoded privilege list, so
// that a mapping can name a privilege as it stands (e.g. http://sporbar.dk/roles/leder/1);
// any other value is returned as it is.
func expandPrivileges(value string) []string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(value))
	if err != nil || len(raw) > 1<<20 {
		return []string{value}
	}
	var pl privilegeList
	if err := xml.Unmarshal(raw, &pl); err != nil {
		return []string{value}
	}
	var out []string
	for _, g := range pl.Groups {
		for _, p := range g.Privileges {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return []string{value}
	}
	return out
}
