package content

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// misspelt warns about a front matter key oersite does not read that is a
// slip away from one it does ("tittle", "sumary", "licnece"): the page
// would otherwise go without its title or summary and nothing would say
// why. A key of the author's own, far from every field, is left alone (a
// template may read it), and so are a field's plural or singular
// ("images" beside image), which other generators use.
func (r *fieldReader) misspelt() {
	keys := make([]string, 0, len(r.d.values))
	for k := range r.d.values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		lk := strings.ToLower(k)
		if _, ok := r.asked[lk]; ok || utf8.RuneCountInString(lk) < 4 {
			continue
		}
		if name, ok := r.closest(lk); ok {
			r.warnf(k, diag.Hintf("rename it to %s; a field of your own, which your templates read, can stay as it is", name),
				"field %q is not one oersite reads: did you mean %s?", k, name)
		}
	}
}

// closest is the field oersite looked for that lk is one or two slips from
// (one for names of five letters or fewer), the first in alphabetical order
// among the nearest.
func (r *fieldReader) closest(lk string) (string, bool) {
	best, bestD := "", 3
	for low, name := range r.asked {
		if low+"s" == lk || lk+"s" == low {
			continue
		}
		limit := 2
		if utf8.RuneCountInString(low) <= 5 {
			limit = 1
		}
		if d := slips(lk, low); d <= limit && (d < bestD || d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	return best, best != ""
}

// slips is the number of typing slips (a letter added, dropped, changed,
// or two neighbours swapped) between a and b: their optimal string
// alignment distance.
func slips(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2, prev, cur := make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
