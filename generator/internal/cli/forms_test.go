package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/forms"
)

// TestFormReceiverAcceptsWhatTheFormOffers: the form offers a module by its
// address (its slug), and `serve --forms` accepts that value, not the
// module's folder name: the receiver takes the site's choices after each
// build, as the dev server gives them.
func TestFormReceiverAcceptsWhatTheFormOffers(t *testing.T) {
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(`-- config.toml --
baseURL = "https://x.example/"
[languages.en]
name = "English"
[languages.it]
name = "Italiano"
[forms.request]
endpoint = "local"
[[forms.request.fields]]
name = "topics"
type = "multiselect"
optionsFrom = "modules"
-- content/en/modules/folder-name/index.md --
---
title: Posts
slug: writing-posts
---
-- content/it/modules/folder-name/index.md --
---
title: Post
slug: scrivere-post
---
`)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	if _, err := formsReceiver(dir, filepath.Join(t.TempDir(), "requests.jsonl"), io.Discard); err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(context.Background(), build.Options{Source: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	allows := forms.Specs(res.Site.Config.Forms, res.Site.ChoiceValues)["request"].Allows["topics"]
	if !allows["writing-posts"] || !allows["scrivere-post"] || allows["folder-name"] {
		t.Errorf("the receiver accepts %v", allows)
	}
}

// The receiver's file may not lie where a build reads or publishes it.
func TestFormsFileOutsideTheInputFolders(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "config.toml"), []byte("baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[forms.request]\nendpoint = \"local\"\n[[forms.request.fields]]\nname = \"email\"\ntype = \"email\"\n"), 0o644)
	os.MkdirAll(filepath.Join(site, "content", "en"), 0o755)
	os.WriteFile(filepath.Join(site, "content", "en", "index.md"), []byte("---\ntitle: Home\n---\n"), 0o644)
	for _, bad := range []string{"static/subs.jsonl", "content/en/subs.jsonl", ".git/subs.jsonl"} {
		_, err := formsReceiver(site, filepath.Join(site, bad), io.Discard)
		if err == nil || !strings.Contains(err.Error(), "inside the site's") {
			t.Errorf("--forms %s: got %v", bad, err)
		}
		if _, err := os.Stat(filepath.Join(site, bad)); err == nil {
			t.Errorf("--forms %s: the file was created", bad)
		}
	}
	if _, err := formsReceiver(site, filepath.Join(t.TempDir(), "subs.jsonl"), io.Discard); err != nil {
		t.Errorf("a file outside the site: %v", err)
	}
}
