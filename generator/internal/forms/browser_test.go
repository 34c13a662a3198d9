package forms_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/forms"
)

// site copies the example site with its request form posting to the local receiver, and serves it.
func site(t *testing.T) (url string, file string, online *atomic.Bool) {
	t.Helper()
	src := t.TempDir()
	if out, err := exec.Command("cp", "-r", "../../../content", "../../../themes", src).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	cfg, err := os.ReadFile("../../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(cfg), "\nendpoint = \"\"", "\nendpoint = \"local\"", 1)
	text = strings.Replace(text, "minSeconds = 3", "minSeconds = 0", 1)
	os.WriteFile(filepath.Join(src, "config.toml"), []byte(text), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(t.TempDir(), "requests.jsonl")
	rc := &forms.Receiver{Store: &forms.FileStore{Path: file}}
	rc.SetSpecs(forms.Specs(res.Site.Config.Forms, res.Site.ChoiceValues))
	online = &atomic.Bool{}
	online.Store(true)
	mux := http.NewServeMux()
	mux.HandleFunc("/_forms/", func(w http.ResponseWriter, r *http.Request) {
		if !online.Load() { // the receiver is down: the connection drops
			if hj, ok := w.(http.Hijacker); ok {
				conn, _, _ := hj.Hijack()
				conn.Close()
			}
			return
		}
		rc.ServeHTTP(w, r)
	})
	mux.Handle("/", http.FileServer(http.Dir(dest)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL, file, online
}

func stored(t *testing.T, file string) []map[string]any {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		json.Unmarshal(sc.Bytes(), &m)
		out = append(out, m)
	}
	return out
}

func do(t *testing.T, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatal(err)
	}
}

func fillTraining(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab,
		browsertest.Type("#f-request-organisation-training", "Bäckerei Hofmann"),
		browsertest.Type("#f-request-name-training", "Anna Hofmann"),
		browsertest.Type("#f-request-email-training", "anna@example.org"),
		chromedp.SetValue(chromedp.CSS("#f-request-country-training"), "DE"),
		chromedp.SetValue(chromedp.CSS("#f-request-language-training"), "de"),
		browsertest.Type("#f-request-staff-training", "4"),
		chromedp.Click(chromedp.CSS(`#intent-training input[name="format"][value="online"]`)),
		chromedp.Click(chromedp.CSS("#f-request-consent-training")),
	)
}

func TestRequestFormInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	url, file, online := site(t)

	// module preselection from "Request this training"
	tab := browsertest.Tab(t, ctx)
	do(t, tab, chromedp.Navigate(url+"/en/request/?module=writing-posts-people-read"))
	browsertest.WaitFor(t, tab, `document.querySelector('#intent-training input[name="topics"][value="writing-posts-people-read"]').checked && !document.querySelector("#intent-tutor").hidden === false`)

	// required-field errors shown, tied to their fields and announced
	do(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `document.querySelector("#f-request-email-training").getAttribute("aria-invalid") === "true"`)
	msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("f-request-email-training-error").textContent + "|" + document.querySelector("#errors-training").textContent`))
	if !strings.Contains(msg, "Enter your e-mail address|") || !strings.Contains(msg, "There is a problem") {
		t.Errorf("error messages: %q", msg)
	}

	// a failed submit keeps everything typed; retry succeeds once the receiver is back
	fillTraining(t, tab)
	online.Store(false)
	do(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `/Nothing you wrote is lost/.test(document.querySelector("#intent-training [role=status]").textContent)`)
	draft, _ := chromedp.Run(tab, chromedp.Evaluate[string](`sessionStorage.getItem("oersite-form-request-training")`))
	if !strings.Contains(draft, "Bäckerei Hofmann") {
		t.Errorf("draft not kept: %q", draft)
	}
	do(t, tab, chromedp.Reload())
	browsertest.WaitFor(t, tab, `document.readyState === "complete" && document.querySelector("#f-request-organisation-training").value === "Bäckerei Hofmann"`)
	online.Store(true)
	do(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `/Thank you/.test(document.querySelector("#intent-training [role=status]").textContent)`)
	if d, _ := chromedp.Run(tab, chromedp.Evaluate[string](`sessionStorage.getItem("oersite-form-request-training") || ""`)); d != "" {
		t.Error("the draft was not cleared after the receiver confirmed receipt")
	}
	got := stored(t, file)
	if len(got) != 1 || got[0]["intent"] != "training" || !strings.Contains(toJSON(got[0]), "writing-posts-people-read") {
		t.Fatalf("stored %v", got)
	}

	// the other intent
	do(t, tab, chromedp.Navigate(url+"/it/request/"),
		chromedp.Click(chromedp.CSS(`.intent-choice input[value="tutor"]`)),
		browsertest.Type("#f-request-name-tutor", "Marta"),
		browsertest.Type("#f-request-email-tutor", "marta@example.org"),
		chromedp.SetValue(chromedp.CSS("#f-request-age-tutor"), "22-25"),
		chromedp.SetValue(chromedp.CSS("#f-request-country-tutor"), "IT"),
		chromedp.Click(chromedp.CSS(`#intent-tutor input[name="languages"][value="it"]`)),
		chromedp.Click(chromedp.CSS(`#intent-tutor input[name="skills"][value="business-page-step-by-step"]`)),
		browsertest.Type("#f-request-availability-tutor", "Pomeriggi"),
		chromedp.Click(chromedp.CSS("#f-request-consent-tutor")),
		chromedp.Click(chromedp.CSS("#intent-tutor button[type=submit]")))
	browsertest.WaitFor(t, tab, `/Grazie/.test(document.querySelector("#intent-tutor [role=status]").textContent)`)
	if got := stored(t, file); len(got) != 2 || got[1]["intent"] != "tutor" || got[1]["lang"] != "it" {
		t.Fatalf("tutor request stored as %v", got)
	}
}

func TestRequestFormWithoutJavaScript(t *testing.T) {
	ctx := browsertest.New(t)
	url, file, _ := site(t)
	tab := browsertest.Tab(t, ctx)
	do(t, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	do(t, tab, chromedp.Navigate(url+"/en/request/"))
	fillTraining(t, tab)
	do(t, tab, chromedp.Click(chromedp.CSS(`#intent-training input[name="topics"][value="content-calendar"]`)),
		chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && len(stored(t, file)) == 0 {
		time.Sleep(50 * time.Millisecond)
	}
	got := stored(t, file)
	if len(got) != 1 || got[0]["intent"] != "training" {
		t.Fatalf("plain form post stored %v", got)
	}
	browsertest.WaitFor(t, tab, `location.pathname === "/en/thanks/"`)
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }
