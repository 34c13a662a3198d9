package config

import (
	"strings"
	"testing"
)

const formWithRecipients = `baseURL = "https://example.org/"
contact = "info@example.org"
[forms.request]
recipient = "Example partnership"
[forms.request.recipients.IT]
name = "Example Italia"
email = "italia@example.org"
%s
[[forms.request.fields]]
name = "country"
type = "select"
options = ["IT", "BG", "other"]
`

func TestFormRecipientsByCountry(t *testing.T) {
	c, _, err := Parse([]byte(strings.Replace(formWithRecipients, "%s", "", 1)), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	f := c.Forms["request"]
	if f.RouteField() != "country" || f.Recipients["IT"].Email != "italia@example.org" {
		t.Errorf("recipients read as %+v, routed by %q", f.Recipients, f.RouteField())
	}
	for extra, want := range map[string]string{
		"[forms.request.recipients.XX]\nname = \"Nowhere\"\nemail = \"x@example.org\"":        `recipients.XX is not an option of the field "country"`,
		"[forms.request.recipients.BG]\nname = \"Example България\"\nemail = \"maria@rossi\"": "recipients.BG has no valid e-mail address",
		"[forms.request.recipients.BG]\nemail = \"bg@example.org\"":                           "recipients.BG has no name",
	} {
		_, _, err := Parse([]byte(strings.Replace(formWithRecipients, "%s", extra, 1)), "config.toml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("with %q: error %v; want %q", extra, err, want)
		}
	}
	_, _, err = Parse([]byte(strings.Replace(formWithRecipients, "%s", "", 1)+"\n[forms.other]\nrecipientField = \"region\"\n[forms.other.recipients.north]\nname = \"N\"\nemail = \"n@example.org\"\n"), "config.toml")
	if err == nil || !strings.Contains(err.Error(), `chosen by the field "region", which the form does not have`) {
		t.Errorf("routing by a missing field: %v", err)
	}
}

// A form that composes an e-mail (no endpoint) needs the site's contact
// address to send it to: without one a learner's mail program opened with
// no one to write to. A contact that is no e-mail address is an error.
func TestMailFormNeedsTheContactAddress(t *testing.T) {
	form := "\n[forms.request]\nrecipient = \"Steps\"\n[[forms.request.fields]]\nname = \"email\"\ntype = \"email\"\n"
	_, msgs := parse(t, `baseURL = "https://example.org/"`+form)
	if !strings.Contains(msgs, "config.toml:2: warning: forms.request composes an e-mail (its endpoint is empty), and the site has no contact address to send it to") {
		t.Errorf("no contact: %s", msgs)
	}
	for _, ok := range []string{"contact = \"requests@example.org\"" + form, strings.Replace(form, "recipient", "endpoint = \"https://forms.example.org/f/1\"\nrecipient", 1)} {
		if _, msgs := parse(t, "baseURL = \"https://example.org/\"\n"+ok); strings.Contains(msgs, "no contact address") {
			t.Errorf("%s: %s", ok, msgs)
		}
	}
	_, _, err := Parse([]byte("baseURL = \"https://example.org/\"\ncontact = \"our office\"\n"), "config.toml")
	if err == nil || !strings.Contains(err.Error(), `config.toml:2: error: contact "our office" is not an e-mail address`) {
		t.Errorf("a contact that is no address: %v", err)
	}
}
