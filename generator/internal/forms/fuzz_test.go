package forms

import (
	"net/http"
	"os"
	"strings"
	"testing"
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
