package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// partialCache keeps partials rendered once per build for every page that
// asks with the same keys.
type partialCache struct{ m sync.Map }

// Cached renders the partial name once per build for each distinct set of
// keys and reuses the HTML for every page asking with the same keys, like
// Hugo's partialCached. The keys must capture everything the partial
// shows: {{ .Cached "partials/site-nav.html" .Page.Lang .Page.Root .NavKey }}.
func (v *View) Cached(name string, keys ...any) (template.HTML, error) {
	if v.set == nil {
		return "", errors.New("Cached is only available while a page renders")
	}
	var k strings.Builder
	k.WriteString(name)
	for _, key := range keys {
		k.WriteByte(0)
		fmt.Fprint(&k, key)
	}
	if html, ok := v.cache.m.Load(k.String()); ok {
		return html.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := v.set.ExecuteTemplate(&buf, name, v); err != nil {
		return "", err
	}
	html := template.HTML(buf.String())
	v.cache.m.Store(k.String(), html)
	return html, nil
}

// NavKey describes the state of the page's navigation: which entries of the
// main menu and the footer are the page itself or lead to its section.
func (v *View) NavKey() string {
	var k strings.Builder
	for _, items := range [][]MenuItem{v.Menu(), v.FooterLinks()} {
		for _, it := range items {
			switch {
			case it.Current:
				k.WriteByte('c')
			case it.Active:
				k.WriteByte('a')
			default:
				k.WriteByte('-')
			}
		}
		k.WriteByte('|')
	}
	return k.String()
}
