package forms

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
)

// FuzzReceiver posts arbitrary bodies and content types: no panic, every
// rejection a 4xx with a message, nothing stored for a rejected request.
func FuzzReceiver(f *testing.F) {
	f.Add("application/x-www-form-urlencoded", valid().Encode())
	f.Add("application/json", `{"intent":"tutor","name":"x","email":"a@b.co","age":"18-21","consent":true}`)
	f.Add("multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--X--\r\n")
	f.Add("text/html", "<b>")
	f.Add("application/x-www-form-urlencoded", "%zz&&==")
	f.Fuzz(func(t *testing.T, ctype, body string) {
		rc, file := receiver(t)
		w := post(t, rc, "/_forms/request", ctype, body, true)
		if w.Code >= 500 {
			t.Fatalf("server error %d for %q %q", w.Code, ctype, body)
		}
		if w.Code >= 400 {
			if !strings.Contains(w.Body.String(), `"error"`) {
				t.Fatalf("rejection without a message: %s", w.Body)
			}
			if data, _ := os.ReadFile(file); len(data) > 0 {
				t.Fatal("a rejected request was stored")
			}
		}
		lines(t, file)
	})
}

var _ http.Handler = (*Receiver)(nil)

// discard stores nothing: the fuzzer posts many thousands of submissions.
type discard struct{}

func (discard) Append([]byte) error { return nil }

// FuzzNext posts arbitrary _next values (and languages): the answer is
// always a redirect to a path of this site, never to another host.
func FuzzNext(f *testing.F) {
	for _, n := range hostileNext {
		f.Add(n, "en")
	}
	f.Add("/it/grazie/", "it")
	f.Add("https://site.example/de/danke/?x=1#top", "de")
	rc := &Receiver{Store: discard{}, Now: func() time.Time { return now }}
	rc.SetSpecs(Specs(map[string]config.Form{"request": testForm()}, choices))
	f.Fuzz(func(t *testing.T, next, lang string) {
		v := valid()
		v.Set("_next", next)
		v.Set("_lang", lang)
		w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", v.Encode(), false)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("_next=%q: %d %s", next, w.Code, w.Body)
		}
		sameSite(t, w.Header().Get("Location"))
	})
}
