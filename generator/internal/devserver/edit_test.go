package devserver

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestEditLinkOnlyInPages: with the editor on, the editor's address (and its
// token) is in the served page's script tag, which another site cannot
// read, and never in live.js, which another site could include.
func TestEditLinkOnlyInPages(t *testing.T) {
	s := New(Options{Source: t.TempDir(), EditLink: "/_edit/?token=abc&x=<y>", EditText: func(*http.Request) string { return "Modifier <cette> page" }})
	page := string(s.inject(httptest.NewRequest("GET", "/", nil), []byte("<html><body><p>Hi</p></body></html>")))
	if !strings.Contains(page, `<script src="/_oersite/live.js" defer data-edit="/_edit/?token=abc&amp;x=&lt;y&gt;" data-edit-text="Modifier &lt;cette&gt; page"></script></body>`) {
		t.Errorf("page: %s", page)
	}
	if strings.Contains(string(liveJS), "abc") {
		t.Error("the token is in live.js")
	}
	plain := New(Options{Source: t.TempDir()})
	if strings.Contains(string(plain.inject(httptest.NewRequest("GET", "/", nil), []byte("<body></body>"))), "data-edit") {
		t.Error("an edit link without --edit")
	}
}
