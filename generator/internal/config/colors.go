package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// cssColor is what [colors] accepts: #rgb, #rrggbb (with alpha too), a
// colour name, or rgb()/hsl() with numbers.
var cssColor = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,30}|(rgb|hsl)a?\([0-9.,%/ ]{5,60}\))$`)
})

// validate reports colours that are not CSS colours (errors) and
// text or links that would be hard to read on the background (warnings).
func (c Colors) validate(file string, lines keyLines) diag.List {
	var l diag.List
	for _, p := range []struct {
		table string
		pal   Palette
	}{{"colors", c.Palette}, {"colors.dark", c.Dark}} {
		for _, f := range []struct{ key, value string }{{"primary", p.pal.Primary}, {"accent", p.pal.Accent}, {"background", p.pal.Background}, {"text", p.pal.Text}} {
			if f.value != "" && !cssColor().MatchString(f.value) {
				l.Add(diag.Errorf(file, lines.inTable(p.table, f.key, ""), `write a CSS colour such as "#0b4f6c"`, "[%s] %s = %q is not a colour", p.table, f.key, f.value))
			}
		}
		for _, f := range []struct{ key, value string }{{"text", p.pal.Text}, {"primary", p.pal.Primary}} {
			if r, ok := contrast(f.value, p.pal.Background); ok && r < 4.5 {
				l.Add(diag.Warnf(file, lines.inTable(p.table, f.key, ""), "choose colours further apart: WCAG asks for 4.5:1 at least, 7:1 reads best",
					"[%s] %s on the background has a contrast of %.1f:1, too little to read", p.table, f.key, r))
			}
		}
	}
	return l
}

// contrast returns the WCAG contrast ratio of two #rrggbb or #rgb colours.
func contrast(a, b string) (float64, bool) {
	la, ok1 := luminance(a)
	lb, ok2 := luminance(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05), true
}

// luminance is the relative luminance of a #rrggbb or #rgb colour.
func luminance(hex string) (float64, bool) {
	if len(hex) == 4 && hex[0] == '#' {
		hex = fmt.Sprintf("#%c%c%c%c%c%c", hex[1], hex[1], hex[2], hex[2], hex[3], hex[3])
	}
	if len(hex) != 7 || hex[0] != '#' {
		return 0, false
	}
	var ch [3]float64
	for i := range ch {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, false
		}
		s := float64(v) / 255
		if s <= 0.03928 {
			ch[i] = s / 12.92
		} else {
			ch[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2], true
}
