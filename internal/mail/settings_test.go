package mail

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw, from string
		want            Settings
		wantErr         bool
	}{
		{name: "empty is off", raw: "", want: Settings{}},
		{name: "relay on 25 without auth", raw: "smtp://relay.kommune.local:25?tls=none", from: "sporbar@kommune.dk",
			want: Settings{Host: "relay.kommune.local", Port: 25, TLS: TLSNone, From: "<sporbar@kommune.dk>"}},
		{name: "starttls is the default on 587", raw: "smtp://u:p@smtp.office365.com", from: "a@b.dk",
			want: Settings{Host: "smtp.office365.com", Port: 587, Username: "u", Password: "p", TLS: TLSStartTLS, From: "<a@b.dk>"}},
		{name: "smtps means implicit tls on 465", raw: "smtps://mail.example.dk", from: "a@b.dk",
			want: Settings{Host: "mail.example.dk", Port: 465, TLS: TLSImplicit, From: "<a@b.dk>"}},
		{name: "none defaults to port 25", raw: "smtp://relay?tls=none", from: "a@b.dk",
			want: Settings{Host: "relay", Port: 25, TLS: TLSNone, From: "<a@b.dk>"}},
		{name: "wrong scheme", raw: "http://relay", from: "a@b.dk", wantErr: true},
		{name: "bad port", raw: "smtp://relay:99999", from: "a@b.dk", wantErr: true},
		{name: "bad tls", raw: "smtp://relay?tls=ssl3", from: "a@b.dk", wantErr: true},
		{name: "no sender", raw: "smtp://relay", wantErr: true},
		{name: "bad sender", raw: "smtp://relay", from: "ikke en adresse", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseURL(tt.raw, tt.from)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", tt.name, err, tt.wantErr)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ParseURL mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}
