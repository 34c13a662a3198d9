package importer

import "testing"

// FuzzRewriteLinks: whatever the body, rewriting links that all stay as
// they are gives the body back, and a rewrite never panics.
func FuzzRewriteLinks(f *testing.F) {
	for _, s := range []string{
		"[a](b.md) ![c](d.png \"t\") [e]: /f/\n",
		"```\n[a](b)\n```\n`[x](y)` [z](<w v>)\n",
		"[a]({{< ref \"x.md\" >}}) [b]({% link c.md %}) [c]({{ site.baseurl }}/d/)\n",
		"[^1]: note\n[a](b(c)d) ](\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		same := rewriteLinks([]byte(body), func(string, int) (string, bool) { return "", false })
		if string(same) != body {
			t.Fatalf("unchanged links changed the body:\n%q\n%q", body, same)
		}
		_ = rewriteLinks([]byte(body), func(d string, _ int) (string, bool) { return "X" + d, true })
	})
}
