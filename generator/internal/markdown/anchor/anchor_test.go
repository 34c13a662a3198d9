package anchor

import "testing"

func TestNextIsUniqueInScriptAndOrder(t *testing.T) {
	s := NewSet()
	for _, c := range []struct{ text, want string }{
		{"Що е профил", "що-е-профил"},
		{"2.3 Prices", "2-3-prices"},
		{"2.3 Prices", "2-3-prices-1"},
		{"  !!  ", "section"},
		{"Café au lait", "café-au-lait"},
	} {
		if got := s.Next(c.text); got != c.want {
			t.Errorf("Next(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	s.Put("taken")
	if got := s.Next("Taken"); got != "taken-1" {
		t.Errorf("after Put(taken): %q", got)
	}
}
