package devserver

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestEditLinkOnlyInPages: with the editor on, the editor's address (and its
// token) is in the served page's script tag, which another site cannot
// read, and never in live.js, which another site could include; the
// script's words (the link, the error box, the link from an error to the
// editor) come in the browser's language.
func TestEditLinkOnlyInPages(t *testing.T) {
	s := New(Options{Source: t.TempDir(), EditLink: "/_edit/?token=abc&x=<y>"})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "fr-BE, fr;q=0.9")
	page := string(s.inject(r, []byte("<html><body><p>Hi</p></body></html>")))
	if !strings.Contains(page, ` data-edit="/_edit/?token=abc&amp;x=&lt;y&gt;" data-edit-text="Modifier cette page" data-correct-text="Corriger cette page dans l’éditeur"></script></body>`) {
		t.Errorf("page: %s", page)
	}
	if !strings.Contains(page, ` data-lang="fr" data-built="0" data-failed="Le site n’a pas pu être construit. À corriger`+"\u00a0"+`:"`) {
		t.Errorf("the error box's words are not in the browser's language (French), or speak of a last good version before any: %s", page)
	}
	s.built = 1
	if page := string(s.inject(r, []byte("<body></body>"))); !strings.Contains(page, ` data-built="1" data-failed="Le site n’a pas pu être construit. La dernière version correcte reste affichée.`) {
		t.Errorf("after a good build, the error box says the last good version is served: %s", page)
	}
	if strings.Contains(string(liveJS), "abc") {
		t.Error("the token is in live.js")
	}
	plain := New(Options{Source: t.TempDir()})
	if strings.Contains(string(plain.inject(httptest.NewRequest("GET", "/", nil), []byte("<body></body>"))), "data-edit") {
		t.Error("an edit link without --edit")
	}
}
