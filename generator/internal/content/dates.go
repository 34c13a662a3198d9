package content

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Canonical date layouts, read without a warning.
var strictLayouts = []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// Other unambiguous layouts real content uses, read with a warning.
var lenientLayouts = []string{
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006/01/02", "2006.01.02", "2 January 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006", "January 2 2006",
	"Monday, 2 January 2006", "Mon, 02 Jan 2006 15:04:05 -0700", time.RFC1123Z, time.RFC1123,
}

var dayFirst = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$`)

// ParseDate reads a date in the formats authors write. lenient is true when
// the text was not in ISO 8601 and the caller should warn. Day/month orders
// that cannot be told apart (03/04/2026) are an error, not a guess.
func ParseDate(s string) (t time.Time, lenient bool, err error) {
	s = strings.TrimSpace(s)
	for _, l := range strictLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, nil
		}
	}
	for _, l := range lenientLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true, nil
		}
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		switch {
		case a > 12 && b <= 12:
			return time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC), true, nil
		case b > 12 && a <= 12:
			return time.Date(y, time.Month(a), b, 0, 0, 0, 0, time.UTC), true, nil
		case a == b && a <= 12:
			return time.Date(y, time.Month(a), a, 0, 0, 0, 0, time.UTC), true, nil
		case a <= 12 && b <= 12:
			return time.Time{}, false, fmt.Errorf("%q could be day/month or month/day", s)
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date", s)
}

var durationPart = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*(\p{L}+)`)

// durationUnits are the units authors write after a number, in the
// languages oersite's own words come in (English, French, German, Spanish,
// Italian, Dutch, Bulgarian, Icelandic), lower case.
var durationUnits = map[string]time.Duration{
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	// fr
	"heure": time.Hour, "heures": time.Hour, "jour": 24 * time.Hour, "jours": 24 * time.Hour,
	// de
	"std": time.Hour, "stunde": time.Hour, "stunden": time.Hour, "minuten": time.Minute,
	"tag": 24 * time.Hour, "tage": 24 * time.Hour, "tagen": 24 * time.Hour,
	// es
	"hora": time.Hour, "horas": time.Hour, "minuto": time.Minute, "minutos": time.Minute,
	"día": 24 * time.Hour, "días": 24 * time.Hour, "dia": 24 * time.Hour, "dias": 24 * time.Hour,
	// it
	"ora": time.Hour, "ore": time.Hour, "minuti": time.Minute, "giorno": 24 * time.Hour, "giorni": 24 * time.Hour,
	// nl
	"uur": time.Hour, "uren": time.Hour, "minuut": time.Minute, "dag": 24 * time.Hour, "dagen": 24 * time.Hour,
	// bg
	"ч": time.Hour, "час": time.Hour, "часа": time.Hour, "часове": time.Hour,
	"мин": time.Minute, "минута": time.Minute, "минути": time.Minute,
	"ден": 24 * time.Hour, "дни": 24 * time.Hour, "дена": 24 * time.Hour,
	// is
	"klst": time.Hour, "klukkustund": time.Hour, "klukkustundir": time.Hour, "klukkutími": time.Hour, "klukkutímar": time.Hour,
	"mín": time.Minute, "mínúta": time.Minute, "mínútur": time.Minute, "mínútna": time.Minute,
	"dagur": 24 * time.Hour, "dagar": 24 * time.Hour, "daga": 24 * time.Hour,
}

// durationJoins are the words that may join the parts of a duration
// ("1 hour and 30 minutes", "1 Stunde und 30 Minuten").
var durationJoins = map[string]bool{"and": true, "et": true, "und": true, "y": true, "e": true, "en": true, "и": true, "og": true}

// ErrNotADuration is ParseDuration's error for a text that names no length
// of time.
var ErrNotADuration = errors.New("not a duration")

// UnknownUnitError is ParseDuration's error for a number with a unit it
// does not know ("3 weeks").
type UnknownUnitError struct{ Unit string }

func (e UnknownUnitError) Error() string { return fmt.Sprintf("unknown unit %q", e.Unit) }

// ParseDuration reads durations such as 90m, 2h, 1h30m, 1.5h, "90 minutes",
// "1 Stunde und 30 Minuten", "1,5 ore" or an ISO 8601 PT1H30M. lenient is
// true for forms other than Go's.
func ParseDuration(s string) (d time.Duration, lenient bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, errors.New("empty duration")
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return 0, false, errors.New("a duration must be longer than zero")
		}
		return d, false, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return time.Duration(n) * time.Minute, true, nil
	}
	upper := strings.ToUpper(s)
	if strings.HasPrefix(upper, "PT") {
		if d, err := time.ParseDuration(strings.ToLower(upper[2:])); err == nil && d > 0 {
			return d, true, nil
		}
	}
	rest := strings.ToLower(s)
	var total time.Duration
	for _, m := range durationPart.FindAllStringSubmatch(rest, -1) {
		unit, ok := durationUnits[m[2]]
		if !ok {
			return 0, false, UnknownUnitError{m[2]}
		}
		f, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
		total += time.Duration(math.Round(f * float64(unit)))
		rest = strings.Replace(rest, m[0], "", 1)
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !durationJoins[w] {
			return 0, false, ErrNotADuration
		}
	}
	if total <= 0 {
		return 0, false, ErrNotADuration
	}
	return total, true, nil
}

// FormatDuration writes a duration the way authors write it: 45m, 2h, 1h30m.
func FormatDuration(d time.Duration) string {
	h := int(d / time.Hour)
	m := int((d % time.Hour) / time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// ISODuration writes a duration as ISO 8601 (PT1H30M), as metadata
// (schema.org timeRequired, LOM typicalLearningTime) wants it; "" for none.
func ISODuration(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	s := "PT"
	if h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m > 0 || h == 0 {
		s += fmt.Sprintf("%dM", m)
	}
	return s
}
