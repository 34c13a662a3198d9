package config

import (
	"strings"
	"testing"
)

// TestPrivacyMistakesNameTheLine checks that each kind of mistake in
// [privacy] is an error that names its line in config.toml.
func TestPrivacyMistakesNameTheLine(t *testing.T) {
	head := "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[privacy]\n"
	for _, c := range []struct{ body, want string }{
		{"fallback = \"FR\"\n[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"a@example.org\"\n", `fallback "FR"`},
		{"[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"not an address\"\n", "is not an e-mail address"},
		{"[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"a@example.org\"\n[[privacy.controllers]]\ncountry = \"be\"\nname = \"B\"\nemail = \"b@example.org\"\n", "two controllers"},
		{"[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"a@example.org\"\ntransfer = \"maybe\"\n", `unknown transfer "maybe"`},
		{"[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"a@example.org\"\n[[privacy.services]]\nrole = \"cloud\"\nname = \"X\"\n", `unknown role "cloud"`},
	} {
		_, diags, err := Parse([]byte(head+c.body), "config.toml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: want an error containing %q, got %v", c.body, c.want, err)
			continue
		}
		for _, d := range diags {
			if d.Line == 0 {
				t.Errorf("%q: error without a line: %v", c.body, d)
			}
		}
	}
	cfg, _, err := Parse([]byte(head+"fallback = \"be\"\n[[privacy.controllers]]\ncountry = \"BE\"\nname = \"A\"\nemail = \"a@example.org\"\n"), "config.toml")
	if err != nil || cfg.Privacy.FallbackController() == nil || !cfg.Privacy.HasController("be") || cfg.Privacy.HasController("FR") {
		t.Errorf("a valid [privacy] table: %v, %+v", err, cfg.Privacy)
	}
}
