package cartridge

import "testing"

// A random question's category, in each form Moodle 4 has written it.
func TestRandomDraw(t *testing.T) {
	for _, c := range []struct {
		filter, category string
		sub              bool
	}{
		{`{"questioncategoryid":"8","includingsubcategories":"0"}`, "8", false},
		{`{"questioncategoryid":12,"includingsubcategories":1}`, "12", true},
		{`{"cat":"5,10","qpage":0,"filter":{"category":{"jointype":1,"values":[5],"filteroptions":{"includesubcategories":true}}}}`, "5", true},
		{`{"cat":"7,31","qpage":0,"qperpage":100}`, "7", false},
		{`{"qpage":0}`, "", false},
		{`not json`, "", false},
	} {
		if category, sub := randomDraw(c.filter); category != c.category || sub != c.sub {
			t.Errorf("%s: category %q, subcategories %v; want %q, %v", c.filter, category, sub, c.category, c.sub)
		}
	}
}
