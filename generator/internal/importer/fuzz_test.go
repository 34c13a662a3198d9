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

// FuzzGitBookBody: whatever a GitBook page holds, writing its blocks as
// oersite's never panics, and a page without GitBook's blocks, figures,
// coloured text or table paragraphs is given back as it is.
func FuzzGitBookBody(f *testing.F) {
	for _, s := range []string{
		"{% hint style=\"info\" %}\nx\n{% endhint %}\n",
		"{% tabs %}\n{% tab title=\"a\" %}\n{% hint %}\n{% endtab %}\n{% endhint %}\n{% endtabs %}\n",
		"{% embed url=\"https://x\" %}\ncap\n{% endembed %}\n{% file src=\"../.gitbook/assets/a b.pdf\" %}\n",
		"<figure><img src=\"a.png\" alt=\"[x]\">\n<figcaption>c*d</figcaption>\n",
		"```\n{% hint %}\n```\n```x()```\n| <p>a</p> |\n<mark style=\"c\">m</mark>\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		out, changed := gitbookBody([]byte(body))
		if !changed && string(out) != body {
			t.Fatalf("an unchanged page changed:\n%q\n%q", body, out)
		}
	})
}
