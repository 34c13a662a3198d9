package config

import "testing"

// FuzzParse reads arbitrary config.toml files: no panic; a rejection is an
// error naming config.toml.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"baseURL = \n",
		"baseURL = \"ftp://x\"\ndefaultLanguage = \"zz\"\n[languages.en]\n",
		"[forms.request]\nendpoint = \"local\"\n[[forms.request.fields]]\nname = \"email\"\ntype = \"email\"\n",
		"theme = \"../../etc\"\n",
		"[forms.request]\n[forms.request.recipients.IT]\nname = \"x\"\nemail = \"a@b\"\n[[forms.request.fields]]\nname = \"country\"\ntype = \"select\"\noptions = [\"IT\"]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, diags, err := Parse(data, "config.toml")
		if err != nil {
			if !diags.HasErrors() && err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if cfg.Theme == ".." || len(cfg.Languages) == 0 {
			t.Fatalf("accepted an unusable config: %+v", cfg)
		}
	})
}
